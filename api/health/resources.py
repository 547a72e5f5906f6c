"""GET /api/v1/health: is every component this API can see alive."""

from __future__ import annotations

import os
import time
from importlib.metadata import version

import redis
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from api.health.schemas import HealthSchema
from core import keys
from core.settings import Settings

#: A worker process whose heartbeat is older than this is counted as gone.
WORKER_STALE_S = 10.0

blp = Blueprint("health", __name__, description="Liveness of Mailward's components")


def state_disk(settings: Settings) -> dict:
    """Free space (and inodes) of the state directory's filesystem; not ok when nearly full."""
    path = settings.state_dir
    try:
        st = os.statvfs(path)
    except OSError as exc:
        return {"name": "state_disk", "ok": False, "detail": f"{path}: {exc.strerror or exc}"}
    free, total = st.f_bavail * st.f_frsize, st.f_blocks * st.f_frsize
    free_pct = 100.0 * free / total if total else 100.0
    # Some filesystems (btrfs, some tmpfs) report no inode counts at all: then inodes cannot run out.
    inodes_pct = 100.0 * st.f_favail / st.f_files if st.f_files else 100.0
    floor_pct = settings.state_min_free_percent
    problems = []
    if free < settings.state_min_free_mb * 2**20 or free_pct < floor_pct:
        problems.append("nearly full: spooling and holding mail will fail")
    if inodes_pct < floor_pct:
        problems.append(f"only {inodes_pct:.1f}% of inodes free")
    detail = f"{path}: {free // 2**20} MiB free ({free_pct:.1f}%)"
    if problems:
        detail += "; " + "; ".join(problems) + f" (check with: df -h {path}; df -i {path})"
    return {"name": "state_disk", "ok": not problems, "detail": detail}


def components() -> list[dict]:
    """Redis and scan worker liveness, and room in the state directory."""
    client: redis.Redis = current_app.extensions["mailward.redis"]
    disk = state_disk(current_app.extensions["mailward.settings"])
    out = []
    try:
        client.ping()
        out.append({"name": "redis", "ok": True, "detail": "answers PING"})
    except (redis.RedisError, OSError) as exc:
        out.append({"name": "redis", "ok": False, "detail": str(exc)})
        out.append({"name": "workers", "ok": False, "detail": "unknown: Redis is down"})
        return [*out, disk]
    n = client.zcount(keys.worker_heartbeats(), time.time() - WORKER_STALE_S, "+inf")
    out.append({"name": "workers", "ok": n > 0, "detail": f"{n} worker process(es) with a live heartbeat"})
    return [*out, disk]


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="Degraded: the same body, with the failing components")
    def get(self) -> tuple[dict, int]:
        """Liveness of Redis, the scan workers and the state directory's room; 503 when any is not ok."""
        comps = components()
        healthy = all(c["ok"] for c in comps)
        # A monitor or load balancer reads the status code, not the body: degraded must not look like 200.
        return ({"status": "ok" if healthy else "degraded", "version": version("mailward"), "components": comps},
                200 if healthy else 503)
