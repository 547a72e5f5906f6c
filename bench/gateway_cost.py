"""What the scan gateway costs per message, without the scan: CPU ms per message of the gateway's process and of
Redis, for corpus messages sent through a real ScanGateway (RSPAMC/1.3 over loopback TCP as Exim sends it, peer
identity, spool file, claim and Dramatiq job, the wait for the result, the answer) while a stand-in worker process
answers each job at once with a fixed verdict through Dramatiq's Redis broker and results backend.

    .venv/bin/python -m bench.gateway_cost [--corpus PATH] [--messages N] [--concurrency 2] [--rounds 3]
        [--py-spy OUT]

The load client and the stand-in worker run in processes of their own, so the gateway process's CPU is the
gateway's alone; Redis (a private redis-server with the append-only file as `mailward serve` runs it) is charged
with what the gateway and the stand-in worker ask of it. Far less noisy than bench.compare on a busy machine (no
scan competes for the cores): use it to see what a change to the gateway buys, alternating the old and the new
tree. --py-spy OUT records the gateway process (flame graph) during the timed rounds. Nothing is left running.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import dramatiq
import redis

from bench.compare import redis_calls
from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from bench.proc_tree import CLK_TCK, py_spy, read_stat
from bench.scan_load import percentile, prepare, run_load
from core.models import Action, Symbol, Verdict
from core.settings import Settings, load_settings
from core.store.connection import connect
from tests.redis_server import RedisServer
from workers.actors import SCAN_QUEUE
from workers.broker import make_broker
from workers.gateway import ScanGateway

#: What the stand-in worker answers: a clean verdict of the usual size (a few symbols).
ANSWER = Verdict(Action.ACCEPT, score=1.3, required_score=6.0, reject_score=15.0,
                 symbols=[Symbol("CLASSIFIER_20", 0.5, "statistical classifier"), Symbol("ALIGNED_FROM", -1.0),
                          Symbol("HTML_ONLY", 1.8, "the message has no text part"), Symbol("MIME_GOOD", 0.0)]
                 ).to_dict()


def settings_for(state: Path, redis_url: str) -> Settings:
    return load_settings(environ={"MAILWARD_STATE_DIR": str(state), "MAILWARD_REDIS_URL": redis_url},
                         overrides={"scan": {"listen": ["127.0.0.1:0"]}, "incoming": {"listen": []}})


def scan_actor(broker: dramatiq.Broker, answer: bool) -> dramatiq.Actor:
    """scan_message as workers.actors declares it; the stand-in's answers at once, the gateway's never runs."""

    def scan_message(spool_id: str, envelope: dict, claimed: bool = False) -> dict | None:
        if not answer:
            raise RuntimeError("the gateway only sends scan_message")
        return ANSWER

    return dramatiq.actor(scan_message, broker=broker, actor_name="scan_message", queue_name=SCAN_QUEUE,
                          store_results=True, max_retries=0, time_limit=60_000, result_ttl=120_000)


def stand_in_worker(state: Path, redis_url: str) -> None:
    """Run Dramatiq workers answering scan_message until SIGTERM (a process of its own)."""
    broker = make_broker(settings_for(state, redis_url))
    scan_actor(broker, answer=True)
    worker = dramatiq.Worker(broker, worker_threads=4, worker_timeout=100)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    worker.start()
    print("ready", flush=True)
    while not stop:
        time.sleep(0.1)
    worker.stop()


def client(address: str, corpus: Path, messages: int, concurrency: int, run: str) -> None:
    """Send the sample once through the gateway (a process of its own); print what it saw as JSON."""
    msgs = sample(load_corpus(corpus), messages, seed=0)
    load = run_load([address], prepare(msgs, run), concurrency)
    print(json.dumps({"msgs_per_s": load.msgs_per_s, "p50": percentile(load.latencies_ms, 50),
                      "p99": percentile(load.latencies_ms, 99), "errors": load.errors[:3],
                      "n_errors": len(load.errors), "actions": dict(load.actions)}))


def _redis_cpu_ms(r: redis.Redis) -> float:
    info = r.info("cpu")
    return (float(info["used_cpu_user"]) + float(info["used_cpu_sys"])) * 1000.0


def _self_cpu_ms() -> tuple[float, float]:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime * 1000.0, ru.ru_stime * 1000.0


def _proc_cpu_ms(pid: int) -> float:
    info = read_stat(pid)
    return 0.0 if info is None else info.ticks * 1000.0 / CLK_TCK


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--messages", type=int, default=600)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--py-spy", dest="py_spy", default="",
                    help="record the gateway process: a flame graph (.svg) or collapsed stacks (.txt)")
    ap.add_argument("--stand-in", nargs=2, metavar=("STATE", "REDIS_URL"), help=argparse.SUPPRESS)
    ap.add_argument("--client", nargs=2, metavar=("ADDRESS", "RUN"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    spy_path = py_spy() if args.py_spy else ""  # checked before anything starts
    if args.stand_in:
        stand_in_worker(Path(args.stand_in[0]), args.stand_in[1])
        return 0
    if args.client:
        client(args.client[0], args.corpus, args.messages, args.concurrency, args.client[1])
        return 0

    work = Path(tempfile.mkdtemp(prefix="mailward-gateway-cost-"))
    server = RedisServer(work / "redis")
    worker: subprocess.Popen | None = None
    spy: subprocess.Popen | None = None
    gateway: ScanGateway | None = None
    rows: list[dict[str, Any]] = []
    try:
        server.start()
        r = server.client()
        r.config_set("appendonly", "yes")  # as serve's private Redis writes (core: appendfsync everysec)
        r.config_set("appendfsync", "everysec")
        state = work / "state"
        s = settings_for(state, server.url)
        broker = make_broker(s)
        gateway = ScanGateway(s, broker, scan_actor(broker, answer=False), connect(s, timeout=s.scan.timeout + 10))
        address = gateway.start()[0]
        worker = subprocess.Popen([sys.executable, "-m", "bench.gateway_cost", "--stand-in", str(state), server.url],
                                  stdout=subprocess.PIPE, text=True)
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"

        def send(n: int, run: str) -> dict[str, Any]:
            out = subprocess.run([sys.executable, "-m", "bench.gateway_cost", "--client", address, run,
                                  "--corpus", str(args.corpus), "--messages", str(n),
                                  "--concurrency", str(args.concurrency)], capture_output=True, text=True, check=True)
            return json.loads(out.stdout)

        send(args.warmup, f"warm{time.monotonic_ns()}")
        if args.py_spy:
            fmt = "raw" if args.py_spy.endswith(".txt") else "flamegraph"  # raw: collapsed stacks
            spy = subprocess.Popen([spy_path, "record", "--nonblocking", "-r",
                                    "250", "-f", fmt, "-o", args.py_spy, "--pid", str(os.getpid())],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)
        for rnd in range(args.rounds):
            # the client loads its corpus before it sends: charge only the sending
            u0, s0 = _self_cpu_ms()
            red0, w0 = _redis_cpu_ms(r), _proc_cpu_ms(worker.pid)
            calls0 = redis_calls(r)
            seen = send(args.messages, f"r{rnd}{time.monotonic_ns()}")
            u1, s1 = _self_cpu_ms()
            red1, w1 = _redis_cpu_ms(r), _proc_cpu_ms(worker.pid)
            calls1 = redis_calls(r)
            n = args.messages
            row = {"msgs_per_s": seen["msgs_per_s"], "gateway_user": (u1 - u0) / n, "gateway_sys": (s1 - s0) / n,
                   "redis": (red1 - red0) / n, "stand_in": (w1 - w0) / n, "p50": seen["p50"], "p99": seen["p99"],
                   "errors": seen["n_errors"], "calls": {k: (v - calls0.get(k, 0)) / n
                                                         for k, v in calls1.items() if v > calls0.get(k, 0)}}
            rows.append(row)
            print(f"round {rnd + 1}: {row['msgs_per_s']:.0f} msgs/s, gateway {row['gateway_user']:.3f} user + "
                  f"{row['gateway_sys']:.3f} sys ms/msg, redis {row['redis']:.3f} ms/msg, stand-in worker "
                  f"{row['stand_in']:.3f} ms/msg, p50 {row['p50']:.1f} ms, p99 {row['p99']:.1f} ms"
                  + (f", {row['errors']} errors e.g. {seen['errors'][0]}" if row["errors"] else ""), flush=True)
    finally:
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            spy.wait(30)
        if worker is not None:
            worker.terminate()
            worker.wait(30)
        if gateway is not None:
            gateway.stop()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    if rows:
        med = {k: statistics.median(row[k] for row in rows) for k in ("gateway_user", "gateway_sys", "redis",
                                                                        "msgs_per_s")}
        calls = rows[-1]["calls"]
        print(f"median of {len(rows)}: gateway {med['gateway_user'] + med['gateway_sys']:.3f} CPU ms/msg "
              f"({med['gateway_user']:.3f} user, {med['gateway_sys']:.3f} sys), redis-server {med['redis']:.3f} "
              f"ms/msg, {med['msgs_per_s']:.0f} msgs/s at concurrency {args.concurrency}")
        print("Redis commands per message (last round, inside scripts too): "
              + ", ".join(f"{k} {v:.2f}" for k, v in sorted(calls.items(), key=lambda kv: -kv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
