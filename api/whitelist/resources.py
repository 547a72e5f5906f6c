"""/whitelist/{authuser|sender|recipient}: server-wide whitelists (admin only: they bypass filtering)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.services import identity, record, services
from api.whitelist.schemas import EntriesSchema, ValuesArgs, WhitelistSchema
from core.errors import NotFound
from core.store.whitelist import KINDS

#: The whitelist a path names (any other is a 404).
KIND_PARAMETER = {"in": "path", "name": "kind", "schema": {"type": "string", "enum": list(KINDS)}}

blp = Blueprint("whitelist", __name__, description="Whitelisted authenticated users, senders and recipients")


def _kind(kind: str) -> str:
    identity().require_admin("the whitelist")
    if kind not in KINDS:
        raise NotFound(f"no whitelist {kind!r}: use one of {', '.join(KINDS)}")
    return kind


@blp.route("/whitelist/<kind>", parameters=[KIND_PARAMETER])
class Whitelist(MethodView):
    @blp.response(200, WhitelistSchema)
    def get(self, kind: str) -> dict[str, Any]:
        """Whitelisted email addresses and domains of one kind."""
        emails, domains = services().whitelist.list(_kind(kind))
        return {"emails": emails, "domains": domains}

    @blp.arguments(ValuesArgs)
    @blp.response(200, EntriesSchema)
    def post(self, args: dict[str, Any], kind: str) -> dict[str, Any]:
        """Add addresses/domains (all are validated before any is written)."""
        entries = services().whitelist.add(_kind(kind), args["values"])
        record("whitelist.add", target=kind, details={"values": [v for _, v in entries][:100]})
        return {"entries": [{"type": t, "value": v} for t, v in entries]}


@blp.route("/whitelist/<kind>/remove", parameters=[KIND_PARAMETER])
class WhitelistRemove(MethodView):
    @blp.arguments(ValuesArgs)
    @blp.response(200, EntriesSchema)
    def post(self, args: dict[str, Any], kind: str) -> dict[str, Any]:
        """Remove addresses/domains."""
        entries = services().whitelist.remove(_kind(kind), args["values"])
        record("whitelist.remove", target=kind, details={"values": [v for _, v in entries][:100]})
        return {"entries": [{"type": t, "value": v} for t, v in entries]}
