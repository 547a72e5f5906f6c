"""Settings: built-in defaults, then an admin's TOML file, then MAILWARD_* environment variables."""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from core.errors import ConfigError
from core.settings_sections import (
    REDIS_BODY_CEILING,
    RELEASE_BY_DEFAULTS,
    RELEASERS,
    RESELLER_SETTINGS,
    ApiSettings,
    ContainmentSettings,
    EngineSettings,
    EximSettings,
    HistorySettings,
    IncomingSettings,
    LimitDefaults,
    NotificationSettings,
    ResellerSettings,
    ScanSettings,
    Thresholds,
    WebhookSettings,
    WorkerSettings,
)
from core.verdict_policy import VerdictSettings, parse_verdict_settings

#: The sections' types live in core/settings_sections.py; importers keep using core.settings.
__all__ = [
    "CLIENT_ENV", "CONFIG_ENV", "ENV_PREFIX", "INCOMING_SOCKET", "NAMED_ENV", "REDIS_BODY_CEILING",
    "RELEASERS", "RELEASE_BY_DEFAULTS", "RESELLER_SETTINGS", "ApiSettings", "ContainmentSettings",
    "EngineSettings", "EximSettings", "HistorySettings", "IncomingSettings", "LimitDefaults",
    "NotificationSettings", "ResellerSettings", "ScanSettings", "Settings", "Thresholds", "WebhookSettings",
    "WorkerSettings", "load_settings",
]

#: Environment variables operators and tools rely on, mapped to their settings key.
NAMED_ENV = {
    "MAILWARD_STATE_DIR": "state_dir",
    "MAILWARD_REDIS_URL": "redis_url",
    "MAILWARD_FAIL_MODE": "fail_mode",
    "MAILWARD_LOG_LEVEL": "log_level",
    "MAILWARD_SCAN_LISTEN": "scan.listen",
    "MAILWARD_API_SOCKET": "api.socket",
    "MAILWARD_CPANEL_ROOT": "cpanel.root",
}
#: Any other key can be set as MAILWARD_<SECTION>__<KEY>, e.g. MAILWARD_WORKERS__PROCESSES=4.
ENV_PREFIX = "MAILWARD_"
CONFIG_ENV = "MAILWARD_CONFIG"
#: Variables of Mailward's clients (ie-cli's TCP transport), not settings: ignored here.
CLIENT_ENV = frozenset({"MAILWARD_API_URL", "MAILWARD_API_TOKEN"})


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a Mailward process needs; loaded once per process and passed in."""

    state_dir: Path
    redis_url: str
    fail_mode: str
    log_level: str
    scan: ScanSettings
    workers: WorkerSettings
    api_socket: Path
    thresholds: Thresholds
    allow_winexec: bool
    quarantine_limit_bytes: int
    releases_limit: int
    learn_from_account_releases: bool
    cpanel_root: Path
    exim: EximSettings
    api: ApiSettings
    limits: LimitDefaults
    scores: dict[str, float] = field(default_factory=dict)
    source: tuple[str, ...] = ()  # where values came from, for `mailward config`
    checks: dict[str, float] = field(default_factory=dict)  # thresholds of the content checks ([checks])
    engines: dict[str, EngineSettings] = field(default_factory=dict)  # optional external engines ([engines])
    webhooks: WebhookSettings = field(default_factory=WebhookSettings)  # event delivery ([webhooks])
    quarantine_max_age_days: int = 30  # retention: older held mail is deleted; 0 = off
    retention_interval_s: float = 3600.0  # how often the retention job is sent
    redis_maxmemory_mb: int = 0  # the private redis-server's maxmemory; 0 = a quarter of RAM, 256 MiB to 4 GiB
    redis_ballast_mb: int = 64  # space the private Redis's append-only file keeps for a full state disk; 0 = none
    # the state directory is nearly full (/health and /status: degraded) below either of these free
    state_min_free_mb: int = 200
    state_min_free_percent: float = 5.0
    incoming: IncomingSettings = field(default_factory=IncomingSettings)  # incoming filtration ([incoming])
    notifications: NotificationSettings = field(default_factory=NotificationSettings)  # ([notifications])
    history: HistorySettings = field(default_factory=HistorySettings)  # sender history ([history])
    verdict: VerdictSettings = field(default_factory=VerdictSettings)  # precision-first hold policy ([verdict])
    # who may release each hold reason ([quarantine.release_by]): "account", "reseller" or "admin"
    release_by: dict[str, str] = field(default_factory=lambda: dict(RELEASE_BY_DEFAULTS))
    containment: ContainmentSettings = field(default_factory=ContainmentSettings)  # ([containment])
    resellers: ResellerSettings = field(default_factory=ResellerSettings)  # ([resellers])

    @property
    def embedded_redis(self) -> bool:
        return not self.redis_url

    @property
    def spool_dir(self) -> Path:
        return self.state_dir / "spool"

    @property
    def quarantine_dir(self) -> Path:
        return self.state_dir / "quarantine"

    @property
    def redis_dir(self) -> Path:
        return self.state_dir / "redis"

    @property
    def embedded_redis_socket(self) -> Path:
        return self.redis_dir / "redis.sock"

    def score(self, symbol: str) -> float:
        return self.scores.get(symbol, 0.0)

    def check_param(self, key: str) -> float:
        """A content check's threshold from [checks]; KeyError for a key defaults.toml does not define."""
        return self.checks[key]


