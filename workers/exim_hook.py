"""Mailward's Exim hook: render the ACL/router/option snippets and install them on Debian or cPanel."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import MailwardError

#: Headers Mailward owns; any copy a client sends is removed so verdicts cannot be forged.
FILTER_HEADERS = ("X-ImunifyEmail-Filter-Score", "X-ImunifyEmail-Filter-Action")
SCORE_HEADER, ACTION_HEADER = FILTER_HEADERS
#: ACL variables the snippets use (acl_m_* survive into the spool file, so routers can read them).
ACTION_VAR = "acl_m_mailward_action"
HOLD_VAR = "acl_m_mailward_hold"
DIR_VAR = "acl_m_mailward_dir"  # "incoming" while the incoming scan runs: selects the incoming listener
#: Set (to 1) on a local submission frozen because the gateway could not answer; Mailward's frozen-queue job
#: (workers/frozen_queue.py) scans such messages once it can, and touches no other frozen message.
FROZEN_VAR = "acl_m_mailward_frozen"
FROZEN = "frozen"  # ACTION_VAR's value for such a message: no verdict headers (there is no verdict yet)
FORWARDED_ROUTER_NAME = "mailward_forwarded"
#: The unix socket (in Mailward's state directory) the forwarded-copy router asks: workers/forwarded_copies.py.
QUERY_SOCKET_NAME = "exim-query.sock"
#: Seconds the router waits for Mailward beyond the spam= tmo (a forwarded-copy answer also reads Exim's spool).
QUERY_EXTRA_S = 15
SPAM_ROUTER_NAME = "mailward_spam_folder"
ROUTER_NAME = "mailward_hold"
MARK = "mailward"  # every file or block Mailward adds carries this word
DEFAULT_REJECT_TEXT = "Message rejected by the Mailward content filter"
DEFAULT_DEFER_TEXT = "Temporarily rejected by the content filter, try again later"
UNSCANNED_DEFER_TEXT = "Message could not be scanned, try again later"

_PROTO_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_IFNDEF_DEFAULT_RE = re.compile(r"^[ \t]*\.ifndef[ \t]+(\w+)[ \t]*\n[ \t]*\1[ \t]*=.*\n[ \t]*\.endif", re.M)
_HOST_RE = re.compile(r"^[A-Za-z0-9._:-]+$")
#: Where the incoming switch is kept (its presence means on); enable re-renders from it.
INCOMING_STATE = "var/lib/mailward/exim_incoming"
INCOMING_STATE_TEXT = "on\n# written by ie-config enable-incoming, removed by disable-incoming\n"


#: Hosts whose unauthenticated SMTP is a local submission, never inbound mail: loopback and every address of
#: this server (Exim's `@[]`). A local process (a PHP script's SMTP client, a compromised account) reaching the
#: server's own port must be scanned as outgoing, whatever the recipients' domains.
LOCAL_SUBMISSION_HOSTS = "<; 127.0.0.0/8 ; ::1 ; @[]"
#: DIR_VAR's value in an Exim test session (`exim -bh`/`-bhc`): nothing of Mailward's runs.
TEST_SESSION = "test"


class EximHookError(MailwardError):
    """The Exim hook could not be rendered, installed, checked or removed."""

    status = 500
    code = "exim_hook_error"


@dataclass(frozen=True, slots=True)
class HookParams:
    """Everything the rendered Exim snippets depend on."""

    scan_addresses: tuple[str, ...] = ("127.0.0.1:11333",)  # "host:port", "[v6]:port" or "/socket/path"
    timeout: int = 30  # Exim's tmo= in seconds: bounds the whole exchange with the gateway
    fail_mode: str = "open"
    release_protocol: str = "mailward-release"
    release_uid: int | None = None  # None: no release bypass statement
    max_scan_size: int = 0  # bytes; 0 = scan every message (the gateway handles oversize mail)
    incoming_addresses: tuple[str, ...] = ()  # the gateway's incoming listeners; empty: no incoming scan
    spam_header: str = "X-Mailward-Spam"  # what incoming spam is delivered with
    spam_folder: str = ""  # Maildir++ folder incoming spam is filed in (a router); empty: header only
    local_hosts: str = LOCAL_SUBMISSION_HOSTS  # Exim host list: unauthenticated SMTP from these is not inbound
    query_socket: str = ""  # Mailward's Exim query socket; empty: no forwarded-copy router

    def __post_init__(self) -> None:
        if not self.scan_addresses:
            raise EximHookError("at least one scan address is needed")
        for a in (*self.scan_addresses, *self.incoming_addresses):
            exim_server_address(a)
        if not re.fullmatch(r"[A-Za-z0-9-]{1,64}", self.spam_header):
            raise EximHookError(f"spam header {self.spam_header!r} is not a header name")
        if self.spam_folder and not (re.fullmatch(r"\.[A-Za-z0-9_.-]{1,64}", self.spam_folder)
                                     and ".." not in self.spam_folder):
            raise EximHookError(f"spam folder {self.spam_folder!r} must be a Maildir++ folder name such as .spam")
        if self.fail_mode not in ("open", "closed"):
            raise EximHookError(f"fail_mode must be 'open' or 'closed', got {self.fail_mode!r}")
        if not _PROTO_RE.match(self.release_protocol):
            raise EximHookError(f"release protocol {self.release_protocol!r} must match {_PROTO_RE.pattern}")
        if not re.fullmatch(r"<; [0-9A-Fa-f.:/@\[\]! ;]+", self.local_hosts):
            raise EximHookError(f"local_hosts {self.local_hosts!r} must be an Exim host list of addresses "
                                "starting with '<; '")
        if self.query_socket and not re.fullmatch(r"/[A-Za-z0-9._/-]{1,200}", self.query_socket):
            raise EximHookError(f"query socket {self.query_socket!r} must be an absolute path of letters, digits, "
                                "'.', '_', '-' and '/'")
        if self.timeout <= 0 or self.max_scan_size < 0:
            raise EximHookError("timeout must be positive and max_scan_size not negative")
        if self.release_uid is not None and self.release_uid < 0:
            raise EximHookError("release_uid must not be negative")


def params_from_settings(settings: Any, *, release_uid: int | None = None, max_scan_size: int = 0,
                         incoming: bool = False) -> HookParams:
    """Build HookParams from core.settings.Settings (release uid resolved from exim.release_user if not given).

    With incoming, the incoming block uses [incoming] listen, spam_header and (action spam_folder) spam_folder.
    """
    exim = settings.exim
    if release_uid is None:
        release_uid = user_uid(exim.release_user)
    inc: dict[str, Any] = {}
    if incoming:
        cfg = settings.incoming
        if not cfg.listen:
            raise EximHookError("incoming.listen is empty: set [incoming] listen (the scan gateway's incoming "
                                "listeners) before turning incoming filtration on")
        inc = {"incoming_addresses": tuple(cfg.listen), "spam_header": cfg.spam_header,
               "spam_folder": cfg.spam_folder if cfg.action == "spam_folder" else ""}
    return HookParams(
        scan_addresses=tuple(settings.scan.listen), timeout=int(exim.spamd_timeout),
        fail_mode=settings.fail_mode, release_protocol=exim.release_protocol,
        release_uid=release_uid, max_scan_size=max_scan_size,
        query_socket=str(Path(settings.state_dir) / QUERY_SOCKET_NAME), **inc,
    )


def user_uid(user: str | int) -> int:
    """The numeric uid of a login name (or the number itself); EximHookError if unknown."""
    if isinstance(user, int) or str(user).isdigit():
        return int(user)
    try:
        return pwd.getpwnam(str(user)).pw_uid
    except KeyError:
        raise EximHookError(f"user {user!r} does not exist: create it or set exim.release_user "
                            "(the release bypass needs its uid)") from None


# --------------------------------------------------------------------------------------------- rendering


def exim_server_address(addr: str) -> str:
    """Turn a gateway listen address ("127.0.0.1:11333", "[::1]:11333", "/run/x.sock") into Exim's form."""
    if addr.startswith("/"):
        if any(c.isspace() for c in addr) or ":" in addr or ";" in addr:
            raise EximHookError(f"socket path {addr!r} must not contain spaces, ':' or ';'")
        return addr
    host, sep, port = addr.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not (sep and host and port.isdigit() and 0 < int(port) < 65536 and _HOST_RE.match(host)):
        raise EximHookError(f"scan address {addr!r} must be host:port or an absolute socket path")
    return f"{host} {port}"


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


