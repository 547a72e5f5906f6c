"""Mailward against rspamd on the same machine (issue 16): the same corpus through both, with the same client at
the same concurrency, and what each costs.

    .venv/bin/python -m bench.compare [--corpus PATH] [--messages N] [--concurrency 2] [--workers N] [--threads N]
        [--listeners 1] [--rspamd-workers 1] [--warmup 300] [--rounds 1] [--scale] [--only mailward|rspamd]
        [--redis-time] [--py-spy OUT] [--floor checks|scan] [--json] [--keep]

Everything runs privately on loopback and is stopped at the end (also on Ctrl-C or SIGTERM):
 - rspamd: Debian's rspamd with its stock rules, `--rspamd-workers` normal workers, Bayes on its own private
   redis-server, learned from the whole corpus through its controller (rspamc learn_spam / learn_ham) before the
   runs; no network (dead DNS resolver).
 - Mailward: `mailward serve` in a temporary state dir (its private Redis, `--workers` worker processes x
   `--threads` threads, `--listeners` gateway listeners), with a one-account cPanel tree the mail comes from.

Both get the same requests (bench.scan_load: RSPAMC/1.3 as Exim sends it, one connection per message), first
`--warmup` untimed ones, then the corpus sample, `--rounds` times, alternating which goes first. For each run:
msgs/s, CPU ms per message of every process of the scanner (the daemon's whole process tree, children and their
Redis included, from /proc: threads counted once, reaped children through their parent), p50/p99 latency, and
resident memory; then Mailward's figures over rspamd's. `--scale` then prints Mailward's msgs/s for 1, 2 and 4
worker processes with 1 and 2 gateway listeners (and rspamd's for 1, 2 and 4 workers), so an admin knows what a
bigger machine buys. `--py-spy OUT` records the serve process (gateway threads and all its other loops) with py-spy
during Mailward's timed rounds: a flame graph (.svg) or collapsed stacks with thread names (.txt). `--floor`
(measuring only, bench.scan_floor) runs Mailward without its checks ("checks") or without any scan ("scan"): what
the rest of the path costs by itself, the least Mailward could cost without its detection.

The figures are only as quiet as the machine: run it on an idle one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redis

from bench.corpus import DEFAULT_CORPUS, CorpusMessage, load_corpus, sample
from bench.proc_tree import ProcInfo, cmdline, cpu_ms, py_spy, snapshot, tree_memory
from bench.rspamd_private import BayesRspamd, PrivateBayesRedis, stop_quietly
from bench.scan_floor import FLOORS, floor_env
from bench.scan_load import RCPT, SENDER, LoadResult, percentile, prepare, run_load
from bench.scan_rig import ACCOUNT, ACCOUNT_DOMAIN, serve_log_problems, wait_serve_ready
from tests.cpanel_tree import make_cpanel_tree
from workers.serve_process import ServeProcess

#: What the Mailward line says under --floor (bench.scan_floor).
FLOOR_NOTE = {"checks": "; FLOOR: no checks run, every message accepted (measuring only)",
              "scan": "; FLOOR: no scan at all, every message answered unscanned (measuring only)"}
#: Entries --redis-time keeps in Redis's SLOWLOG (every command of a run).
SLOWLOG_MAX = 2_000_000
_ID = re.compile(r"[0-9a-fA-F-]{8,}|\d+")


def say(text: str) -> None:
    """Progress goes to stderr; stdout holds only the report."""
    print(text, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------- the two sides


@dataclass(slots=True)
class Target:
    """One scanner under test: where it listens, the roots of its process trees, how to name their roles."""

    name: str
    addresses: list[str]
    roots: list[int]
    role: Callable[[int, ProcInfo], str]
    setup: str
    redis: redis.Redis | None = None  # its Redis, for the calls a message costs


def redis_calls(client: redis.Redis | None) -> dict[str, int]:
    """Calls Redis has served by command (commands run inside Lua scripts included), {} without a client."""
    if client is None:
        return {}
    try:
        stats = client.info("commandstats")
    except (redis.RedisError, OSError):
        return {}
    return {k.removeprefix("cmdstat_"): int(v["calls"]) for k, v in stats.items() if isinstance(v, dict)}


def redis_time_start(client: redis.Redis | None) -> None:
    """Have Redis log every command with its duration (SLOWLOG at 0 us) from now on: what --redis-time reads."""
    if client is None:
        return
    client.config_set("slowlog-log-slower-than", 0)
    client.config_set("slowlog-max-len", SLOWLOG_MAX)
    client.slowlog_reset()


def redis_time(client: redis.Redis | None, messages: int) -> dict[str, float]:
    """Redis's time (us per message) by command, and by script for EVAL/EVALSHA (its sha and the shape of its first
    key, ids starred), from the SLOWLOG since redis_time_start; logging every command is then switched off again."""
    if client is None:
        return {}
    try:
        entries = client.slowlog_get(SLOWLOG_MAX)
        client.config_set("slowlog-log-slower-than", 10_000)
        client.config_set("slowlog-max-len", 128)
    except (redis.RedisError, OSError):
        return {}
    out: dict[str, float] = {}
    for e in entries:
        cmd = e.get("command", b"")
        parts = (cmd.decode("latin-1") if isinstance(cmd, bytes) else str(cmd)).split(" ")
        label = parts[0].lower()
        if label == "evalsha" and len(parts) > 3:
            label = f"evalsha {parts[1][:8]} {_ID.sub('*', parts[3])[:40]}"
        elif label == "eval":  # the script's text itself: its start names it
            label = "eval " + " ".join(" ".join(parts[1:]).split())[:40]
        out[label] = out.get(label, 0.0) + float(e.get("duration", 0)) / max(messages, 1)
    return out


def mailward_role(serve_pid: int) -> Callable[[int, ProcInfo], str]:
    def role(pid: int, info: ProcInfo) -> str:
        if pid == serve_pid:
            return "serve+gateway"
        cmd = cmdline(pid)
        if "workers.worker_process" in cmd:
            return "workers"
        if "redis-server" in cmd:
            return "redis"
        if "gunicorn" in cmd or "api." in cmd:
            return "api"
        return "other"
    return role


def rspamd_role(pid: int, info: ProcInfo) -> str:
    cmd = cmdline(pid)
    if "redis-server" in cmd:
        return "redis"
    for kind in ("normal", "controller", "main"):
        if f"{kind} process" in cmd:
            return kind
    return "other"


def serve_toml(cpanel_root: Path, processes: int | None, threads: int | None, listeners: int) -> str:
    """mailward serve settings: `listeners` loopback TCP listeners, the worker pool, the cPanel tree."""
    listen = ", ".join(['"127.0.0.1:0"'] * listeners)
    workers = "".join(f"{k} = {v}\n" for k, v in (("processes", processes), ("threads", threads)) if v is not None)
    return f'[scan]\nlisten = [{listen}]\n[workers]\n{workers}[cpanel]\nroot = "{cpanel_root}"\n'


class Services:
    """Every daemon a comparison starts, stopped in reverse order by close() whatever happened."""

    def __init__(self, work: Path, corpus: Sequence[CorpusMessage], floor: str = "") -> None:
        self.work = work
        self.floor = floor  # bench.scan_floor: "" (the real scan), "checks" or "scan"
        self.corpus = corpus
        self.cpanel = make_cpanel_tree(work / "cpanel", {ACCOUNT: ACCOUNT_DOMAIN})
        self.bayes_redis: PrivateBayesRedis | None = None
        self.rspamd: BayesRspamd | None = None
        self.serve: ServeProcess | None = None
        self.learned: dict[str, int] = {}
        self._serves = 0
        self._rspamds = 0

    def start_rspamd(self, workers: int) -> Target:
        stop_quietly(self.rspamd)
        if self.bayes_redis is None:
            self.bayes_redis = PrivateBayesRedis(self.work / "rspamd-redis")
            self.bayes_redis.start()
        self._rspamds += 1
        self.rspamd = BayesRspamd(self.work / f"rspamd-{self._rspamds}", self.bayes_redis.port, workers=workers)
        self.rspamd.start()
        if not self.learned:  # Bayes lives in its Redis: learned once, kept across rspamd restarts
            say(f"rspamd: learning {len(self.corpus)} corpus messages through its controller")
            self.learned = self.rspamd.learn(self.corpus)
            say(f"rspamd: learned {self.learned}")
        assert self.rspamd.proc is not None
        return Target("rspamd", [self.rspamd.address], [self.rspamd.proc.pid, self.bayes_redis.proc.pid],  # type: ignore[union-attr]
                      rspamd_role, f"{workers} normal worker(s), Bayes on Redis",
                      redis.Redis(host="127.0.0.1", port=self.bayes_redis.port, socket_timeout=5))

    def start_mailward(self, processes: int | None, threads: int | None, listeners: int) -> Target:
        self.stop_mailward()
        self._serves += 1
        env = floor_env(self.work, self.floor, Path(__file__).resolve().parents[1]) if self.floor else None
        self.serve = ServeProcess(self.work / f"state-{self._serves}",
                                  serve_toml(self.cpanel, processes, threads, listeners), env=env)
        info = self.serve.start()
        n = int(info.get("workers", processes or 0))
        wait_serve_ready(self.serve, n, SENDER, RCPT)
        assert self.serve.proc is not None
        addresses = [a for a in info["scan"] if not a.startswith("/")]
        sock = self.serve.state_dir / "redis" / "redis.sock"  # its private Redis (core.settings)
        return Target("Mailward", addresses, [self.serve.proc.pid], mailward_role(self.serve.proc.pid),
                      f"{n} worker process(es) x {info.get('threads', threads)} threads, {len(addresses)} "
                      f"listener(s){FLOOR_NOTE.get(self.floor, '')}",
                      redis.Redis(unix_socket_path=str(sock), socket_timeout=5))

    def stop_mailward(self) -> None:
        if self.serve is not None:
            self.serve.stop()
            self.serve = None

    def close(self) -> None:
        try:
            self.stop_mailward()
        finally:
            stop_quietly(self.rspamd)
            stop_quietly(self.bayes_redis)


# ------------------------------------------------------------------------------------------------ one run


@dataclass(slots=True)
class RunFigures:
    """One timed run of one target."""

    target: str
    setup: str
    concurrency: int
    messages: int
    msgs_per_s: float
    cpu_ms_per_msg: float
    cpu_by_role: dict[str, float]
    p50_ms: float
    p99_ms: float
    rss_mib: float
    memory: dict[str, dict[str, float]]
    actions: dict[str, int]
    held: dict[str, int]
    errors: int
    error_samples: list[str] = field(default_factory=list)
    redis_calls: dict[str, float] = field(default_factory=dict)  # per message, by command (inside scripts too)
    redis_time: dict[str, float] = field(default_factory=dict)  # us per message, by command or script (--redis-time)


def measure(target: Target, requests: Sequence[Any], concurrency: int, *, time_redis: bool = False) -> RunFigures:
    """Send the requests through a target and charge it with its process trees' CPU."""
    if time_redis:
        redis_time_start(target.redis)
    calls_before = redis_calls(target.redis)
    before = snapshot(target.roots, target.role)
    load: LoadResult = run_load(target.addresses, requests, concurrency)
    after = snapshot(target.roots, target.role)
    calls_after = redis_calls(target.redis)
    total, roles = cpu_ms(before, after)
    memory = tree_memory(target.roots, target.role)
    n = max(load.messages, 1)
    return RunFigures(
        target=target.name, setup=target.setup, concurrency=concurrency, messages=load.messages,
        msgs_per_s=load.msgs_per_s, cpu_ms_per_msg=total / n, cpu_by_role={r: v / n for r, v in roles.items()},
        p50_ms=percentile(load.latencies_ms, 50), p99_ms=percentile(load.latencies_ms, 99),
        rss_mib=sum(m["rss_mib"] for m in memory.values()), memory=memory, actions=dict(load.actions),
        held=dict(load.held_by_label), errors=len(load.errors), error_samples=load.errors[:3],
        redis_calls={k: (v - calls_before.get(k, 0)) / n for k, v in calls_after.items()
                     if v > calls_before.get(k, 0)},
        redis_time=redis_time(target.redis, n) if time_redis else {})