def _defaults() -> dict[str, Any]:
    text = resources.files("core").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], over: dict[str, Any], where: str) -> None:
    for key, value in over.items():
        if key not in base:
            raise ConfigError(f"{where}: unknown setting {key!r}")
        if isinstance(base[key], dict) and key != "scores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: {key!r} must be a table")
            _merge(base[key], value, f"{where} [{key}]")
        elif key == "scores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'scores' must be a table of SYMBOL = number")
            base[key].update(value)
        else:
            base[key] = value


def _set_path(data: dict[str, Any], dotted: str, raw: str, where: str) -> None:
    parts = dotted.split(".")
    node = data
    for p in parts[:-1]:
        if p not in node or not isinstance(node[p], dict):
            raise ConfigError(f"{where}: unknown setting section {p!r}")
        node = node[p]
    leaf = parts[-1]
    if parts[0] == "scores":
        node[leaf] = _coerce(raw, 0.0, where)
        return
    if leaf not in node:
        raise ConfigError(f"{where}: unknown setting {dotted!r}")
    node[leaf] = _coerce(raw, node[leaf], where)


def _coerce(raw: str, like: Any, where: str) -> Any:
    """Turn an environment string into the type of the default it replaces."""
    try:
        if isinstance(like, bool):
            low = raw.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if isinstance(like, int):
            return int(raw)
        if isinstance(like, float):
            return float(raw)
        if isinstance(like, list):
            return [p.strip() for p in raw.split(",") if p.strip()]
    except ValueError:
        raise ConfigError(f"{where}: {raw!r} is not a valid {type(like).__name__}") from None
    return raw


def _env_overrides(data: dict[str, Any], environ: dict[str, str], sources: list[str]) -> None:
    for name, value in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or name == CONFIG_ENV or name in CLIENT_ENV:
            continue
        if name in NAMED_ENV:
            dotted = NAMED_ENV[name]
        elif "__" in name:
            dotted = name[len(ENV_PREFIX):].lower().replace("__", ".")
            if dotted.startswith("scores."):
                dotted = "scores." + name.split("__", 1)[1]  # symbol names keep their case
        else:
            raise ConfigError(f"environment: unknown variable {name} (see README: settings)")
        _set_path(data, dotted, value, f"environment {name}")
        sources.append(f"env:{name}")


def _need(cond: bool, msg: str) -> None:
    if not cond:
        raise ConfigError(msg)


