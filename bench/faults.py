"""Fault bench (issue 15 item 7): tagged mail through a private Exim running Mailward's ACL and a private
`mailward serve`, under one fault per experiment; every message is reconciled afterwards against the lab mailbox,
the quarantine files, the quarantine index in Redis, Exim's queue and what its submitter was told.

    .venv/bin/python -m bench.faults [--experiments none,worker_kill,...] [--messages 1000] [--rate 20]
        [--fail-mode open|closed] [--burst 2000] [--kill-every 5] [--engine-delay-ms 100] [--local-share 0.2]
        [--workers 2] [--keep]

Messages: 80% clean, 15% GTUBE, 5% a Windows .exe attachment; --local-share of them through the real `sendmail` as
a local user (a PHP script's uid), the rest over SMTP AUTH, paced at --rate (the burst: as fast as 16 clients can).
A stand-in clamd answering after --engine-delay-ms keeps every scan in flight that long, so faults land mid-scan
(not in the burst). Each experiment gets its own serve, state dir and Exim. Needs root (the lab Exim; a tmpfs for
disk_full, skipped otherwise).

The table: delivered, held, refused/deferred (the submitter keeps the message), still queued in Exim, lost
(accepted, yet nowhere), duplicated (delivered and held, or held twice), held-but-refused, orphan quarantine files or
index entries (and the API's listing against the index), leaked spool files or Redis bodies, unscanned
deliveries, spam delivered, DATA->250 p50/p99. Frozen local submissions count as still queued.
Exit status 1 when an invariant (lost, duplicated, held-but-refused, orphans, leaked) is broken or an experiment
could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import redis

from bench.fault_mail import Sent, plan, submit
from bench.fault_reconcile import Tally, queue_ids, reconcile
from bench.fault_rig import SlowClamd, kill_and_restart, redis_pids, tree_rss_mb
from core.net import unix_http
from tests.redis_server import RedisServer
from tests.tiny_fs import TinyFs, cannot_mount
from workers.exim_lab import EximLab, free_port, missing_requirements, poll
from workers.serve_process import ServeProcess

EXPERIMENTS = {
    "none": "no fault",
    "worker_kill": "a worker SIGKILLed every --kill-every s",
    "redis_restart": "serve's private Redis SIGKILLed every 2 x --kill-every s (serve restarts it)",
    "serve_restart": "at 1/3 and 2/3 of the run: workers stopped 2 s (a backlog of queued scans), then the whole "
                     "serve tree SIGKILLed and restarted on the same state dir",
    "disk_full": "state dir on a 64 MiB tmpfs (Redis outside it), full from 1/3 to 2/3 of the run",
    "disk_full_redis": "the same with serve's private Redis, whose append-only file is in the state dir "
                       "(an 8 MiB reserve for it: redis_ballast_mb)",
    "exim_restart": "the lab Exim stopped and started again at half the run",
    "burst": "--burst messages as fast as 16 concurrent submitters go (no engine delay)",
}
BURST_CLIENTS = 16
PACED_CLIENTS = 64
#: The private Redis's reserve (redis_ballast_mb) in disk_full_redis, on its 64 MiB tmpfs.
DISK_BALLAST_MB = 8
#: How long Exim gets to deliver what it accepted before the reconciliation counts what is still queued.
DRAIN_S = 90.0


@dataclass(frozen=True, slots=True)
class Options:
    """The bench's knobs (see --help)."""

    messages: int = 1000
    rate: float = 20.0
    fail_mode: str = "open"
    burst: int = 2000
    kill_every: float = 5.0
    engine_delay_ms: int = 100
    local_share: float = 0.2
    workers: int = 2
    seed: int = 15
    keep: bool = False


