"""cPanel resellers: who is one (/var/cpanel/resellers) and which accounts each owns (OWNER=, /etc/trueuserowners).

A reseller's identity is resolved from what the kernel or cpsrvd vouches for, never from a request: on the API's
unix socket, the caller's uid whose login is listed here; through the WHM plugin, cpsrvd's REMOTE_USER, which the
plugin's root CGI passes on its own root connection (api.auth). The reseller sees and acts on the accounts it owns,
its own account included, and nothing of the server's settings.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from core.identity.caller import ROOT, Identity, reseller
from core.identity.cpanel import valid_username
from core.names import valid_account

#: The ACL that makes a WHM reseller root-equivalent in cPanel ("Everything"): in WHM such a login is the admin.
ALL_ACL = "all"
#: The WHM plugin shows reseller-scoped pages to resellers holding this ACL (AppConfig `acls=all,list-accts`).
LIST_ACCOUNTS_ACL = "list-accts"
_MAX_FILE = 1 << 20


def parse_resellers(text: str) -> dict[str, frozenset[str]]:
    """`user:acl1,acl2` lines of /var/cpanel/resellers; malformed names are skipped, the first line of a name wins."""
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        name, sep, acls = line.partition(":")
        name = name.strip()
        if not sep or not valid_username(name) or name in out:
            continue
        out[name] = frozenset(a.strip() for a in acls.split(",") if a.strip())
    return out


class ResellerDirectory:
    """Resellers and their accounts, read from cPanel's files under `root` (cached, re-read when they change).

    `accounts` is the account directory (core.identity.cpanel.CpanelAccounts or its twin): its `reseller_of(user)`
    reads OWNER= (trueuserowners first), so ownership has one source of truth. Tests may pass `resellers` (name ->
    ACLs) instead of a root.
    """

    def __init__(self, accounts: Any, root: Path | str | None = None, *,
                 resellers: Mapping[str, set[str] | frozenset[str]] | None = None, check_interval: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.accounts = accounts
        if root is None and resellers is None:
            root = getattr(accounts, "root", None)
        self.path = Path(root) / "var/cpanel/resellers" if root is not None else None
        self._fixed = None if resellers is None else {k: frozenset(v) for k, v in resellers.items()}
        self.check_interval = check_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: tuple[float, tuple[int, int, int] | None, dict[str, frozenset[str]]] | None = None

    def all(self) -> dict[str, frozenset[str]]:
        """Every reseller and its ACLs."""
        if self._fixed is not None:
            return dict(self._fixed)
        if self.path is None:
            return {}
        now = self._clock()
        with self._lock:
            cached = self._cache
            if cached is not None and now - cached[0] < self.check_interval:
                return cached[2]
            try:
                st = os.stat(self.path)
                sig: tuple[int, int, int] | None = (st.st_ino, st.st_size, st.st_mtime_ns)
            except OSError:
                sig = None
            if cached is not None and cached[1] == sig:
                data = cached[2]
            elif sig is None:
                data = {}
            else:
                try:
                    with open(self.path, encoding="utf-8", errors="replace") as f:
                        data = parse_resellers(f.read(_MAX_FILE))
                except OSError:
                    data = {}
            self._cache = (now, sig, data)
            return data

    def acls(self, name: str) -> frozenset[str] | None:
        """A reseller's ACLs, or None when `name` is not a reseller."""
        return self.all().get(name) if valid_username(name) else None

    def owned_by(self, name: str) -> frozenset[str]:
        """The accounts a reseller owns: those whose owner is `name`, and its own account."""
        owned = {a for a in self.accounts.accounts() if self.accounts.reseller_of(a) == name}
        if self.accounts.is_account(name):
            owned.add(name)
        return frozenset(owned)

    def owner_of(self, account: str) -> str | None:
        """The reseller that owns `account` (None: root's, or not an account)."""
        owner = self.accounts.reseller_of(account) if valid_username(account) else None
        return owner if owner and owner != ROOT and self.acls(owner) is not None else None

    def of_uid(self, name: str, uid: int) -> Identity | None:
        """The identity of a cPanel account's uid if that account is a reseller (None: it is a plain account).

        Whatever its ACLs, a reseller's uid is a reseller here, never the admin: any script of its sites runs as that
        uid, while WHM's `all` needs its WHM login.
        """
        if self.acls(name) is None:
            return None
        return reseller(name, self.owned_by(name), uid)

    def of_whm_user(self, user: str, proxy: Identity) -> Identity | None:
        """The identity of a WHM login the WHM plugin vouches for (cpsrvd's REMOTE_USER) on its own admin connection
        `proxy`; None: nobody Mailward knows.

        root is the admin (the proxy's identity); a reseller with the `all` ACL is root-equivalent in WHM, so the
        admin too; any other reseller sees the accounts it owns. Only ever narrows the proxy's admin identity.
        """
        if not proxy.is_admin:
            return None
        if user == ROOT:
            return proxy
        acls = self.acls(user)
        if acls is None:
            return None
        if ALL_ACL in acls:
            return proxy
        return reseller(valid_account(user), self.owned_by(user), via="whm")