def _build(d: dict[str, Any], sources: list[str]) -> Settings:
    try:
        state_dir = Path(str(d["state_dir"])).expanduser()
        _need(state_dir.is_absolute(), f"state_dir must be an absolute path, got {str(state_dir)!r}")
        _need(d["fail_mode"] in ("open", "closed"), f"fail_mode must be 'open' or 'closed', got {d['fail_mode']!r}")
        s = d["scan"]
        listen = s["listen"]
        if isinstance(listen, str):
            listen = [p.strip() for p in listen.split(",") if p.strip()]
        _need(bool(listen), "scan.listen needs at least one address")
        for addr in listen:
            _check_listen(addr)
        _need(s["oversize_action"] in ("accept", "reject", "defer"),
              f"scan.oversize_action must be accept, reject or defer, got {s['oversize_action']!r}")
        for host in s["allowed_hosts"]:
            try:
                ipaddress.ip_network(str(host), strict=False)
            except ValueError:
                raise ConfigError(f"scan.allowed_hosts entry {host!r} is not an IP address or network") from None
        scan = ScanSettings(
            listen=tuple(listen), allowed_users=tuple(str(u) for u in s["allowed_users"]),
            allowed_hosts=tuple(str(h) for h in s["allowed_hosts"]), timeout=_pos(float, s["timeout"], "scan.timeout"),
            max_message_bytes=_pos(int, s["max_message_bytes"], "scan.max_message_bytes"),
            oversize_action=s["oversize_action"], max_parts=_pos(int, s["max_parts"], "scan.max_parts"),
            max_header_bytes=_pos(int, s["max_header_bytes"], "scan.max_header_bytes"),
            max_text_bytes=_pos(int, s["max_text_bytes"], "scan.max_text_bytes"),
            max_archive_members=_pos(int, s["max_archive_members"], "scan.max_archive_members"),
            max_archive_depth=_pos(int, s["max_archive_depth"], "scan.max_archive_depth"),
            time_budget_ms=_pos(int, s["time_budget_ms"], "scan.time_budget_ms"),
            max_connections=_pos(int, s["max_connections"], "scan.max_connections"),
            max_connections_per_peer=_pos(int, s["max_connections_per_peer"], "scan.max_connections_per_peer"),
            max_head_bytes=_pos(int, s["max_head_bytes"], "scan.max_head_bytes"),
            max_head_lines=_pos(int, s["max_head_lines"], "scan.max_head_lines"),
            head_timeout=_pos(float, s["head_timeout"], "scan.head_timeout"),
            commit_grace=_pos(float, s["commit_grace"], "scan.commit_grace"),
            redis_body_max_bytes=_nonneg(int, s["redis_body_max_bytes"], "scan.redis_body_max_bytes"),
            redis_body_total_bytes=_nonneg(int, s["redis_body_total_bytes"], "scan.redis_body_total_bytes"),
        )
        # the gateway holds a body's first 2 MiB in memory anyway: only such a body can still go to Redis when the
        # spool fails half-way through writing it
        _need(scan.redis_body_max_bytes <= REDIS_BODY_CEILING,
              f"scan.redis_body_max_bytes must be at most {REDIS_BODY_CEILING} (2 MiB)")
        w = d["workers"]
        workers = WorkerSettings(
            processes=_nonneg(int, w["processes"], "workers.processes"),
            threads=_pos(int, w["threads"], "workers.threads"),
            poll_timeout_ms=_pos(int, w["poll_timeout_ms"], "workers.poll_timeout_ms"),
        )
        api_socket = Path(d["api"]["socket"]) if d["api"]["socket"] else state_dir / "api.sock"
        _need(api_socket.is_absolute(), "api.socket must be an absolute path")
        tcp_listen = str(d["api"]["tcp_listen"])
        if tcp_listen:
            _check_listen(tcp_listen)
            _need(not tcp_listen.startswith("/"), "api.tcp_listen must be host:port (the unix socket is api.socket)")
        api = ApiSettings(socket=api_socket, tcp_listen=tcp_listen,
                          api_workers=_pos(int, d["api"]["workers"], "api.workers"),
                          threads=_pos(int, d["api"]["threads"], "api.threads"),
                          max_connections_per_uid=_pos(int, d["api"]["max_connections_per_uid"],
                                                       "api.max_connections_per_uid"),
                          header_timeout=_pos(float, d["api"]["header_timeout"], "api.header_timeout"))
        t = d["thresholds"]
        thresholds = Thresholds(
            quarantine=_pos(float, t["quarantine"], "thresholds.quarantine"),
            reject=float(t["reject"]), add_header=float(t["add_header"]),
        )
        _need(thresholds.reject == 0 or thresholds.reject >= thresholds.quarantine,
              "thresholds.reject must be 0 (off) or at least thresholds.quarantine")
        e = d["exim"]
        _need(e["layout"] in ("auto", "debian", "cpanel"), "exim.layout must be auto, debian or cpanel")
        exim = EximSettings(
            layout=e["layout"], exim_binary=str(e["exim_binary"]), release_user=str(e["release_user"]),
            release_protocol=str(e["release_protocol"]),
            spamd_timeout=_pos(int, e["spamd_timeout"], "exim.spamd_timeout"),
            sendmail=str(e["sendmail"]), release_timeout=_pos(float, e["release_timeout"], "exim.release_timeout"),
        )
        _need(Path(exim.sendmail).is_absolute(), "exim.sendmail must be an absolute path")
        # Exim must still be listening when the gateway answers a committed worker's hold at its last deadline.
        _need(exim.spamd_timeout > scan.timeout + scan.commit_grace,
              "exim.spamd_timeout must be larger than scan.timeout + scan.commit_grace")
        redis_url = str(d["redis_url"])
        _need(not redis_url or redis_url.startswith(("redis://", "rediss://", "unix://")),
              f"redis_url must start with redis://, rediss:// or unix://, got {redis_url!r}")
        lim = d["limits"]
        _need(lim["limit_mode"] in (1, 2), "limits.limit_mode must be 1 (messages) or 2 (recipients)")
        limits = LimitDefaults(
            limit_mode=int(lim["limit_mode"]), dry_run=bool(lim["dry_run"]),
            **{k: _nonneg(int, lim[k], f"limits.{k}") for k in (
                "account", "domain", "sender_email", "script", "daily_account", "daily_domain",
                "daily_sender_email", "daily_script")},
        )
        scores = {str(k): float(v) for k, v in d["scores"].items()}
        checks = {str(k): _nonneg(float, v, f"checks.{k}") for k, v in d["checks"].items()}
        engines = {str(name): _engine(str(name), e, scan.listen) for name, e in d["engines"].items()}
        wh = d["webhooks"]
        webhooks = WebhookSettings(
            allow_private=bool(wh["allow_private"]), timeout=_pos(float, wh["timeout"], "webhooks.timeout"),
            max_retries=_nonneg(int, wh["max_retries"], "webhooks.max_retries"),
            min_backoff_ms=_pos(int, wh["min_backoff_ms"], "webhooks.min_backoff_ms"),
            max_backoff_ms=_pos(int, wh["max_backoff_ms"], "webhooks.max_backoff_ms"),
        )
        q = d["quarantine"]
        notifications = _notifications(d["notifications"])
        incoming = _incoming(d["incoming"], scan.listen, state_dir)
        return Settings(
            state_dir=state_dir, redis_url=redis_url, fail_mode=d["fail_mode"],
            redis_maxmemory_mb=_nonneg(int, d["redis_maxmemory_mb"], "redis_maxmemory_mb"),
            redis_ballast_mb=_nonneg(int, d["redis_ballast_mb"], "redis_ballast_mb"),
            state_min_free_mb=_nonneg(int, d["state_min_free_mb"], "state_min_free_mb"),
            state_min_free_percent=_nonneg(float, d["state_min_free_percent"], "state_min_free_percent"),
            log_level=str(d["log_level"]).upper(), scan=scan, workers=workers, api_socket=api_socket, api=api,
            limits=limits,
            thresholds=thresholds, allow_winexec=bool(d["filter"]["allow_winexec"]),
            quarantine_limit_bytes=_pos(int, q["limit_bytes"], "quarantine.limit_bytes"),
            releases_limit=_nonneg(int, q["releases_limit"], "quarantine.releases_limit"),
            learn_from_account_releases=bool(q["learn_from_account_releases"]),
            quarantine_max_age_days=_nonneg(int, q["max_age_days"], "quarantine.max_age_days"),
            retention_interval_s=_pos(float, q["retention_interval_s"], "quarantine.retention_interval_s"),
            cpanel_root=Path(str(d["cpanel"]["root"])), exim=exim, scores=scores, source=tuple(sources),
            checks=checks, engines=engines, webhooks=webhooks, notifications=notifications, incoming=incoming,
            history=_history(d["history"]),
            verdict=parse_verdict_settings(d["verdict"]),
            release_by=_release_by(q["release_by"]),
            containment=_containment(d["containment"]), resellers=_resellers(d["resellers"]),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"invalid setting: {exc}") from None