class World:
    """One experiment's private serve (fixed gateway port, so a restarted serve is where Exim looks), Exim lab, and
    for disk_full a tmpfs state dir with a Redis outside it."""

    def __init__(self, name: str, opts: Options, base: Path, clamd: SlowClamd) -> None:
        self.name = name
        self.opts = opts
        self.base = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base))
        self.state = self.base / "state"
        self.port = free_port()
        self.fs: TinyFs | None = None
        self.redis: RedisServer | None = None
        delay = 0 if name == "burst" else opts.engine_delay_ms
        redis_url = ""
        if name == "disk_full":
            self.redis = RedisServer(self.base / "redis")
            redis_url = f'redis_url = "{self.redis.url}"\n'
        elif name == "disk_full_redis":
            # the private Redis's reserve scaled to the 64 MiB disk (the default, 64 MiB, needs 3x that free)
            redis_url = f"redis_ballast_mb = {DISK_BALLAST_MB}\n"
        self.toml = (f'fail_mode = "{opts.fail_mode}"\n{redis_url}'
                     f'[scan]\nlisten = ["127.0.0.1:{self.port}"]\ntime_budget_ms = {delay + 5000}\n'
                     f"[workers]\nprocesses = {opts.workers}\n" + clamd.engine_toml(delay))
        lab_base = tempfile.mkdtemp(prefix=f"mailward-faults-{name}-lab-", dir="/tmp")
        os.chmod(lab_base, 0o755)  # Debian-exim traverses it
        # Exim's spamd tmo must outlast the gateway's deadline (scan.timeout + commit_grace, 20 s by default)
        self.lab = EximLab(lab_base, f"127.0.0.1:{self.port}", opts.fail_mode, timeout=30)
        # serve sees the lab's Exim as the system's, so its frozen-queue job scans the local submissions the lab
        # froze (the scanner asked to retry later) and thaws or holds them
        self.serve = ServeProcess(self.state, self.toml, wrap=self.lab.namespace_argv())

    def start(self) -> None:
        if self.name.startswith("disk_full"):
            self.fs = TinyFs(self.state, size_kib=64 * 1024).mount()
        if self.redis is not None:
            self.redis.start()
        self.lab.prepare()  # its config must exist before serve's namespace binds it
        self.serve.start()
        poll(lambda: len(self.serve.worker_pids()) >= self.opts.workers, 30, "serve's workers")
        time.sleep(1.0)  # their first heartbeat and broker poll
        self.lab.start()
        # warm the path (Exim, gateway, both workers' first scans) before the clock starts: clean, so not held
        warm = plan(f"{self.name}-warmup", 2 * self.opts.workers, local_share=0.0, seed=0)
        for s in warm:
            s.kind = "clean"
            submit(self.lab, s)

    def client(self) -> redis.Redis:
        """A client of the Redis serve uses."""
        if self.redis is not None:
            return self.redis.client()
        return redis.Redis(unix_socket_path=str(self.state / "redis" / "redis.sock"), socket_timeout=10)

    def settled(self) -> None:
        """Wait until serve's Redis answers again (a kill may have been the fault's last act)."""

        def answers() -> bool:
            try:
                return bool(self.client().ping())
            except redis.RedisError:
                return False

        poll(answers, 30, "serve's Redis", interval=0.2)

    def api_listed(self) -> int:
        """How many held messages the API lists to the admin."""
        deadline = time.monotonic() + 30
        while True:
            status, body = unix_http.get(self.serve.info["api_socket"], "/api/v1/emails?limit=1", timeout=30)
            if status == 200:
                return int(json.loads(body)["max_count"])
            if time.monotonic() >= deadline:
                raise RuntimeError(f"GET /api/v1/emails answered {status}: {body[:200]!r}")
            time.sleep(0.5)

    def close(self) -> None:
        self.serve.stop()
        self.lab.stop()
        if self.redis is not None:
            self.redis.stop()
        if self.fs is not None:
            self.fs.unmount()
        if not self.opts.keep:
            shutil.rmtree(self.lab.base, ignore_errors=True)


def _fault(world: World, stop: threading.Event, length_s: float, notes: list[str]) -> None:
    """Inject this experiment's fault while mail flows (until stop)."""
    name, every = world.name, world.opts.kill_every
    started = time.monotonic()

    def wait_until(fraction: float) -> bool:
        return not stop.wait(max(0.0, started + fraction * length_s - time.monotonic()))

    if name in ("worker_kill", "redis_restart"):
        kills = 0
        period = every if name == "worker_kill" else 2 * every
        while not stop.wait(period):
            pids = world.serve.worker_pids() if name == "worker_kill" else redis_pids(world.serve)
            if pids:
                os.kill(random.choice(pids), signal.SIGKILL)
                kills += 1
        notes.append(f"{kills} SIGKILLs")
    elif name == "serve_restart":
        for fraction in (1 / 3, 2 / 3):
            if not wait_until(fraction):
                return
            for pid in world.serve.worker_pids():
                os.kill(pid, signal.SIGSTOP)
            time.sleep(2.0)
            backlog = world.client().llen("mailward:scan")
            world.serve = kill_and_restart(world.serve, world.toml)
            notes.append(f"serve killed with {backlog} scans queued, restarted")
    elif name.startswith("disk_full") and world.fs is not None:
        if wait_until(1 / 3):
            took = world.fs.fill()
            notes.append(f"state dir filled ({took // 1024} KiB filler)")
            if wait_until(2 / 3):
                world.fs.free()
                notes.append("space freed")
        world.fs.free()
    elif name == "exim_restart" and wait_until(0.5):
        world.lab.stop()
        time.sleep(1.0)
        world.lab.start()
        notes.append("Exim restarted")


