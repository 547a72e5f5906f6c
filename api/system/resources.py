"""/whoami, /version, /status: who the API thinks you are, what runs, and whether every part is alive."""

from __future__ import annotations

import json
import shutil
import time
from importlib.metadata import version
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.health.resources import components as health_components
from api.services import identity, services
from api.system.schemas import StatusSchema, VersionSchema, WhoamiSchema
from core import keys

#: A gateway or host report older than this is stale (they are refreshed every few seconds).
STALE_S = 30.0
#: Redis memory use past this share of maxmemory is reported as a problem: at maxmemory writes fail (noeviction).
MEMORY_WARN_SHARE = 0.9

blp = Blueprint("system", __name__, description="Identity, version and status")


@blp.route("/whoami")
class Whoami(MethodView):
    @blp.response(200, WhoamiSchema)
    def get(self) -> dict[str, Any]:
        """The identity this API gave your connection (a reseller: its accounts and what it may change)."""
        who = identity()
        out = who.to_dict()
        if who.is_reseller:
            out["may_change"] = list(services().settings.resellers.may_change)
        return out


@blp.route("/version")
class Version(MethodView):
    @blp.response(200, VersionSchema)
    def get(self) -> dict[str, str]:
        """Mailward's version."""
        return {"version": version("mailward")}


def _gateway(now: float) -> dict[str, Any]:
    raw = services().redis.hgetall(keys.gateway_heartbeats())
    live = []
    for who, data in raw.items():
        d = json.loads(data)
        if now - float(d.get("time", 0)) <= STALE_S:
            live.append(f"{who.decode()} on {','.join(d.get('listen', []))}")
    return {"name": "gateway", "ok": bool(live),
            "detail": "; ".join(sorted(live)) if live else "no scan gateway reported in the last 30 s"}


def _exim_hooks(now: float) -> list[dict[str, Any]]:
    client = services().redis
    out = []
    for key in client.scan_iter(match=keys.host_status("*"), count=100):
        raw = client.get(key)
        if not raw:
            continue
        d = json.loads(raw)
        hook = d.get("exim_hook") or {}
        host = key.decode().rsplit(":", 1)[-1]
        ok = bool(hook.get("installed") and hook.get("active") and hook.get("consistent"))
        stale = now - float(d.get("time", 0)) > STALE_S * 4
        detail = hook.get("detail") or ("enabled" if ok else "; ".join(hook.get("problems", [])) or "not enabled")
        out.append({"name": "exim_hook", "ok": ok and not stale, "detail": f"{host}: {detail}"
                    + (" (report is stale)" if stale else "")})
    return out or [{"name": "exim_hook", "ok": False, "detail": "no host reported its Exim hook (is serve running?)"}]


def _disk() -> dict[str, Any]:
    svc = services()
    path = svc.settings.quarantine_dir
    used = sum(int(v) for v in svc.redis.hvals(keys.quarantine_used()))
    try:
        du = shutil.disk_usage(path)
    except OSError as exc:
        return {"name": "quarantine_disk", "ok": False, "detail": f"{path}: {exc.strerror or exc}"}
    free_pct = 100.0 * du.free / du.total if du.total else 0.0
    return {"name": "quarantine_disk", "ok": free_pct >= 5.0,
            "detail": f"{path}: quarantine holds {used} bytes; {du.free // 2**20} MiB free ({free_pct:.0f}%)"}


def redis_memory() -> dict[str, Any]:
    """Redis's memory: bytes used, maxmemory (0: none) and the policy at that limit."""
    info = services().redis.info("memory")
    return {"used_bytes": int(info.get("used_memory", 0)), "max_bytes": int(info.get("maxmemory", 0)),
            "policy": str(info.get("maxmemory_policy", ""))}


def _memory_component(mem: dict[str, Any]) -> dict[str, Any]:
    used, most, policy = mem["used_bytes"], mem["max_bytes"], mem["policy"]
    problems = []
    if most and used >= MEMORY_WARN_SHARE * most:
        problems.append("near maxmemory: writes will be refused")
    if policy != "noeviction":
        problems.append("an eviction policy may drop quarantine and limit keys")
    limit = f"{most / 2**20:.0f} MiB" if most else "no maxmemory"
    detail = f"{used / 2**20:.1f} MiB used of {limit} (policy {policy})"
    return {"name": "redis_memory", "ok": not problems, "detail": "; ".join([detail, *problems])}


@blp.route("/status")
class Status(MethodView):
    @blp.response(200, StatusSchema)
    def get(self) -> dict[str, Any]:
        """Every component: Redis, scan workers, state dir room, gateway, Exim hook, quarantine disk (admin only)."""
        identity().require_admin("status")
        comps = health_components()
        memory = None
        if all(c["ok"] for c in comps[:1]):
            now = time.time()
            memory = redis_memory()
            comps += [_memory_component(memory), _gateway(now), *_exim_hooks(now)]
        comps.append(_disk())
        return {"status": "ok" if all(c["ok"] for c in comps) else "degraded", "version": version("mailward"),
                "components": comps, "redis_memory": memory}