def _notifications(n: dict[str, Any]) -> NotificationSettings:
    _need(n["digest"] in ("hourly", "daily", "weekly", "off"),
          f"notifications.digest must be hourly, daily, weekly or off, got {n['digest']!r}")
    base_url = str(n["base_url"]).rstrip("/")
    _need(not base_url or base_url.startswith(("https://", "http://")),
          f"notifications.base_url must be an http(s) URL, got {base_url!r}")
    return NotificationSettings(
        enabled=bool(n["enabled"]), sender=str(n["sender"]), digest=str(n["digest"]),
        admin_email=str(n["admin_email"]), base_url=base_url,
        max_per_hour=_nonneg(int, n["max_per_hour"], "notifications.max_per_hour"),
        token_ttl_s=_pos(int, n["token_ttl_s"], "notifications.token_ttl_s"),
        check_interval_s=_pos(float, n["check_interval_s"], "notifications.check_interval_s"),
        max_lines=_pos(int, n["max_lines"], "notifications.max_lines"),
        burst_threshold=_nonneg(int, n["burst_threshold"], "notifications.burst_threshold"),
    )


def _release_by(r: dict[str, Any]) -> dict[str, str]:
    for key, who in r.items():
        _need(who in RELEASERS, f"quarantine.release_by.{key} must be 'account', 'reseller' or 'admin', got {who!r}")
    return {str(k): str(v) for k, v in r.items()}


