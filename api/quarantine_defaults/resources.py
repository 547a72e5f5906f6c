"""/quarantine-defaults: the storage limit and hourly releases limit every unedited account follows, and who may
release each hold reason (the release policy)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.quarantine_defaults.schemas import DefaultsEditArgs, DefaultsSchema
from api.quota_evictions.jobs import apply_quota
from api.services import identity, interface, record, services

blp = Blueprint("quarantine-defaults", __name__, description="Defaults for accounts never edited")


def _view() -> dict[str, Any]:
    limit_bytes, releases_limit = services().quarantine.defaults()
    return {"limit_bytes": limit_bytes, "releases_limit": releases_limit,
            "release_by": services().actions.release_policy()}


@blp.route("/quarantine-defaults")
class Defaults(MethodView):
    @blp.response(200, DefaultsSchema)
    def get(self) -> dict[str, Any]:
        """The defaults in force."""
        return _view()

    @blp.arguments(DefaultsEditArgs, required=False)
    @blp.response(200, DefaultsSchema)
    def patch(self, args: dict[str, Any]) -> dict[str, Any]:
        """Set the defaults; -1 (release_by: "default") restores the common default from the settings file."""
        identity().require_admin("changing quarantine defaults")
        before = _view()
        if args.get("release_by"):  # first: an unknown reason refuses the whole edit
            services().actions.set_release_policy(identity(), args["release_by"])
        store = services().quarantine
        store.set_defaults(limit_bytes=args.get("limit_bytes"), releases_limit=args.get("releases_limit"))
        after = _view()
        details: dict[str, Any] = {k: {"from": before[k], "to": after[k]} for k in args}
        if after["limit_bytes"] < before["limit_bytes"]:
            # a lowered default applies at once to every account that follows it (oldest held mail first); a large
            # eviction goes on as a job after the answer
            following = [name for name in store.accounts() if "limit_bytes" not in store.quota(name).own_fields]
            evicted, job = apply_quota(services(), identity(), following, interface())
            if evicted:
                details["evicted"] = evicted
            if job:
                details["eviction_job"] = job["id"]
                after["eviction"] = job
        record("defaults.set", details=details)
        return after