def _release_bypass(params: HookParams) -> str:
    if params.release_uid is None:
        return ""
    return (
        "  # Released mail is re-injected by the trusted release user: never scan it twice.\n"
        "  accept  condition = ${if and{{eq{$received_protocol}{PROTO}}{eq{$originator_uid}{UID}}}}\n"
        "  # The release user sends nothing but releases. Without the marker protocol, Exim ignored -oMr (the user\n"
        "  # is not in trusted_users): refuse, so the release fails loudly instead of being re-scanned and re-held.\n"
        "  deny    condition = ${if eq{$originator_uid}{UID}}\n"
        "          message = Mailward's release user is not trusted by Exim (add it to trusted_users)\n\n"
    ).replace("PROTO", params.release_protocol).replace("UID", str(params.release_uid))


#: Start of an Exim condition comparing Mailward's action variable with a word: f"{_IS}{{word}}}}".
_IS = f"${{if eq{{${ACTION_VAR}}}"
#: Fail open: an empty action (the gateway could not be asked) is treated as "unscanned".
_FAIL_OPEN = f"  warn    condition = {_IS}{{}}}}\n          set {ACTION_VAR} = unscanned\n"


def _scan_statements(params: HookParams) -> str:
    lines = [
        f"  warn    set {HOLD_VAR} =",
        f"          set {ACTION_VAR} = unscanned",
        "  # Empty after this statement means the gateway could not be asked (its fail mode applies).",
        "  warn",
    ]
    if params.max_scan_size:
        lines.append(f"          condition = ${{if <{{$message_size}}{{{params.max_scan_size}}}}}")
    lines += [
        f"          set {ACTION_VAR} =",
        "          spam = nobody:true/defer_ok",
        f"          set {ACTION_VAR} = $spam_action",
    ]
    return "\n".join(lines) + "\n"


def _message(default: str) -> str:
    # The gateway puts human text in a `Message:` reply line; Exim hands the lines after `Action:` over in
    # $spam_report, each continuation line indented by one space.
    return ("${if match{$spam_report}{\\N(?m)^\\s*Message: *(\\S[^\\r\\n]*)\\N}"
            "{${sg{$1}{\\N\\s+$\\N}{}}}{DEFAULT}}").replace("DEFAULT", default)


def _headers() -> str:
    verdict = f"${{if match{{${ACTION_VAR}}}{{\\N^(unscanned|{FROZEN})$\\N}}{{no}}{{yes}}}}"  # a verdict to show
    return (
        f"  warn    condition = {_IS}{{unscanned}}}}\n"
        f"          add_header = {ACTION_HEADER}: unscanned\n"
        f"  warn    condition = {verdict}\n"
        f"          add_header = {SCORE_HEADER}: $spam_score\n"
        f"          add_header = {ACTION_HEADER}: ${ACTION_VAR}\n"
    )


def render_smtp_data_acl(params: HookParams) -> str:
    """acl_smtp_data statements (no final accept, so they can sit inside another ACL)."""
    fail = (
        _FAIL_OPEN if params.fail_mode == "open" else
        f"  defer   condition = {_IS}{{}}}}\n          message = 4.7.1 {UNSCANNED_DEFER_TEXT}\n"
        "          log_message = Mailward: scan gateway unavailable (fail mode closed)\n"
    )
    outgoing = (
        _release_bypass(params)
        + _scan_statements(params)
        + f"  discard condition = {_IS}{{quarantine}}}}\n"
        "          log_message = Mailward: quarantined\n"
        f"  deny    condition = {_IS}{{reject}}}}\n"
        f"          message = 5.7.1 {_message(DEFAULT_REJECT_TEXT)}\n"
        "          log_message = Mailward: rejected\n"
        f"  defer   condition = {_IS}{{soft reject}}}}\n"
        f"          message = 4.7.1 {_message(DEFAULT_DEFER_TEXT)}\n"
        "          log_message = Mailward: deferred\n"
        + fail + _headers()
    )
    return (
        _direction(params)
        + render_incoming_acl(params)
        + "  # BEGIN Mailward outgoing scan (generated by ie-config; do not edit)\n"
        + _skip_incoming(outgoing)
        + "  # END Mailward outgoing scan\n"
    )