def _containment(c: dict[str, Any]) -> ContainmentSettings:
    _need(c["action"] in ("hold", "reject"), f"containment.action must be 'hold' or 'reject', got {c['action']!r}")
    _need(isinstance(c["auto"], bool), "containment.auto must be true or false")
    reasons = tuple(str(r) for r in c["reasons"])
    known = ("spam", "virus", "winexec", "ratelimit")
    _need(all(r in known for r in reasons), f"containment.reasons may list {', '.join(known)}, got {list(reasons)}")
    types = tuple(str(t) for t in c["types"])
    _need(all(t in ("script", "sender_email", "domain") for t in types),
          f"containment.types may list script, sender_email, domain; got {list(types)}")
    _need(c["auto_lift_by"] in RELEASERS,
          f"containment.auto_lift_by must be 'account', 'reseller' or 'admin', got {c['auto_lift_by']!r}")
    return ContainmentSettings(
        action=str(c["action"]), cache_s=_nonneg(float, c["cache_s"], "containment.cache_s"), auto=c["auto"],
        threshold=_pos(int, c["threshold"], "containment.threshold"),
        window_s=_pos(int, c["window_s"], "containment.window_s"), reasons=reasons, types=types,
        auto_lift_by=str(c["auto_lift_by"]), max_objects=_pos(int, c["max_objects"], "containment.max_objects"))


def _resellers(r: dict[str, Any]) -> ResellerSettings:
    may = tuple(str(k) for k in r["may_change"])
    unknown = sorted(set(may) - set(RESELLER_SETTINGS))
    _need(not unknown, f"resellers.may_change: unknown setting(s) {', '.join(unknown)}; known: "
                       f"{', '.join(RESELLER_SETTINGS)}")
    return ResellerSettings(may_change=may)


def _history(h: dict[str, Any]) -> HistorySettings:
    _need(isinstance(h["enabled"], bool), "history.enabled must be true or false")
    like = HistorySettings()  # each key has its default's type
    out = HistorySettings(enabled=h["enabled"], **{
        f: _pos(type(getattr(like, f)), h[f], f"history.{f}") for f in HistorySettings.__slots__ if f != "enabled"})
    _need(out.max_held_ratio <= 1 and out.new_rcpt_domains_ratio <= 1,
          "history.max_held_ratio and history.new_rcpt_domains_ratio must be at most 1")
    _need(out.max_objects_per_account >= 4, "history.max_objects_per_account must be at least 4")
    _need(out.taint_days <= out.ttl_days, "history.taint_days must not exceed history.ttl_days")
    return out


#: The incoming listener when [incoming] listen is empty: a unix socket in the state directory (nothing to collide
#: with, one per state dir), so `ie-config enable-incoming` works on a default install.
INCOMING_SOCKET = "incoming.sock"


