"""Limits benchmark: what sender-limit accounting adds per message, and how exactly limits hold under concurrency.

Run from the repository root (no root needed: a private redis-server on a unix socket and, for the gateway
phase, a private `mailward serve` are started here and stopped at the end; nothing of the system's is touched):

    .venv/bin/python -m bench.limits [--messages N] [--limit L] [--senders 1 8 32] [--no-gateway] [--json]

Phases:
 1. Cost. LimitStore.admit (or .record) for messages with 4 sender objects each (account, domain, sender email,
    PHP script; 100 senders under 10 accounts in turn), from one thread against the private Redis, per scenario
    (limit mode 1 or 2, hourly and daily limits on or off, admitted / held by a limit / recorded). Limits are high
    where the scenario admits, so each message takes the write path. Per message:
      client CPU     the bench process's CPU time (process_time) around the calls: redis-py and Python
      redis CPU      the Redis server's CPU (INFO cpu used_cpu_user + used_cpu_sys deltas; includes socket I/O
                     and the idle serverCron, which is negligible over the run)
      script         the script's own run time inside Redis (INFO commandstats evalsha usec)
      round trips    requests the client's socket sent (counted in the connection class)
      evalsha        EVALSHA calls Redis counted (commandstats) and the commands the script ran inside Redis
    For scale: the CPU of the in-process scan pipeline (parse, attribute, checks) per ham message of the
    training corpus, which every scanned message pays anyway.
 2. Accuracy under concurrency through LimitStore.admit: per sender count, a limit L on one sender email and
    3L messages from that many threads released together: messages passed vs the limit (mode 1), and in mode 2
    (3 envelope recipients a message) recipients passed vs the limit.
 3. The same through a real `mailward serve` (2 worker processes x 4 threads) and its scan gateway, as Exim
    speaks it (check_legacy): each sender count with its own sender email under a settings-file limit; passed,
    ratelimited, and whether the stats counters agree.
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
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis

from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from core.identity.cpanel import CpanelAccounts
from core.identity.sender_objects import SenderObject, SoType, object_id, sender_objects
from core.models import AccountState, Envelope, ScriptHeader, Sender
from core.scan.pipeline import Pipeline, Policy
from core.settings import LimitDefaults, load_settings
from core.store.limits import HELD, RATELIMITED, SENT, LimitStore
from core.store.quarantine import QuarantineStore
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer
from workers.exim_lab import poll
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

PASSING = frozenset({"no action", "add header"})
ACCOUNTS = 10
SENDERS_PER_ACCOUNT = 10
HIGH = 10**9  # a limit no run reaches: every message takes the admit (write) path


def say(text: str) -> None:
    """Progress goes to stderr; stdout holds only the report."""
    print(text, file=sys.stderr, flush=True)


def limit_defaults(**values: int | bool) -> LimitDefaults:
    """Settings-file limits: unlimited unless given."""
    base: dict[str, Any] = {"limit_mode": 1, "account": 0, "domain": 0, "sender_email": 0, "script": 0,
                            "daily_account": 0, "daily_domain": 0, "daily_sender_email": 0, "daily_script": 0,
                            "dry_run": False}
    base.update(values)
    return LimitDefaults(**base)


def object_sets() -> list[list[SenderObject]]:
    """100 senders under 10 accounts, each message counted against account, domain, email and script."""
    out = []
    for a in range(ACCOUNTS):
        domain = f"acct{a}.example"
        for s in range(SENDERS_PER_ACCOUNT):
            script = ScriptHeader(raw=f"1001:/home/acct{a}/public_html/form{s}.php", domain=domain,
                                  path=f"/home/acct{a}/public_html/form{s}.php")
            objs = sender_objects(Sender(account=f"acct{a}", domain=domain, email=f"user{s}@{domain}",
                                         script=script))
            assert len(objs) == 4
            out.append(objs)
    return out


# ------------------------------------------------------------------------------------------- phase 1: cost


class CountingConnection(redis.UnixDomainSocketConnection):
    """A unix-socket connection that counts the requests it sends (one per round trip)."""

    sends = 0

    def send_packed_command(self, command: Any, check_health: bool = True) -> None:
        type(self).sends += 1
        super().send_packed_command(command, check_health)


def counting_client(socket_path: str) -> redis.Redis:
    """A client whose round trips CountingConnection.sends counts."""
    return redis.Redis(connection_pool=redis.ConnectionPool(connection_class=CountingConnection, path=socket_path))


@dataclass(frozen=True, slots=True)
class Scenario:
    """One way a message meets the limits."""

    key: str
    title: str
    settings: dict[str, int | bool]
    recipients: int = 1
    action: str = "admit"  # admit | record


SCENARIOS = (
    Scenario("stats_only", "no limits set (stats only), mode 1", {}),
    Scenario("hourly_m1", "hourly limits on all 4 objects, mode 1", {t.value: HIGH for t in SoType}),
    Scenario("hourly_daily_m1", "hourly + daily limits on all 4, mode 1",
             {**{t.value: HIGH for t in SoType}, **{f"daily_{t.value}": HIGH for t in SoType}}),
    Scenario("hourly_m2", "hourly limits on all 4, mode 2, 5 recipients",
             {"limit_mode": 2, **{t.value: HIGH for t in SoType}}, recipients=5),
    Scenario("hourly_daily_m2", "hourly + daily limits on all 4, mode 2, 5 rcpts",
             {"limit_mode": 2, **{t.value: HIGH for t in SoType}, **{f"daily_{t.value}": HIGH for t in SoType}},
             recipients=5),
    Scenario("held_m1", "over the limit: held (ratelimit), mode 1", {t.value: 1 for t in SoType}),
    Scenario("recorded", "recorded only (spam hold / reject)", {t.value: HIGH for t in SoType}, action="record"),
)


def redis_cpu(info_client: redis.Redis) -> float:
    """The Redis server's CPU seconds so far (user + sys)."""
    cpu = info_client.info("cpu")
    return float(cpu["used_cpu_user"]) + float(cpu["used_cpu_sys"])


