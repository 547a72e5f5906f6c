"""/filter-settings: server-wide filter toggles."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.filter_settings.schemas import FilterSettingsEditArgs, FilterSettingsSchema
from api.services import identity, record, services

blp = Blueprint("filter-settings", __name__, description="Filter toggles")


@blp.route("/filter-settings")
class FilterSettings(MethodView):
    @blp.response(200, FilterSettingsSchema)
    def get(self) -> dict[str, bool]:
        """Every toggle with its value in force."""
        return services().filters.all(fresh=True)

    @blp.arguments(FilterSettingsEditArgs, required=False)
    @blp.response(200, FilterSettingsSchema)
    def patch(self, args: dict[str, Any]) -> dict[str, bool]:
        """Change toggles."""
        identity().require_admin("changing filter settings")
        store = services().filters
        before = store.all(fresh=True)
        for name, value in args.items():
            store.set(name, bool(value))
        after = store.all(fresh=True)
        record("filter.set", details={k: {"from": before[k], "to": after[k]} for k in args})
        return after