def _incoming(i: dict[str, Any], scan_listen: tuple[str, ...], state_dir: Path) -> IncomingSettings:
    listen = i["listen"]
    if isinstance(listen, str):
        listen = [p.strip() for p in listen.split(",") if p.strip()]
    if not listen:
        listen = [str(state_dir / INCOMING_SOCKET)]
    for addr in listen:
        _check_listen(addr)
        # the listener is what tells incoming from outgoing: one address cannot be both
        _need(addr not in scan_listen, f"incoming.listen {addr!r} is also in scan.listen")
    _need(i["action"] in ("spam_folder", "header", "quarantine"),
          f"incoming.action must be spam_folder, header or quarantine, got {i['action']!r}")
    header, folder = str(i["spam_header"]), str(i["spam_folder"])
    _need(bool(re.fullmatch(r"[A-Za-z0-9-]{1,64}", header)), f"incoming.spam_header {header!r} is not a header name")
    _need(bool(re.fullmatch(r"\.[A-Za-z0-9_.-]{1,64}", folder)) and ".." not in folder,
          f"incoming.spam_folder {folder!r} must be a Maildir++ folder name such as .spam")
    _need(isinstance(i["accounts_may_turn_off"], bool), "incoming.accounts_may_turn_off must be true or false")
    return IncomingSettings(listen=tuple(str(a) for a in listen), spam=_pos(float, i["spam"], "incoming.spam"),
                            add_header=float(i["add_header"]), action=str(i["action"]), spam_header=header,
                            spam_folder=folder, accounts_may_turn_off=i["accounts_may_turn_off"])


def _engine(name: str, e: dict[str, Any], listen: tuple[str, ...]) -> EngineSettings:
    where = f"engines.{name}"
    _need(isinstance(e["enabled"], bool), f"{where}.enabled must be true or false")
    address = str(e["address"])
    _need(bool(address) or not e["enabled"], f"{where} is enabled but has no address")
    if address:
        _check_engine_address(address, where)
    _need(not any(_same_endpoint(address, own) for own in listen),
          f"{where}.address {address!r} is Mailward's own scan listener: the engine would be Mailward itself")
    mode = str(e.get("mode", "score"))
    _need(mode in ("score", "action"), f"{where}.mode must be 'score' or 'action', got {mode!r}")
    return EngineSettings(
        enabled=e["enabled"], address=address, timeout_ms=_pos(int, e["timeout_ms"], f"{where}.timeout_ms"),
        max_bytes=_pos(int, e["max_bytes"], f"{where}.max_bytes"),
        score_factor=_nonneg(float, e.get("score_factor", 1.0), f"{where}.score_factor"), mode=mode,
        actions={str(k): float(v) for k, v in e.get("actions", {}).items()},
    )


def _check_engine_address(address: str, where: str) -> None:
    if address.startswith("/"):
        return
    host, sep, port = address.rpartition(":")
    host = host.strip("[]")
    _need(bool(sep) and port.isdigit() and 0 < int(port) < 65536 and (host == "localhost" or _is_ip(host)),
          f"{where}.address must be host:port (an IP address or localhost) or an absolute unix socket path, "
          f"got {address!r}")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _same_endpoint(engine: str, listener: str) -> bool:
    """Whether an engine address names one of Mailward's own listeners (loopback spellings and wildcards alike)."""
    if engine.startswith("/") or listener.startswith("/"):
        return engine == listener
    e_host, _, e_port = engine.rpartition(":")
    l_host, _, l_port = listener.rpartition(":")
    if e_port != l_port:
        return False
    local = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", ""}
    e_host, l_host = e_host.strip("[]"), l_host.strip("[]")
    return e_host == l_host or (e_host in local and l_host in local)


def _pos(kind: type, value: Any, name: str) -> Any:
    v = kind(value)
    _need(v > 0, f"{name} must be positive, got {value!r}")
    return v


def _nonneg(kind: type, value: Any, name: str) -> Any:
    v = kind(value)
    _need(v >= 0, f"{name} must not be negative, got {value!r}")
    return v


def _check_listen(addr: str) -> None:
    if addr.startswith("/"):
        return
    host, sep, port = addr.rpartition(":")
    _need(bool(sep) and bool(host) and port.isdigit() and 0 <= int(port) < 65536,
          f"scan.listen entry {addr!r} must be host:port (port 0: any free port) or an absolute socket path")


def load_settings(config_file: str | Path | None = None, environ: dict[str, str] | None = None,
                  overrides: dict[str, Any] | None = None) -> Settings:
    """Load defaults, then the TOML file (argument or $MAILWARD_CONFIG), then MAILWARD_* variables."""
    env = dict(os.environ if environ is None else environ)
    data = _defaults()
    sources = ["defaults"]
    path = config_file or env.get(CONFIG_ENV)
    if path:
        p = Path(path)
        try:
            over = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {p} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {p} is not valid TOML: {exc}") from None
        _merge(data, over, str(p))
        sources.append(f"file:{p}")
    _env_overrides(data, env, sources)
    if overrides:
        _merge(data, overrides, "overrides")
        sources.append("overrides")
    return _build(data, sources)