def _direction(params: HookParams) -> str:
    """Statements marking inbound mail (DIR_VAR = incoming) and Exim test sessions (DIR_VAR = test).

    The outgoing scan is for mail an account sends: SMTP AUTH, local `sendmail -bs`, unauthenticated SMTP from
    this server itself, and relaying. Mail that a remote host delivers, unauthenticated, to local mailboxes is
    inbound: the incoming scan takes it when it is on, and otherwise nothing does (it must not be held, counted
    or rate-limited as some account's outbound mail). Forged filter headers are removed from every message.

    Test sessions: any local user may run `exim -bh <ip>` (or -bhc), and Exim then runs this ACL as the Exim
    user, so the gateway's peer check alone would take it for the real thing. Exim itself tells them apart, in
    values the caller cannot set: a message the daemon received over TCP has $originator_uid = Exim's own uid,
    and local SMTP (-bs/-bS) has a `local-*` protocol; a host-checking session keeps the caller's uid as
    originator and its protocol is forced to a plain SMTP name (-oMr is ignored with -bh and -bs). Nothing is
    received in a test session, so Mailward neither scans it nor changes any state for it.
    """
    return (
        "  # BEGIN Mailward direction (generated by ie-config; do not edit)\n"
        f"  warn    remove_header = {' : '.join(FILTER_HEADERS)}\n"
        f"          set {DIR_VAR} =\n"
        "  # Inbound: a remote host (not this server) that did not authenticate, every recipient in a local domain.\n"
        "  warn    !authenticated = *\n"
        "          condition = ${if def:sender_host_address}\n"
        f"          !hosts = {params.local_hosts}\n"
        "          condition = ${if forall{<, $recipients}{match_domain{${domain:$item}}{+local_domains}}}\n"
        f"          set {DIR_VAR} = incoming\n"
        "  # Exim's test mode (exim -bh/-bhc, open to every local user): not the daemon (originator uid is the\n"
        "  # caller's, not Exim's) and not local SMTP (-bs: protocol local-*). Never scanned, changes nothing.\n"
        "  warn    condition = ${if or{{eq{$originator_uid}{$exim_uid}}{match{$received_protocol}{\\N^local-\\N}}}"
        "{no}{yes}}\n"
        f"          set {DIR_VAR} = {TEST_SESSION}\n"
        "          logwrite = Mailward: not scanned: an Exim test session (exim -bh) by uid $originator_uid\n"
        "  # END Mailward direction\n"
    )


#: First condition of every outgoing statement: only mail _direction() left unmarked. Inbound mail is the incoming
#: scan's (when on) or nobody's, and an outgoing verdict must never be applied to it (nor its headers added); an
#: Exim test session is nobody's.
_NOT_INCOMING = f"condition = ${{if eq{{${DIR_VAR}}}{{}}}}"
_STATEMENT = re.compile(r"^  (accept|warn|deny|defer|discard)( +(\S.*))?$", re.M)


def _skip_incoming(statements: str) -> str:
    """statements with _NOT_INCOMING as each one's first condition (before any modifier has an effect)."""
    def guard(m: re.Match[str]) -> str:
        rest = f"\n          {m.group(3)}" if m.group(3) else ""
        return f"  {m.group(1):<8}{_NOT_INCOMING}{rest}"
    return _STATEMENT.sub(guard, statements)


#: Guard of every incoming statement: only mail the incoming scan claimed.
_INC = f"  condition = ${{if eq{{${DIR_VAR}}}{{incoming}}}}\n"


def render_incoming_acl(params: HookParams) -> str:
    """acl_smtp_data statements scanning the mail _direction() marked inbound.

    They come after _direction() and before the outgoing ones, which skip the mail these claimed, so no message
    is scanned twice; every other message passes through them untouched. No final `accept`: on cPanel these
    statements sit inside acl_smtp_data (ACL_OUTGOING_SMTP_CHECKALL_BLOCK, which runs for inbound mail too), and
    an accept there would end that ACL before cPanel's later blocks (its SpamAssassin scan, ClamAV, the spam
    score reject threshold) see the message. Empty when incoming filtration is off.
    """
    if not params.incoming_addresses:
        return ""
    remove = " : ".join((*FILTER_HEADERS, params.spam_header))
    size = ""
    if params.max_scan_size:
        size = f"          condition = ${{if <{{$message_size}}{{{params.max_scan_size}}}}}\n"
    fail = (
        f"  warn  {_INC}          condition = {_IS}{{}}}}\n          set {ACTION_VAR} = unscanned\n"
        if params.fail_mode == "open" else
        f"  defer {_INC}          condition = {_IS}{{}}}}\n          message = 4.7.1 {UNSCANNED_DEFER_TEXT}\n"
        "          log_message = Mailward: scan gateway unavailable (fail mode closed)\n"
    )
    return (
        "  # BEGIN Mailward incoming scan (generated by ie-config; do not edit)\n"
        f"  warn  {_INC}          remove_header = {remove}\n          set {ACTION_VAR} = unscanned\n"
        f"  warn  {_INC}{size}          set {ACTION_VAR} =\n          spam = nobody:true/defer_ok\n"
        f"          set {ACTION_VAR} = $spam_action\n"
        f"  discard {_INC.lstrip()}          condition = {_IS}{{quarantine}}}}\n"
        "          log_message = Mailward: incoming mail quarantined\n"
        f"  deny  {_INC}          condition = {_IS}{{reject}}}}\n"
        f"          message = 5.7.1 {_message(DEFAULT_REJECT_TEXT)}\n"
        "          log_message = Mailward: incoming mail rejected\n"
        f"  defer {_INC}          condition = {_IS}{{soft reject}}}}\n"
        f"          message = 4.7.1 {_message(DEFAULT_DEFER_TEXT)}\n"
        "          log_message = Mailward: incoming mail deferred\n"
        + fail
        + f"  warn  {_INC}          condition = {_IS}{{spam}}}}\n          add_header = {params.spam_header}: yes\n"
        f"  warn  {_INC}          condition = {_IS}{{unscanned}}}}\n"
        f"          add_header = {ACTION_HEADER}: unscanned\n"
        f"  warn  {_INC}          condition = {_IS}{{unscanned}}{{no}}{{yes}}}}\n"
        f"          add_header = {SCORE_HEADER}: $spam_score\n"
        f"          add_header = {ACTION_HEADER}: ${ACTION_VAR}\n"
        "  # END Mailward incoming scan\n"
    )


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


