"""Who is calling the API, and what that identity may see: decided once per request, never from request data."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from core.errors import Forbidden
from core.names import valid_account

#: The account name of the admin's view and of mail no account could be found for.
ROOT = "root"


class Role(enum.StrEnum):
    ADMIN = "admin"
    # a cPanel reseller: the accounts it owns (core.identity.resellers), never the server's settings
    RESELLER = "reseller"
    ACCOUNT = "account"


@dataclass(frozen=True, slots=True)
class Identity:
    """An authenticated caller: the admin (uid 0 or an admin token), a reseller, or one cPanel account."""

    role: Role
    account: str  # "root" for the admin; the reseller's own login for a reseller
    uid: int | None = None  # from SO_PEERCRED; None for token callers
    token: str | None = None  # the token's name, never its secret
    via: str = "unix"  # "unix", "tcp", "whm" (the WHM plugin's proxy, for a reseller) or "link"
    owned: frozenset[str] = frozenset()  # a reseller's accounts (its own included), read from cPanel's files

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_reseller(self) -> bool:
        return self.role is Role.RESELLER

    def label(self) -> str:
        """Short text for logs: `uid 0 (admin)`, `token ci (account alice)`, `whm (reseller res1)`."""
        if self.uid is not None:
            who = f"uid {self.uid}"
        elif self.token is not None:
            who = f"token {self.token}"
        else:
            who = self.via
        return f"{who} ({'admin' if self.is_admin else str(self.role) + ' ' + self.account})"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"role": str(self.role), "account": self.account, "uid": self.uid,
                                  "token": self.token, "via": self.via}
        if self.is_reseller:
            out["accounts"] = sorted(self.owned)
        return out

    def accounts(self) -> frozenset[str] | None:
        """Every account the caller may see: None for the admin (all of them)."""
        if self.is_admin:
            return None
        return self.owned if self.is_reseller else frozenset({self.account})

    def scope(self, requested: str | None) -> str | None:
        """The one account a listing covers: None means every account (admin only).

        The admin asking for nothing or for "root" sees everything (as `ie-cli -a root` does); an account may
        name only itself; a reseller must name one of its accounts (callers that list across a reseller's accounts
        use `scopes`), so None never reaches a reseller.
        """
        if self.is_admin:
            return None if requested in (None, "", ROOT) else valid_account(requested)
        if self.is_reseller:
            if requested in (None, ""):
                raise Forbidden(f"reseller {self.account}: name one of your accounts")
            return self.require_account(str(requested), "see")
        if requested not in (None, "", self.account):
            raise Forbidden(f"account {self.account} may not see account {requested}")
        return self.account

    def scopes(self, requested: str | None) -> frozenset[str] | None:
        """The accounts a listing covers: None means every account (admin only); a reseller asking for nothing
        gets every account it owns, naming one gets that one (if it is its own)."""
        if self.is_reseller and requested in (None, ""):
            return self.owned
        one = self.scope(requested)
        return None if one is None else frozenset({one})

    def require_admin(self, what: str) -> None:
        """Raise Forbidden unless the caller is the admin."""
        if not self.is_admin:
            raise Forbidden(f"{what} is for the server administrator only")

    def require_account(self, name: str, what: str) -> str:
        """The named account, if the caller may act on it (admin, a reseller's own accounts, or that account)."""
        valid_account(name)
        if not self.may_touch(name):
            raise Forbidden(f"{self.role} {self.account} may not {what} account {name}")
        return name

    def may_touch(self, account: str) -> bool:
        """True if the caller may see and act on a message held for `account`."""
        if self.is_admin:
            return True
        if self.is_reseller:
            return account in self.owned
        return account == self.account


def admin(uid: int | None = 0, *, token: str | None = None, via: str = "unix") -> Identity:
    """The admin identity."""
    return Identity(Role.ADMIN, ROOT, uid=uid, token=token, via=via)


def account(name: str, uid: int | None = None, *, token: str | None = None, via: str = "unix") -> Identity:
    """One cPanel account's identity."""
    return Identity(Role.ACCOUNT, valid_account(name), uid=uid, token=token, via=via)


def reseller(name: str, owned: frozenset[str] | set[str], uid: int | None = None, *, via: str = "unix") -> Identity:
    """A cPanel reseller's identity: the accounts it owns (root and the catch-all never among them)."""
    mine = frozenset(valid_account(a) for a in owned if a != ROOT)
    return Identity(Role.RESELLER, valid_account(name), uid=uid, via=via, owned=mine)
