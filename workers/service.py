"""`mailward serve`: one foreground process that runs Redis (if private), workers, gateway and API."""

from __future__ import annotations

import contextlib
import fcntl
import http.client
import ipaddress
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from redis.connection import parse_url

from core import keys
from core.errors import ConfigError, ServiceUnavailable
from core.net import unix_http
from core.notify.notification_tokens import ensure_signing_key, key_path
from core.quarantine.unanswered_holds import UnansweredSweep
from core.settings import Settings, load_settings
from core.store.connection import connect
from core.store.limits import LimitStore
from core.store.quarantine import sweep_on_start
from core.store.scan_claims import ScanClaims
from core.store.spool import SpoolStore
from workers.actors import SPOOL_GRACE_S, build_actors, sweep_spool
from workers.broker import consumer_id, make_broker, requeue_dead_consumer
from workers.embedded_redis import EmbeddedRedis
from workers.exim_jobs import EximJobs
from workers.gateway import ScanGateway
from workers.ie_config import hook_status
from workers.process_death import die_with_parent
from workers.systemd_notify import Notifier
from workers.webhooks import Dispatcher, build_webhook_actor

log = logging.getLogger("mailward.serve")

#: Written once everything answers; tests and the demo poll for it. Holds the bound addresses.
READY_FILE = "serve.json"
STOP_TIMEOUT_S = 20.0
#: How often this host's gateway heartbeat is written (the API calls a gateway gone after 30 s without one).
HEARTBEAT_S = 5.0
#: How often the Exim hook's state is checked and reported (it reads a few config files).
HOOK_REPORT_S = 30.0
#: How often sender objects gone quiet are forgotten (their statistics expire by themselves).
PRUNE_S = 3600.0
#: The most often a host tries to take a periodic job's lock (a shorter job interval is tried that often).
LOCK_CHECK_S = 30.0
#: How often the supervisor looks at its children (a child's exit wakes it at once).
SUPERVISE_TICK_S = 0.5
#: Restart delay after a child died: short, so one dead worker of several costs no capacity for long.
RESTART_DELAY_S = 0.5
#: The longest restart back-off, reached only in a crash loop (a child dying soon after every start).
MAX_BACKOFF_S = 30.0
#: A child that ran this long before it died was not crash-looping.
STABLE_UPTIME_S = 10.0
#: A worker running this long is past its start-up; while one is, its siblings restart without back-off.
HEALTHY_UPTIME_S = 3.0
#: The module a Dramatiq worker process runs.
WORKER_MODULE = "workers.worker_process"
#: How often this host's spool is swept for files no gateway will discard (see _sweep_spool).
SPOOL_SWEEP_S = 60.0
#: How often every serve sweeps for holds whose gateway died before answering Exim (core.quarantine.unanswered_holds).
ANSWER_SWEEP_S = 5.0


