"""The Exim hook's main options, routers, transport and system filter (the parts that are not ACL statements).

Imports only params.
"""

from __future__ import annotations

from collections.abc import Sequence

from workers.exim_hook.params import (
    ACTION_VAR,
    DIR_VAR,
    FORWARDED_ROUTER_NAME,
    HOLD_VAR,
    QUERY_EXTRA_S,
    ROUTER_NAME,
    SPAM_ROUTER_NAME,
    HookParams,
    exim_server_address,
)


def _server_list(addresses: Sequence[str], timeout: int) -> str:
    servers = [f"{exim_server_address(a)} variant=rspamd tmo={timeout}s" for a in addresses]
    if any(":" in s for s in servers):  # IPv6: switch the list separator
        return "<; " + " ; ".join(servers)
    return " : ".join(servers)


def spamd_address_value(params: HookParams) -> str:
    """The value of Exim's spamd_address: each server with variant=rspamd and tmo=.

    With incoming filtration, an expansion (Exim expands a spamd_address starting with "$") picks the incoming
    listeners while the incoming ACL statements run: the listener is how the gateway learns the direction.
    """
    outgoing = _server_list(params.scan_addresses, params.timeout)
    if not params.incoming_addresses:
        return outgoing
    incoming = _server_list(params.incoming_addresses, params.timeout)
    return f"${{if eq{{${DIR_VAR}}}{{incoming}}{{{incoming}}}{{{outgoing}}}}}"


def render_main_options(params: HookParams) -> str:
    """Global (main section) options: spamd_address."""
    return f"spamd_address = {spamd_address_value(params)}\n"


def render_spam_folder_router(folder: str = ".spam", transport: str = SPAM_ROUTER_NAME,
                              local_user: bool = False) -> str:
    """A router filing incoming spam (action "spam", kept in an acl_m variable, so unforgeable) via transport.

    local_user: only for local domains and existing local users (a real server; the lab has one mailbox).
    """
    user = "  domains = +local_domains\n  check_local_user\n" if local_user else ""
    return (
        "# Mailward: incoming spam goes to the mailbox's spam folder (Dovecot Maildir++ " + folder + ").\n"
        f"{SPAM_ROUTER_NAME}:\n"
        "  driver = accept\n"
        + user
        + f"  condition = ${{if and{{{{eq{{${DIR_VAR}}}{{incoming}}}}{{eq{{${ACTION_VAR}}}{{spam}}}}}}}}\n"
        f"  transport = {transport}\n"
        "  no_verify\n"
    )


def render_spam_folder_transport(folder: str = ".spam", maildir: str = "$home/Maildir", owner: str = "") -> str:
    """The transport of the spam folder router: <maildir>/<folder>/, the local user's ~/Maildir by default
    (Debian's maildir_home). owner: deliver as that user and group (a lab with one shared mailbox)."""
    user = f"  user = {owner}\n  group = {owner}\n" if owner else ""
    return (
        "# Mailward: incoming spam, delivered into the mailbox's Maildir++ spam folder.\n"
        f"{SPAM_ROUTER_NAME}:\n"
        "  driver = appendfile\n"
        f"  directory = {maildir}/{folder}\n"
        "  maildir_format\n"
        "  create_directory\n"
        + user
        + "  delivery_date_add\n"
        "  envelope_to_add\n"
        "  return_path_add\n"
        "  mode = 0600\n"
        "  mode_fail_narrower = false\n"
    )


def render_hold_router() -> str:
    """The first router: a quarantined local message is never delivered nor bounced."""
    return (
        "# Mailward: held (quarantined) local submissions go nowhere; the gateway kept a copy.\n"
        f"{ROUTER_NAME}:\n"
        "  driver = redirect\n"
        f"  condition = ${{if eq{{${HOLD_VAR}}}{{1}}}}\n"
        "  data = :blackhole:\n"
        "  no_verify\n"
        "  no_expn\n"
    )


def render_forwarded_router(params: HookParams) -> str:
    """The router scanning forwarded copies (workers/forwarded_copies.py); "" without a query socket.

    It takes an address that redirection generated (an alias, a .forward, cPanel's valiases: $parent_domain is set)
    for a remote domain, in a message the DATA ACL marked inbound, and asks Mailward over its query socket, a unix
    socket in a root-only directory (no local user can answer in its place). Only the four fixed words of the answer
    are believed, and each maps to fixed redirect data: the answer can never add an address. Not used for address
    verification (`-bv`, callouts, `exim -bh`) nor address testing (`-bt`): routing for real delivery only.
    """
    if not params.query_socket:
        return ""
    request = ("FORWARDED\\nId: $message_exim_id\\nRcpt: ${escape:$local_part@$domain}\\n"
               "Parent: ${escape:$parent_local_part@$parent_domain}\\n")
    unavailable = "" if params.fail_mode == "open" else \
        ":defer: Mailward: the forwarded copy could not be scanned (scan gateway unavailable)"
    # Longer than the gateway's own tmo=: Mailward's answer is bounded by its scan deadline plus reading the spool,
    # and a copy must never go out on a timeout while Mailward is still holding it.
    answer = (f"${{readsocket{{{params.query_socket}}}{{{request}}}{{{params.timeout + QUERY_EXTRA_S}s}}{{}}"
              "{mailward-forward: unavailable}}")
    data = (
        f"${{if match{{{answer}}}{{\\N^mailward-forward: (deliver|hold|fail|defer)$\\N}}"
        "{${if eq{$1}{hold}{:blackhole:}"
        "{${if eq{$1}{fail}{:fail: Mailward: the content filter rejected this forwarded copy}"
        "{${if eq{$1}{defer}{:defer: Mailward: the forwarded copy is not scanned yet}{}}}}}}}"
        f"{{{unavailable}}}}}"
    )
    return (
        "# Mailward: a copy that a local forwarder (alias, .forward, valiases) sends on to a remote address, of mail\n"
        "# that came in from a remote host, is scanned as the forwarding account's outgoing mail before it leaves:\n"
        "# spam is held in that account's quarantine (this address only), clean mail goes on to the next routers.\n"
        f"{FORWARDED_ROUTER_NAME}:\n"
        "  driver = redirect\n"
        "  domains = ! +local_domains\n"
        f"  condition = ${{if and{{{{def:parent_domain}}{{eq{{${DIR_VAR}}}{{incoming}}}}{{def:message_exim_id}}}}}}\n"
        f"  data = {data}\n"
        "  allow_defer\n"
        "  allow_fail\n"
        "  no_verify\n"
        "  no_expn\n"
        "  no_address_test\n"
    )


def render_routers(params: HookParams) -> str:
    """Mailward's routers, first in the router list: the hold router, then the forwarded-copy router."""
    forwarded = render_forwarded_router(params)
    return render_hold_router() + (f"\n{forwarded}" if forwarded else "")


def render_system_filter() -> str:
    """An Exim system filter doing the router's job where no router can be added (Debian non-split)."""
    return (
        "# Exim filter\n"
        "# Mailward: held (quarantined) local submissions go nowhere; the gateway kept a copy.\n"
        f'if "${HOLD_VAR}" is "1" then\n'
        "  seen finish\n"
        "endif\n"
    )