def median_of(runs: Sequence[RunFigures], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


# ------------------------------------------------------------------------------------------------ report


def _f(x: float, width: int = 8, prec: int = 1) -> str:
    return f"{x:{width}.{prec}f}" if x == x else f"{'-':>{width}}"


def _row(label: str, r: RunFigures) -> str:
    roles = ", ".join(f"{k} {v:.2f}" for k, v in r.cpu_by_role.items() if v >= 0.005)
    return (f"  {label:<22}{_f(r.msgs_per_s, 8)}{_f(r.cpu_ms_per_msg, 11, 2)}{_f(r.p50_ms, 8)}{_f(r.p99_ms, 8)}"
            f"{_f(r.rss_mib, 9)}  {roles}")


def render(report: dict[str, Any]) -> str:
    meta = report["meta"]
    out = [f"bench.compare  {meta['started']}  ({meta['cpus']} CPUs, load avg {meta['load_start']:.2f} -> "
           f"{meta['load_end']:.2f}, {meta['duration_s']:.0f} s)",
           f"corpus: {meta['corpus']} ({meta['messages']} messages a run: {meta['labels']}), concurrency "
           f"{meta['concurrency']}, {meta['warmup']} warm-up messages, {meta['rounds']} round(s)",
           f"client: RSPAMC/1.3 as Exim sends it, one connection per message ({meta['command']})", ""]
    runs: dict[str, list[RunFigures]] = report["runs"]
    for name, rs in runs.items():
        out.append(f"{name}: {rs[0].setup}")
    if report.get("learned"):
        out.append(f"rspamd Bayes learned through its controller: {report['learned']}")
    out += ["", f"  {'run':<22}{'msgs/s':>8}{'CPU ms/msg':>11}{'p50 ms':>8}{'p99 ms':>8}{'RSS MiB':>9}  "
                "CPU ms/msg by process role (whole trees, Redis included)"]
    for name, rs in runs.items():
        for i, r in enumerate(rs, 1):
            out.append(_row(f"{name} #{i}", r))
    out.append("")
    medians: dict[str, dict[str, float]] = {}
    for name, rs in runs.items():
        medians[name] = {a: median_of(rs, a) for a in ("msgs_per_s", "cpu_ms_per_msg", "p50_ms", "p99_ms",
                                                       "rss_mib")}
        m = medians[name]
        worker_hwm = max((r.memory.get("workers", {}).get("max_hwm_mib", 0.0) for r in rs), default=0.0)
        extra = f", largest worker peak RSS {worker_hwm:.1f} MiB" if worker_hwm else ""
        out.append(f"  {name + ' (median)':<22}{_f(m['msgs_per_s'], 8)}{_f(m['cpu_ms_per_msg'], 11, 2)}"
                   f"{_f(m['p50_ms'], 8)}{_f(m['p99_ms'], 8)}{_f(m['rss_mib'], 9)}{extra}")
    if "Mailward" in medians and "rspamd" in medians:
        mw, rs_ = medians["Mailward"], medians["rspamd"]

        def ratio(a: str) -> float:
            return mw[a] / rs_[a] if rs_[a] else float("nan")
        out += ["", f"  Mailward / rspamd: msgs/s x{ratio('msgs_per_s'):.2f} (target >= 1.2), CPU ms/msg "
                    f"x{ratio('cpu_ms_per_msg'):.2f} (target <= 1), p50 x{ratio('p50_ms'):.2f}, p99 "
                    f"x{ratio('p99_ms'):.2f}, RSS x{ratio('rss_mib'):.2f}"]
    out.append("")
    for name, rs in runs.items():
        calls = rs[-1].redis_calls
        if calls:
            top = ", ".join(f"{k} {v:.1f}" for k, v in sorted(calls.items(), key=lambda kv: -kv[1])[:6])
            out.append(f"  {name} Redis calls per message (last run; commands inside scripts included): "
                       f"{sum(calls.values()):.1f}, of which evalsha {calls.get('evalsha', 0.0):.1f}, eval "
                       f"{calls.get('eval', 0.0):.1f}, blpop {calls.get('blpop', 0.0):.2f}, blmove "
                       f"{calls.get('blmove', 0.0):.2f}; top: {top}")
    for name, rs in runs.items():
        spent = rs[-1].redis_time
        if spent:
            top = ", ".join(f"{k} {v:.0f}" for k, v in sorted(spent.items(), key=lambda kv: -kv[1])[:10])
            out.append(f"  {name} Redis time per message (last run, us, SLOWLOG; a script's commands are inside its "
                       f"time and also listed alone): {top}")
    for name, rs in runs.items():
        r = rs[-1]
        held = ", ".join(f"{k} {v}" for k, v in sorted(r.held.items())) or "none"
        acts = ", ".join(f"{k} {v}" for k, v in sorted(r.actions.items()))
        out.append(f"  {name} verdicts (last run): {acts}; held or rejected by label: {held}"
                   + (f"; errors e.g. {r.error_samples[0]}" if r.errors else ""))
    scale = report.get("scale")
    if scale:
        out += ["", "Scale (msgs/s, CPU ms/msg, p99 ms at concurrency "
                    f"{scale['concurrency']}; {scale['messages']} messages a point):"]
        for row in scale["rows"]:
            out.append(f"  {row['what']:<44}{_f(row['msgs_per_s'], 8)} msgs/s{_f(row['cpu_ms_per_msg'], 8, 2)} ms"
                       f"{_f(row['p99_ms'], 8)} ms p99")
    warns = report.get("warnings", [])
    out += ["", "Things that looked wrong:" if warns else "Nothing looked wrong (errors, restarts, serve log)."]
    out += [f" - {w}" for w in warns]
    return "\n".join(out)


def _json_safe(obj: Any) -> Any:
    if isinstance(obj, float):
        return None if obj != obj else round(obj, 3)
    if isinstance(obj, dict):
        return {str(k): _json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_json_safe(v) for v in obj]
    if isinstance(obj, RunFigures):
        return _json_safe({k: getattr(obj, k) for k in obj.__slots__})  # type: ignore[attr-defined]
    return obj


# -------------------------------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus tarball (default ../shared/corpus)")
    ap.add_argument("--messages", type=int, default=None, help="messages a run (default: the whole corpus)")
    ap.add_argument("--concurrency", type=int, default=2, help="client connections at once (default 2)")
    ap.add_argument("--workers", type=int, default=None, help="Mailward worker processes (default: serve's)")
    ap.add_argument("--threads", type=int, default=None, help="threads per worker process (default: serve's)")
    ap.add_argument("--listeners", type=int, default=1, help="Mailward gateway listeners (default 1)")
    ap.add_argument("--rspamd-workers", type=int, default=1, help="rspamd normal workers (default 1)")
    ap.add_argument("--warmup", type=int, default=300, help="untimed messages first, to each (default 300)")
    ap.add_argument("--rounds", type=int, default=1, help="timed runs of each, alternating (default 1)")
    ap.add_argument("--scale", action="store_true",
                    help="then Mailward's msgs/s for 1, 2, 4 workers x 1, 2 listeners (and rspamd's 1, 2, 4)")
    ap.add_argument("--only", choices=("mailward", "rspamd"), default=None, help="run one side only")
    ap.add_argument("--redis-time", action="store_true",
                    help="also Redis's time per message by command and script (SLOWLOG; adds to Redis's CPU)")
    ap.add_argument("--py-spy", dest="py_spy", default="",
                    help="record the serve process during Mailward's timed rounds: .svg flame graph or .txt stacks")
    ap.add_argument("--floor", choices=FLOORS, default="",
                    help="measuring only: Mailward's workers run no check (checks) or no scan at all (scan)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args(argv)
    if min(args.concurrency, args.listeners, args.rspamd_workers, args.rounds) < 1 or args.warmup < 0:
        ap.error("--concurrency, --listeners, --rspamd-workers and --rounds must be at least 1")
    return args


def warm(target: Target, messages: Sequence[CorpusMessage], n: int, concurrency: int) -> None:
    if n:
        run_load(target.addresses, prepare(messages[:n], f"warm{time.monotonic_ns()}"), concurrency)


def run_scale(svc: Services, args: argparse.Namespace, messages: Sequence[CorpusMessage],
              warnings: list[str]) -> dict[str, Any]:
    rows = []
    points: list[tuple[str, Callable[[], Target]]] = []
    if args.only != "rspamd":
        for listeners in (1, 2):
            for workers in (1, 2, 4):
                points.append((f"Mailward {workers} worker(s), {listeners} listener(s)",
                               lambda w=workers, n=listeners: svc.start_mailward(w, args.threads, n)))
    if args.only != "mailward":
        for workers in (1, 2, 4):
            points.append((f"rspamd {workers} worker(s)", lambda w=workers: svc.start_rspamd(w)))
    for what, start in points:
        say(f"scale: {what}")
        target = start()
        warm(target, messages, args.warmup, args.concurrency)
        r = measure(target, prepare(messages, f"scale{len(rows)}"), args.concurrency)
        if r.errors:
            warnings.append(f"scale {what}: {r.errors} errors, e.g. {r.error_samples[0]}")
        rows.append({"what": what, "msgs_per_s": r.msgs_per_s, "cpu_ms_per_msg": r.cpu_ms_per_msg,
                     "p99_ms": r.p99_ms})
        if target.name == "Mailward":
            svc.stop_mailward()
    return {"concurrency": args.concurrency, "messages": len(messages), "rows": rows}


def spy_on(spy_path: str, out: str, target: Target, rnd: int, rounds: int) -> subprocess.Popen | None:
    """py-spy recording the serve process (target.roots[0]) through this round, into `out` (one file per round when
    there are several: OUT.rN.ext); None without --py-spy."""
    if not spy_path:
        return None
    path = Path(out)
    if rounds > 1:
        path = path.with_suffix(f".r{rnd + 1}{path.suffix}")
    fmt = "raw" if path.suffix == ".txt" else "flamegraph"  # raw: collapsed stacks
    spy = subprocess.Popen([spy_path, "record", "--nonblocking", "--threads", "-r", "250", "-f", fmt, "-o",
                            str(path), "--pid", str(target.roots[0])],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # attached before the first message
    return spy


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    spy_path = py_spy() if args.py_spy else ""  # checked before anything starts
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the finally below runs on SIGTERM as on Ctrl-C
    started, t0, load_start = time.strftime("%Y-%m-%d %H:%M:%S"), time.monotonic(), os.getloadavg()[0]
    say(f"reading {args.corpus}")
    corpus = load_corpus(args.corpus)
    messages = sample(corpus, args.messages, seed=0)
    work = Path(tempfile.mkdtemp(prefix="mailward-compare-"))
    os.chmod(work, 0o755)
    svc = Services(work, corpus, args.floor)
    report: dict[str, Any] = {"runs": {}}
    warnings: list[str] = []
    try:
        targets: list[Target] = []
        if args.only != "mailward":
            say(f"starting rspamd ({args.rspamd_workers} worker(s)) and its Redis")
            targets.append(svc.start_rspamd(args.rspamd_workers))
        if args.only != "rspamd":
            say("starting mailward serve")
            targets.append(svc.start_mailward(args.workers, args.threads, args.listeners))
        for t in targets:
            say(f"warming up {t.name} with {args.warmup} messages")
            warm(t, messages, args.warmup, args.concurrency)
        for rnd in range(args.rounds):
            order = targets if rnd % 2 == 0 else targets[::-1]
            for t in order:
                say(f"round {rnd + 1}: {len(messages)} messages through {t.name} at concurrency {args.concurrency}")
                spy = spy_on(spy_path, args.py_spy, t, rnd, args.rounds) if t.name == "Mailward" else None
                try:
                    r = measure(t, prepare(messages, f"r{rnd}{t.name[0]}"), args.concurrency,
                                time_redis=args.redis_time)
                finally:
                    if spy is not None:
                        spy.send_signal(signal.SIGINT)
                        spy.wait(30)
                report["runs"].setdefault(t.name, []).append(r)
                say(f"  {r.msgs_per_s:.1f} msgs/s, {r.cpu_ms_per_msg:.2f} CPU ms/msg, p99 {r.p99_ms:.1f} ms")
                if r.errors:
                    warnings.append(f"{t.name} round {rnd + 1}: {r.errors} errors, e.g. {r.error_samples[0]}")
        report["runs"] = {t.name: report["runs"][t.name] for t in targets}  # rspamd first in the table
        if svc.serve is not None:
            svc.stop_mailward()
        if args.scale:
            report["scale"] = run_scale(svc, args, messages, warnings)
    finally:
        svc.close()
        logs = [p.read_text(errors="replace") for p in sorted(work.glob("state-*.log"))]
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for text in logs:
        warnings.extend(serve_log_problems(text))
    report["learned"] = svc.learned
    report["warnings"] = warnings
    labels = {lbl: sum(m.label == lbl for m in messages) for lbl in sorted({m.label for m in messages})}
    report["meta"] = {
        "started": started, "duration_s": time.monotonic() - t0, "cpus": os.cpu_count(), "load_start": load_start,
        "load_end": os.getloadavg()[0], "corpus": str(args.corpus), "messages": len(messages),
        "labels": ", ".join(f"{n} {lbl}" for lbl, n in labels.items()), "concurrency": args.concurrency,
        "warmup": args.warmup, "rounds": args.rounds,
        "command": "python -m bench.compare " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    print(json.dumps(_json_safe(report), indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
