"""cPanel's account maps (/etc/userdomains, /var/cpanel/users/USER, ...) read under a configurable root.

This is the only attribution-related module that touches the filesystem (house rule 1). Everything is read
lazily: constructing a `CpanelAccounts` does no I/O, and nothing happens at import time.
"""

from __future__ import annotations

import logging
import os
import pwd
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: cPanel account names: lowercase letter first, then lowercase letters, digits, `_` or `-` (cPanel itself
#: allows only [a-z0-9] today; older releases were laxer). No dots and no slashes, so a name that passes can
#: never climb out of /var/cpanel/users. Deliberately case-sensitive: Linux logins are, and a system user
#: "Bob" is not the cPanel account "bob".
USERNAME_RE = re.compile(r"[a-z][a-z0-9_-]{0,31}")
#: Never cPanel accounts even if a file of that name appears: "nobody" owns the `*` catch-all and "root" is
#: where unattributed mail goes; a mapping to either must not read as ownership.
NOT_ACCOUNTS = frozenset({"root", "nobody"})

_LABEL_RE = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_COLON_SPLIT = re.compile(r"\s*:\s*")
_MAX_INPUT = 1024  # longer than any legal domain or login; bounds the work done on hostile input
_MAX_USER_FILE = 1 << 20  # a real /var/cpanel/users/USER is a few KB


def normalize_domain(value: object) -> str | None:
    """Return `value` as a lowercase ASCII (punycode) domain without trailing dot, or None if it is not one."""
    if not isinstance(value, str) or not value or len(value) > _MAX_INPUT:
        return None
    name = value.strip().lower()
    if name.endswith("."):
        name = name[:-1]  # the root label: "example.com." is example.com (only one dot may go)
    if not name:
        return None
    if not name.isascii():
        # cPanel stores IDNs as punycode; a UTF-8 (SMTPUTF8) sender domain must map to the same key.
        try:
            name = name.encode("idna").decode("ascii")
        except (UnicodeError, ValueError):
            return None
    if len(name) > 253:
        return None
    labels = name.split(".")
    if not all(_LABEL_RE.fullmatch(label) for label in labels):
        return None
    if labels[-1].isdigit():
        return None  # an IPv4 literal is not a domain anyone can own
    return name


def valid_username(value: object) -> bool:
    """Tell whether `value` is shaped like a cPanel account name (safe to use as a file name)."""
    return isinstance(value, str) and USERNAME_RE.fullmatch(value) is not None and value not in NOT_ACCOUNTS


def parent_domains(domain: str) -> list[str]:
    """Return `domain` and its parents down to two labels: a.b.example.com, b.example.com, example.com."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(max(len(labels) - 1, 1))]


@dataclass(frozen=True, slots=True)
class SendLimit:
    """One line of /etc/email_send_limits; None means unlimited or not set."""

    max_per_hour: int | None = None
    max_defer_fail_percent: int | None = None
    min_defer_fail: int | None = None


# --- parsing (pure; shared by the file store and usable on fixture text) ---------------------------------


def _content_lines(text: str) -> Iterator[str]:
    """Stripped lines that are neither blank nor comments."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _colon_pairs(text: str) -> Iterator[tuple[str, str]]:
    """(key, value) of every `key: value` content line (split on `\\s*:\\s*`); other lines are skipped."""
    for line in _content_lines(text):
        parts = _COLON_SPLIT.split(line, maxsplit=1)
        if len(parts) == 2:
            yield parts[0], parts[1]


def parse_colon_map(text: str, *, key_kind: str, value_kind: str) -> dict[str, str]:
    """Parse `key: value` lines (split on `\\s*:\\s*`), dropping comments, garbage and `*`/nobody entries."""
    out: dict[str, str] = {}
    for raw_key, raw_value in _colon_pairs(text):
        key = _norm(raw_key, key_kind)
        value = _norm(raw_value, value_kind)
        if key is None or value is None:
            continue
        out.setdefault(key, value)  # first line wins, like Exim's lsearch
    return out


def _norm(raw: str, kind: str) -> str | None:
    if kind == "domain":
        if raw.startswith("*."):
            rest = normalize_domain(raw[2:])  # cPanel wildcard subdomains; the bare `*` catch-all is dropped
            return f"*.{rest}" if rest else None
        return normalize_domain(raw)
    if kind == "user":
        return raw if valid_username(raw) else None
    if kind == "owner":
        # an owner (reseller) may be root; it is never a mail-sending account, only a label
        return raw if raw == "root" or valid_username(raw) else None
    return raw or None


def parse_domain_list(text: str) -> frozenset[str]:
    """Parse a one-domain-a-line file such as /etc/localdomains."""
    return frozenset(d for d in map(normalize_domain, _content_lines(text)) if d)


def parse_send_limits(text: str) -> dict[str, SendLimit]:
    """Parse /etc/email_send_limits: `DOMAIN: MAXPERHOUR,MAXDEFERFAIL%,MINDEFERFAIL`."""
    out: dict[str, SendLimit] = {}
    for raw_domain, raw_value in _colon_pairs(text):
        domain = normalize_domain(raw_domain)
        if domain is None:
            continue
        fields = [_int_or_none(f.strip().rstrip("%").strip()) for f in raw_value.split(",")[:3]]
        fields += [None] * (3 - len(fields))
        out.setdefault(domain, SendLimit(*fields))
    return out


def _int_or_none(raw: str) -> int | None:
    # "unlimited", "default" and "" all mean: no number here
    return int(raw) if raw.isdigit() and len(raw) <= 12 else None


def parse_user_file(text: str) -> dict[str, str]:
    """Parse /var/cpanel/users/USER: `KEY=VALUE` lines; comments and lines without `=` are ignored."""
    out: dict[str, str] = {}
    for line in _content_lines(text):
        key, sep, value = line.partition("=")
        key = key.strip()
        if sep and key:
            out[key] = value.strip()
    return out


def account_domains(owned: Iterable[str], settings: Mapping[str, str], main: str | None) -> list[str]:
    """An account's domains: those mapped to it (wildcards left out) and its user file's, main domain first."""
    found = {d for d in owned if not d.startswith("*")}
    found.update(user_file_domains(settings))
    rest = sorted(found - {main})
    return [main, *rest] if main else rest


def user_file_domains(settings: Mapping[str, str]) -> list[str]:
    """Return the domains named by DNS, DNS1..DNSn in a user file, main domain first."""
    main = normalize_domain(settings.get("DNS", ""))
    numbered = []
    for key, value in settings.items():
        if key.startswith("DNS") and key[3:].isdigit():
            d = normalize_domain(value)
            if d:
                numbered.append((int(key[3:]), d))
    out = [main] if main else []
    for _, d in sorted(numbered):
        if d not in out:
            out.append(d)
    return out


# --- the file-backed store --------------------------------------------------------------------------------

_Signature = tuple[int, int, int, int] | None  # (inode, size, mtime_ns, ctime_ns); None: missing


def _signature(path: Path) -> _Signature:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _read_text(path: Path, limit: int | None = None) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read() if limit is None else f.read(limit)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        # unreadable is treated as empty: attribution degrades to the next rule rather than failing the scan
        log.warning("cannot read %s: %s", path, exc)
        return ""


@dataclass(slots=True)
class _Source:
    path: Path
    parse: Callable[[Path], Any]
    sig: _Signature = None
    value: Any = None
    loaded: bool = False


class CpanelAccounts:
    """Read-only, cached view of cPanel's account maps under `root` ("/" on a real server).

    Files are stat'ed at most once every `check_interval` seconds and re-parsed only when their
    (inode, size, mtime, ctime) changed, so the per-message cost is a few dict lookups. Thread-safe.
    """

    def __init__(self, root: Path | str, *, check_interval: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.root = Path(root)
        self.check_interval = check_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._checked_at: float | None = None
        etc = self.root / "etc"
        self._users_dir = self.root / "var/cpanel/users"
        self._sources = {
            "userdomains": _Source(etc / "userdomains", lambda p: parse_colon_map(
                _read_text(p), key_kind="domain", value_kind="user")),
            "trueuserdomains": _Source(etc / "trueuserdomains", lambda p: parse_colon_map(
                _read_text(p), key_kind="domain", value_kind="user")),
            "domainusers": _Source(etc / "domainusers", lambda p: parse_colon_map(
                _read_text(p), key_kind="user", value_kind="domain")),
            "trueuserowners": _Source(etc / "trueuserowners", lambda p: parse_colon_map(
                _read_text(p), key_kind="user", value_kind="owner")),
            "localdomains": _Source(etc / "localdomains", lambda p: parse_domain_list(_read_text(p))),
            "send_limits": _Source(etc / "email_send_limits", lambda p: parse_send_limits(_read_text(p))),
            # a directory's mtime changes when an account file is added or removed
            "users": _Source(self._users_dir, self._list_users),
            "passwd": _Source(etc / "passwd", self._parse_passwd),
        }
        self._user_files: dict[str, tuple[float, _Signature, dict[str, str]]] = {}
        self._uid_cache: dict[int, tuple[float, str | None]] = {}
        self._reverse: dict[str, tuple[Any, dict[str, list[str]]]] = {}

    # -- public API --

    def owner_of_domain(self, domain: str) -> str | None:
        """Return the account owning `domain` or its closest listed parent domain, or None."""
        d = normalize_domain(domain)
        if d is None:
            return None
        userdomains = self._get("userdomains")
        truedomains = self._get("trueuserdomains")
        users = self._get("users")
        for candidate in parent_domains(d):
            # a wildcard `*.parent` entry is as specific as `parent` itself and names the same owner
            for key in ("*." + candidate, candidate) if candidate != d else (candidate,):
                owner = userdomains.get(key) or truedomains.get(key)
                if owner:
                    # mapped to a deleted account: nobody's. Don't walk on, the parent may be someone else's.
                    return owner if owner in users else None
        return None

    def is_account(self, user: str) -> bool:
        """Tell whether `user` is a cPanel account (/var/cpanel/users/USER exists)."""
        return valid_username(user) and user in self._get("users")

    def account_of_system_user(self, login: str) -> str | None:
        """Return the cPanel account for a system login (cPanel accounts are system users), or None."""
        return login if self.is_account(login) else None

    def account_of_uid(self, uid: int) -> str | None:
        """Return the cPanel account whose system user has `uid`, or None."""
        login = self._login_of_uid(uid)
        return self.account_of_system_user(login) if login else None

    def main_domain(self, user: str) -> str | None:
        """Return the account's main domain (/etc/domainusers, then trueuserdomains, then DNS=)."""
        if not self.is_account(user):
            return None
        found = self._get("domainusers").get(user)
        if found:
            return found
        listed = self._by_owner("trueuserdomains").get(user)
        if listed:
            return listed[0]
        return normalize_domain(self.user_settings(user).get("DNS", ""))

    def domains_of(self, user: str) -> list[str]:
        """Return every domain of the account (main first, then sorted), from userdomains and DNS* keys."""
        if not self.is_account(user):
            return []
        owned = self._by_owner("userdomains").get(user, [])
        return account_domains(owned, self.user_settings(user), self.main_domain(user))

    def reseller_of(self, user: str) -> str | None:
        """Return the account's owner (its reseller, or root) from /etc/trueuserowners, then OWNER=."""
        if not self.is_account(user):
            return None
        found = self._get("trueuserowners").get(user)
        if found:
            return found
        owner = self.user_settings(user).get("OWNER", "")
        return owner if owner == "root" or valid_username(owner) else None

    def user_settings(self, user: str) -> dict[str, str]:
        """Return the KEY=VALUE settings of /var/cpanel/users/USER (empty if not an account)."""
        if not self.is_account(user):
            return {}
        path = self._users_dir / user  # safe: user matched USERNAME_RE and is a listed file name
        now = self._clock()
        cached = self._user_files.get(user)
        if cached and now - cached[0] < self.check_interval:
            return dict(cached[2])
        sig = _signature(path)
        unchanged = cached is not None and cached[1] == sig
        data = cached[2] if cached and unchanged else parse_user_file(_read_text(path, _MAX_USER_FILE))
        self._user_files[user] = (now, sig, data)
        return dict(data)

    def send_limit_of_domain(self, domain: str) -> SendLimit | None:
        """Return the domain's line of /etc/email_send_limits, or None."""
        d = normalize_domain(domain)
        return self._get("send_limits").get(d) if d else None

    def is_local_domain(self, domain: str) -> bool:
        """Tell whether `domain` is in /etc/localdomains."""
        d = normalize_domain(domain)
        return d is not None and d in self._get("localdomains")

    def accounts(self) -> list[str]:
        """Return every cPanel account name, sorted."""
        return sorted(self._get("users"))

    def has_accounts(self) -> bool:
        """Whether this server has cPanel accounts at all (cheap: no sorting)."""
        return bool(self._get("users"))

    def refresh(self) -> None:
        """Stat the files now (ignoring the interval) and re-read the changed ones."""
        with self._lock:
            self._checked_at = None
            self._user_files.clear()
            self._uid_cache.clear()
        self._maybe_refresh()

    # -- internals --

    def _get(self, name: str) -> Any:
        self._maybe_refresh()
        return self._sources[name].value

    def _by_owner(self, name: str) -> dict[str, list[str]]:
        """A domain -> owner map turned around (owner -> its domains, in file order), rebuilt only when the file
        was re-read: every scan asks for the sending account's domains, and a server has thousands."""
        value = self._get(name)
        cached = self._reverse.get(name)
        if cached is None or cached[0] is not value:
            index: dict[str, list[str]] = {}
            for domain, owner in value.items():
                index.setdefault(owner, []).append(domain)
            cached = (value, index)
            self._reverse[name] = cached  # one assignment: a reader sees the old pair or the new one
        return cached[1]

    def _maybe_refresh(self) -> None:
        now = self._clock()
        if self._checked_at is not None and now - self._checked_at < self.check_interval:
            return
        with self._lock:
            if self._checked_at is not None and now - self._checked_at < self.check_interval:
                return  # another thread refreshed while we waited
            for src in self._sources.values():
                sig = _signature(src.path)
                if not src.loaded or sig != src.sig:
                    # read first, then stat again: a file rewritten during the read is re-read next time
                    src.value = src.parse(src.path)
                    src.sig = sig
                    src.loaded = True
            self._checked_at = now

    def _list_users(self, path: Path) -> frozenset[str]:
        try:
            with os.scandir(path) as it:
                return frozenset(e.name for e in it if valid_username(e.name) and e.is_file())
        except FileNotFoundError:
            return frozenset()
        except OSError as exc:
            log.warning("cannot list %s: %s", path, exc)
            return frozenset()

    def _parse_passwd(self, path: Path) -> dict[int, str]:
        # Under a test root the emulated server's etc/passwd maps uids; on "/" we ask NSS (pwd) instead.
        if self.root == Path("/"):
            return {}
        out: dict[int, str] = {}
        for line in _read_text(path).splitlines():
            fields = line.split(":")
            if len(fields) >= 3 and fields[2].isdigit() and len(fields[2]) <= 10:
                out.setdefault(int(fields[2]), fields[0])
        return out

    def _login_of_uid(self, uid: int) -> str | None:
        if not isinstance(uid, int) or isinstance(uid, bool) or not 0 <= uid < 2**32 - 1:
            return None
        login = self._get("passwd").get(uid)
        if login:
            return login
        now = self._clock()
        cached = self._uid_cache.get(uid)
        if cached and now - cached[0] < self.check_interval:
            return cached[1]
        try:
            found: str | None = pwd.getpwuid(uid).pw_name
        except (KeyError, OverflowError, ValueError):
            found = None
        if len(self._uid_cache) > 4096:
            self._uid_cache.clear()  # bounded: uids come from (forgeable) headers
        self._uid_cache[uid] = (now, found)
        return found


# --- the stub twin ----------------------------------------------------------------------------------------


class MemoryCpanelAccounts:
    """In-memory twin of `CpanelAccounts` for unit tests: same methods, backed by dicts."""

    def __init__(self, *, domains: Mapping[str, str] | None = None, main_domains: Mapping[str, str] | None = None,
                 owners: Mapping[str, str] | None = None, settings: Mapping[str, Mapping[str, str]] | None = None,
                 uids: Mapping[int, str] | None = None, send_limits: Mapping[str, SendLimit] | None = None,
                 local_domains: Iterable[str] = ()) -> None:
        # accounts: the keys of `settings` plus every user named in `domains` or `main_domains`
        self.domains: dict[str, str] = {}
        self.main_domains: dict[str, str] = dict(main_domains or {})
        self.owners: dict[str, str] = dict(owners or {})
        self.settings: dict[str, dict[str, str]] = {u: dict(s) for u, s in (settings or {}).items()}
        for user in self.main_domains:
            self.settings.setdefault(user, {})
        self.uids: dict[int, str] = dict(uids or {})
        self.send_limits: dict[str, SendLimit] = {}
        self.local_domains: set[str] = set()
        for d, u in (domains or {}).items():
            self._map_domain(d, u)
            if valid_username(u):
                self.settings.setdefault(u, {})
        for d, lim in (send_limits or {}).items():
            nd = normalize_domain(d)
            if nd:
                self.send_limits[nd] = lim
        for d in local_domains:
            nd = normalize_domain(d)
            if nd:
                self.local_domains.add(nd)

    def add_account(self, user: str, main_domain: str, *, domains: Iterable[str] = (), owner: str = "root",
                    uid: int | None = None, settings: Mapping[str, str] | None = None) -> None:
        """Add an account with its main domain, other domains, owner, uid and user-file settings."""
        if not valid_username(user):
            raise ValueError(f"not a valid cPanel user name: {user!r}")
        main = normalize_domain(main_domain)
        if main is None:
            raise ValueError(f"not a valid domain: {main_domain!r}")
        self.main_domains[user] = main
        self.owners[user] = owner
        self.settings[user] = {"USER": user, "DNS": main, "OWNER": owner, **(settings or {})}
        for d in (main, *domains):
            self._map_domain(d, user)
            nd = normalize_domain(d)
            if nd:
                self.local_domains.add(nd)
        if uid is not None:
            self.uids[uid] = user

    def _map_domain(self, domain: str, user: str) -> None:
        key = _norm(domain, "domain")
        if key and valid_username(user):
            self.domains[key] = user

    def owner_of_domain(self, domain: str) -> str | None:
        """Return the account owning `domain` or its closest listed parent domain, or None."""
        d = normalize_domain(domain)
        if d is None:
            return None
        for candidate in parent_domains(d):
            for key in ("*." + candidate, candidate) if candidate != d else (candidate,):
                owner = self.domains.get(key)
                if owner:
                    return owner if self.is_account(owner) else None
        return None

    def is_account(self, user: str) -> bool:
        """Tell whether `user` is a known account."""
        return valid_username(user) and user in self.settings

    def account_of_system_user(self, login: str) -> str | None:
        """Return `login` if it is an account, else None."""
        return login if self.is_account(login) else None

    def account_of_uid(self, uid: int) -> str | None:
        """Return the account mapped to `uid`, or None."""
        login = self.uids.get(uid) if isinstance(uid, int) else None
        return self.account_of_system_user(login) if login else None

    def main_domain(self, user: str) -> str | None:
        """Return the account's main domain, or None."""
        if not self.is_account(user):
            return None
        return self.main_domains.get(user) or normalize_domain(self.settings[user].get("DNS", ""))

    def domains_of(self, user: str) -> list[str]:
        """Return every domain of the account (main first, then sorted)."""
        if not self.is_account(user):
            return []
        owned = (d for d, owner in self.domains.items() if owner == user)
        return account_domains(owned, self.settings[user], self.main_domain(user))

    def reseller_of(self, user: str) -> str | None:
        """Return the account's owner, or None."""
        if not self.is_account(user):
            return None
        return self.owners.get(user) or self.settings[user].get("OWNER") or None

    def user_settings(self, user: str) -> dict[str, str]:
        """Return a copy of the account's settings (empty if not an account)."""
        return dict(self.settings[user]) if self.is_account(user) else {}

    def send_limit_of_domain(self, domain: str) -> SendLimit | None:
        """Return the domain's send limit, or None."""
        d = normalize_domain(domain)
        return self.send_limits.get(d) if d else None

    def is_local_domain(self, domain: str) -> bool:
        """Tell whether `domain` is local."""
        d = normalize_domain(domain)
        return d is not None and d in self.local_domains

    def accounts(self) -> list[str]:
        """Return every account name, sorted."""
        return sorted(u for u in self.settings if valid_username(u))

    def has_accounts(self) -> bool:
        """Whether any account is known."""
        return any(valid_username(u) for u in self.settings)

    def refresh(self) -> None:
        """Nothing to reload in memory."""