def run_experiment(name: str, opts: Options, base: Path, clamd: SlowClamd,
                   log: Callable[[str], None] = lambda s: None) -> Tally:
    """Run one experiment in base/name and reconcile it."""
    world = World(name, opts, base, clamd)
    notes: list[str] = []
    n = opts.burst if name == "burst" else opts.messages
    sent = plan(name, n, local_share=opts.local_share, seed=opts.seed)
    rss: list[float] = []
    stop = threading.Event()
    try:
        world.start()
        log(f"{name}: {EXPERIMENTS[name]}; {n} messages")
        length = 0.0 if name == "burst" else n / opts.rate
        fault = threading.Thread(target=_fault, args=(world, stop, length, notes), daemon=True)
        sampler = threading.Thread(target=_sample_rss, args=(world, stop, rss), daemon=True)
        fault.start()
        sampler.start()
        started = time.monotonic()
        _send(world.lab, sent, None if name == "burst" else opts.rate)
        took = time.monotonic() - started
        stop.set()
        fault.join()
        sampler.join()
        world.settled()
        try:  # frozen local submissions wait for serve's frozen-queue job (every 30 s)
            poll(lambda: not queue_ids(world.lab)[0], DRAIN_S, "Exim's queue to drain", interval=1.0)
        except TimeoutError:
            notes.append(f"Exim's queue not empty after {DRAIN_S:g} s")
        tally = reconcile(name, opts.fail_mode, sent, world.lab, world.state, world.client(), world.api_listed())
        tally.notes[:0] = notes
        tally.notes.append(f"sent in {took:.0f} s ({n / took:.0f} msgs/s); serve tree RSS max "
                           f"{max(rss, default=0):.0f} MiB")
        return tally
    finally:
        stop.set()
        world.close()


def _send(lab: EximLab, sent: list[Sent], rate: float | None) -> None:
    """Submit every message, paced at rate (None: as fast as BURST_CLIENTS submitters go)."""
    with ThreadPoolExecutor(max_workers=BURST_CLIENTS if rate is None else PACED_CLIENTS) as pool:
        started = time.monotonic()
        futures = []
        for i, s in enumerate(sent):
            if rate is not None:
                time.sleep(max(0.0, started + i / rate - time.monotonic()))
            futures.append(pool.submit(submit, lab, s))
        for f in futures:
            f.result()


def _sample_rss(world: World, stop: threading.Event, out: list[float]) -> None:
    while not stop.wait(1.0):
        try:
            out.append(tree_rss_mb(world.serve))
        except (AssertionError, OSError):
            continue  # serve being restarted


COLUMNS = [("experiment", 16, "experiment"), ("mode", 6, "fail_mode"), ("msgs", 6, "messages"),
           ("deliv", 6, "delivered"), ("held", 5, "held"), ("refused", 8, "refused"), ("queued", 7, "queued"),
           ("lost", 5, "lost"), ("dup", 4, "duplicated"), ("held+ref", 9, "held_refused"),
           ("orphans", 8, "orphans"), ("leaked", 7, "leaked"), ("unscan", 7, "unscanned"),
           ("spam_out", 9, "spam_out"), ("p50ms", 7, "p50_ms"), ("p99ms", 7, "p99_ms")]


