"""What one worker's scan path costs, without the gateway or Dramatiq: CPU ms per message of the scanning process
and of Redis, and Redis round trips per message, for the corpus scanned one by one through Scanner.scan_spooled on a
private redis-server (claims opened as the gateway does).

    .venv/bin/python -m bench.scan_cost [--corpus PATH | --set a|b] [--messages N] [--repeat 3] [--profile OUT]
    .venv/bin/python -m bench.scan_cost --dramatiq [--workers 1] [--threads N] [--concurrency 2] [--py-spy OUT]

In-process and single-threaded, so it is far less noisy than a whole-service bench on a busy machine: use it to
see what a change to the scan path buys (run it on the old and the new tree, alternating). Nothing is left
running: the redis-server and the temporary state dir are removed at the end. --profile OUT writes a cProfile of
the timed rounds (pstats format; `python -m pstats OUT`) and prints its top functions: where the scan path's CPU
goes, the Pipeline.evaluate part and the rest (spool, claims, Redis, quarantine, the log line). The CPU figures
of a profiled run are inflated by the profiler: measure without it.

--dramatiq measures the whole worker side instead: real worker processes (python -m workers.worker_process, as
`mailward serve` starts them) on the private Redis, fed by this process as the gateway feeds them (spool file,
claim, scan_message job, the result popped from Redis) from --concurrency threads; it prints the worker
processes' CPU ms per message (everything from Dramatiq's fetch to the ack: consumer, middleware, scan, result),
Redis's, and the round trip. --py-spy OUT records the first worker with py-spy during the timed rounds (only
threads holding the GIL: where its CPU goes, not where it waits).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import redis

from bench.compare import redis_calls
from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from bench.proc_tree import CLK_TCK, py_spy, read_stat
from core.models import Envelope
from core.scan.scanner import Scanner
from core.settings import Settings, load_settings
from core.store.scan_claims import ScanClaims
from core.store.spool import SpoolStore
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer

SENDER = "alice@example.com"


class _RoundTrips:
    """Counts what the scanning process sends Redis: one per command, one per pipeline (a round trip each)."""

    def __init__(self) -> None:
        self.count = 0
        self._send = redis.connection.AbstractConnection.send_packed_command
        counter = self

        def send(conn: redis.connection.AbstractConnection, command: object, check_health: bool = True) -> None:
            counter.count += 1
            counter._send(conn, command, check_health)

        redis.connection.AbstractConnection.send_packed_command = send  # type: ignore[method-assign]

    def close(self) -> None:
        redis.connection.AbstractConnection.send_packed_command = self._send  # type: ignore[method-assign]


def _comparable(verdict: dict) -> dict:
    """A verdict's dict with what differs between two runs of the same scans (held copies' ids) masked."""
    if verdict.get("quarantine_id"):
        verdict["quarantine_id"] = "<id>"
    return verdict


def run(args: argparse.Namespace) -> int:
    if args.set:  # a generated modern set (bench.modern_detection), the same envelope as the corpus gets
        from bench.modern_detection import generate_set
        messages = [m.raw for m in generate_set(args.set, 0)][:args.messages]
    else:
        messages = [m.message for m in sample(load_corpus(args.corpus), args.messages, seed=0)]
    work = Path(tempfile.mkdtemp(prefix="mailward-scan-cost-"))
    server = RedisServer(work / "redis")
    trips = _RoundTrips()
    try:
        server.start()
        root = make_cpanel_tree(work / "cpanel", {"shopuser": "example.com"})
        settings = load_settings(environ={"MAILWARD_STATE_DIR": str(work / "state"), "MAILWARD_REDIS_URL": server.url},
                                 overrides={"cpanel": {"root": str(root)}})
        client = server.client()
        scanner = Scanner(settings, client, worker_id="bench:1")
        scanner.spool.ensure()
        claims = ScanClaims(client)
        assert server.proc is not None
        rows = []
        verdicts: list[dict] | None = [] if args.verdicts else None
        profile = cProfile.Profile() if args.profile else None
        for rnd in range(args.repeat + 1):  # the first round warms up (model, caches, Lua scripts)
            ids = []
            for i, raw in enumerate(messages):
                spool_id = scanner.spool.write(raw)
                claims.open(spool_id, 600_000)
                ids.append((spool_id, Envelope(sender=SENDER, recipients=[f"r{i}@customer.test"], user=SENDER,
                                               ip="127.0.0.1", queue_id=f"R{rnd}-{i:05d}")))
            redis_before, trips_before = read_stat(server.proc.pid), trips.count
            if profile is not None and rnd:
                profile.enable()
            cpu0, wall0 = time.process_time(), time.perf_counter()
            for spool_id, env in ids:
                verdict = scanner.scan_spooled(spool_id, env, claimed=True)
                scanner.spool.discard(spool_id)
                if verdicts is not None and verdict is not None:
                    verdicts.append(_comparable(verdict.to_dict()))
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            if profile is not None:
                profile.disable()
            redis_after, trips_after = read_stat(server.proc.pid), trips.count
            assert redis_before is not None and redis_after is not None
            n = len(ids)
            if rnd:
                rows.append((cpu * 1000 / n, (redis_after.ticks - redis_before.ticks) * 1000 / CLK_TCK / n,
                             (trips_after - trips_before) / n, wall * 1000 / n))
        print(f"scan path, {len(messages)} messages x {args.repeat} rounds, one process, private Redis "
              f"(median of rounds):")
        for name, k in (("worker CPU ms/msg", 0), ("Redis CPU ms/msg", 1), ("round trips/msg", 2),
                        ("wall ms/msg", 3)):
            vals = [r[k] for r in rows]
            print(f"  {name:<20}{statistics.median(vals):8.2f}   (rounds: {', '.join(f'{v:.2f}' for v in vals)})")
        if profile is not None:
            profile.dump_stats(args.profile)
            print(f"  cProfile of the timed rounds -> {args.profile}; its top functions by own time:")
            pstats.Stats(args.profile, stream=sys.stdout).sort_stats("tottime").print_stats(25)
        if verdicts is not None:
            Path(args.verdicts).write_text("".join(json.dumps(v, sort_keys=True) + "\n" for v in verdicts))
            print(f"  {len(verdicts)} verdicts -> {args.verdicts}")
    finally:
        trips.close()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


class _Feeder:
    """What the gateway does for each scan, from `concurrency` threads: spool, claim, job, wait for the result."""

    def __init__(self, settings: Settings, client: redis.Redis) -> None:
        from workers.actors import build_actors
        from workers.broker import make_broker, results_backend

        self.broker = make_broker(settings)
        self.backend = results_backend(self.broker)
        self.actor = build_actors(self.broker, None).scan_message
        self.spool = SpoolStore(settings.spool_dir)
        self.spool.ensure()
        self.claims = ScanClaims(client)
        self.client = client
        self.timeout_ms = int(settings.scan.timeout * 1000)

    def scan(self, raw: bytes, env: Envelope, waiter: redis.Redis) -> str:
        spool_id = self.spool.write(raw)
        try:
            self.claims.open(spool_id, self.timeout_ms)
            message = self.actor.send(spool_id, env.to_dict(), claimed=True)
            popped = waiter.blpop([self.backend.build_message_key(message)], timeout=30)
            if not popped:
                raise RuntimeError(f"no verdict for spool {spool_id} within 30 s")
            result = self.backend.unwrap_result(self.backend.encoder.decode(popped[1]))
            return json.dumps(None if result is None else _comparable(result), sort_keys=True)
        finally:
            self.spool.discard(spool_id)

    def run(self, jobs: list[tuple[bytes, Envelope]], concurrency: int, waiters: list[redis.Redis]) -> list[str]:
        answers: list[str] = [""] * len(jobs)
        errors: list[BaseException] = []
        nxt = iter(range(len(jobs)))
        lock = threading.Lock()

        def loop(waiter: redis.Redis) -> None:
            while not errors:
                with lock:
                    i = next(nxt, None)
                if i is None:
                    return
                try:
                    answers[i] = self.scan(*jobs[i], waiter)
                except BaseException as exc:  # reported by the caller
                    errors.append(exc)

        threads = [threading.Thread(target=loop, args=(waiters[k],)) for k in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]
        return answers


#: Commands only a client sends (never a script): what a message costs in round trips (a transaction: multi).
_TOP_LEVEL = frozenset({"evalsha", "eval", "blmove", "blpop", "multi", "ping", "script|load", "script|exists"})


def _user_system(pid: int) -> tuple[int, int]:
    """A live process's user and system ticks (all its threads)."""
    data = Path(f"/proc/{pid}/stat").read_text()
    f = data[data.rindex(")") + 2:].split()
    return int(f[11]), int(f[12])


