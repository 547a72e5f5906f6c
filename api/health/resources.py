"""GET /api/v1/health: is every component this API can see alive."""

from __future__ import annotations

import time
from importlib.metadata import version

import redis
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from api.health.schemas import HealthSchema
from core import keys

#: A worker process whose heartbeat is older than this is counted as gone.
WORKER_STALE_S = 10.0

blp = Blueprint("health", __name__, description="Liveness of Mailward's components")


def components() -> list[dict]:
    """Redis and scan worker liveness."""
    client: redis.Redis = current_app.extensions["mailward.redis"]
    out = []
    try:
        client.ping()
        out.append({"name": "redis", "ok": True, "detail": "answers PING"})
    except (redis.RedisError, OSError) as exc:
        out.append({"name": "redis", "ok": False, "detail": str(exc)})
        out.append({"name": "workers", "ok": False, "detail": "unknown: Redis is down"})
        return out
    n = client.zcount(keys.worker_heartbeats(), time.time() - WORKER_STALE_S, "+inf")
    out.append({"name": "workers", "ok": n > 0, "detail": f"{n} worker process(es) with a live heartbeat"})
    return out


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    def get(self) -> dict:
        """Liveness of Redis and the scan workers."""
        comps = components()
        return {"status": "ok" if all(c["ok"] for c in comps) else "degraded", "version": version("mailward"),
                "components": comps}
