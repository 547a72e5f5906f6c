"""One Dramatiq worker process: `python -m workers.worker_process` (started by `mailward serve`)."""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import signal
import socket
import sys
import threading
import time

import dramatiq
import redis

from core import keys
from core.learning.tokenizer import TOKENIZER_VERSION
from core.scan.scanner import Scanner
from core.settings import load_settings
from core.store.classifier import superseded_learning
from core.store.connection import connect
from workers.actors import build_actors
from workers.broker import consumer_id, make_broker
from workers.logging_setup import setup_logging
from workers.webhooks import Deliverer, build_webhook_actor

log = logging.getLogger("mailward.worker")


def _heartbeat(client: redis.Redis, stop: threading.Event) -> None:
    """Record this process as alive every 2 s (for health/status), and drop the record on exit."""
    me = consumer_id(socket.gethostname(), os.getpid())
    while not stop.is_set():
        try:
            client.zadd(keys.worker_heartbeats(), {me: time.time()})
            client.zremrangebyscore(keys.worker_heartbeats(), 0, time.time() - 3600)
        except redis.RedisError as exc:
            log.warning("heartbeat failed: %s", exc)
        stop.wait(2.0)
    with contextlib.suppress(redis.RedisError):
        client.zrem(keys.worker_heartbeats(), me)


def _say_superseded_learning(scanner: Scanner) -> None:
    """Log once per host what online learning an upgrade's new tokenizer left behind (it no longer counts)."""
    try:
        left = superseded_learning(scanner.quarantine.client)
    except redis.RedisError as exc:
        log.debug("could not look for learning under older tokenizers: %s", exc)
        return
    for version, learned in sorted(left.items()):
        log.warning("classifier: %d messages learned on this server under tokenizer version %d no longer count "
                    "(this version tokenizes with %d); learn held mail again with `ie-cli emails learn`",
                    learned, version, TOKENIZER_VERSION)


def main(argv: list[str] | None = None) -> int:
    """Run worker threads until SIGTERM/SIGINT, then finish in-flight jobs and exit."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--index", type=int, default=0, help="worker number, for logs")
    args = ap.parse_args(argv)
    settings = load_settings()
    setup_logging(settings.log_level, f"worker-{args.index}")
    # Under an id its supervisor can name from the pid alone: when this process dies, `mailward serve` requeues
    # the jobs it had taken at once instead of leaving them for Dramatiq's heartbeat timeout (workers/service.py).
    me = consumer_id(socket.gethostname(), os.getpid())
    broker = make_broker(settings, broker_id=me)
    scanner = Scanner(settings, connect(settings), worker_id=me)
    build_actors(broker, scanner, time_limit_ms=int(settings.scan.timeout * 2000))
    build_webhook_actor(broker, Deliverer(connect(settings), settings.webhooks), settings.webhooks)
    # What start-up made (modules, the model, compiled patterns) lives as long as the process: out of the cyclic
    # collector's way, so its full collections during scans walk only what scans allocate.
    gc.collect()
    gc.freeze()
    worker = dramatiq.Worker(broker, worker_threads=settings.workers.threads,
                             worker_timeout=settings.workers.poll_timeout_ms)
    # Prefetch no more than we can run: a busy process must not sit on messages an idle one could take.
    worker.queue_prefetch = settings.workers.threads
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    broker.emit_after("process_boot")
    worker.start()
    log.info("worker %d ready: %d threads, poll %d ms", args.index, settings.workers.threads,
             settings.workers.poll_timeout_ms)
    if args.index == 0:
        _say_superseded_learning(scanner)
    beat = threading.Thread(target=_heartbeat, args=(connect(settings), stop), daemon=True, name="heartbeat")
    beat.start()
    stop.wait()
    log.info("worker %d stopping", args.index)
    worker.stop(timeout=int(settings.scan.timeout * 1000))
    broker.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
