"""/quota-evictions/{id}: the progress of a lowered capacity's evictions that go on after the request."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.quota_evictions import jobs
from api.quota_evictions.schemas import QuotaEvictionSchema
from api.services import identity, services

blp = Blueprint("quota-evictions", __name__, description="Evictions of a lowered storage capacity")

JOB_ID_PARAMETER = {"in": "path", "name": "job_id", "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}}


@blp.route("/quota-evictions/<job_id>", parameters=[JOB_ID_PARAMETER])
class QuotaEviction(MethodView):
    @blp.response(200, QuotaEvictionSchema)
    def get(self, job_id: str) -> dict[str, Any]:
        """A job's progress (admin, or a caller who may see every account it evicts from); a job whose API process
        went away is resumed by this call."""
        return jobs.status(services(), identity(), job_id)
