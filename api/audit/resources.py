"""/audit: who changed what, when and through which interface."""

from __future__ import annotations

import time
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.audit.schemas import AuditListArgs, AuditListSchema
from api.services import identity, services
from core.durations import parse_duration

blp = Blueprint("audit", __name__, description="The audit trail of every change")


@blp.route("/audit")
class Audit(MethodView):
    @blp.arguments(AuditListArgs, location="query")
    @blp.response(200, AuditListSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Audit entries, newest first; an account sees the entries about itself."""
        who = identity()
        wanted = args.get("account")
        if who.is_admin:
            account = None if wanted in (None, "") else wanted
        elif who.is_reseller:  # one of its accounts at a time; its own entries when it names none
            account = who.require_account(wanted, "see the audit trail of") if wanted else who.account
        else:
            who.scope(wanted)  # naming another account is refused
            account = who.account
        since = time.time() - parse_duration(args["since"]) if args.get("since") else 0.0
        items, total = services().audit.list(account=account, action=args.get("action", ""), since=since,
                                             limit=args["limit"], offset=args["offset"])
        return {"items": [e.to_dict() for e in items], "max_count": total}
