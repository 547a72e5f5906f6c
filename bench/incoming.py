"""Incoming benchmark: the cost an incoming message adds, next to an outbound scan and to the opted-out skip.

Run from the repository root (no root needed: a private redis-server on a unix socket and, for the gateway
phase, a private `mailward serve` with both listeners are started here and stopped at the end):

    .venv/bin/python -m bench.incoming [--messages N] [--gateway-messages N] [--incoming-action A] [--no-gateway]
                                       [--corpus PATH] [--json]

The same corpus messages (a deterministic sample of the training corpus, spam and ham in their proportions)
are scanned three ways:
  outbound      SMTP AUTH submission by an account (attribution, whitelist, limits, campaign count, checks)
  incoming on   a remote sender's mail for a local account with incoming scanning on (the default): recipient
                attribution, recipient whitelist, the checks, inbound thresholds, the daily incoming spam/ham
                counter; incoming spam becomes --incoming-action (default: the settings' default, spam_folder)
  incoming off  the same mail for an account that turned incoming scanning off: the fast skip (the message is
                still read and parsed, then answered INCOMING_OFF without checks or counters)
"Nothing" is what an incoming message cost before incoming filtration: Exim did not ask at all.

Phases:
 1. Core scan path (core/scan/scanner.py Scanner.scan_spooled, as a worker runs it) in this process against a
    private Redis, one thread, one block of --messages per way after a few untimed warm-up messages. Per
    message: the worker's CPU (process_time around the call; the spool write is the gateway's and is left
    out), the Redis server's CPU (INFO cpu deltas over the block), the wall time and msgs/s of one thread.
 2. Through the gateway (optional): a private `mailward serve` (2 worker processes x 4 threads) with its
    outgoing listener (scan.listen) and its incoming listener ([incoming] listen), sequential RSPAMC/1.3
    requests as Exim's spam= condition sends them: round trip p50/p99, msgs/s at concurrency 1, and the CPU of
    every process in serve's session per message.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis

from bench.corpus import DEFAULT_CORPUS, CorpusMessage, load_corpus, sample
from bench.limits import redis_cpu
from bench.scan_rig import (
    ACCOUNT,
    ACCOUNT_DOMAIN,
    CLIENT_HELO,
    json_safe,
    percentile,
    say,
    serve_toml,
    wait_serve_ready,
)
from bench.session_cpu import cpu_delta_ms, session_cpu
from core import keys
from core.identity.sender_objects import SoType, object_id
from core.models import Direction, Envelope
from core.scan.scanner import Scanner
from core.settings import load_settings
from core.store.incoming import INCOMING_HAM, INCOMING_SPAM, IncomingStore
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer
from workers.exim_lab import free_port
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

OFF_ACCOUNT, OFF_DOMAIN = "quietuser", "quiet.example"  # the account with incoming scanning off
OUT_SENDER = f"alice@{ACCOUNT_DOMAIN}"
OUT_RCPT = "bench@customer.test"
REMOTE_SENDER, REMOTE_IP, REMOTE_HELO = "news@remote.test", "192.0.2.9", "mx.remote.test"
WARMUP = 20


@dataclass(frozen=True, slots=True)
class Way:
    """One way of scanning the same message."""

    key: str
    title: str
    envelope: Envelope


WAYS = (
    Way("outbound", "outbound scan (SMTP AUTH by the account)",
        Envelope(sender=OUT_SENDER, recipients=[OUT_RCPT], user=OUT_SENDER, ip="192.0.2.10", helo=CLIENT_HELO)),
    Way("incoming_on", "incoming scan, account's incoming on",
        Envelope(sender=REMOTE_SENDER, recipients=[f"info@{ACCOUNT_DOMAIN}"], ip=REMOTE_IP, helo=REMOTE_HELO,
                 direction=Direction.INCOMING)),
    Way("incoming_off", "incoming, account's incoming off (skip)",
        Envelope(sender=REMOTE_SENDER, recipients=[f"info@{OFF_DOMAIN}"], ip=REMOTE_IP, helo=REMOTE_HELO,
                 direction=Direction.INCOMING)),
)


def accounts_tree(root: Path) -> Path:
    """The cPanel tree both phases attribute with: the scanning account and the opted-out one."""
    return make_cpanel_tree(root, {ACCOUNT: ACCOUNT_DOMAIN, OFF_ACCOUNT: OFF_DOMAIN})


def incoming_counts(client: redis.Redis, account: str) -> dict[str, int]:
    """The account's incoming spam/ham counters of today (UTC)."""
    day = int(time.time() // 86400)
    field = object_id(SoType.ACCOUNT, account, account)
    # the store writes an hour and a day hash; the day hash alone is enough for a before/after difference
    return {name: int(client.hget(keys.am_stats_day(day), f"{field}:{name}") or 0)
            for name in (INCOMING_SPAM, INCOMING_HAM)}


# ------------------------------------------------------------------------------------- phase 1: core path


def run_core_way(scanner: Scanner, info: redis.Redis, way: Way, raws: Sequence[bytes],
                 warm: Sequence[bytes]) -> dict[str, Any]:
    """Scan every message one way through Scanner.scan_spooled; CPU and wall per message."""
    spool = scanner.spool

    def one(raw: bytes, i: int) -> tuple[float, float, str]:
        sid = spool.write(raw)
        env = Envelope.from_dict({**way.envelope.to_dict(), "queue_id": f"1bench-{way.key[:3]}{i:05d}-AA"})
        c0, w0 = time.process_time(), time.perf_counter()
        verdict = scanner.scan_spooled(sid, env)
        c1, w1 = time.process_time(), time.perf_counter()
        spool.discard(sid)  # as the gateway does once it has answered (a quarantined message was moved away)
        return (c1 - c0) * 1000.0, (w1 - w0) * 1000.0, verdict.action.value if verdict else "gone"

    for i, raw in enumerate(warm):
        one(raw, 90000 + i)
    counts0 = {a: incoming_counts(info, a) for a in (ACCOUNT, OFF_ACCOUNT)}
    r0 = redis_cpu(info)
    rows = [one(raw, i) for i, raw in enumerate(raws)]
    r1 = redis_cpu(info)
    counts1 = {a: incoming_counts(info, a) for a in (ACCOUNT, OFF_ACCOUNT)}
    n = len(rows)
    cpu = [r[0] for r in rows]
    wall = [r[1] for r in rows]
    redis_ms = (r1 - r0) * 1000.0 / n
    return {
        "key": way.key, "title": way.title, "messages": n,
        "worker_cpu_ms": statistics.fmean(cpu), "worker_cpu_p50_ms": percentile(cpu, 50),
        "worker_cpu_p99_ms": percentile(cpu, 99), "redis_cpu_ms": redis_ms,
        "cpu_ms": statistics.fmean(cpu) + redis_ms,
        "wall_ms": statistics.fmean(wall), "msgs_per_s": 1000.0 * n / sum(wall),
        "verdicts": dict(Counter(r[2] for r in rows).most_common()),
        "incoming_counted": {a: {k: counts1[a][k] - counts0[a][k] for k in counts1[a]} for a in counts1},
        "per_message_cpu_ms": cpu,
    }


def core_phase(work: Path, messages: Sequence[CorpusMessage], warm: Sequence[CorpusMessage],
               action: str) -> list[dict[str, Any]]:
    """Phase 1: one Scanner against a private Redis, every way over the same messages."""
    server = RedisServer(work / "redis")
    server.start()
    try:
        settings = load_settings(environ={}, overrides={
            "state_dir": str(work / "state"), "cpanel": {"root": str(accounts_tree(work / "cpanel"))},
            "incoming": {"action": action}})
        client, info = server.client(), server.client()
        scanner = Scanner(settings, client)
        scanner.spool.ensure()
        scanner.incoming.set_enabled(OFF_ACCOUNT, False)
        raws, warm_raws = [m.message for m in messages], [m.message for m in warm]
        out = []
        for way in WAYS:
            say(f"phase 1: {len(raws)} messages, {way.title}")
            out.append(run_core_way(scanner, info, way, raws, warm_raws))
        return out
    finally:
        server.stop()


# ---------------------------------------------------------------------------------- phase 2: the gateway


def gateway_phase(work: Path, messages: Sequence[CorpusMessage], warm: Sequence[CorpusMessage], action: str,
                  processes: int, threads: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Phase 2: a real serve with both listeners; sequential round trips, one block per way."""
    toml = serve_toml(accounts_tree(work / "cpanel-gw"), processes, threads)
    incoming = f"127.0.0.1:{free_port()}"  # not port 0: one address string cannot be in both listener lists
    toml += f'[incoming]\nlisten = ["{incoming}"]\naction = "{action}"\n'
    serve = ServeProcess(work / "serve", toml)
    warnings: list[str] = []
    rows: list[dict[str, Any]] = []
    try:
        say(f"phase 2: starting mailward serve ({processes}x{threads}) with both listeners")
        serve.start()
        outgoing = serve.tcp
        client = redis.Redis(unix_socket_path=str(serve.state_dir / "redis" / "redis.sock"))
        IncomingStore(client).set_enabled(OFF_ACCOUNT, False)  # before any incoming scan fills a worker's cache
        client.close()
        wait_serve_ready(serve, processes, OUT_SENDER, OUT_RCPT)
        sid = serve.proc.pid  # type: ignore[union-attr]  # serve leads its own session
        for way in WAYS:
            address = incoming if way.envelope.direction == Direction.INCOMING else outgoing
            say(f"phase 2: {len(messages)} messages through the gateway, {way.title}")
            for m in warm:
                check_legacy(address, m.message, way.envelope)
            lat: list[float] = []
            actions: Counter[str] = Counter()
            errors = 0
            before = session_cpu(sid)
            t0 = time.perf_counter()
            for m in messages:
                s0 = time.perf_counter()
                try:
                    reply = check_legacy(address, m.message, way.envelope)
                except Exception as exc:  # reported, not raised: the other ways must still run
                    errors += 1
                    if errors == 1:
                        warnings.append(f"gateway {way.key}: {type(exc).__name__}: {exc}")
                    continue
                lat.append((time.perf_counter() - s0) * 1000.0)
                actions[reply.action] += 1
            wall = time.perf_counter() - t0
            total_ms, _roles = cpu_delta_ms(before, session_cpu(sid))
            n = len(lat)
            rows.append({"key": way.key, "title": way.title, "messages": n, "errors": errors,
                         "p50_ms": percentile(lat, 50), "p99_ms": percentile(lat, 99),
                         "msgs_per_s": n / wall if wall > 0 else float("nan"),
                         "cpu_ms": total_ms / n if n else float("nan"),
                         "verdicts": dict(actions.most_common())})
            if actions.get("unscanned"):
                warnings.append(f"gateway {way.key}: {actions['unscanned']} answered 'unscanned' (fail mode)")
    finally:
        code = serve.stop()
        if code not in (0, None):
            warnings.append(f"mailward serve exited with {code} on SIGTERM")
        if serve.leftover:
            warnings.append(f"processes left in serve's session after stop: {serve.leftover}")
    return rows, warnings


# ------------------------------------------------------------------------------------------------ report


def differences(core: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """What incoming-on costs over nothing, over the opted-out skip and over an outbound scan."""
    by = {r["key"]: r for r in core}
    on = by["incoming_on"]
    out = [{"title": "incoming on - nothing (no incoming scan at all)", "cpu_ms": on["cpu_ms"],
            "worker_cpu_ms": on["worker_cpu_ms"], "paired_median_ms": on["worker_cpu_p50_ms"]}]
    for key, title in (("incoming_off", "incoming on - incoming off (what the toggle saves)"),
                       ("outbound", "incoming on - outbound scan")):
        other = by[key]
        paired = [a - b for a, b in zip(on["per_message_cpu_ms"], other["per_message_cpu_ms"], strict=True)]
        out.append({"title": title, "cpu_ms": on["cpu_ms"] - other["cpu_ms"],
                    "worker_cpu_ms": on["worker_cpu_ms"] - other["worker_cpu_ms"],
                    "paired_median_ms": statistics.median(paired)})
    off = by["incoming_off"]
    out.append({"title": "incoming off - nothing (the skip still reads and parses)", "cpu_ms": off["cpu_ms"],
                "worker_cpu_ms": off["worker_cpu_ms"], "paired_median_ms": off["worker_cpu_p50_ms"]})
    return out


def render(report: dict[str, Any]) -> str:
    """The plain-text report."""
    meta = report["meta"]
    lines = [f"Mailward incoming benchmark  {meta['started']}  ({meta['cpus']} CPUs, load avg "
             f"{meta['load_start']:.2f} -> {meta['load_end']:.2f}, {meta['duration_s']:.0f} s)",
             f"corpus: {meta['corpus']} ({meta['messages']} messages: {meta['labels']}); incoming.action = "
             f"{meta['incoming_action']}", ""]
    core = report["core"]
    lines += [f"1. Core scan path (Scanner.scan_spooled, one thread, private Redis), {core[0]['messages']} messages "
              f"per way after {meta['warmup']} untimed",
              f"   {'way':<44}{'CPU ms':>8}{'worker':>8}{'p50':>7}{'p99':>7}{'redis':>7}{'wall ms':>9}{'msgs/s':>8}"
              "  verdicts"]
    for r in core:
        verdicts = ", ".join(f"{a} {n}" for a, n in r["verdicts"].items())
        lines.append(f"   {r['title']:<44}{r['cpu_ms']:>8.2f}{r['worker_cpu_ms']:>8.2f}{r['worker_cpu_p50_ms']:>7.2f}"
                     f"{r['worker_cpu_p99_ms']:>7.2f}{r['redis_cpu_ms']:>7.3f}{r['wall_ms']:>9.2f}"
                     f"{r['msgs_per_s']:>8.0f}  {verdicts}")
    lines.append("   (CPU ms = worker + redis per message; worker p50/p99 over messages; msgs/s = one thread, "
                 "back to back)")
    counted = next(r for r in core if r["key"] == "incoming_on")["incoming_counted"][ACCOUNT]
    lines.append(f"   incoming counters of the scanning account during its block: spam {counted[INCOMING_SPAM]}, "
                 f"ham {counted[INCOMING_HAM]}")
    lines += ["", "   what an incoming message adds, per message:",
              f"   {'':<58}{'CPU ms':>8}{'worker':>8}{'paired median':>15}"]
    for d in report["differences"]:
        lines.append(f"   {d['title']:<58}{d['cpu_ms']:>+8.2f}{d['worker_cpu_ms']:>+8.2f}"
                     f"{d['paired_median_ms']:>+15.2f}")
    gw = report.get("gateway")
    if gw:
        g = meta["gateway"]
        lines += ["", f"2. Through the gateway (mailward serve {g['processes']}x{g['threads']}, outgoing and incoming "
                      f"listeners, RSPAMC/1.3, concurrency 1), {gw[0]['messages']} messages per way",
                  f"   {'way':<44}{'p50 ms':>8}{'p99 ms':>8}{'msgs/s':>8}{'CPU ms':>8}  verdicts"]
        for r in gw:
            verdicts = ", ".join(f"{a} {n}" for a, n in r["verdicts"].items())
            lines.append(f"   {r['title']:<44}{r['p50_ms']:>8.1f}{r['p99_ms']:>8.1f}{r['msgs_per_s']:>8.0f}"
                         f"{r['cpu_ms']:>8.2f}  {verdicts}")
        lines.append("   (CPU ms = every process of serve's session per message: gateway, workers, Redis, API)")
    elif report.get("gateway_skipped"):
        lines += ["", f"2. Gateway phase skipped: {report['gateway_skipped']}"]
    warns = report.get("warnings", [])
    lines += ["", "Things that looked wrong:" if warns else "Nothing looked wrong."]
    lines += [f" - {w}" for w in warns]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--messages", type=int, default=1000, help="corpus messages scanned each way in phase 1 "
                    "(default 1000)")
    ap.add_argument("--gateway-messages", type=int, default=200,
                    help="messages sent each way through the gateway in phase 2 (default 200; a subset of the same)")
    ap.add_argument("--incoming-action", choices=("spam_folder", "header", "quarantine"), default=None,
                    help="what incoming spam becomes (default: the settings' default)")
    ap.add_argument("--processes", type=int, default=2, help="serve's worker processes in phase 2 (default 2)")
    ap.add_argument("--threads", type=int, default=4, help="threads per worker process in phase 2 (default 4)")
    ap.add_argument("--no-gateway", action="store_true", help="skip the `mailward serve` phase")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="training corpus tarball (read in memory)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of the tables")
    args = ap.parse_args(argv)
    if min(args.messages, args.gateway_messages, args.processes, args.threads) < 1:
        ap.error("--messages, --gateway-messages, --processes and --threads must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks on SIGTERM too
    started, t_start, load_start = time.strftime("%Y-%m-%d %H:%M:%S"), time.monotonic(), os.getloadavg()[0]
    action = args.incoming_action or load_settings(environ={}).incoming.action
    say(f"reading {args.corpus}")
    picked = sample(load_corpus(args.corpus), args.messages + WARMUP, seed=2)
    warm, messages = picked[:WARMUP], picked[WARMUP:]
    report: dict[str, Any] = {"warnings": []}
    work = Path(tempfile.mkdtemp(prefix="mailward-bench-incoming-"))
    try:
        report["core"] = core_phase(work / "core", messages, warm, action)
        report["differences"] = differences(report["core"])
        for r in report["core"]:
            counted = r["incoming_counted"]
            want = r["messages"] if r["key"] == "incoming_on" else 0
            if sum(counted[ACCOUNT].values()) != want or sum(counted[OFF_ACCOUNT].values()):
                report["warnings"].append(f"{r['key']}: incoming counters moved by {counted}, expected {want} "
                                          f"for {ACCOUNT} only")
        if args.no_gateway:
            report["gateway_skipped"] = "--no-gateway"
        else:
            gw_set = messages[:args.gateway_messages]
            report["gateway"], warns = gateway_phase(work / "gateway", gw_set, warm[:5], action, args.processes,
                                                     args.threads)
            report["warnings"] += warns
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for r in report["core"]:
        del r["per_message_cpu_ms"]
    labels = Counter(m.label for m in messages)
    report["meta"] = {
        "started": started, "duration_s": time.monotonic() - t_start, "cpus": os.cpu_count(),
        "load_start": load_start, "load_end": os.getloadavg()[0], "corpus": str(args.corpus),
        "messages": len(messages), "labels": ", ".join(f"{n} {lbl}" for lbl, n in sorted(labels.items())),
        "warmup": len(warm), "incoming_action": action,
        "gateway": {"processes": args.processes, "threads": args.threads},
    }
    print(json.dumps(json_safe(report), indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