def render_not_smtp_acl(params: HookParams) -> str:
    """acl_not_smtp statements: local submission cannot be discarded or deferred, so hold, freeze or reject.

    A local submitter (a PHP script's mail(), `sendmail -t`) cannot be told "try again later": a defer here becomes
    a failed submission. So a message the gateway could not answer (fail mode closed) or asked to retry later
    (soft reject) is accepted frozen, marked in FROZEN_VAR (kept in Exim's spool, which nobody but an ACL can set),
    with no verdict headers; Mailward's frozen-queue job scans it once it can and thaws it (clean), holds it and
    removes it from the queue (spam) or bounces it (rejected). Only a reject still fails the submission, with the
    reason on the submitter's stderr.
    """
    retry = f"{{eq{{${ACTION_VAR}}}{{soft reject}}}}"
    unanswered = f"{{eq{{${ACTION_VAR}}}{{}}}}"
    freeze_when = f"${{if or{{{retry}{unanswered}}}}}" if params.fail_mode == "closed" else f"${{if {retry[1:-1]}}}"
    freeze = (
        f"  warn    condition = {freeze_when}\n"
        f"          logwrite = Mailward: frozen until Mailward can scan it (${{if {unanswered[1:-1]}"
        "{scan gateway unavailable, fail mode closed}{the scanner asked to retry later}})\n"
        f"          set {FROZEN_VAR} = 1\n"
        f"          set {ACTION_VAR} = {FROZEN}\n"
        "          control = freeze/no_tell\n"
    )
    return (
        "  # BEGIN Mailward local submission scan (generated by ie-config; do not edit)\n"
        + _release_bypass(params)
        + f"  warn    remove_header = {' : '.join(FILTER_HEADERS)}\n"
        + _scan_statements(params)
        + f"  warn    condition = {_IS}{{quarantine}}}}\n"
        f"          set {HOLD_VAR} = 1\n"
        "          log_message = Mailward: quarantined (held by the mailward_hold router)\n"
        f"  deny    condition = {_IS}{{reject}}}}\n"
        f"          message = {_message(DEFAULT_REJECT_TEXT)}\n"
        # sendmail reports `message` only in a bounce (-oem, the default); Exim copies panic-log lines to a local
        # submitter's stderr, so this line is what the caller sees (not the reject log: its dump of the headers
        # would follow it there). Rejecting local mail is rare (a blocked account, a score over reject).
        f"          log_message = Mailward: rejected by the content filter: {_message(DEFAULT_REJECT_TEXT)}\n"
        "          log_reject_target = main : panic\n"
        + freeze
        + (_FAIL_OPEN if params.fail_mode == "open" else "")
        + _headers()
        + "  # END Mailward local submission scan\n"
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


# ------------------------------------------------------------------------------------ file blocks


def _begin(name: str) -> str:
    return f"# BEGIN {MARK} {name} (managed by ie-config; do not edit)"


def _end(name: str) -> str:
    return f"# END {MARK} {name}"


def has_block(text: str, name: str) -> bool:
    """Whether text holds Mailward's block called name."""
    return _block_re(name).search(text) is not None


def _block_re(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<pre>\n?)^# BEGIN {MARK} {re.escape(name)}(?P<flags>(?: \[[a-z]+\])*) \(managed[^\n]*\n"
        rf".*?^# END {MARK} {re.escape(name)}\n", re.M | re.S)


def insert_block(text: str | None, name: str, body: str, after_line: str | None = None) -> str:
    """Text with a marked block inserted after the line after_line (else appended); reversible exactly."""
    if text is not None and has_block(text, name):
        text = remove_block(text, name)
    flags = ""
    base = text if text is not None else ""
    if text is None:
        flags += " [created]"
    if not body.endswith("\n"):
        body += "\n"
    pos = len(base)
    if after_line is not None:
        m = re.search(rf"^{re.escape(after_line)}[ \t]*(\n|\Z)", base, re.M)
        if m:
            pos = m.end()
    pre = ""
    if pos > 0 and base[pos - 1] != "\n":
        pre, flags = "\n", flags + " [noeol]"
    head = _begin(name).replace(" (managed", f"{flags} (managed", 1)
    return base[:pos] + pre + f"{head}\n{body}{_end(name)}\n" + base[pos:]


def remove_block(text: str, name: str) -> str | None:
    """Text without the block; None when the block had created the file and nothing else is left."""
    m = _block_re(name).search(text)
    if not m:
        return text
    flags = m.group("flags")
    start = m.start() if (m.group("pre") and "[noeol]" in flags) else m.start() + len(m.group("pre"))
    out = text[:start] + text[m.end():]
    if "[created]" in flags and not out.strip():
        return None
    return out


# --------------------------------------------------------------------------------------- installers


@dataclass(slots=True)
class HookResult:
    """What enable/disable did."""

    layout: str
    action: str
    changed: list[str] = field(default_factory=list)
    backup_dir: str = ""
    reloaded: bool = False
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"layout": self.layout, "action": self.action, "changed": list(self.changed),
                "backup_dir": self.backup_dir, "reloaded": self.reloaded, "notes": list(self.notes)}


@dataclass(slots=True)
class HookStatus:
    """Whether the hook is installed, active and consistent."""

    layout: str
    installed: bool
    active: bool
    consistent: bool
    parts: dict[str, bool] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    incoming: bool = False  # incoming filtration switched on (ie-config enable-incoming)

    def to_dict(self) -> dict[str, Any]:
        return {"layout": self.layout, "installed": self.installed, "active": self.active,
                "consistent": self.consistent, "parts": dict(self.parts), "problems": list(self.problems),
                "incoming": self.incoming}