def command_calls(info_client: redis.Redis) -> dict[str, tuple[int, int]]:
    """commandstats: command -> (calls, usec)."""
    return {k.removeprefix("cmdstat_"): (int(v["calls"]), int(v["usec"]))
            for k, v in info_client.info("commandstats").items()}


def run_cost(server: RedisServer, scenario: Scenario, messages: int, warmup: int) -> dict[str, Any]:
    """Per-message costs of one scenario (see the module docstring)."""
    info_client = server.client()
    info_client.flushall()
    client = counting_client(str(server.socket))
    store = LimitStore(client, limit_defaults())
    if scenario.settings:
        store.set_server_settings(dict(scenario.settings))
    sets = object_sets()

    def one(i: int, now: float) -> None:
        objs = sets[i % len(sets)]
        if scenario.action == "record":
            store.record(objs, HELD, now=now)
        else:
            store.admit(objs, scenario.recipients, now=now)

    t0 = time.time() - 1800  # the window fills over the last half hour, as a steady sender's would
    for i in range(warmup):  # loads the script and builds up windows, counters and the registry
        one(i, t0 + i * 1800 / (warmup + messages))
    outcomes_before = outcome_totals(store)
    cmd0, cpu0, sends0 = command_calls(info_client), redis_cpu(info_client), CountingConnection.sends
    wall0, proc0 = time.perf_counter(), time.process_time()
    for i in range(warmup, warmup + messages):
        one(i, t0 + i * 1800 / (warmup + messages))
    proc1, wall1 = time.process_time(), time.perf_counter()
    sends1, cpu1, cmd1 = CountingConnection.sends, redis_cpu(info_client), command_calls(info_client)
    outcomes = outcome_totals(store) - outcomes_before

    delta = {k: (cmd1[k][0] - cmd0.get(k, (0, 0))[0], cmd1[k][1] - cmd0.get(k, (0, 0))[1]) for k in cmd1}
    own = {"info", "flushall"}  # the bench's own INFO calls between the snapshots
    evalsha_calls, evalsha_us = delta.get("evalsha", (0, 0))
    inner = sum(c for k, (c, _) in delta.items() if k not in own and k != "evalsha")
    client.close()
    info_client.close()
    return {
        "scenario": scenario.key, "title": scenario.title, "messages": messages,
        "client_cpu_us": (proc1 - proc0) / messages * 1e6,
        "wall_us": (wall1 - wall0) / messages * 1e6,
        "redis_cpu_us": (cpu1 - cpu0) / messages * 1e6,
        "script_us": evalsha_us / messages,
        "round_trips": (sends1 - sends0) / messages,
        "evalsha_per_msg": evalsha_calls / messages,
        "script_commands_per_msg": inner / messages,
        "outcomes_per_object": {k: v // 4 for k, v in outcomes.items()},
    }


def outcome_totals(store: LimitStore) -> Counter[str]:
    """Every outcome counted over the last two hours, summed over objects."""
    total: Counter[str] = Counter()
    for st in store.counts(7200).values():
        total.update(st.counts)
    return total


def pipeline_cost(corpus_path: Path, n: int, work: Path) -> dict[str, Any]:
    """CPU per ham message of the in-process scan pipeline (parse, attribute, checks): the scan's own cost."""
    ham = [m for m in sample(load_corpus(corpus_path), None, seed=0) if m.label == "ham"][:n]
    tree = make_cpanel_tree(work / "cpanel", {"shopuser": "example.com"})
    settings = load_settings(environ={}, overrides={"cpanel": {"root": str(tree)}})
    pipeline = Pipeline(settings, CpanelAccounts(settings.cpanel_root))
    policy = Policy(allow_winexec=False, whitelisted=lambda _k, _v: False,
                    account_state=lambda _a: AccountState.ACTIVE)
    env = Envelope(sender="alice@example.com", recipients=["bob@customer.test"], user="alice@example.com",
                   ip="192.0.2.10")
    raws = [m.message for m in ham]
    for raw in raws[:20]:
        pipeline.evaluate(raw, env, policy)
    per: list[float] = []
    for raw in raws:
        c0 = time.process_time()
        pipeline.evaluate(raw, env, policy)
        per.append((time.process_time() - c0) * 1e6)
    return {"messages": len(per), "mean_us": statistics.fmean(per), "median_us": statistics.median(per)}


# ------------------------------------------------------------------------------- phase 2: store accuracy


def in_threads(threads: int, jobs: int, fn: Callable[[int], object]) -> tuple[list[Any], float]:
    """Run fn(0..jobs-1) from `threads` threads released together; the results and the wall time."""
    lock = threading.Lock()
    todo = list(range(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []
    start = threading.Barrier(threads + 1)

    def run() -> None:
        start.wait(60)
        while True:
            with lock:
                if not todo:
                    return
                i = todo.pop()
            try:
                r = fn(i)
            except BaseException as exc:
                with lock:
                    errors.append(exc)
                return
            with lock:
                results.append(r)

    workers = [threading.Thread(target=run, daemon=True) for _ in range(threads)]
    for w in workers:
        w.start()
    start.wait(60)
    t0 = time.perf_counter()
    for w in workers:
        w.join(600)
    elapsed = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{len(errors)} calls failed, e.g. {errors[0]!r}")
    return results, elapsed


def run_store_accuracy(server: RedisServer, senders: int, limit: int, mode: int) -> dict[str, Any]:
    """3L admits (mode 1: messages; mode 2: 3 recipients each) against a limit L on one sender email."""
    client = redis.Redis(unix_socket_path=str(server.socket), max_connections=max(senders, 1) + 4)
    client.flushall()
    store = LimitStore(client, limit_defaults(limit_mode=mode, sender_email=limit))
    objs = object_sets()[0]
    email = next(o for o in objs if o.type == SoType.SENDER_EMAIL)
    rcpts = 1 if mode == 1 else 3
    offered = 3 * limit // rcpts
    decisions, elapsed = in_threads(senders, offered, lambda _i: store.admit(objs, rcpts))
    passed = sum(d.outcome == SENT for d in decisions)
    held = sum(d.outcome == RATELIMITED for d in decisions)
    st = store.counts(3600).get(email.id)
    counts = st.counts if st else {}
    out = {
        "senders": senders, "mode": mode, "limit": limit, "offered_messages": offered,
        "recipients_per_message": rcpts, "passed_messages": passed, "held_messages": held,
        "passed_units": passed * rcpts, "window": store.window_count(email.id),
        "expected_passed_messages": limit // rcpts,
        "stats_agree": counts.get(SENT, 0) == passed and counts.get(RATELIMITED, 0) == held,
        "admits_per_s": offered / elapsed if elapsed else float("inf"),
    }
    out["exact"] = passed == limit // rcpts and out["window"] == passed * rcpts and out["stats_agree"]
    client.close()
    return out


# ------------------------------------------------------------------------------ phase 3: gateway accuracy


def ham(sender: str, n: int) -> bytes:
    """A short clean message."""
    return (f"From: <{sender}>\r\nTo: <to@dest.test>\r\nSubject: bench {n}\r\nMessage-ID: <{n}.{os.urandom(6).hex()}"
            f"@bench.test>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\nThe minutes are on the shared drive.\r\n"
            ).encode()


def start_serve(work: Path, limit: int, processes: int, threads: int) -> ServeProcess:
    """A private serve with a settings-file sender_email limit; returns once every worker is ready."""
    tree = make_cpanel_tree(work / "cpanel", {"acme": "acme.example"})
    toml = (f'[scan]\nlisten = ["127.0.0.1:0"]\n[workers]\nprocesses = {processes}\nthreads = {threads}\n'
            f'[cpanel]\nroot = "{tree}"\n[limits]\nsender_email = {limit}\n')
    serve = ServeProcess(work / "state", toml)
    serve.start()
    poll(lambda: all(f"worker {i} ready" in serve.log() for i in range(processes)), 60, "workers ready")
    return serve


def run_gateway_accuracy(serve: ServeProcess, senders: int, limit: int) -> dict[str, Any]:
    """3L clean messages from one sender email through the gateway from `senders` threads."""
    sender = f"c{senders}-{os.urandom(3).hex()}@acme.example"
    env = Envelope(sender=sender, recipients=["to@dest.test"], user=sender, ip="192.0.2.10")
    replies, elapsed = in_threads(senders, 3 * limit, lambda i: check_legacy(serve.tcp, ham(sender, i), env))
    actions = Counter("passed" if r.action in PASSING else "ratelimited"
                      if r.action == "quarantine" and "RATELIMIT" in r.symbols else r.action for r in replies)
    sock = str(serve.state_dir / "redis" / "redis.sock")
    client = redis.Redis(unix_socket_path=sock)
    limits = LimitStore(client, load_settings(environ={}).limits)
    st = limits.counts(3600).get(object_id(SoType.SENDER_EMAIL, "acme", sender))
    counts = st.counts if st else {}
    quarantine = QuarantineStore(serve.state_dir / "quarantine", client, default_limit_bytes=10**9,
                                 default_releases_limit=5)
    items, _ = quarantine.list("acme", limit=100_000)
    held_records = sum(r.sender_email == sender and r.reasons == ["ratelimit"] for r in items)
    client.close()
    passed, held = actions.get("passed", 0), actions.get("ratelimited", 0)
    return {
        "senders": senders, "limit": limit, "offered_messages": 3 * limit, "passed_messages": passed,
        "ratelimited": held, "other": {k: v for k, v in actions.items() if k not in ("passed", "ratelimited")},
        "quarantine_records": held_records,
        "stats_agree": counts.get(SENT, 0) == passed and counts.get(RATELIMITED, 0) == held,
        "exact": passed == limit and held == 2 * limit and held_records == held,
        "messages_per_s": 3 * limit / elapsed if elapsed else float("inf"),
    }


# ---------------------------------------------------------------------------------------------- report


def render(report: dict[str, Any]) -> str:
    """The report as text tables."""
    lines = ["Mailward sender limits benchmark", ""]
    meta = report["meta"]
    lines.append(f"{meta['started']}  cpus={meta['cpus']}  load {meta['load_start']:.2f} -> {meta['load_end']:.2f}"
                 f"  redis {meta['redis_version']}  {meta['duration_s']:.1f}s")
    lines += ["", f"1. Added cost per message of limit accounting ({report['cost_messages']} messages per row, "
                  "4 sender objects each, one thread)"]
    head = (f"  {'scenario':<48} {'client CPU':>10} {'wall':>8} {'redis CPU':>10} {'script':>8} "
            f"{'round':>6} {'EVALSHA':>7} {'cmds in':>7}")
    lines += [head, f"  {'':<48} {'us':>10} {'us':>8} {'us':>10} {'us':>8} {'trips':>6} {'':>7} {'script':>7}"]
    for r in report["cost"]:
        lines.append(f"  {r['title']:<48} {r['client_cpu_us']:>10.1f} {r['wall_us']:>8.1f} {r['redis_cpu_us']:>10.1f}"
                     f" {r['script_us']:>8.1f} {r['round_trips']:>6.2f} {r['evalsha_per_msg']:>7.2f}"
                     f" {r['script_commands_per_msg']:>7.1f}")
    pc = report.get("pipeline")
    if pc:
        lines.append(f"  for scale: the scan pipeline alone costs {pc['mean_us']:.0f} us CPU per ham message (mean; "
                     f"median {pc['median_us']:.0f} us; {pc['messages']} corpus messages, in process)")
    elif report.get("pipeline_skipped"):
        lines.append(f"  (scan pipeline cost skipped: {report['pipeline_skipped']})")
    lines += ["", "2. Accuracy under concurrency, LimitStore.admit on one sender email (3L offered)"]
    lines.append(f"  {'senders':>7} {'mode':>4} {'limit':>6} {'offered':>8} {'passed':>7} {'rcpts/msg':>9} "
                 f"{'passed units':>12} {'window':>7} {'stats':>6} {'admits/s':>9}  result")
    for r in report["store_accuracy"]:
        lines.append(f"  {r['senders']:>7} {r['mode']:>4} {r['limit']:>6} {r['offered_messages']:>8} "
                     f"{r['passed_messages']:>7} {r['recipients_per_message']:>9} {r['passed_units']:>12} "
                     f"{r['window']:>7} {'agree' if r['stats_agree'] else 'DIFFER':>6} {r['admits_per_s']:>9.0f}  "
                     f"{'exact' if r['exact'] else 'NOT EXACT (expected ' + str(r['expected_passed_messages']) + ')'}")
    if "gateway_accuracy" in report:
        g = report["gateway"]
        lines += ["", f"3. Accuracy under concurrency through `mailward serve` ({g['processes']} worker processes x "
                      f"{g['threads']} threads) and its scan gateway"]
        lines.append(f"  {'senders':>7} {'limit':>6} {'offered':>8} {'passed':>7} {'ratelimited':>11} "
                     f"{'held recs':>9} {'stats':>6} {'msgs/s':>7}  result")
        for r in report["gateway_accuracy"]:
            other = f"  other: {r['other']}" if r["other"] else ""
            lines.append(f"  {r['senders']:>7} {r['limit']:>6} {r['offered_messages']:>8} {r['passed_messages']:>7} "
                         f"{r['ratelimited']:>11} {r['quarantine_records']:>9} "
                         f"{'agree' if r['stats_agree'] else 'DIFFER':>6} {r['messages_per_s']:>7.0f}  "
                         f"{'exact' if r['exact'] else 'NOT EXACT'}{other}")
    elif report.get("gateway_skipped"):
        lines += ["", f"3. Gateway phase skipped: {report['gateway_skipped']}"]
    for w in report.get("warnings", []):
        lines.append(f"WARNING: {w}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--messages", type=int, default=5000, help="messages per cost scenario (default 5000)")
    ap.add_argument("--warmup", type=int, default=500, help="untimed messages before each scenario (default 500)")
    ap.add_argument("--limit", type=int, default=300, help="limit L in the store accuracy phase (default 300)")
    ap.add_argument("--gateway-limit", type=int, default=40, help="limit L in the gateway phase (default 40)")
    ap.add_argument("--senders", type=int, nargs="+", default=[1, 8, 32], help="parallel senders (1 8 32)")
    ap.add_argument("--processes", type=int, default=2, help="serve's worker processes (default 2)")
    ap.add_argument("--threads", type=int, default=4, help="threads per worker process (default 4)")
    ap.add_argument("--pipeline-sample", type=int, default=300,
                    help="corpus ham messages for the scan pipeline's cost (default 300; 0 skips)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="training corpus tarball")
    ap.add_argument("--no-gateway", action="store_true", help="skip the `mailward serve` phase")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of tables")
    args = ap.parse_args(argv)
    if min(args.messages, args.limit, args.gateway_limit, args.processes, args.threads, *args.senders) < 1:
        ap.error("--messages, --limit, --gateway-limit, --processes, --threads and --senders must be at least 1")
    if args.limit < 3:
        ap.error("--limit must be at least 3 (mode 2 sends 3 recipients a message)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks on SIGTERM too
    started, t_start, load_start = time.strftime("%Y-%m-%d %H:%M:%S"), time.monotonic(), os.getloadavg()[0]
    report: dict[str, Any] = {"cost_messages": args.messages, "warnings": []}
    work = Path(tempfile.mkdtemp(prefix="mailward-bench-limits-"))
    server = RedisServer(work / "redis")
    serve: ServeProcess | None = None
    try:
        server.start()
        report["meta"] = {"redis_version": server.client().info("server")["redis_version"]}
        report["cost"] = []
        for sc in SCENARIOS:
            say(f"phase 1: {sc.title}")
            report["cost"].append(run_cost(server, sc, args.messages, args.warmup))
        if args.pipeline_sample and args.corpus.exists():
            say(f"phase 1: scan pipeline on {args.pipeline_sample} corpus ham messages")
            report["pipeline"] = pipeline_cost(args.corpus, args.pipeline_sample, work)
        else:
            report["pipeline_skipped"] = "--pipeline-sample 0" if not args.pipeline_sample else \
                f"no corpus at {args.corpus}"
        report["store_accuracy"] = []
        for mode in (1, 2):
            for n in args.senders:
                say(f"phase 2: {n} sender(s), mode {mode}, limit {args.limit}")
                report["store_accuracy"].append(run_store_accuracy(server, n, args.limit, mode))
        if args.no_gateway:
            report["gateway_skipped"] = "--no-gateway"
        else:
            say(f"phase 3: starting mailward serve ({args.processes}x{args.threads})")
            serve = start_serve(work / "serve", args.gateway_limit, args.processes, args.threads)
            report["gateway"] = {"processes": args.processes, "threads": args.threads}
            report["gateway_accuracy"] = []
            for n in args.senders:
                say(f"phase 3: {n} sender(s) through the gateway, limit {args.gateway_limit}")
                report["gateway_accuracy"].append(run_gateway_accuracy(serve, n, args.gateway_limit))
    finally:
        if serve is not None:
            code = serve.stop()
            if code not in (0, None):
                report["warnings"].append(f"mailward serve exited with {code} on SIGTERM")
            if serve.leftover:
                report["warnings"].append(f"processes left in serve's session after stop: {serve.leftover}")
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    for r in report["store_accuracy"] + report.get("gateway_accuracy", []):
        if not r["exact"]:
            report["warnings"].append(f"not exact at {r['senders']} sender(s): {r}")
    report["meta"].update({"started": started, "duration_s": time.monotonic() - t_start, "cpus": os.cpu_count(),
                           "load_start": load_start, "load_end": os.getloadavg()[0]})
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 1 if any("not exact" in w for w in report["warnings"]) else 0


if __name__ == "__main__":
    sys.exit(main())
