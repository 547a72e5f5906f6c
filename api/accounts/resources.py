"""/accounts: quarantine subspaces (limits, state, usage), edits and purge."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.accounts.schemas import (
    ACCOUNT_PATH_PARAMETER,
    AccountEditArgs,
    AccountListArgs,
    AccountListSchema,
    AccountSchema,
    PurgeArgs,
    PurgeResultSchema,
)
from api.services import identity, record, services
from core.errors import NotFound
from core.identity import ROOT
from core.names import valid_account

blp = Blueprint("accounts", __name__, description="Per-account quarantine settings and usage")


def account_view(name: str, incoming_off: frozenset[str] | None = None) -> dict[str, Any]:
    """One account in the API's Account shape (a listing passes the incoming-off set it read once)."""
    svc = services()
    if incoming_off is None:
        incoming_off = svc.incoming.disabled()
    q = svc.quarantine.quota(name)
    return {"name": q.name, "limit_bytes": q.limit_bytes, "used_bytes": q.used_bytes, "state": str(q.state),
            "releases_limit": q.releases_limit, "customized": q.customized, "messages": q.messages,
            "evicted_last_hour": svc.quarantine.evicted_last_hour(name),
            "expired_last_day": svc.quarantine.expired_last_day(name),
            "releases_last_hour": svc.actions.releases_used(name),
            "incoming": name not in incoming_off}


def known_accounts() -> list[str]:
    """Accounts with a quarantine subspace, every cPanel account, and root (where unattributed mail goes)."""
    svc = services()
    names = set(svc.quarantine.accounts()) | {ROOT}
    names |= set(svc.accounts.accounts())
    return sorted(names)


def _existing(name: str) -> str:
    valid_account(name)
    if name not in known_accounts():
        raise NotFound(f"account {name} is neither a cPanel account nor has a quarantine")
    return name


@blp.route("/accounts")
class Accounts(MethodView):
    @blp.arguments(AccountListArgs, location="query")
    @blp.response(200, AccountListSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Accounts and their quarantine: the admin sees all, an account sees itself."""
        who = identity()
        names = known_accounts() if who.is_admin else [who.account]
        if args.get("name"):
            names = [n for n in names if n == args["name"]]
        page = names[args["offset"]: args["offset"] + args["limit"]]
        off = services().incoming.disabled()
        return {"items": [account_view(n, off) for n in page], "max_count": len(names)}


@blp.route("/accounts/<name>", parameters=[ACCOUNT_PATH_PARAMETER])
class Account(MethodView):
    @blp.response(200, AccountSchema)
    def get(self, name: str) -> dict[str, Any]:
        """One account's quarantine settings and usage."""
        identity().require_account(name, "see")
        return account_view(_existing(name))

    @blp.arguments(AccountEditArgs, required=False)
    @blp.response(200, AccountSchema)
    def patch(self, args: dict[str, Any], name: str) -> dict[str, Any]:
        """Change an account's storage limit, state, hourly releases limit (-1: the default) or incoming scan."""
        identity().require_admin("editing an account")
        _existing(name)
        before = account_view(name)
        services().quarantine.set_account(name, limit_bytes=args.get("limit_bytes"),
                                          releases_limit=args.get("releases_limit"), state=args.get("state"))
        if "incoming" in args:
            services().incoming.set_enabled(name, args["incoming"])
        after = account_view(name)
        changed = {k: {"from": before[k], "to": after[k]}
                   for k in ("limit_bytes", "state", "releases_limit", "incoming")
                   if before[k] != after[k] or k in args}
        record("account.edit", account=name, target=name, details=changed)
        if before["state"] != after["state"]:
            kind = "account.blocked" if after["state"] == "block" else "account.unblocked"
            services().events.emit(kind, {"account": name, "by": identity().label()})
        return after


@blp.route("/accounts/<name>/emails", parameters=[ACCOUNT_PATH_PARAMETER])
class AccountEmails(MethodView):
    @blp.arguments(PurgeArgs, location="query")
    @blp.response(200, PurgeResultSchema)
    def delete(self, args: dict[str, Any], name: str) -> dict[str, Any]:
        """Purge an account's quarantine (oldest first, `batch` at a time so a client can show progress)."""
        identity().require_account(name, "purge")
        _existing(name)
        svc = services()
        removed = svc.quarantine.purge_account(name, batch=args.get("batch"))
        remaining = svc.quarantine.quota(name).messages
        record("account.purge", account=name, target=name, details={"removed": removed, "remaining": remaining})
        return {"name": name, "removed": removed, "remaining": remaining}
