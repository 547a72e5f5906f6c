"""What one worker's scan path costs, without the gateway or Dramatiq: CPU ms per message of the scanning process
and of Redis, and Redis round trips per message, for the corpus scanned one by one through Scanner.scan_spooled on a
private redis-server (claims opened as the gateway does).

    .venv/bin/python -m bench.scan_cost [--corpus PATH] [--messages N] [--repeat 3]

In-process and single-threaded, so it is far less noisy than a whole-service bench on a busy machine: use it to
see what a change to the scan path buys (run it on the old and the new tree, alternating). Nothing is left
running: the redis-server and the temporary state dir are removed at the end.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import redis

from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from bench.proc_tree import CLK_TCK, read_stat
from core.models import Envelope
from core.scanning import Scanner
from core.settings import load_settings
from core.store_scan_claims import ScanClaims
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


def run(args: argparse.Namespace) -> int:
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
        for rnd in range(args.repeat + 1):  # the first round warms up (model, caches, Lua scripts)
            ids = []
            for i, raw in enumerate(messages):
                spool_id = scanner.spool.write(raw)
                claims.open(spool_id, 600_000)
                ids.append((spool_id, Envelope(sender=SENDER, recipients=[f"r{i}@customer.test"], user=SENDER,
                                               ip="127.0.0.1", queue_id=f"R{rnd}-{i:05d}")))
            redis_before, trips_before = read_stat(server.proc.pid), trips.count
            cpu0, wall0 = time.process_time(), time.perf_counter()
            for spool_id, env in ids:
                scanner.scan_spooled(spool_id, env, claimed=True)
                scanner.spool.discard(spool_id)
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
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
    finally:
        trips.close()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus tarball (default ../shared/corpus)")
    ap.add_argument("--messages", type=int, default=1000, help="messages a round (default 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds after the warm-up one (default 3)")
    return run(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
