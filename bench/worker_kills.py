"""Kill bench (issue 15.3, 15.5, 15.7): scans keep flowing through the gateway while a worker, the private Redis or
the whole serve tree is SIGKILLed every few seconds; prints how many came back unscanned (the fail mode, or a
broken connection: Exim's fail mode), held files against quarantine answers, and the gateway's latency.

    .venv/bin/python -m bench.worker_kills [--kill worker|redis|serve] [--seconds 60] [--rate 20] [--kill-every 5]
        [--engine-delay-ms 200] [--keep]

With --kill redis, serve restarts its private redis-server and the figures include how long each restart took.
With --kill serve, the bench restarts serve on the same state dir: jobs left in Redis must be dropped, so held
files still equal quarantine answers.

A real `mailward serve` (private Redis, 2 worker processes) in a temporary state dir; messages go straight to
the gateway as Exim sends them (check_legacy), 85% clean and 15% GTUBE, paced at --rate. A stand-in clamd that
answers after --engine-delay-ms keeps every scan in flight that long, so each kill lands in the middle of some
scans (without it a 15 ms scan is rarely caught). A held spam counts once: the quarantine must hold exactly as
many files as scans answered "quarantine".
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.fault_rig import GTUBE, SlowClamd, kill_and_restart, percentile, redis_pids, redis_restart_ms
from core.models import Envelope
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

FAIL_MODE_ACTIONS = ("unscanned", "soft reject")
ENV = Envelope(sender="alice@shop.example", recipients=["bob@example.net"], user="alice@shop.example",
               ip="192.0.2.1")


def message(i: int, spam: bool) -> bytes:
    """A small distinct message; GTUBE in the body when spam."""
    body = GTUBE if spam else b"Hello Bob, the invoice is on our portal. Regards, Alice"
    return (f"From: Alice <alice@shop.example>\r\nTo: bob@example.net\r\nSubject: invoice {i}\r\n"
            f"Message-ID: <{i}.{time.time_ns()}@shop.example>\r\n\r\n").encode() + body + b"\r\n"


def run(args: argparse.Namespace) -> int:
    """Start serve, send and kill for args.seconds, then print the figures."""
    clamd = SlowClamd(args.engine_delay_ms / 1000).start()
    base = Path(tempfile.mkdtemp(prefix="mailward-worker-kills-"))
    engine = clamd.engine_toml(args.engine_delay_ms)
    toml = (f'[scan]\nlisten = ["127.0.0.1:0"]\ntime_budget_ms = {args.engine_delay_ms + 5000}\n'
            f"[workers]\nprocesses = {args.workers}\n" + engine)
    serve = ServeProcess(base / "state", toml)
    serve.start()
    results: list[tuple[bool, str, float]] = []  # (spam, action or error, seconds)
    lock = threading.Lock()
    stop = threading.Event()
    kills = 0

    def send(i: int, spam: bool) -> None:
        started = time.monotonic()
        try:
            action = check_legacy(serve.tcp, message(i, spam), ENV, timeout=60).action
        except Exception as exc:  # a refused or broken connection counts as unscanned
            action = f"error: {exc}"
        with lock:
            results.append((spam, action, time.monotonic() - started))

    def victims() -> list[int]:
        if args.kill == "worker":
            return serve.worker_pids()
        return redis_pids(serve)

    def restart_serve() -> None:
        nonlocal serve
        serve = kill_and_restart(serve, toml)

    def killer() -> None:
        nonlocal kills
        while not stop.wait(args.kill_every):
            if args.kill == "serve":
                restart_serve()
                kills += 1
                continue
            pids = victims()
            if pids:
                os.kill(random.choice(pids), signal.SIGKILL)
                kills += 1

    killing = threading.Thread(target=killer, daemon=True)
    try:
        deadline = time.monotonic() + 20
        while len(serve.worker_pids()) < args.workers and time.monotonic() < deadline:
            time.sleep(0.1)
        for i in range(10):  # warm both workers before the clock starts (clean: nothing held yet)
            send(-1 - i, spam=False)
        results.clear()
        killing.start()
        senders: list[threading.Thread] = []
        start = time.monotonic()
        n = int(args.seconds * args.rate)
        for i in range(n):
            time.sleep(max(0.0, start + i / args.rate - time.monotonic()))
            t = threading.Thread(target=send, args=(i, random.random() < 0.15), daemon=True)
            t.start()
            senders.append(t)
        stop.set()
        killing.join()
        for t in senders:
            t.join(120)
        held = len(list((serve.state_dir / "quarantine").glob("*/*.eml")))
        log = serve.log()
    finally:
        stop.set()
        if killing.is_alive():
            killing.join()  # a serve restart under way must finish before the last serve is stopped
        serve.stop()
        clamd.shutdown()
        if args.keep:
            print(f"serve's state dir and log kept in {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)
    actions = Counter(a if not a.startswith("error") else "error" for _, a, _ in results)
    unscanned = sum(1 for _, a, _ in results if a in FAIL_MODE_ACTIONS or a.startswith("error"))
    spam_unscanned = sum(1 for s, a, _ in results if s and (a in FAIL_MODE_ACTIONS or a.startswith("error")))
    quarantined = actions.get("quarantine", 0)
    latencies = [d for _, _, d in results]
    requeued = sum(int(m) for m in re.findall(r"requeued (\d+) unacknowledged job", log))
    restarts = re.findall(r"exited with \S+ after [\d.]+s; restarting in ([\d.]+)s", log)
    print(f"{args.kill} kills: {args.seconds:g} s at {args.rate:g} msgs/s, {args.workers} workers, a SIGKILL every "
          f"{args.kill_every:g} s, engine delay {args.engine_delay_ms} ms")
    print(f"  messages          {len(results)}")
    print(f"  kills             {kills}")
    print(f"  jobs requeued     {requeued}")
    print(f"  restart delays    {', '.join(sorted(set(restarts))) or '-'} s")
    print(f"  actions           {dict(sorted(actions.items()))}")
    print(f"  unscanned         {unscanned} (spam among them: {spam_unscanned})")
    print(f"  held files        {held} for {quarantined} quarantine answers")
    print(f"  latency p50       {statistics.median(latencies) * 1000:.0f} ms")
    print(f"  latency p99       {percentile(latencies, 99) * 1000:.0f} ms")
    print(f"  latency max       {max(latencies) * 1000:.0f} ms")
    if args.kill == "redis":
        took = redis_restart_ms(log)
        print(f"  redis restarts    {len(took)}, each {min(took, default=0):.0f}-{max(took, default=0):.0f} ms "
              "(died noticed -> answering PING)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the bench."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kill", choices=("worker", "redis", "serve"), default="worker",
                    help="what to SIGKILL: a random worker process, serve's private redis-server, or the whole "
                         "serve tree (then restarted on the same state dir)")
    ap.add_argument("--seconds", type=float, default=60.0, help="how long to send")
    ap.add_argument("--rate", type=float, default=20.0, help="messages per second")
    ap.add_argument("--kill-every", type=float, default=5.0, help="seconds between SIGKILLs")
    ap.add_argument("--workers", type=int, default=2, help="worker processes")
    ap.add_argument("--engine-delay-ms", type=int, default=200, help="the stand-in clamd's delay (0: no engine)")
    ap.add_argument("--keep", action="store_true", help="keep serve's state dir and log (for a post-mortem)")
    return run(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
