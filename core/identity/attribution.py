"""Sender attribution: which cPanel account (and domain, address, PHP script) sent a message.

Pure logic: the account maps come in through an `AccountLookup` (core.identity.cpanel.CpanelAccounts or its
Memory twin) and the headers through a `HeaderSource` (an email.message.Message, or `HeaderList`).

Only what the MTA vouches for chooses the account (design.md, "Trust boundaries"):
  (a) auth           SMTP AUTH identity: Exim verified the password; nothing in the message can change it.
  (b) local          the caller's login for local submission (sendmail -t / PHP mail()): Exim takes it from
                     the kernel (getuid), so the caller cannot lie about it.
  (b') local_received  `sendmail -bs` sends no User: line; Exim puts the login into the Received: header it
                     prepends. Only the topmost Received is read: it is Exim's own, anything lower down was
                     written by the client. Only for local submission (no IP) and a local-* protocol.
  (c) forwarded      a copy that a local forwarder (alias, .forward, cPanel valiases) sends on to a remote address:
                     the account owning the forwarding address's domain (a domain nobody owns: root's bucket).
                     Exim routed it through that account's forwarder; the address reaches the scan only through
                     Mailward's routing-time check (Envelope.forwarded_by), never from a scan request. Not vouched
                     as the *sender*: the envelope sender is the remote host's word, so no whitelist or history.
  (f) fallback       root, the "unattributed" bucket: no identity the MTA vouches for names an account (mail
                     sent by `nobody`/`www-data`, unauthenticated SMTP from this server, Exim's own mail). Its
                     mail is scanned, limited and quarantined under root, with root's own limits.

Headers never choose the account: X-PHP-Originating-Script (a script owner's uid), X-PHP-Script (a site name),
the envelope sender's or the From: domain are all written by whoever sends, and on a shared server that may be
another account's compromised script. They only narrow within the account the MTA named: the script header
names which script of that account sent (a script whose uid header names another account is not believed),
and the sender address is an object of that account.

Not used: cPanel's `X-AntiAbuse: Originator/Caller UID/GID` header, not even its first occurrence. cPanel's
Exim adds its copy when it delivers (transport headers), after the spam= condition has spooled the message, so
any copy the scanner sees was written by the client or by another cPanel server (whose uids mean nothing
here), and a client can place one above everything but Exim's Received. And the one trustworthy fact it would
carry, the caller's uid, Exim already gives us as the User: login: reading it could only let a forger move
mail onto another account.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Any, Protocol

from core.identity.cpanel import normalize_domain
from core.identity.script_header import parse_script_headers, sanitize_header_value
from core.mail.mime import split_address
from core.models import Envelope, ScriptHeader, Sender

#: The account of mail no rule could attribute.
FALLBACK_ACCOUNT = "root"

_MAX_ADDRESS = 512  # RFC 5321 caps a path at 256 octets; leave room for SRS/VERP without unbounded work
# Exim's default received_header_text for local submission: "from <ident> [(helo=...)] by <host> with local-*"
_LOCAL_RECEIVED = re.compile(
    r"from\s+(?P<login>[^\s()]+)\s+(?:\(helo=[^)]*\)\s+)?by\s+\S+\s+with\s+local(?:-[a-z]+)?(?:[\s;(]|$)",
    re.IGNORECASE,
)
_LOCAL_PART_BAD = re.compile(r"[<>()\[\]\\,;:\"\ufffd]")
# an identity from the envelope is taken as given or not at all: never repaired into a valid name
_IDENTITY_BAD = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


class How(enum.StrEnum):
    """Which rule attributed a message (the value of Sender.how)."""

    AUTH = "auth"
    LOCAL = "local"
    LOCAL_RECEIVED = "local_received"
    FORWARDED = "forwarded"
    FALLBACK = "fallback"


class HeaderSource(Protocol):
    """Anything with email.message.Message's `get_all`: every value of a header, topmost first."""

    def get_all(self, name: str, failobj: Any = None) -> Any: ...


class AccountLookup(Protocol):
    """The part of core.identity.cpanel.CpanelAccounts that attribution needs."""

    def owner_of_domain(self, domain: str) -> str | None: ...

    def is_account(self, user: str) -> bool: ...

    def account_of_system_user(self, login: str) -> str | None: ...

    def account_of_uid(self, uid: int) -> str | None: ...

    def domains_of(self, user: str) -> list[str]: ...

    def has_accounts(self) -> bool: ...


#: Rules whose account the MTA vouches for (SMTP AUTH id, the caller's uid); the others come from headers.
VOUCHED = frozenset({How.AUTH, How.LOCAL, How.LOCAL_RECEIVED})


