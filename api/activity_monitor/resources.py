"""/am: the Activity Monitor's statistics, per-object sender limits (tier 2) and server limits (tier 1)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.activity_monitor.schemas import (
    ContainArgs,
    ContainedArgs,
    ContainedListSchema,
    ContainmentSchema,
    HistoryArgs,
    LimitArgs,
    LimitResultSchema,
    ObjectHistorySchema,
    ServerSettingsEditArgs,
    ServerSettingsSchema,
    StatsArgs,
    StatsSchema,
    UncontainArgs,
)
from api.services import identity, record, services
from core.durations import parse_duration
from core.errors import Forbidden, NotFound
from core.identity.caller import Identity
from core.identity.sender_objects import SenderObject, SoType, object_id
from core.names import valid_account
from core.store.activity_monitor import stats
from core.store.containment import Containment, contained_event, lift_rank, may_lift
from core.store.whitelist import WhitelistStore

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
        scope: frozenset[str] | str | None = None
        if who.is_reseller:
            scope = who.scopes(wanted)  # the accounts it owns; naming another is refused
        elif not who.is_admin:
            if wanted not in ("", who.account):
                raise Forbidden(f"account {who.account} may not see account {wanted}")
            scope = who.account
        svc = services()
        # One read of the whitelist for the whole answer (the shared store re-reads it on every question).
        whitelist = WhitelistStore(svc.redis, ttl=3600.0)
        out = stats(svc.limits, whitelist.matches, since_s=parse_duration(args.get("since") or "1h"),
                    account=scope, account_name=wanted, domain=args.get("domain", ""),
                    script_name=args.get("script_name", ""), sender_email=args.get("sender_email", ""),
                    limit=args["limit"], offset=args["offset"],
                    history=svc.history.baselines if args["history"] else None, window=args["window"])
        if args["contained"]:
            _mark_contained(out["accounts"], who)
        return out


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
        store = services().limits
        so_id = str(args["id"])
        _require_reseller_setting(identity(), store.object(so_id).account, "sender_limits", "setting sender limits")
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


# ---------------------------------------------------------------- containment (issue 19 item 2)


def _require_reseller_setting(who: Identity, account: str, setting: str, what: str) -> None:
    """The admin may; a reseller may for its own accounts when root lists `setting` in [resellers] may_change."""
    if who.is_admin:
        return
    if who.is_reseller and setting in services().settings.resellers.may_change:
        if not who.may_touch(account):
            raise Forbidden(f"reseller {who.account} may not act on account {account}")
        return
    if who.is_reseller:
        raise Forbidden(f"{what} is for the server administrator only (root does not let resellers: "
                        f"[resellers] may_change has no {setting})")
    who.require_admin(what)


def _containment_view(item: Containment, who: Identity) -> dict[str, Any]:
    """A containment in the API's shape, with whether this caller may lift it (and, if not, who may)."""
    settings = services().settings.containment
    allowed = who.may_touch(item.account) and may_lift(who, item, settings) and (
        not who.is_reseller or "containment" in services().settings.resellers.may_change)
    return {"id": item.id, "so_type": item.so_type, "name": item.name, "account_name": item.account,
            "action": item.action, "since": int(item.since), "by": item.by, "auto": item.auto, "note": item.note,
            "holds": item.holds, "lift_by": lift_rank(item, settings), "may_lift": allowed}


def _mark_contained(accounts: list[dict[str, Any]], who: Identity) -> None:
    """Give every object row of an /am/stats answer its `contained` key (null: not contained)."""
    rows: list[dict[str, Any]] = []
    for acc in accounts:
        rows.append(acc)
        for dom in acc.get("domains") or []:
            rows.append(dom)
            rows += dom.get("sender_emails") or []
        rows += acc.get("scripts") or []
    found = services().containment.many(r["id"] for r in rows)
    for r in rows:
        item = found.get(r["id"])
        r["contained"] = _containment_view(item, who) if item else None
        ordered = sorted(r.items())  # the reference's (alphabetical) key order, `contained` in its place
        r.clear()
        r.update(ordered)


def _target(args: dict[str, Any]) -> SenderObject:
    """The object a contain names: by id (from /am/stats), or by type, account and name (even before it sent)."""
    limits = services().limits
    if args.get("id"):
        return limits.object(str(args["id"]))
    if not (args.get("so_type") and args.get("account_name") and args.get("name")):
        raise NotFound("name the sender object by id, or by so_type, account_name and name")
    kind, acct = SoType(args["so_type"]), valid_account(str(args["account_name"]))
    name = str(args["name"]).strip()
    if kind in (SoType.SENDER_EMAIL, SoType.DOMAIN):
        name = name.lower().rstrip(".")
    so_id = object_id(kind, acct, name)
    known = limits.objects([so_id])
    if known:
        return known[0]
    return SenderObject(kind, acct, name, so_id, object_id(SoType.ACCOUNT, acct, acct))


def _may_contain(who: Identity, account: str, what: str) -> None:
    """Admin; a reseller for its accounts (if root allows containment); an account for its own objects."""
    if who.is_reseller:
        _require_reseller_setting(who, account, "containment", what)
    elif not who.may_touch(account):
        raise Forbidden(f"{what} of account {account} is not for account {who.account}")


@blp.route("/am/contain")
class Contain(MethodView):
    @blp.arguments(ContainArgs)
    @blp.response(200, ContainmentSchema)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Contain a script, sender email or domain: its mail is held (reason contained) or refused; the rest of
        its account's mail flows. Again on a contained object: changes its action."""
        who, svc = identity(), services()
        obj = _target(args)
        if not who.may_touch(obj.account):
            raise NotFound(f"no sender object with id {obj.id} (ids come from `ie-cli am stats`)")
        _may_contain(who, obj.account, "containing sender objects")
        item, created = svc.containment.contain(obj, who, action=args.get("action", ""), note=args.get("note", ""))
        record("am.contain", account=obj.account, target=obj.id,
               details={"so_type": item.so_type, "name": item.name, "action": item.action, "note": item.note,
                        "new": created})
        if created:
            svc.events.emit("sender.contained", contained_event(item, by=who.label()))
        return _containment_view(item, who)


@blp.route("/am/uncontain")
class Uncontain(MethodView):
    @blp.arguments(UncontainArgs)
    @blp.response(200, ContainmentSchema)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Lift a containment: the object's mail is scanned as any other again. Who contained it (or, for an
        automatic one, [containment] auto_lift_by) decides who may lift it."""
        who, svc = identity(), services()
        so_id = str(args["id"])
        item = svc.containment.get(so_id)
        if item is None or not who.may_touch(item.account):
            raise NotFound(f"sender object {so_id} is not contained")
        _may_contain(who, item.account, "lifting containments")
        lifted = svc.containment.uncontain(so_id, who)
        if lifted is None:
            raise NotFound(f"sender object {so_id} is not contained")
        record("am.uncontain", account=lifted.account, target=lifted.id,
               details={"so_type": lifted.so_type, "name": lifted.name, "auto": lifted.auto, "by": lifted.by})
        svc.events.emit("sender.uncontained", contained_event(lifted, by=who.label()))
        return {**_containment_view(lifted, who), "may_lift": False}


@blp.route("/am/contained")
class Contained(MethodView):
    @blp.arguments(ContainedArgs, location="query")
    @blp.response(200, ContainedListSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Contained sender objects the caller may see, newest first."""
        who = identity()
        scope = who.scopes(args.get("account_name"))
        items = services().containment.listing(scope)
        page = items[args["offset"]:args["offset"] + args["limit"]]
        return {"items": [_containment_view(i, who) for i in page], "max_count": len(items)}