Plan = dict[Path, str | None]  # path -> wanted text, or None to remove the file
Runner = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]


def run_command(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run argv (never through a shell), capturing text output."""
    return subprocess.run(list(argv), capture_output=True, text=True, check=False, timeout=300)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, mode)
        if path.exists():
            st = path.stat()
            os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fail_text(proc: subprocess.CompletedProcess[str]) -> str:
    text = (proc.stderr or proc.stdout or "").strip().splitlines()
    return text[-1] if text else f"exit code {proc.returncode}"


class _Installer:
    """Shared machinery: plan -> backup -> write -> check -> (restore on failure) -> reload."""

    layout = ""

    def __init__(self, root: str | Path = "/", *, exim_binary: str = "/usr/sbin/exim",
                 backup_dir: str | Path | None = None, runner: Runner = run_command) -> None:
        self.root = Path(root)
        self.exim_binary = exim_binary
        self.backup_root = Path(backup_dir) if backup_dir else self.path("var/backups/mailward")
        self.run = runner
        self.incoming_state = self.path(INCOMING_STATE)

    def incoming_on(self) -> bool:
        """Whether incoming filtration is switched on (enable-incoming wrote the state file)."""
        return self.incoming_state.exists()

    def _incoming_text(self, params: HookParams | None) -> str | None:
        if params is None or not params.incoming_addresses:
            return None
        return INCOMING_STATE_TEXT

    def forget_incoming(self) -> HookResult:
        """Remove the incoming state file alone (the hook is not installed, so nothing else carries it)."""
        result = HookResult(self.layout, "disable-incoming")
        if not self._apply({self.incoming_state: None}, result, lambda: None):
            result.notes.append("incoming filtration is off: nothing changed")
        return result

    def _status(self, parts: dict[str, bool], active: bool, inactive_problem: str, params: HookParams | None,
                plan: Callable[[HookParams], Plan]) -> HookStatus:
        """The verdict both layouts share: partly installed, installed but not active (or the reverse), installed
        with other settings than params (plan: what enable would write), incoming switched on without the hook."""
        installed = all(parts.values())
        problems = []
        if any(parts.values()) and not installed:
            problems.append("partly installed: " + ", ".join(p for p, ok in parts.items() if not ok) + " missing")
        if installed != active:
            problems.append(inactive_problem)
        if installed and params is not None:
            try:
                stale = [str(p) for p, t in plan(params).items() if _read(p) != t]
            except EximHookError as exc:
                problems.append(exc.message)
            else:
                if stale:
                    problems.append("installed with other settings: " + ", ".join(stale))
        incoming = self.incoming_on()
        if incoming and not installed:
            problems.append("incoming filtration is on but the hook is not installed: run ie-config enable")
        return HookStatus(self.layout, installed, active, not problems, parts, problems, incoming)

    def path(self, rel: str) -> Path:
        """A system path under this installer's root."""
        return self.root / rel.lstrip("/")

    def _exim_check(self, conf: Path) -> None:
        proc = self.run([self.exim_binary, "-C", str(conf), "-bV"])
        if proc.returncode != 0:
            raise EximHookError(f"exim rejected the configuration {conf}: {_fail_text(proc)}")

    def _backup(self, paths: Sequence[Path]) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for n in range(1000):
            bdir = self.backup_root / (stamp if n == 0 else f"{stamp}.{n}")
            try:
                bdir.mkdir(parents=True, exist_ok=False)
                break
            except FileExistsError:
                continue
        else:
            raise EximHookError(f"cannot create a backup directory under {self.backup_root}")
        absent = []
        for p in paths:
            rel = self._rel(p)
            if p.exists():
                dest = bdir / "files" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, dest)
            else:
                absent.append(str(rel))
        (bdir / "absent.txt").write_text("".join(f"{a}\n" for a in absent), encoding="utf-8")
        return bdir

    def _rel(self, p: Path) -> Path:
        return p.relative_to(self.root) if p.is_relative_to(self.root) else Path(str(p).lstrip("/"))

    def _restore(self, bdir: Path, paths: Sequence[Path]) -> None:
        absent = set((bdir / "absent.txt").read_text(encoding="utf-8").split("\n"))
        for p in paths:
            rel = self._rel(p)
            if str(rel) in absent:
                p.unlink(missing_ok=True)
            else:
                src = bdir / "files" / rel
                if src.exists():
                    shutil.copy2(src, p)

    def _apply(self, plan: Plan, result: HookResult, check: Callable[[], None],
               extra_backup: Sequence[Path] = ()) -> bool:
        changes = {p: t for p, t in plan.items() if _read(p) != t}
        if not changes:
            return False
        touched = [*changes, *[p for p in extra_backup if p not in changes]]
        bdir = self._backup(touched)
        result.backup_dir = str(bdir)
        try:
            for p, t in changes.items():
                if t is None:
                    p.unlink(missing_ok=True)
                else:
                    _write_atomic(p, t)
            check()
        except BaseException as exc:
            self._restore(bdir, touched)
            self._after_restore()
            if isinstance(exc, EximHookError):
                raise EximHookError(f"{exc.message}; the previous files were restored from {bdir}") from None
            raise
        result.changed = sorted(str(p) for p in changes)
        return True

    def _after_restore(self) -> None:
        """Regenerate whatever derived config the restored files feed (layout specific)."""


# ------------------------------------------------------------------------------------------ Debian