def redacted(url: str) -> str:
    """A Redis URL fit for logs and messages: any password (in the userinfo or the query) replaced by ***."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    userinfo, at, hostpart = rest.rpartition("@")
    if at:
        user, colon, _ = userinfo.partition(":")
        rest = f"{user}{':***' if colon else ''}@{hostpart}"
    head, q, query = rest.partition("?")
    if q:
        query = "&".join("password=***" if p.lower().startswith("password=") else p for p in query.split("&"))
    return f"{scheme}://{head}{q}{query}"


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        addr = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return False  # any other name may resolve anywhere (and differently tomorrow): not loopback
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_loopback


def check_redis_url(url: str) -> None:
    """ConfigError if redis_url names a Redis beyond this host without authentication.

    Whoever can read Mailward's Redis sees every held message's index, limits and audit trail, and can change them:
    a Redis on the network needs a password (an ACL user's, or requirepass); TLS (rediss://) is optional.
    """
    if not url:
        return  # the private Redis on a unix socket in the state dir
    try:
        parts = parse_url(url)
    except ValueError as exc:
        raise ConfigError(f"redis_url {redacted(url)!r} is not a valid Redis URL: {exc}") from None
    if "path" in parts or _is_loopback(str(parts.get("host", "localhost"))) or parts.get("password"):
        return
    raise ConfigError(
        f"redis_url (MAILWARD_REDIS_URL) {redacted(url)!r} points at a Redis on another host with no password: "
        "anyone who can reach it could read and change Mailward's state. Give Mailward an ACL user (redis_url = "
        "\"redis://mailward:PASSWORD@host:6379/0\", or rediss:// for TLS) or use a Redis on this host "
        "(see README: Several hosts on one Redis)")


@dataclass
class Every:
    """A throttle for the supervisor's tick: due() is true at most once per interval_s (at once if last is None)."""

    interval_s: float
    last: float | None = None

    def due(self, now: float) -> bool:
        if self.last is not None and now - self.last < self.interval_s:
            return False
        self.last = now
        return True


@dataclass
class LockedJob:
    """A housekeeping actor sent once per interval_s across every host on one Redis (an expiring SET NX lock)."""

    actor: dramatiq.Actor
    lock_key: str
    interval_s: float

    def __post_init__(self) -> None:
        self.tick = Every(min(LOCK_CHECK_S, self.interval_s))

    def send_if_due(self, client: redis.Redis, host: str, now: float) -> None:
        """Whichever host takes this period's lock first sends the job; the rest skip it."""
        if not self.tick.due(now):
            return
        if client.set(self.lock_key, host, nx=True, px=max(int(self.interval_s * 1000), 1)):
            self.actor.send()
            log.debug("sent %s", self.actor.actor_name)


def restart_delay(quick_deaths: int, peer_healthy: bool) -> float:
    """Seconds before a dead child is restarted: short, unless it keeps dying and no sibling worker is healthy."""
    if peer_healthy or quick_deaths <= 1:
        return RESTART_DELAY_S
    return min(MAX_BACKOFF_S, RESTART_DELAY_S * 2 ** (quick_deaths - 1))


@dataclass
class Child:
    """A supervised subprocess, restarted when it dies (backing off only in a crash loop)."""

    name: str
    argv: list[str]
    env: dict[str, str]
    proc: subprocess.Popen | None = None
    #: Consecutive deaths within STABLE_UPTIME_S of a start.
    quick_deaths: int = 0
    next_start: float = 0.0
    started_at: float = 0.0
    #: Called from a watcher thread with the child and its pid as soon as the process has exited.
    on_exit: Callable[[Child, int], None] | None = None

    @property
    def is_worker(self) -> bool:
        """Whether this is a Dramatiq worker process (whose unacknowledged jobs need requeueing when it dies)."""
        return WORKER_MODULE in self.argv

    def start(self) -> None:
        self.proc = subprocess.Popen(self.argv, env=self.env, stdin=subprocess.DEVNULL,
                                     preexec_fn=die_with_parent)
        self.started_at = time.monotonic()
        log.info("started %s pid=%d", self.name, self.proc.pid)
        self.watch()

    def watch(self) -> None:
        """Run on_exit the moment the process exits (from a thread), not at the supervisor's next tick."""
        proc, on_exit = self.proc, self.on_exit
        if proc is None or on_exit is None:
            return

        def wait_then_report() -> None:
            proc.wait()  # reaped: the process is surely gone, so its jobs may run elsewhere
            try:
                on_exit(self, proc.pid)
            except Exception:
                log.exception("after %s pid=%d exited", self.name, proc.pid)

        threading.Thread(target=wait_then_report, daemon=True, name=f"watch-{self.name}").start()

    def healthy(self, now: float) -> bool:
        """Running and past its start-up."""
        return self.proc is not None and self.proc.poll() is None and now - self.started_at >= HEALTHY_UPTIME_S

    def check(self, now: float, peer_healthy: bool = False) -> None:
        """Restart the child if it died: after RESTART_DELAY_S, or backing off up to MAX_BACKOFF_S in a crash loop."""
        if self.proc is not None and self.proc.poll() is None:
            return
        if self.proc is not None:
            uptime = now - self.started_at
            self.quick_deaths = self.quick_deaths + 1 if uptime < STABLE_UPTIME_S else 0
            delay = restart_delay(self.quick_deaths, peer_healthy)
            log.error("%s pid=%d exited with %s after %.1fs; restarting in %.1fs", self.name, self.proc.pid,
                      self.proc.returncode, uptime, delay)
            self.proc = None
            self.next_start = now + delay
        if now >= self.next_start:
            self.start()

    def terminate(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()

    def wait(self, deadline: float) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log.warning("%s pid=%d did not stop in time; killing", self.name, self.proc.pid)
            self.proc.kill()
            self.proc.wait()


class Service:
    """Starts everything in order, supervises the children, and stops them in reverse on a signal."""

    def __init__(self, settings: Settings, config_file: str | None = None) -> None:
        self.settings = settings
        self.config_file = config_file
        self.stop_event = threading.Event()
        self.redis: EmbeddedRedis | None = None
        self.children: list[Child] = []
        self.gateway: ScanGateway | None = None
        self.exim_jobs: EximJobs | None = None  # the forwarded-copy query socket and the frozen-queue job
        self._lock_fd: int | None = None
        self.host = socket.gethostname()
        self._heartbeat_field = f"{self.host}:{os.getpid()}"
        self._status_client: redis.Redis | None = None
        self._heartbeat = Every(HEARTBEAT_S)
        self._hook_report = Every(HOOK_REPORT_S)
        self._prune = Every(PRUNE_S, last=time.monotonic())  # the first an interval after start
        self._jobs: list[LockedJob] = []
        self.dispatcher: Dispatcher | None = None
        self.bound: list[str] = []
        self._wake = threading.Event()  # a child exited: supervise now rather than at the next tick
        self._requeue_pending: set[str] = set()  # dead workers whose jobs could not be requeued yet (Redis down)
        self._reload = threading.Event()  # SIGHUP: re-read the settings (see reload())
        self.notifier = Notifier(None)  # systemd's, taken in run()

    def _child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["MAILWARD_STATE_DIR"] = str(self.settings.state_dir)
        if self.config_file:
            env["MAILWARD_CONFIG"] = str(Path(self.config_file).resolve())
        env.setdefault("PYTHONUNBUFFERED", "1")
        # Dramatiq's consumers wait 3 s after a Redis connection error before they try again; a restarted Redis
        # is back well before that, and every second of it is a second of scans waiting on their deadline.
        env.setdefault("dramatiq_restart_delay", "250")
        return env

    def _lock(self) -> None:
        path = self.settings.state_dir / "serve.lock"
        self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(f"another `mailward serve` is running on {self.settings.state_dir}") from None

    def _wait_api(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        path = str(self.settings.api_socket)
        while time.monotonic() < deadline:
            if self.stop_event.is_set():
                return
            try:
                # 503 is an answer too: /health says "degraded" until the workers' first heartbeat
                if unix_http.get(path, "/api/v1/health", timeout=2.0)[0] in (200, 503):
                    return
            except (OSError, http.client.HTTPException):
                pass  # not listening yet
            time.sleep(0.1)
        raise ServiceUnavailable(f"the API did not answer on {path} within {timeout:g}s")

    def start(self) -> dict:
        """Bring everything up; returns what was written to serve.json."""
        s = self.settings
        check_redis_url(s.redis_url)
        s.state_dir.mkdir(parents=True, exist_ok=True, mode=0o711)
        self._lock()
        (s.state_dir / READY_FILE).unlink(missing_ok=True)
        # Before any child starts: the API workers and the digest sender all read this one file.
        ensure_signing_key(key_path(s.state_dir))
        if s.embedded_redis:
            self.redis = EmbeddedRedis(s)
            self.redis.start()
        else:
            try:
                connect(s).ping()
            except Exception as exc:
                raise ServiceUnavailable(f"cannot reach Redis at {redacted(s.redis_url)}: {exc}") from None
        with contextlib.suppress(redis.RedisError):
            # Older versions kept the link secret in Redis; it is trusted no more, and should not linger there.
            connect(s).delete(keys.notify_secret())
        s.spool_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        # We hold serve.lock and no gateway runs yet: every spool file left is a dead gateway's, whose Exim
        # connection is gone; a queued job must not find it and act on mail Exim already settled.
        sweep_spool(SpoolStore(s.spool_dir), 0.0)
        threading.Thread(target=self._sweep_spool, name="spool-sweep", daemon=True).start()
        s.quarantine_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Before any worker holds: a hold a crash cut short (file and sidecar on disk, no index) is listed again.
        sweep_on_start(s.quarantine_dir, connect(s))
        # After the recovery (which indexes a hold a crash left unindexed): holds a dead gateway never answered
        # were decided by Exim's fail mode; withdraw them (those still in their window go at a later sweep).
        answer_sweep = UnansweredSweep(s, connect(s, timeout=5.0))
        answer_sweep.run()
        threading.Thread(target=self._sweep_unanswered, args=(answer_sweep,), name="answer-sweep", daemon=True).start()
        env = self._child_env()
        for i in range(s.workers.processes):
            self.children.append(Child(f"worker-{i}", [sys.executable, "-m", "workers.worker_process",
                                                        "--index", str(i)], env))
        s.api_socket.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            s.api_socket.unlink()
        binds = ["--bind", f"unix:{s.api_socket}"]
        if s.api.tcp_listen:
            binds += ["--bind", s.api.tcp_listen]
        # umask 0o111: the socket is 0666, because every local user may connect; the API then decides who the
        # caller is from SO_PEERCRED (root: admin, a cPanel user: that account, anyone else: 403). The worker class
        # refuses anyone else as it accepts, caps connections per uid and deadlines request heads, so a local user
        # cannot tie up the threads with half-sent requests (api/gunicorn_worker.py).
        self.children.append(Child("api", [
            sys.executable, "-m", "gunicorn", *binds, "--umask", "0o111", "--workers", str(s.api.api_workers),
            "--worker-class", "api.gunicorn_worker.GuardedThreadWorker", "--threads", str(s.api.threads),
            "--graceful-timeout", "10", "--log-level", "warning", "--access-logfile", "-",
            "--access-logformat", 'api %(h)s "%(r)s" %(s)s %(b)s %(M)sms', "api.wsgi:make_app()"], env))
        for child in self.children:
            child.start()
        broker = make_broker(s)
        actors = build_actors(broker, None)
        if s.quarantine_max_age_days > 0:
            self._jobs.append(LockedJob(actors.expire_quarantine, keys.retention_lock(), s.retention_interval_s))
        if s.notifications.enabled:
            self._jobs.append(LockedJob(actors.send_digests, keys.notify_lock(), s.notifications.check_interval_s))
        self.gateway = ScanGateway(s, broker, actors.scan_message, connect(s, timeout=s.scan.timeout + 10))
        # Every host runs a dispatcher: they share the event stream as one consumer group (workers/webhooks.py).
        deliver = build_webhook_actor(broker, None, s.webhooks)
        self.dispatcher = Dispatcher(lambda: connect(s, timeout=10.0), deliver.send)
        self.dispatcher.start()
        bound = self.bound = self.gateway.start()
        self.exim_jobs = EximJobs(s, self.gateway)
        self.exim_jobs.start()
        self._wait_api(30.0)
        self.report(time.monotonic())
        info = {"pid": os.getpid(), "scan": bound, "api_socket": str(s.api_socket),
                "redis": "private" if s.embedded_redis else "external",
                "workers": s.workers.processes, "threads": s.workers.threads}
        tmp = s.state_dir / f".{READY_FILE}.tmp"
        tmp.write_text(json.dumps(info))
        tmp.replace(s.state_dir / READY_FILE)  # readers never see a half-written file
        log.info("mailward ready: scan=%s api=%s redis=%s workers=%dx%d", ",".join(bound), s.api_socket,
                 info["redis"], s.workers.processes, s.workers.threads)
        return info

    def _sweep_spool(self) -> None:
        """Every SPOOL_SWEEP_S until stop: remove spool files older than the scan deadline plus a grace period."""
        # A thread of its own on every host, not a LockedJob: the spool is this host's, and the sweep must go on
        # when Redis is down or the disk is full, which is when a gateway fails to discard its files.
        spool = SpoolStore(self.settings.spool_dir)
        while not self.stop_event.wait(SPOOL_SWEEP_S):
            sweep_spool(spool, self.settings.scan.timeout + SPOOL_GRACE_S)

    def _sweep_unanswered(self, sweep: UnansweredSweep) -> None:
        """Every ANSWER_SWEEP_S until stop, on every host (one sweeper takes each scan:
        core.quarantine.unanswered_holds)."""
        while not self.stop_event.wait(ANSWER_SWEEP_S):
            sweep.run()

    def report(self, now: float) -> None:
        """Each at its own pace: this host's gateway heartbeat, periodic jobs, pruning, the Exim hook's state."""
        if self.gateway is None:
            return
        try:
            if self._status_client is None:
                self._status_client = connect(self.settings, timeout=3.0)
            client = self._status_client
            if self._heartbeat.due(now):
                client.hset(keys.gateway_heartbeats(), self._heartbeat_field,
                            json.dumps({"time": time.time(), "listen": self.bound}))
            for job in self._jobs:
                job.send_if_due(client, self.host, now)
            if self._prune.due(now):
                gone = LimitStore(client, self.settings.limits).prune()
                if gone:
                    log.info("activity monitor: forgot %d sender objects not seen for 31 days", gone)
            if self._hook_report.due(now):
                try:
                    hook = hook_status("/", settings=self.settings).to_dict()
                except Exception as exc:  # a broken exim config must not stop the service; report it
                    hook = {"installed": False, "active": False, "consistent": False, "problems": [str(exc)]}
                client.set(keys.host_status(self.host), json.dumps({"time": time.time(), "exim_hook": hook}),
                           ex=int(HOOK_REPORT_S * 10))
        except Exception as exc:  # Redis down: the health endpoint says so; keep supervising
            log.debug("status report failed: %s", exc)

    def _child_exited(self, child: Child, pid: int) -> None:
        """As a child exits: requeue a worker's unacknowledged jobs at once, and wake the supervisor to restart it."""
        if child.is_worker:
            self._requeue_worker(consumer_id(self.host, pid))
        self._wake.set()

    def _requeue_worker(self, worker: str) -> None:
        """Put a dead worker's taken jobs back on their queues, so another worker runs them within their deadline.

        Without this they wait in the worker's ack set for Dramatiq's heartbeat timeout, longer than the gateway
        waits. The process has exited, so no job can run twice because of it.
        """
        broker = dramatiq.get_broker()
        if not isinstance(broker, RedisBroker):
            return
        try:
            # first: a retry of its job may then take over a scan it committed to but never answered
            ScanClaims(broker.client).worker_died(worker)
            requeued = requeue_dead_consumer(broker, worker)
            broker.client.zrem(keys.worker_heartbeats(), worker)  # /health must not count it alive for a while
        except redis.RedisError as exc:
            log.warning("cannot requeue the jobs of dead worker %s yet: %s", worker, exc)
            self._requeue_pending.add(worker)
            return
        self._requeue_pending.discard(worker)
        if requeued:
            log.warning("requeued %d unacknowledged job(s) of dead worker %s", requeued, worker)

    def supervise(self) -> None:
        """Restart dead children until asked to stop; a dead worker's jobs are requeued as it exits."""
        for child in self.children:
            child.on_exit = self._child_exited
            child.watch()
        while not self.stop_event.is_set():
            self._wake.wait(SUPERVISE_TICK_S)
            self._wake.clear()
            if self.stop_event.is_set():
                break
            if self._reload.is_set():
                self._reload.clear()
                self.reload()
            now = time.monotonic()
            self.report(now)
            if self.redis is not None:
                self.redis.keep_ballast()  # a full state disk must not stop Redis's writes (workers/embedded_redis)
            if self.redis is not None and not self.redis.alive():
                log.error("private redis-server died; restarting it")
                self.redis.proc = None
                with contextlib.suppress(Exception):
                    self.redis.start()
            for worker in list(self._requeue_pending):
                self._requeue_worker(worker)
            workers = [c for c in self.children if c.is_worker]
            for child in self.children:
                # One worker dying while another runs is no crash loop: restart it quickly to keep capacity.
                peer_healthy = child.is_worker and any(w.healthy(now) for w in workers if w is not child)
                child.check(now, peer_healthy)

    def reload(self) -> None:
        """SIGHUP (systemctl reload): if the settings file still loads, restart the workers one by one and the API's
        workers gracefully, so they read it again (scores, thresholds, checks, limits, engines, notifications).

        A file that no longer loads is refused and logged: the running service goes on as it was. Settings this
        process holds (listeners, state dir, Redis, the number of workers) change only with a restart.
        """
        self.notifier.reloading()
        env = dict(os.environ, MAILWARD_STATE_DIR=str(self.settings.state_dir))
        try:
            new = load_settings(self.config_file, environ=env)
        except Exception as exc:
            log.error("reload refused, the running settings stay: %s", exc)
            self.notifier.ready("reload refused: the settings file does not load")
            return
        held = [k for k in ("state_dir", "redis_url", "scan", "api_socket", "api", "fail_mode")
                if getattr(new, k) != getattr(self.settings, k)]
        if new.workers.processes != self.settings.workers.processes:
            held.append("workers.processes")
        if held:
            log.warning("reload: %s changed; these take effect at the next restart", ", ".join(held))
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for child in self.children:
            if child.proc is None or child.proc.poll() is not None:
                continue
            if child.is_worker:  # one at a time: the others keep taking scans meanwhile
                child.terminate()
                child.wait(deadline)
                child.start()
                deadline = time.monotonic() + STOP_TIMEOUT_S
            else:  # gunicorn: HUP starts new workers (which load the app and its settings anew), then stops the old
                child.proc.send_signal(signal.SIGHUP)
        log.info("reloaded the settings from %s", self.config_file or "the environment")
        self.notifier.ready("scanning")

    def stop(self) -> None:
        """Stop in reverse order: gateway (finish in-flight scans), workers and API, then Redis."""
        log.info("mailward stopping")
        self.notifier.stopping()
        (self.settings.state_dir / READY_FILE).unlink(missing_ok=True)
        if self.dispatcher is not None:
            self.dispatcher.stop()
        if self.exim_jobs is not None:
            self.exim_jobs.stop()
        if self.gateway is not None:
            self.gateway.stop()
            with contextlib.suppress(Exception):
                if self._status_client is not None:
                    self._status_client.hdel(keys.gateway_heartbeats(), self._heartbeat_field)
        for child in self.children:
            child.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for child in self.children:
            child.wait(deadline)
        if self.redis is not None:
            self.redis.stop()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
        log.info("mailward stopped")

    def run(self) -> int:
        """Foreground main loop: start, supervise until SIGTERM/SIGINT, stop cleanly."""
        signal.signal(signal.SIGTERM, lambda *_: self.stop_event.set())
        signal.signal(signal.SIGINT, lambda *_: self.stop_event.set())
        signal.signal(signal.SIGHUP, lambda *_: (self._reload.set(), self._wake.set()))
        self.notifier = Notifier.from_environ()
        try:
            self.start()
            self.notifier.ready("scanning")
            self.supervise()
        finally:
            self.stop()
        return 0