def table(tallies: Sequence[Tally]) -> str:
    """The figures, one row per experiment, then each experiment's notes and anomalies."""
    lines = ["".join(f"{h:>{w}}" if i else f"{h:<{w}}" for i, (h, w, _) in enumerate(COLUMNS))]
    for t in tallies:
        cells = []
        for i, (_, w, attr) in enumerate(COLUMNS):
            v = getattr(t, attr)
            text = "-" if v is None else f"{v:.0f}" if isinstance(v, float) else str(v)
            cells.append(f"{text:>{w}}" if i else f"{text:<{w}}")
        lines.append("".join(cells))
    for t in tallies:
        extra = list(t.notes)
        if t.delivered_refused:
            extra.append(f"{t.delivered_refused} delivered although the submitter was told no")
        if t.redelivered:
            extra.append(f"{t.redelivered} delivered twice by Exim (not held: outside Mailward)")
        extra += [f"{what}: {', '.join(tags)}" for what, tags in t.examples.items()]
        lines.append(f"{t.experiment}: " + "; ".join(extra))
    return "\n".join(lines)


def run(opts: Options, experiments: Sequence[str]) -> tuple[list[Tally], list[str]]:
    """Run the experiments in order; returns the tallies and the experiments skipped (with why)."""
    why = missing_requirements()
    if why:
        raise SystemExit(f"bench.faults needs the lab Exim: {why}")
    skipped = []
    base = Path(tempfile.mkdtemp(prefix="mailward-faults-"))
    clamd = SlowClamd(opts.engine_delay_ms / 1000).start()
    tallies = []
    try:
        for name in experiments:
            if name.startswith("disk_full") and cannot_mount():
                skipped.append(f"{name} skipped: {cannot_mount()}")
                continue
            try:
                tallies.append(run_experiment(name, opts, base, clamd, log=lambda s: print(s, file=sys.stderr)))
            except Exception as exc:  # the other experiments still run; this one is reported as not done
                traceback.print_exc()
                skipped.append(f"{name} failed: {type(exc).__name__}: {exc}")
    finally:
        clamd.shutdown()
        if opts.keep:
            print(f"state dirs and serve logs kept in {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)
    return tallies, skipped


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    d = Options()
    ap.add_argument("--experiments", default=",".join(EXPERIMENTS),
                    help="comma-separated, in order: " + "; ".join(f"{k}: {v}" for k, v in EXPERIMENTS.items()))
    ap.add_argument("--messages", type=int, default=d.messages, help="messages per experiment (not burst)")
    ap.add_argument("--rate", type=float, default=d.rate, help="messages per second (not burst)")
    ap.add_argument("--fail-mode", choices=("open", "closed"), default=d.fail_mode,
                    help="Mailward's and Exim's fail mode")
    ap.add_argument("--burst", type=int, default=d.burst, help="messages of the burst experiment")
    ap.add_argument("--kill-every", type=float, default=d.kill_every, help="seconds between SIGKILLs")
    ap.add_argument("--engine-delay-ms", type=int, default=d.engine_delay_ms,
                    help="the stand-in clamd's delay per scan (0: no engine)")
    ap.add_argument("--local-share", type=float, default=d.local_share,
                    help="share of messages submitted with the local sendmail")
    ap.add_argument("--workers", type=int, default=d.workers, help="serve's worker processes")
    ap.add_argument("--seed", type=int, default=d.seed, help="seed of the message mix")
    ap.add_argument("--keep", action="store_true", help="keep state dirs, serve logs and Exim labs")
    a = ap.parse_args(argv)
    names = [x.strip() for x in a.experiments.split(",") if x.strip()]
    unknown = [x for x in names if x not in EXPERIMENTS]
    if unknown:
        ap.error(f"unknown experiments {unknown}; known: {', '.join(EXPERIMENTS)}")
    opts = replace(Options(), messages=a.messages, rate=a.rate, fail_mode=a.fail_mode, burst=a.burst,
                   kill_every=a.kill_every, engine_delay_ms=a.engine_delay_ms, local_share=a.local_share,
                   workers=a.workers, seed=a.seed, keep=a.keep)
    tallies, skipped = run(opts, names)
    print(f"fault bench: {opts.messages} messages per experiment at {opts.rate:g} msgs/s (burst {opts.burst}), "
          f"fail mode {opts.fail_mode}, {opts.workers} workers, engine delay {opts.engine_delay_ms} ms, "
          f"{opts.local_share:.0%} local sendmail")
    print(table(tallies))
    for line in skipped:
        print(line)
    return 1 if any(t.broken for t in tallies) or any(" failed: " in x for x in skipped) else 0


if __name__ == "__main__":
    sys.exit(main())