class DebianHook(_Installer):
    """Debian exim4 (exim4-config): split conf.d or the non-split template + exim4.conf.localmacros."""

    layout = "debian"

    def __init__(self, root: str | Path = "/", *, exim_binary: str = "/usr/sbin/exim",
                 update_exim4_conf: str = "/usr/sbin/update-exim4.conf",
                 reload_command: Sequence[str] | None = ("systemctl", "reload", "exim4"),
                 backup_dir: str | Path | None = None, runner: Runner = run_command,
                 release_user: str | None = None) -> None:
        super().__init__(root, exim_binary=exim_binary, backup_dir=backup_dir, runner=runner)
        self.update_exim4_conf = update_exim4_conf
        self.reload_command = tuple(reload_command) if reload_command else None
        self.release_user = release_user
        self.confdir = self.path("etc/exim4")
        self.data_acl = self.confdir / "mailward_check_data.acl"
        self.not_smtp_acl = self.confdir / "mailward_not_smtp.acl"
        self.system_filter = self.confdir / "mailward_system_filter"
        self.main_file = self.confdir / "conf.d/main/000_mailward"
        self.router_file = self.confdir / "conf.d/router/01_mailward_hold"
        # After aliases, .forward, procmail and maildrop (400-700), before local delivery (900_local_user).
        self.spam_router_file = self.confdir / "conf.d/router/850_mailward_spam_folder"
        self.spam_transport_file = self.confdir / "conf.d/transport/30_mailward_spam_folder"
        self.localmacros = self.confdir / "exim4.conf.localmacros"
        self.autogenerated = self.path("var/lib/exim4/config.autogenerated")

    def split_config(self) -> bool:
        """Whether update-exim4.conf.conf selects the split conf.d scheme."""
        text = _read(self.confdir / "update-exim4.conf.conf")
        if text is None:
            raise EximHookError(f"{self.confdir}/update-exim4.conf.conf is missing: not a Debian exim4 layout")
        m = re.search(r"^\s*dc_use_split_config\s*=\s*'?(\w+)'?", text, re.M)
        return bool(m and m.group(1).lower() == "true")

    def _sources(self, split: bool) -> list[Path]:
        if split:
            ours = {self.main_file, self.router_file, self.spam_router_file, self.spam_transport_file}
            return [p for p in sorted(self.confdir.joinpath("conf.d").rglob("*")) if p.is_file() and p not in ours]
        return [self.confdir / "exim4.conf.template"]

    def _conflicts(self, split: bool) -> tuple[list[str], bool]:
        """Settings someone else made that ours would clash with; and whether MAIN_TRUSTED_USERS is taken."""
        names = ["CHECK_DATA_LOCAL_ACL_FILE", "acl_not_smtp", "spamd_address"] + ([] if split else ["system_filter"])
        texts = [(p, _read(p) or "") for p in self._sources(split)]
        if not split:
            lm = _read(self.localmacros)
            texts.append((self.localmacros, (remove_block(lm, "main") or "") if lm else ""))
        problems, trusted_taken = [], False
        for p, t in texts:
            t = _IFNDEF_DEFAULT_RE.sub("", t)  # Debian's own defaults (.ifndef X / X = ... / .endif) are no clash
            for n in names:
                if re.search(rf"^\s*{n}\s*=", t, re.M):
                    problems.append(f"{p} already sets {n}")
            if re.search(r"^\s*MAIN_TRUSTED_USERS\s*=", t, re.M):
                trusted_taken = True
        return problems, trusted_taken

    def _main_text(self, params: HookParams, split: bool, trusted_taken: bool) -> str:
        lines = [
            "# Mailward: outgoing mail is scanned by the Mailward scan gateway.",
            f"CHECK_DATA_LOCAL_ACL_FILE = {self.data_acl}",
            render_main_options(params).rstrip("\n"),
            f"acl_not_smtp = {self.not_smtp_acl}",
        ]
        if not split:
            lines.append(f"system_filter = {self.system_filter}")
        if self.release_user and not trusted_taken:
            lines.append(f"MAIN_TRUSTED_USERS = uucp : {self.release_user}")
        return "\n".join(lines) + "\n"

    def plan_enable(self, params: HookParams) -> tuple[Plan, list[str]]:
        """The files enable would write; and notes for the operator."""
        split = self.split_config()
        if self.path("etc/exim4/exim4.conf").exists():
            raise EximHookError(f"{self.path('etc/exim4/exim4.conf')} exists: a hand-written exim config is "
                                "not managed by update-exim4.conf; add Mailward's snippets by hand")
        problems, trusted_taken = self._conflicts(split)
        if problems:
            raise EximHookError("cannot install alongside existing settings: " + "; ".join(problems))
        notes = []
        if self.release_user and trusted_taken:
            notes.append(f"MAIN_TRUSTED_USERS is set elsewhere: make sure it lists {self.release_user}")
        plan: Plan = {
            self.data_acl: render_smtp_data_acl(params),
            # the file is the whole acl_not_smtp here: without a final accept, Exim denies every local submission
            self.not_smtp_acl: render_not_smtp_acl(params) + "  accept\n",
            self.incoming_state: self._incoming_text(params),
            self.spam_router_file: None,
            self.spam_transport_file: None,
        }
        main = self._main_text(params, split, trusted_taken)
        folder = params.spam_folder if params.incoming_addresses else ""
        if split:
            plan[self.main_file] = main
            plan[self.router_file] = render_routers(params)
            plan[self.system_filter] = None
            if folder:
                plan[self.spam_router_file] = render_spam_folder_router(folder, local_user=True)
                plan[self.spam_transport_file] = render_spam_folder_transport(folder)
            lm = _read(self.localmacros)
            if lm is not None and has_block(lm, "main"):
                plan[self.localmacros] = remove_block(lm, "main")
        else:
            plan[self.localmacros] = insert_block(_read(self.localmacros), "main", main)
            plan[self.system_filter] = render_system_filter()
            plan[self.main_file] = None
            plan[self.router_file] = None
            if params.query_socket:
                notes.append("forwarded copies (inbound mail a local alias or .forward sends on to a remote address) "
                             "are scanned by a router, and the non-split configuration has no place for one: use "
                             "the split configuration (dc_use_split_config='true') to scan them as outgoing mail")
            if folder:
                notes.append(f"incoming spam_folder needs the split configuration (dc_use_split_config='true') "
                             f"for its router: incoming spam is delivered to the inbox with the "
                             f"{params.spam_header} header instead (a Sieve rule can file it in {folder})")
        return plan, notes

    def plan_disable(self) -> Plan:
        """The files disable would write or remove."""
        plan: Plan = {p: None for p in (self.data_acl, self.not_smtp_acl, self.system_filter, self.main_file,
                                        self.router_file, self.spam_router_file, self.spam_transport_file,
                                        self.incoming_state)}
        lm = _read(self.localmacros)
        if lm is not None and has_block(lm, "main"):
            plan[self.localmacros] = remove_block(lm, "main")
        return plan

    def generate(self, out: Path) -> None:
        """Run update-exim4.conf on this root's /etc/exim4 into out (no activation)."""
        if self.confdir.resolve() == Path("/etc/exim4"):
            argv = [self.update_exim4_conf, "-o", str(out)]
        else:
            # update-exim4.conf reads exim4.conf.localmacros only if /etc/exim4 has one: show it the copy there.
            argv = ["unshare", "-m", "--propagation", "private", "sh", "-c",
                    'mount --bind "$1" /etc/exim4 && exec "$2" -o "$3"', "sh",
                    str(self.confdir), self.update_exim4_conf, str(out)]
        proc = self.run(argv)
        if proc.returncode != 0:
            raise EximHookError(f"update-exim4.conf failed: {_fail_text(proc)}")

    def _check_and_activate(self) -> None:
        with tempfile.TemporaryDirectory(prefix="mailward-exim-") as tmp:
            cand = Path(tmp) / "config.autogenerated"
            self.generate(cand)
            self._exim_check(cand)
            self._check_acl_files(Path(tmp))
            self.autogenerated.parent.mkdir(parents=True, exist_ok=True)
            if self.root.resolve() == Path("/"):
                proc = self.run([self.update_exim4_conf])  # the real thing: writes and re-validates
                if proc.returncode != 0:
                    raise EximHookError(f"update-exim4.conf failed: {_fail_text(proc)}")
            else:
                _write_atomic(self.autogenerated, cand.read_text(encoding="utf-8"))

    def _check_acl_files(self, tmp: Path) -> None:
        """acl_not_smtp's file is read at run time only: parse it now inside a minimal config."""
        text = _read(self.not_smtp_acl)
        if text is None:
            return
        conf = tmp / "acl-check.conf"
        conf.write_text(f"begin acl\nmailward_not_smtp_check:\n{text}  accept\n", encoding="utf-8")
        self._exim_check(conf)

    def _after_restore(self) -> None:
        with contextlib.suppress(EximHookError):  # the restored files are what was there before
            self._check_and_activate()

    def _reload(self, result: HookResult) -> None:
        if self.reload_command:
            proc = self.run(self.reload_command)
            if proc.returncode != 0:
                raise EximHookError(f"reloading exim failed ({' '.join(self.reload_command)}): {_fail_text(proc)}")
            result.reloaded = True

    def backup_paths(self) -> list[Path]:
        """Derived files backed up alongside the plan."""
        return [self.autogenerated]

    def enable(self, params: HookParams) -> HookResult:
        """Install (or update) the hook, check the generated config, then reload Exim."""
        plan, notes = self.plan_enable(params)
        result = HookResult(self.layout, "enable", notes=notes)
        if self._apply(plan, result, self._check_and_activate, self.backup_paths()):
            self._reload(result)
        else:
            result.notes.append("already enabled with these settings: nothing changed")
        return result

    def disable(self) -> HookResult:
        """Remove exactly what enable added, check the generated config, then reload Exim."""
        result = HookResult(self.layout, "disable")
        if self._apply(self.plan_disable(), result, self._check_and_activate, self.backup_paths()):
            self._reload(result)
        else:
            result.notes.append("not installed: nothing changed")
        return result

    def status(self, params: HookParams | None = None) -> HookStatus:
        """Which parts are present, whether the generated config uses them, and whether they match params."""
        split = self.split_config()
        lm = _read(self.localmacros)
        parts = {str(self.data_acl): self.data_acl.exists(), str(self.not_smtp_acl): self.not_smtp_acl.exists()}
        if split:
            parts[str(self.main_file)] = self.main_file.exists()
            parts[str(self.router_file)] = self.router_file.exists()
        else:
            parts[f"{self.localmacros} (block)"] = bool(lm and has_block(lm, "main"))
            parts[str(self.system_filter)] = self.system_filter.exists()
        gen = _read(self.autogenerated) or ""
        active = str(self.data_acl) in gen and "spamd_address" in gen
        return self._status(parts, active, "the generated config does not match the installed files: "
                            "run update-exim4.conf", params, lambda prm: self.plan_enable(prm)[0])


