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
    ACCOUNT = "account"


@dataclass(frozen=True, slots=True)
class Identity:
    """An authenticated caller: the admin (uid 0 or an admin token) or one cPanel account."""

    role: Role
    account: str  # "root" for the admin
    uid: int | None = None  # from SO_PEERCRED; None for token callers
    token: str | None = None  # the token's name, never its secret
    via: str = "unix"  # "unix" or "tcp"

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def label(self) -> str:
        """Short text for logs: `uid 0 (admin)`, `token ci (account alice)`."""
        who = f"uid {self.uid}" if self.uid is not None else f"token {self.token}"
        return f"{who} ({'admin' if self.is_admin else 'account ' + self.account})"

    def to_dict(self) -> dict[str, object]:
        return {"role": str(self.role), "account": self.account, "uid": self.uid, "token": self.token,
                "via": self.via}

    def scope(self, requested: str | None) -> str | None:
        """The account a listing covers: None means every account (admin only).

        The admin asking for nothing or for "root" sees everything (as `ie-cli -a root` does); an account may
        name only itself.
        """
        if self.is_admin:
            return None if requested in (None, "", ROOT) else valid_account(requested)
        if requested not in (None, "", self.account):
            raise Forbidden(f"account {self.account} may not see account {requested}")
        return self.account

    def require_admin(self, what: str) -> None:
        """Raise Forbidden unless the caller is the admin."""
        if not self.is_admin:
            raise Forbidden(f"{what} is for the server administrator only")

    def require_account(self, name: str, what: str) -> str:
        """The named account, if the caller may act on it (admin, or that very account)."""
        valid_account(name)
        if not self.is_admin and name != self.account:
            raise Forbidden(f"account {self.account} may not {what} account {name}")
        return name

    def may_touch(self, account: str) -> bool:
        """True if the caller may see and act on a message held for `account`."""
        return self.is_admin or account == self.account


def admin(uid: int | None = 0, *, token: str | None = None, via: str = "unix") -> Identity:
    """The admin identity."""
    return Identity(Role.ADMIN, ROOT, uid=uid, token=token, via=via)


def account(name: str, uid: int | None = None, *, token: str | None = None, via: str = "unix") -> Identity:
    """One cPanel account's identity."""
    return Identity(Role.ACCOUNT, valid_account(name), uid=uid, token=token, via=via)