def run_dramatiq(args: argparse.Namespace) -> int:
    spy_path = py_spy() if args.py_spy else ""  # checked before anything starts
    messages = [m.message for m in sample(load_corpus(args.corpus), args.messages, seed=0)]
    work = Path(tempfile.mkdtemp(prefix="mailward-scan-cost-"))
    server = RedisServer(work / "redis")
    workers: list[subprocess.Popen] = []
    spy: subprocess.Popen | None = None
    try:
        server.start()
        root = make_cpanel_tree(work / "cpanel", {"shopuser": "example.com"})
        env = dict(os.environ, MAILWARD_STATE_DIR=str(work / "state"), MAILWARD_REDIS_URL=server.url,
                   MAILWARD_CPANEL_ROOT=str(root), MAILWARD_LOG_LEVEL="warning", PYTHONUNBUFFERED="1")
        if args.threads:
            env["MAILWARD_WORKERS__THREADS"] = str(args.threads)
        settings = load_settings(environ=env)
        client = server.client()
        feeder = _Feeder(settings, client)
        log = (work / "workers.log").open("wb")
        for i in range(args.workers):
            workers.append(subprocess.Popen([sys.executable, "-m", "workers.worker_process", "--index", str(i)],
                                            env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log))
        waiters = [server.client() for _ in range(args.concurrency)]
        assert server.proc is not None
        rows, verdicts, calls = [], {}, {}
        dumped: list[str] | None = [] if args.verdicts else None
        for rnd in range(args.repeat + 1):  # the first round warms up (model, caches, Lua scripts)
            jobs = [(raw, Envelope(sender=SENDER, recipients=[f"r{i}@customer.test"], user=SENDER,
                                   ip="127.0.0.1", queue_id=f"D{rnd}-{i:05d}")) for i, raw in enumerate(messages)]
            if rnd == 1 and args.py_spy:
                spy = subprocess.Popen([spy_path, "record", "--pid",
                                        str(workers[0].pid), "--output", args.py_spy, "--format", args.py_spy_format,
                                        "--nonblocking", "--gil", "--rate", str(args.py_spy_rate)],
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            before = [read_stat(w.pid) for w in workers]
            split0 = [_user_system(w.pid) for w in workers]
            redis_before = read_stat(server.proc.pid)
            calls_before = redis_calls(client)
            wall0 = time.perf_counter()
            answers = feeder.run(jobs, args.concurrency, waiters)
            wall = time.perf_counter() - wall0
            after = [read_stat(w.pid) for w in workers]
            split1 = [_user_system(w.pid) for w in workers]
            redis_after = read_stat(server.proc.pid)
            calls_after = redis_calls(client)
            if any(x is None for x in before + after) or redis_before is None or redis_after is None:
                raise RuntimeError(f"a worker or redis-server died; see {work / 'workers.log'}")
            n = len(jobs)
            ticks = sum(a.ticks - b.ticks for a, b in zip(after, before, strict=True))  # type: ignore[union-attr]
            user = sum(a[0] - b[0] for a, b in zip(split1, split0, strict=True)) * 1000 / CLK_TCK / n
            system = sum(a[1] - b[1] for a, b in zip(split1, split0, strict=True)) * 1000 / CLK_TCK / n
            if rnd:
                redis_ms = (redis_after.ticks - redis_before.ticks) * 1000 / CLK_TCK / n
                rows.append((ticks * 1000 / CLK_TCK / n, redis_ms,
                             n / wall, wall * 1000 / n, user, system))
                for a in answers:
                    action = str((json.loads(a) or {}).get("action", "-"))
                    verdicts[action] = verdicts.get(action, 0) + 1
                    if dumped is not None:
                        dumped.append(a)
                for cmd, count in calls_after.items():
                    calls[cmd] = calls.get(cmd, 0) + (count - calls_before.get(cmd, 0)) / n / args.repeat
        print(f"worker side through Dramatiq, {len(messages)} messages x {args.repeat} rounds, {args.workers} worker "
              f"process(es) x {settings.workers.threads} thread(s), concurrency {args.concurrency}, private Redis "
              "(median of rounds):")
        for name, k in (("worker CPU ms/msg", 0), ("  of it user", 4), ("  of it system", 5), ("Redis CPU ms/msg", 1),
                        ("msgs/s", 2), ("wall ms/msg", 3)):
            vals = [r[k] for r in rows]
            print(f"  {name:<20}{statistics.median(vals):8.2f}   (rounds: {', '.join(f'{v:.2f}' for v in vals)})")
        top = ", ".join(f"{c} {v:.2f}" for c, v in sorted(calls.items(), key=lambda kv: -kv[1])
                        if c in _TOP_LEVEL)
        print(f"  Redis calls/msg      {sum(calls.values()):8.2f}   (those a client sends: {top}; the feeder's "
              "own included)")
        print(f"  verdicts: {dict(sorted(verdicts.items()))}")
        if dumped is not None:
            Path(args.verdicts).write_text("".join(line + "\n" for line in dumped))
            print(f"  {len(dumped)} verdicts -> {args.verdicts} (in order with --concurrency 1)")
    finally:
        if spy is not None:
            spy.send_signal(2)
            try:
                spy.wait(30)
            except subprocess.TimeoutExpired:
                spy.kill()
                spy.wait()
        for w in workers:
            w.terminate()
        for w in workers:
            try:
                w.wait(15)
            except subprocess.TimeoutExpired:
                w.kill()
                w.wait()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus tarball (default ../shared/corpus)")
    ap.add_argument("--messages", type=int, default=1000, help="messages a round (default 1000)")
    ap.add_argument("--set", choices=("a", "b"), default="",
                    help="scan the generated modern set A or B (today's HTML and multipart mail; its first "
                         "--messages) instead of the corpus (timings only: never the held-out sets C and D)")
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds after the warm-up one (default 3)")
    ap.add_argument("--verdicts", default="", help="write every timed scan's verdict (JSON lines) here")
    ap.add_argument("--profile", default="",
                    help="write a cProfile of the timed rounds here (pstats) and print its top functions")
    ap.add_argument("--dramatiq", action="store_true",
                    help="measure real worker processes fed through Dramatiq (the whole worker side)")
    ap.add_argument("--workers", type=int, default=1, help="--dramatiq: worker processes (default 1)")
    ap.add_argument("--threads", type=int, default=0, help="--dramatiq: threads per worker (default: settings')")
    ap.add_argument("--concurrency", type=int, default=2, help="--dramatiq: scans in flight (default 2)")
    ap.add_argument("--py-spy", default="", help="--dramatiq: record the first worker with py-spy to this file")
    ap.add_argument("--py-spy-rate", type=int, default=200, help="py-spy's samples a second (default 200)")
    ap.add_argument("--py-spy-format", default="raw", help="py-spy's output format (default raw: collapsed stacks)")
    args = ap.parse_args(argv)
    return run_dramatiq(args) if args.dramatiq else run(args)


if __name__ == "__main__":
    sys.exit(main())
