"""/stats: per-hour or per-day series of what was sent and held (by reason), and the top senders, for charts."""

from __future__ import annotations

import time
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.services import identity, services
from api.statistics.schemas import StatisticsArgs, StatisticsSchema
from core.durations import parse_duration
from core.identity.sender_objects import SoType, object_id
from core.store.incoming import INCOMING_HAM, INCOMING_SPAM
from core.store.limits import HELD, RATELIMITED, REJECTED, SENT

blp = Blueprint("statistics", __name__, description="Series for the plugins' charts")

_REASONS = ("spam", "winexec", "virus")


def _bucket(row: dict[str, Any]) -> dict[str, int]:
    held = {f"held_{r}": int(row.get(f"held_{r}", 0)) for r in _REASONS}
    other = max(int(row.get(HELD, 0)) - sum(held.values()), 0)
    return {"start": int(row["start"]), "sent": int(row.get(SENT, 0)), **held, "held_other": other,
            "ratelimited": int(row.get(RATELIMITED, 0)), "rejected": int(row.get(REJECTED, 0)),
            "incoming_spam": int(row.get(INCOMING_SPAM, 0)), "incoming_ham": int(row.get(INCOMING_HAM, 0))}


@blp.route("/stats")
class Statistics(MethodView):
    @blp.arguments(StatisticsArgs, location="query")
    @blp.response(200, StatisticsSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Sent and held mail per hour or day (held split by reason) and the busiest sender addresses."""
        scope = identity().scopes(args.get("account"))  # a reseller: the accounts it owns (or the one it names)
        since_s = parse_duration(args["since"] or "7d")  # empty, which the document allows: the default frame
        limits = services().limits
        ids = None if scope is None else [object_id(SoType.ACCOUNT, a, a) for a in sorted(scope)]
        series = [_bucket(r) for r in limits.series(ids, since_s, args["bucket"])]
        counts = limits.counts(since_s, now=time.time())
        senders = [o for o in limits.objects(counts) if o.type == SoType.SENDER_EMAIL
                   and (scope is None or o.account in scope)]
        top = sorted(({"name": o.name, "account": o.account, "sent": counts[o.id].get(SENT),
                       "quarantined": counts[o.id].get(HELD) + counts[o.id].get(RATELIMITED)} for o in senders),
                     key=lambda r: (-r["sent"], -r["quarantined"], r["name"]))[: args["top"]]
        return {"bucket": args["bucket"], "series": series, "top_senders": top}