class HeaderList:
    """A HeaderSource over (name, value) pairs in message order; names are case-insensitive."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._pairs = [(name.lower(), value) for name, value in pairs]

    def get_all(self, name: str, failobj: Any = None) -> Any:
        """Return every value of header `name`, topmost first, or `failobj` if there is none."""
        key = name.lower()
        found = [value for n, value in self._pairs if n == key]
        return found or failobj


def first_header(headers: HeaderSource, name: str) -> str:
    """Return the topmost value of header `name`, cleaned and bounded ('' if absent or unreadable)."""
    try:
        values = headers.get_all(name)
    except Exception:  # a broken header object must not fail the scan: treat it as absent
        return ""
    if not values:
        return ""
    return sanitize_header_value(values[0])


def normalize_address(value: str) -> tuple[str, str]:
    """Return (address, domain) lowercased, domain in punycode, or ('', '') if `value` is no address."""
    if not isinstance(value, str) or len(value) > _MAX_ADDRESS:
        return "", ""  # rejected, not truncated: a cut-off address could be someone else's
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if _IDENTITY_BAD.search(text):
        return "", ""  # controls, spaces, invisible characters: no repair into a valid address
    local, at, domain = text.rpartition("@")
    if not at or not local or _LOCAL_PART_BAD.search(local):
        return "", ""
    d = normalize_domain(domain)
    if d is None:
        return "", ""
    return f"{local.lower()}@{d}", d


def from_header_address(headers: HeaderSource) -> tuple[str, str]:
    """Return the address of the topmost From: header as (address, domain), or ('', '')."""
    value = first_header(headers, "From")
    if not value:
        return "", ""
    # Read as core.mail.mime reads ParsedMessage.from_addr: the last <angle-addr>, else the first bare addr-spec.
    # Header values often arrive with RFC 2047 words already decoded, so the display name is no longer
    # quoted and may hold a bare `"`, a comma or an address-like text (Hebrew `ד"ר`, "Smith, John"), which
    # throws a left-to-right parser such as email.utils.getaddresses off; the angle-addr closing the mailbox
    # is still found where it is.
    return normalize_address(split_address(value)[1])


def local_received_login(headers: HeaderSource) -> str:
    """Return the login in Exim's own (topmost) `Received: from <login> by <host> with local-*`, or ''."""
    m = _LOCAL_RECEIVED.match(first_header(headers, "Received"))
    return m.group("login") if m else ""


def attribute(envelope: Envelope, headers: HeaderSource, accounts: AccountLookup) -> Sender:
    """Decide which cPanel account sent the message; Sender.how names the rule that decided."""
    email_addr, domain = normalize_address(envelope.sender)
    from_addr, from_domain = ("", "")
    if not email_addr:
        from_addr, from_domain = from_header_address(headers)  # bounces have an empty envelope sender
    script, script_uid = parse_script_headers(first_header(headers, "X-PHP-Script"),
                                              first_header(headers, "X-PHP-Originating-Script"))
    if envelope.forwarded_by:
        account, how = _forwarding_account(envelope.forwarded_by, accounts), How.FORWARDED
    else:
        account, how = _vouched_account(envelope, headers, accounts)
    if account and _names_another_account(accounts, account, script_uid, script.domain):
        script = ScriptHeader()  # the header names another account's script: a forgery, not this account's
    return Sender(account=account or FALLBACK_ACCOUNT, domain=domain or from_domain, email=email_addr or from_addr,
                  script=script, how=(how if account else How.FALLBACK).value)


def _names_another_account(accounts: AccountLookup, account: str, script_uid: int | None, site: str) -> bool:
    """Whether a script header's uid or site belongs to an account other than the one the MTA named."""
    if script_uid is not None and accounts.account_of_uid(script_uid) not in (None, account):
        return True
    return bool(site) and accounts.owner_of_domain(site) not in (None, account)


def _forwarding_account(address: str, accounts: AccountLookup) -> str | None:
    """The account whose forwarder sent a copy on: the owner of the forwarding address's domain. A domain no account
    owns (the server's hostname, the admin's own) is nobody's: root's bucket, never guessed from the local part."""
    local, at, domain = address.strip().rpartition("@")
    return accounts.owner_of_domain(domain) if at and local and domain else None


def _vouched_account(envelope: Envelope, headers: HeaderSource, accounts: AccountLookup) -> tuple[str | None, How]:
    user = envelope.user.strip(" ") if isinstance(envelope.user, str) else ""
    ip = envelope.ip.strip() if isinstance(envelope.ip, str) else ""
    # a mangled User: (controls, spaces, huge) names nobody, and must not unlock the Received rule either
    if len(user) > _MAX_ADDRESS or _IDENTITY_BAD.search(user):
        return None, How.FALLBACK
    return _identity_account(user, ip, headers, accounts)


def _identity_account(user: str, ip: str, headers: HeaderSource,
                      accounts: AccountLookup) -> tuple[str | None, How]:
    # rules (a), (b), (b'): the identities Exim vouches for
    if user and (ip or "@" in user):
        return _auth_account(user, accounts), How.AUTH
    if user:
        # the kernel's word for who ran sendmail; "nobody"/"www-data" (PHP without suexec) are no account
        return accounts.account_of_system_user(user), How.LOCAL
    if not ip:
        login = local_received_login(headers)
        return (accounts.account_of_system_user(login) if login else None), How.LOCAL_RECEIVED
    return None, How.FALLBACK


def _auth_account(user: str, accounts: AccountLookup) -> str | None:
    # cPanel mailbox logins are `mailbox@domain` (the mailbox belongs to the domain's owner); the account's
    # own login is bare. Both are case-insensitive at cPanel's authenticator, so compare lowercased.
    login = user.lower()
    if "@" in login:
        mailbox, _, domain = login.rpartition("@")
        return accounts.owner_of_domain(domain) if mailbox else None
    return login if accounts.is_account(login) else None