# ------------------------------------------------------------------------------------------ cPanel

CPANEL_SMTP_BLOCK = "ACL_OUTGOING_SMTP_CHECKALL_BLOCK"
CPANEL_NOTSMTP_BLOCK = "ACL_OUTGOING_NOTSMTP_CHECKALL_BLOCK"
CPANEL_SMTP_FILE = "mailward_scan_smtp"
CPANEL_NOTSMTP_FILE = "mailward_scan_notsmtp"


class CpanelHook(_Installer):
    """cPanel: ACL block files + acl_<file>=1 in exim.conf.localopts + exim.conf.local sections."""

    layout = "cpanel"

    def __init__(self, root: str | Path = "/", *, exim_binary: str = "/usr/sbin/exim",
                 buildeximconf: str | None = None, restart_command: Sequence[str] | None = None,
                 restart: bool = True, backup_dir: str | Path | None = None, runner: Runner = run_command) -> None:
        super().__init__(root, exim_binary=exim_binary, backup_dir=backup_dir, runner=runner)
        self.buildeximconf = buildeximconf or str(self.path("usr/local/cpanel/scripts/buildeximconf"))
        default_restart = (str(self.path("usr/local/cpanel/scripts/restartsrv_exim")),)
        self.restart_command = (tuple(restart_command) if restart_command else default_restart) if restart else None
        acls = self.path("usr/local/cpanel/etc/exim/acls")
        self.smtp_file = acls / CPANEL_SMTP_BLOCK / CPANEL_SMTP_FILE
        self.notsmtp_file = acls / CPANEL_NOTSMTP_BLOCK / CPANEL_NOTSMTP_FILE
        self.local = self.path("etc/exim.conf.local")
        self.localopts = self.path("etc/exim.conf.localopts")
        self.exim_conf = self.path("etc/exim.conf")

    def _localopts(self, enable: bool) -> str | None:
        text = _read(self.localopts)
        keys = (f"acl_{CPANEL_SMTP_FILE}", f"acl_{CPANEL_NOTSMTP_FILE}")
        lines = [] if text is None else text.splitlines(keepends=True)
        kept = [ln for ln in lines if ln.split("=", 1)[0].strip() not in keys]
        if enable:
            if kept and not kept[-1].endswith("\n"):
                kept[-1] += "\n"
            kept += [f"{k}=1\n" for k in keys]
        elif text is None or (not "".join(kept).strip() and len(kept) < len(lines)):
            return None  # only our lines were there: cPanel keeps no empty localopts file around
        return "".join(kept)

    def _local(self, params: HookParams | None) -> str | None:
        text = _read(self.local)
        for name in ("config", "router"):  # reverse order of insertion: "router" may have created the file
            if text is not None:
                text = remove_block(text, name)
        if params is None:
            return text
        for name, marker, body in (("router", "@ROUTERSTART@", render_routers(params)),
                                   ("config", "@CONFIG@", render_main_options(params))):
            if text is None or not re.search(rf"^{marker}[ \t]*$", text, re.M):
                body = f"{marker}\n{body}"  # the section marker itself belongs to (and leaves with) our block
            text = insert_block(text, name, body, after_line=marker)
        return text

    def plan_enable(self, params: HookParams) -> Plan:
        """The files enable would write."""
        return {
            self.smtp_file: render_smtp_data_acl(params),
            self.notsmtp_file: render_not_smtp_acl(params),
            self.localopts: self._localopts(True),
            self.local: self._local(params),
            self.incoming_state: self._incoming_text(params),
        }

    def plan_disable(self) -> Plan:
        """The files disable would write or remove."""
        return {self.smtp_file: None, self.notsmtp_file: None, self.incoming_state: None,
                self.localopts: self._localopts(False), self.local: self._local(None)}

    def _build(self) -> None:
        proc = self.run([self.buildeximconf])
        if proc.returncode != 0:
            raise EximHookError(f"buildeximconf failed: {_fail_text(proc)}")
        self._exim_check(self.exim_conf)
        gen = _read(self.exim_conf) or ""
        if "spam = nobody:true/defer_ok" in (_read(self.smtp_file) or "") and ACTION_VAR not in gen:
            raise EximHookError(f"buildeximconf did not include Mailward's ACL blocks in {self.exim_conf}")

    def _after_restore(self) -> None:
        proc = self.run([self.buildeximconf])
        if proc.returncode != 0:
            pass  # the generated exim.conf itself was restored from the backup

    def _restart(self, result: HookResult) -> None:
        if self.restart_command:
            proc = self.run(self.restart_command)
            if proc.returncode != 0:
                raise EximHookError(f"restarting exim failed: {_fail_text(proc)}")
            result.reloaded = True

    def enable(self, params: HookParams) -> HookResult:
        """Install (or update) the hook, rebuild and check exim.conf, then restart Exim."""
        result = HookResult(self.layout, "enable")
        if self._apply(self.plan_enable(params), result, self._build, [self.exim_conf]):
            self._restart(result)
        else:
            result.notes.append("already enabled with these settings: nothing changed")
        result.notes.append("the release user must be one of Exim's trusted_users for releases to skip scanning")
        if params.incoming_addresses and params.spam_folder:
            result.notes.append(
                f"cPanel delivers through Dovecot (LMTP), so no spam folder router is installed: incoming spam "
                f"is delivered with the {params.spam_header}: yes header; file it in {params.spam_folder} with a "
                f"Dovecot Sieve rule or cPanel's Email Filters (header {params.spam_header} contains yes)")
        return result

    def disable(self) -> HookResult:
        """Remove exactly what enable added, rebuild and check exim.conf, then restart Exim."""
        result = HookResult(self.layout, "disable")
        if self._apply(self.plan_disable(), result, self._build, [self.exim_conf]):
            self._restart(result)
        else:
            result.notes.append("not installed: nothing changed")
        return result

    def status(self, params: HookParams | None = None) -> HookStatus:
        """Which parts are present, whether exim.conf includes them, and whether they match params."""
        opts = _read(self.localopts) or ""
        local = _read(self.local) or ""
        parts = {
            str(self.smtp_file): self.smtp_file.exists(),
            str(self.notsmtp_file): self.notsmtp_file.exists(),
            f"{self.localopts} acl_{CPANEL_SMTP_FILE}=1": bool(
                re.search(rf"^acl_{CPANEL_SMTP_FILE}\s*=\s*1\s*$", opts, re.M)),
            f"{self.localopts} acl_{CPANEL_NOTSMTP_FILE}=1": bool(
                re.search(rf"^acl_{CPANEL_NOTSMTP_FILE}\s*=\s*1\s*$", opts, re.M)),
            f"{self.local} @CONFIG@ block": has_block(local, "config"),
            f"{self.local} @ROUTERSTART@ block": has_block(local, "router"),
        }
        gen = _read(self.exim_conf) or ""
        active = ACTION_VAR in gen and f"{ROUTER_NAME}:" in gen and "variant=rspamd" in gen
        return self._status(parts, active, f"{self.exim_conf} does not match the installed files: run buildeximconf",
                            params, self.plan_enable)


def detect_layout(root: str | Path = "/") -> str:
    """'cpanel' if /usr/local/cpanel exists under root, else 'debian'."""
    return "cpanel" if (Path(root) / "usr/local/cpanel").is_dir() else "debian"


def make_hook(layout: str = "auto", root: str | Path = "/", **options: Any) -> DebianHook | CpanelHook:
    """The installer for a layout ("auto", "debian", "cpanel"); options go to its constructor."""
    if layout == "auto":
        layout = detect_layout(root)
    if layout == "debian":
        return DebianHook(root, **options)
    if layout == "cpanel":
        return CpanelHook(root, **options)
    raise EximHookError(f"unknown Exim layout {layout!r} (auto, debian or cpanel)")
