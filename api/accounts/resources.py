"""/accounts: quarantine subspaces (limits, state, usage), the owner's digest choices, edits and purge."""

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
from api.quota_evictions.jobs import apply_quota
from api.services import identity, interface, record, services
from core.errors import Forbidden, NotFound
from core.identity.caller import ROOT
from core.names import valid_account
from core.store.digest_prefs import DigestPrefs

blp = Blueprint("accounts", __name__, description="Per-account quarantine settings and usage")

#: What an account may change about itself: its digest choices (everything else is the admin's).
OWNER_FIELDS = frozenset({"digest", "digest_address"})
#: The Account fields an edit records in the audit log (from -> to).
AUDITED = ("limit_bytes", "state", "releases_limit", "incoming", "digest", "digest_address")


def account_view(name: str, incoming_off: frozenset[str] | None = None,
                 prefs: dict[str, DigestPrefs] | None = None) -> dict[str, Any]:
    """One account in the API's Account shape (a listing passes the incoming-off set and choices it read once)."""
    svc = services()
    if incoming_off is None:
        incoming_off = svc.incoming.disabled()
    mine = services().digest_prefs.get(name) if prefs is None else prefs.get(name, DigestPrefs())
    q = svc.quarantine.quota(name)
    return {"name": q.name, "limit_bytes": q.limit_bytes, "used_bytes": q.used_bytes, "state": str(q.state),
            "releases_limit": q.releases_limit, "customized": q.customized, "own_fields": list(q.own_fields),
            "messages": q.messages,
            "evicted_last_hour": svc.quarantine.evicted_last_hour(name),
            "expired_last_day": svc.quarantine.expired_last_day(name),
            "releases_last_hour": svc.actions.releases_used(name),
            "next_release_at": _epoch(svc.actions.next_release_at(name, q.releases_limit)),
            "incoming": name not in incoming_off,
            "incoming_owner_may_change": svc.settings.incoming.accounts_may_turn_off,
            "digest": mine.digest, "digest_address": mine.address}


def _epoch(at: float | None) -> int | None:
    return None if at is None else int(at + 0.999)


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
        mine = who.accounts()
        names = known_accounts() if mine is None else sorted(mine)  # a reseller: the accounts it owns
        if args.get("name"):
            names = [n for n in names if n == args["name"]]
        page = names[args["offset"]: args["offset"] + args["limit"]]
        off = services().incoming.disabled()
        prefs = services().digest_prefs.all() if page else {}
        return {"items": [account_view(n, off, prefs) for n in page], "max_count": len(names)}


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
        """Change an account's limits, state or incoming scan (admin); its digest choices (admin or the account)."""
        who = identity()
        if who.is_reseller:
            who.require_account(name, "edit")
            allowed = set(services().settings.resellers.may_change)  # what root lets resellers change
            others = sorted(set(args) - allowed)
            if others:
                raise Forbidden(f"changing {', '.join(others)} is for the server administrator only (root lets "
                                f"resellers change: {', '.join(sorted(allowed)) or 'nothing'})")
        elif not who.is_admin:
            who.require_account(name, "edit")
            mine = OWNER_FIELDS | ({"incoming"} if services().settings.incoming.accounts_may_turn_off else set())
            others = sorted(set(args) - mine)
            if others:
                raise Forbidden(f"changing {', '.join(others)} is for the server administrator only")
        _existing(name)
        before = account_view(name)
        evicted = 0
        if {"limit_bytes", "releases_limit", "state"} & set(args):
            services().quarantine.set_account(name, limit_bytes=args.get("limit_bytes"),
                                              releases_limit=args.get("releases_limit"), state=args.get("state"))
        job = None
        if "limit_bytes" in args:  # a lowered capacity applies now, oldest first; a large eviction goes on as a job
            evicted, job = apply_quota(services(), who, [name], interface())
        if "incoming" in args:
            services().incoming.set_enabled(name, args["incoming"])
        if OWNER_FIELDS & set(args):
            services().digest_prefs.set(name, digest=args.get("digest"), address=args.get("digest_address"))
        after = account_view(name)
        changed: dict[str, Any] = {k: {"from": before[k], "to": after[k]} for k in AUDITED
                                   if before[k] != after[k] or k in args}
        if evicted:
            changed["evicted"] = evicted
        if job:
            changed["eviction_job"] = job["id"]
            after["eviction"] = job
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
        removed = svc.quarantine.purge_account(name, batch=args.get("batch"), by=identity().label())
        remaining = svc.quarantine.quota(name).messages
        record("account.purge", account=name, target=name, details={"removed": removed, "remaining": remaining})
        return {"name": name, "removed": removed, "remaining": remaining}
