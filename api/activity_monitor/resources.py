"""/am: the Activity Monitor's statistics, per-object sender limits (tier 2) and server limits (tier 1)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.activity_monitor.schemas import (
    HistoryArgs,
    LimitArgs,
    LimitResultSchema,
    ObjectHistorySchema,
    ServerSettingsEditArgs,
    ServerSettingsSchema,
    StatsArgs,
    StatsSchema,
)
from api.services import identity, record, services
from core.activity_monitor import stats
from core.durations import parse_duration
from core.errors import Forbidden, NotFound
from core.store_whitelist import WhitelistStore

blp = Blueprint("activity-monitor", __name__, description="Activity Monitor: sender objects, their statistics and "
                                                          "sender limits")

#: `ie-cli am server-settings` prints the reference's keys first (alphabetical, as it does), then Mailward's.
SETTINGS_ORDER = ("account", "domain", "limit_mode", "script", "sender_email", "daily_account", "daily_domain",
                  "daily_script", "daily_sender_email", "dry_run")


def settings_view() -> dict[str, Any]:
    """The server settings in force, in SETTINGS_ORDER."""
    current = services().limits.server_settings()
    return {k: current[k] for k in SETTINGS_ORDER}


@blp.route("/am/stats")
class Stats(MethodView):
    @blp.arguments(StatsArgs, location="query")
    @blp.response(200, StatsSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Sender objects active in the frame: accounts, their domains and addresses, their scripts."""
        who = identity()
        wanted = args.get("account_name", "")
        scope = None
        if not who.is_admin:
            if wanted not in ("", who.account):
                raise Forbidden(f"account {who.account} may not see account {wanted}")
            scope = who.account
        svc = services()
        # One read of the whitelist for the whole answer (the shared store re-reads it on every question).
        whitelist = WhitelistStore(svc.redis, ttl=3600.0)
        return stats(svc.limits, whitelist.matches, since_s=parse_duration(args.get("since") or "1h"),
                     account=scope, account_name=wanted, domain=args.get("domain", ""),
                     script_name=args.get("script_name", ""), sender_email=args.get("sender_email", ""),
                     limit=args["limit"], offset=args["offset"],
                     history=svc.history.baselines if args["history"] else None, window=args["window"])


@blp.route("/am/history")
class History(MethodView):
    @blp.arguments(HistoryArgs, location="query")
    @blp.response(200, ObjectHistorySchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """One sender object's history: its baseline and the recipient domains it wrote to most recently."""
        who = identity()
        svc = services()
        obj = svc.limits.object(str(args["id"]))
        if not who.may_touch(obj.account):
            raise NotFound(f"no sender object with id {obj.id} (ids come from `ie-cli am stats`)")
        shown = svc.history.baseline(obj)
        recent = shown.pop("recent_domains", []) if shown else []
        return {"id": obj.id, "so_type": obj.type.value, "name": obj.name, "account_name": obj.account,
                "history": shown, "recent_domains": recent}


@blp.route("/am/limit")
class Limit(MethodView):
    @blp.arguments(LimitArgs)
    @blp.response(200, LimitResultSchema)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Set one sender object's own hourly limit (0 = unlimited, -1 = back to the server default)."""
        identity().require_admin("setting sender limits")
        store = services().limits
        so_id = str(args["id"])
        before = store.effective_limit(store.object(so_id))
        obj = store.set_limit(so_id, args["so_type"], args["limit"])
        overrides = store.overrides()
        after = store.effective_limit(obj, overrides=overrides)
        record("am.limit", account=obj.account, target=obj.id,
               details={"so_type": obj.type.value, "name": obj.name, "limit": {"from": before, "to": after},
                        "set": args["limit"]})
        return {"id": obj.id, "so_type": obj.type.value, "name": obj.name, "account_name": obj.account,
                "account_id": obj.account_id, "domain_id": obj.domain_id, "limit": after,
                "exclusion": obj.id in overrides}


@blp.route("/am/server-settings")
class ServerSettings(MethodView):
    @blp.response(200, ServerSettingsSchema)
    def get(self) -> dict[str, Any]:
        """The server's default sender limits (tier 1) in force."""
        return settings_view()

    @blp.arguments(ServerSettingsEditArgs, required=False)
    @blp.response(200, ServerSettingsSchema)
    def patch(self, args: dict[str, Any]) -> dict[str, Any]:
        """Change the server's default sender limits; -1 (or leaving a field out) keeps a value."""
        identity().require_admin("changing the server sender limits")
        before = settings_view()
        services().limits.set_server_settings(args)
        after = settings_view()
        record("am.server_settings", details={k: {"from": before[k], "to": after[k]} for k in args})
        return after
