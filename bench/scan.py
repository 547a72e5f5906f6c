"""Scan benchmark: the DATA->250 latency Mailward adds through a private Exim, throughput and CPU per message
through the gateway, and the workers' peak RSS.

Run as root from the repository root (a private Exim needs root; nothing of the system's Exim or Redis is
touched, everything started here runs on loopback and is stopped at the end):

    .venv/bin/python -m bench.scan [--messages N] [--corpus PATH] [--sample N] [--senders N] [--json]

Phases:
 1. Latency: the same corpus sample is sent, interleaved message by message, through three private Exim labs:
    (a) no scan hook (Mailward's DATA ACL block removed), (t) the hook against a trivial in-process RSPAMC
    responder, (b) the hook against a real `mailward serve` (N worker processes x M threads). Each sender
    thread keeps ONE authenticated SMTP session per lab; only the time from the end of the DATA payload to
    Exim's reply is measured (QUIT alone costs ~200 ms in Exim, so whole sessions would hide the difference).
 2. Throughput and CPU per message straight through the gateway (check_legacy, as Exim speaks it) on the
    corpus, at concurrency 1 and 8. CPU is the utime+stime of every process in serve's session (serve itself,
    which hosts the gateway threads, the workers, the private Redis and the API), children already reaped
    included (cutime+cstime), so a restarted process loses nothing.
 3. Peak RSS (VmHWM) of the worker processes after the run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import smtplib
import socketserver
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_CORPUS, CorpusMessage, load_corpus, sample
from core.models import Action, Envelope, Verdict
from tests.cpanel_tree import make_cpanel_tree
from workers.exim_lab import EximLab, missing_requirements, poll
from workers.rspamd_protocol import legacy_reply, read_request
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

ACCOUNT, ACCOUNT_DOMAIN = "shopuser", "example.com"  # the lab's first SMTP user is alice@example.com
CLIENT_HELO = "client.bench.test"
RCPT_LOCAL_PART = "bench"
EXIM_SPAMD_TIMEOUT = 30  # Exim's tmo=, as core/defaults.toml's exim.spamd_timeout
SCAN_BLOCK = re.compile(r"^  # BEGIN Mailward outgoing scan.*?^  # END Mailward outgoing scan\n", re.M | re.S)
CLK_TCK = os.sysconf("SC_CLK_TCK")
LOG_PROBLEM = re.compile(r" (WARNING|ERROR|CRITICAL) |exited with")


# ------------------------------------------------------------------------------------------------ helpers


def say(text: str) -> None:
    """Progress and notes go to stderr; stdout holds only the report."""
    print(text, file=sys.stderr, flush=True)


class Progress:
    """Thread-safe counter that reports on stderr at most every interval seconds."""

    def __init__(self, what: str, total: int, interval: float = 3.0) -> None:
        self.what, self.total, self.interval = what, total, interval
        self.done = 0
        self.started = self.last = time.monotonic()
        self.lock = threading.Lock()

    def step(self, n: int = 1) -> None:
        with self.lock:
            self.done += n
            now = time.monotonic()
            if now - self.last < self.interval and self.done < self.total:
                return
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            say(f"  {self.what}: {self.done}/{self.total} ({rate:.0f}/s)")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; nan for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def lab_base_dir(prefix: str) -> Path:
    """A fresh directory under /tmp that Debian-exim can traverse (as tests/functional/conftest.lab_dir)."""
    path = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
    os.chmod(path, 0o755)
    return Path(path)


def smtp_payload(raw: bytes) -> bytes:
    """What smtplib's data() puts on the wire: CRLF line ends, dot-stuffing, the final dot line."""
    q = re.sub(rb"\r\n|\n|\r", b"\r\n", raw)
    q = re.sub(rb"(?m)^\.", b"..", q)
    if not q.endswith(b"\r\n"):
        q += b"\r\n"
    return q + b".\r\n"


# ------------------------------------------------------------------------------------------- /proc readers


def _stat_fields(pid: int) -> list[str] | None:
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return data[data.rindex(")") + 2:].split()  # index i holds field i+3 of proc(5)


def _role(pid: int, serve_pid: int) -> str:
    if pid == serve_pid:
        return "serve+gateway"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return "other"
    if "workers.worker_process" in cmd:
        return "workers"
    if "redis-server" in cmd:
        return "redis"
    if "gunicorn" in cmd:
        return "api"
    return "other"


@dataclass(slots=True)
class CpuSnapshot:
    """CPU ticks (own + reaped children) of every process in a session, by pid, with its role."""

    ticks: dict[int, int] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)

    def by_role(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for pid, t in self.ticks.items():
            out[self.roles[pid]] += t
        return out


def session_cpu(sid: int) -> CpuSnapshot:
    """utime+stime+cutime+cstime of every live process whose session is sid.

    A child that died and was reaped by a parent in the session has its time in that parent's cutime/cstime,
    so the sum only grows, even across restarts (the supervisor reaps and restarts its children).
    """
    snap = CpuSnapshot()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        f = _stat_fields(pid)
        if f is None or int(f[3]) != sid:  # field 6: session
            continue
        snap.ticks[pid] = sum(int(x) for x in f[11:15])  # fields 14-17: utime stime cutime cstime
        snap.roles[pid] = _role(pid, sid)
    return snap


def cpu_delta_ms(before: CpuSnapshot, after: CpuSnapshot) -> tuple[float, dict[str, float]]:
    """Total CPU ms used by the session between two snapshots, and per role."""
    b, a = before.by_role(), after.by_role()
    roles = {r: (a[r] - b[r]) * 1000.0 / CLK_TCK for r in sorted(set(a) | set(b))}
    return sum(roles.values()), roles


def vm_status(pid: int) -> dict[str, int]:
    """VmHWM and VmRSS of a process, in kB ({} if it is gone)."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key] = int(value.split()[0])
    except OSError:
        return {}
    return out


# ---------------------------------------------------------------------------------------------- services


class NoScanLab(EximLab):
    """The same private Exim with Mailward's DATA ACL block removed: Exim's own cost, no spam= condition."""

    def render_config(self) -> str:
        text, n = SCAN_BLOCK.subn("", super().render_config())
        if n != 1:
            raise RuntimeError("could not find Mailward's scan block in the lab config (markers changed?)")
        return text


class TrivialResponder:
    """An in-process RSPAMC/1.3 server that reads each request and answers `no action` at once."""

    def __init__(self) -> None:
        reply = legacy_reply(Verdict(Action.ACCEPT, required_score=6.0))

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                req = read_request(self.rfile)
                left = req.content_length
                while left:
                    chunk = self.rfile.read(min(65536, left))
                    if not chunk:
                        return
                    left -= len(chunk)
                self.wfile.write(reply)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True
            request_queue_size = 128

        self.server = Server(("127.0.0.1", 0), Handler)
        self.address = "{}:{}".format(*self.server.server_address[:2])
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                       name="trivial rspamc", daemon=True)

    def start(self) -> TrivialResponder:
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
        self.server.server_close()


def serve_toml(cpanel_root: Path, processes: int, threads: int) -> str:
    """mailward serve settings: a loopback TCP listener, the worker pool, a cPanel tree for attribution."""
    return (f'[scan]\nlisten = ["127.0.0.1:0"]\n[workers]\nprocesses = {processes}\nthreads = {threads}\n'
            f'[cpanel]\nroot = "{cpanel_root}"\n')


def wait_serve_ready(serve: ServeProcess, processes: int, sender: str, rcpt: str, timeout: float = 60.0) -> None:
    """Poll until every worker logged `ready` and a probe scan gets a worker's verdict (not fail mode)."""
    needles = [f"worker {i} ready" for i in range(processes)]
    poll(lambda: all(n in serve.log() for n in needles), timeout, f"{processes} worker(s) ready in serve's log")
    probe = (b"From: <probe@example.com>\r\nTo: <x@example.net>\r\nSubject: probe\r\n"
             b"Message-ID: <probe@bench>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\nprobe\r\n")
    env = Envelope(sender=sender, recipients=[rcpt], user=sender, ip="127.0.0.1", helo=CLIENT_HELO)
    poll(lambda: check_legacy(serve.tcp, probe, env).action != Action.UNSCANNED.value, timeout,
         "a probe scan answered by a worker", interval=0.2)


# ------------------------------------------------------------------------------------------ phase 1: Exim


@dataclass(slots=True)
class LabRun:
    """One Exim lab in the latency phase and what its sessions saw."""

    key: str
    title: str
    lab: EximLab
    latencies: dict[int, float] = field(default_factory=dict)  # message index -> ms, 250 replies only
    codes: Counter[int] = field(default_factory=Counter)  # replies to the timed messages
    accepted: int = 0  # 250 replies, warm-up included
    delivered: int = 0


def timed_data(smtp: smtplib.SMTP, sender: str, rcpt: str, payload: bytes) -> tuple[int, float]:
    """One transaction on an open session; returns the reply code to the data and ms from payload end to it."""
    code, _ = smtp.mail(sender)
    if code != 250:
        return code, float("nan")
    code, _ = smtp.rcpt(rcpt)
    if code not in (250, 251):
        smtp.rset()
        return code, float("nan")
    code, _ = smtp.docmd("DATA")
    if code != 354:
        smtp.rset()
        return code, float("nan")
    smtp.send(payload)  # sendall: returns once the last byte is handed to the kernel
    t0 = time.perf_counter()
    code, _ = smtp.getreply()
    return code, (time.perf_counter() - t0) * 1000.0


def _sender_thread(runs: Sequence[LabRun], share: Sequence[tuple[int, bytes]], warmup: Sequence[bytes],
                   user: str, password: str, rcpt: str, lock: threading.Lock, progress: Progress,
                   errors: list[str]) -> None:
    sessions: dict[str, smtplib.SMTP] = {}
    try:
        for run in runs:
            s = smtplib.SMTP("127.0.0.1", run.lab.port, local_hostname=CLIENT_HELO, timeout=EXIM_SPAMD_TIMEOUT + 30)
            sessions[run.key] = s
            s.ehlo()
            s.user, s.password = user, password
            s.auth("PLAIN", s.auth_plain)
        for payload in warmup:
            for run in runs:
                code, _ = timed_data(sessions[run.key], user, rcpt, payload)
                with lock:
                    run.accepted += code == 250
        for idx, payload in share:
            # rotate which lab goes first so none always follows the previous lab's delivery burst
            order = [runs[(idx + k) % len(runs)] for k in range(len(runs))]
            for run in order:
                code, ms = timed_data(sessions[run.key], user, rcpt, payload)
                with lock:
                    run.codes[code] += 1
                    if code == 250:
                        run.accepted += 1
                        run.latencies[idx] = ms
            progress.step()
    except Exception as exc:  # reported, not raised: the other senders and the cleanup must go on
        with lock:
            errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        for s in sessions.values():
            with contextlib.suppress(Exception):
                s.putcmd("QUIT")  # no wait for 221: Exim would hold the session ~200 ms for our FIN
            s.close()


def run_latency(runs: Sequence[LabRun], messages: Sequence[CorpusMessage], senders: int, warmup: int,
                user: str, password: str, rcpt: str) -> list[str]:
    """Send every message through every lab, interleaved; fills each LabRun; returns sender errors."""
    payloads = [smtp_payload(m.message) for m in messages]
    lock = threading.Lock()
    errors: list[str] = []
    progress = Progress(f"Exim DATA->250 x{len(runs)} labs", len(payloads))
    threads = []
    for t in range(senders):
        share = [(i, p) for i, p in enumerate(payloads) if i % senders == t]
        warm = payloads[t::senders][:warmup] if warmup else []
        th = threading.Thread(target=_sender_thread, name=f"sender-{t}", daemon=True,
                              args=(runs, share, warm, user, password, rcpt, lock, progress, errors))
        threads.append(th)
        th.start()
    deadline = time.monotonic() + 120 + len(payloads) * len(runs) * 2.0
    for th in threads:
        th.join(max(0.1, deadline - time.monotonic()))
        if th.is_alive():
            errors.append(f"{th.name} still running at the deadline")
    return errors


def latency_phase(args: argparse.Namespace, serve: ServeProcess, messages: Sequence[CorpusMessage],
                  labs_root: list[Path], report: dict[str, Any], warnings: list[str]) -> None:
    """Phase 1: build the three labs, send the sample through all of them, stop them, summarize."""
    responder = TrivialResponder().start()
    runs: list[LabRun] = []
    try:
        common = {"timeout": EXIM_SPAMD_TIMEOUT}
        specs: list[tuple[str, str, type[EximLab], str]] = [
            ("none", "(a) Exim, no scan hook", NoScanLab, responder.address),
            ("trivial", "(t) spam= -> trivial RSPAMC responder", EximLab, responder.address),
            ("mailward", f"(b) spam= -> Mailward ({args.processes}x{args.threads} workers)", EximLab, serve.tcp),
        ]
        for key, title, cls, address in specs:
            base = lab_base_dir(f"mailward-bench-{key}-")
            labs_root.append(base)
            lab = cls(base, address, "open", **common)
            runs.append(LabRun(key, title, lab))
            say(f"starting private Exim {key} on 127.0.0.1:{lab.port}")
            lab.start()
        user, password = next(iter(runs[0].lab.users.items()))
        m = re.search(r"^qualify_domain = (\S+)$", runs[0].lab.render_config(), re.M)
        rcpt = f"{RCPT_LOCAL_PART}@{m.group(1) if m else 'lab.mailward.test'}"  # lab_maildir accepts any domain
        errors = run_latency(runs, messages, args.senders, args.warmup, user, password, rcpt)
        warnings.extend(f"latency sender: {e}" for e in errors)
        for run in runs:
            try:
                poll(lambda lab=run.lab: not lab.queue_list().strip(), 60.0, f"exim {run.key}'s queue to empty",
                     interval=0.5)
            except TimeoutError as exc:
                warnings.append(str(exc))
            run.delivered = sum(1 for sub in ("new", "cur") if (run.lab.maildir / sub).is_dir()
                                for _ in (run.lab.maildir / sub).iterdir())
            panic = run.lab.paniclog().strip()
            if panic:
                warnings.append(f"exim {run.key} paniclog: {panic.splitlines()[-1][:200]}")
            bad = [ln for ln in run.lab.mainlog().splitlines() if " == " in ln or " ** " in ln]
            if bad:
                warnings.append(f"exim {run.key}: {len(bad)} deferred/failed deliveries, e.g. {bad[0][:200]}")
        quarantined = runs[2].lab.mainlog().count("Mailward: quarantined")
        # fail open would hide a broken gateway behind fast 250s: look at what lab (b) delivered
        unscanned = sum(b"X-ImunifyEmail-Filter-Action: unscanned" in d.raw for d in runs[2].lab.delivered())
        if unscanned:
            warnings.append(f"exim mailward: {unscanned} delivered messages say 'unscanned' (gateway fail mode)")
        for run in runs:
            held = quarantined if run.key == "mailward" else 0
            if run.delivered + held != run.accepted:
                warnings.append(f"exim {run.key}: {run.accepted} accepted but {run.delivered} delivered"
                                + (f" + {held} quarantined" if held else ""))
    finally:
        for run in runs:
            run.lab.stop()
        responder.stop()

    by_key = {r.key: r for r in runs}
    rows = []
    for run in runs:
        lat = list(run.latencies.values())
        rows.append({"key": run.key, "title": run.title, "n": len(lat), "p50_ms": percentile(lat, 50),
                     "p90_ms": percentile(lat, 90), "p99_ms": percentile(lat, 99),
                     "max_ms": max(lat) if lat else float("nan"),
                     "non_250": {str(c): n for c, n in sorted(run.codes.items()) if c != 250},
                     "accepted": run.accepted, "delivered": run.delivered})

    def added(hi: str, lo: str) -> dict[str, float]:
        a, b = by_key[lo].latencies, by_key[hi].latencies
        both = sorted(set(a) & set(b))
        la, lb = list(a.values()), list(b.values())
        return {"p50_ms": percentile(lb, 50) - percentile(la, 50), "p99_ms": percentile(lb, 99) - percentile(la, 99),
                "paired_median_ms": statistics.median([b[i] - a[i] for i in both]) if both else float("nan")}

    report["latency"] = {
        "messages": len(messages), "senders": args.senders, "warmup_per_session": args.warmup,
        "labs": rows, "added_by_mailward": added("mailward", "none"),
        "spam_round_trip": added("trivial", "none"), "behind_the_socket": added("mailward", "trivial"),
        "quarantined_in_b": quarantined,
    }


# ----------------------------------------------------------------------------------- phase 2: throughput


def run_throughput(serve: ServeProcess, messages: Sequence[CorpusMessage], concurrency: int, sender: str,
                   rcpt: str) -> dict[str, Any]:
    """Scan every message through the gateway with `concurrency` client threads; measure wall time and CPU."""
    sid = serve.proc.pid  # type: ignore[union-attr]  # serve leads its own session (start_new_session)
    results: list[tuple[str, str, float, float] | None] = [None] * len(messages)  # label, action, ms, score
    errors: list[str] = []
    next_index = iter(range(len(messages)))
    lock = threading.Lock()
    progress = Progress(f"gateway scans c={concurrency}", len(messages))

    def worker() -> None:
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                return
            m = messages[i]
            env = Envelope(sender=sender, recipients=[rcpt], queue_id=f"1bench-{concurrency:02d}{i:04d}-AA",
                           helo=CLIENT_HELO, ip="127.0.0.1", user=sender)
            t0 = time.perf_counter()
            try:
                reply = check_legacy(serve.tcp, m.message, env)
                results[i] = (m.label, reply.action, (time.perf_counter() - t0) * 1000.0, reply.score)
            except Exception as exc:
                with lock:
                    errors.append(f"{m.name}: {type(exc).__name__}: {exc}")
            progress.step()

    workers_before = sorted(serve.worker_pids())
    client_before = os.times()
    cpu_before = session_cpu(sid)
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, name=f"scan-{k}", daemon=True) for k in range(concurrency)]
    for th in threads:
        th.start()
    deadline = time.monotonic() + 60 + len(messages) * 1.0
    for th in threads:
        th.join(max(0.1, deadline - time.monotonic()))
        if th.is_alive():
            errors.append(f"{th.name} still running at the deadline")
    wall = time.perf_counter() - t0
    cpu_after = session_cpu(sid)
    client_after = os.times()
    workers_after = sorted(serve.worker_pids())

    done = [r for r in results if r is not None]
    n = len(done)
    total_ms, roles = cpu_delta_ms(cpu_before, cpu_after)
    client_ms = ((client_after.user - client_before.user) + (client_after.system - client_before.system)) * 1000
    lat = [r[2] for r in done]
    actions = Counter(r[1] for r in done)
    quarantined_by_label = Counter(r[0] for r in done if r[1] == Action.QUARANTINE.value)
    labels = Counter(r[0] for r in done)
    spam_scores = [r[3] for r in done if r[0] == "spam"]
    return {
        "concurrency": concurrency, "messages": n, "errors": len(errors), "error_samples": errors[:5],
        "wall_s": wall, "msgs_per_s": n / wall if wall > 0 else float("nan"),
        "p50_ms": percentile(lat, 50), "p99_ms": percentile(lat, 99),
        "cpu_ms_per_msg": total_ms / n if n else float("nan"),
        "cpu_ms_per_msg_by_role": {r: v / n for r, v in roles.items()} if n else {},
        "client_cpu_ms_per_msg": client_ms / n if n else float("nan"),
        "verdicts": dict(actions.most_common()),
        "quarantined": {lbl: f"{quarantined_by_label[lbl]}/{labels[lbl]}" for lbl in sorted(labels)},
        "spam_quarantined": quarantined_by_label["spam"], "spam_messages": labels["spam"],
        "spam_score_p50": percentile(spam_scores, 50), "spam_score_max": max(spam_scores, default=float("nan")),
        "worker_pids_changed": workers_before != workers_after,
    }


# ------------------------------------------------------------------------------------------------ report


def _f(x: float, width: int = 8, prec: int = 1) -> str:
    return f"{x:{width}.{prec}f}" if x == x else f"{'-':>{width}}"


def _signed(x: float) -> str:
    return f"{x:+.1f}" if x == x else "-"


def render(report: dict[str, Any]) -> str:
    """The plain-text report."""
    meta = report["meta"]
    out = [
        f"Mailward scan benchmark  {meta['started']}  ({meta['cpus']} CPUs, load avg {meta['load_start']:.2f} -> "
        f"{meta['load_end']:.2f}, {meta['duration_s']:.0f} s)",
        f"corpus: {meta['corpus']} ({meta['corpus_messages']} messages: {meta['corpus_labels']})",
        f"serve: {meta['processes']} worker processes x {meta['threads']} threads, private Redis",
        "",
    ]
    lat = report.get("latency")
    if lat:
        out += [f"1. DATA -> 250 through a private Exim: {lat['messages']} corpus messages, interleaved across labs, "
                f"{lat['senders']} sender thread(s),",
                f"   one SMTP AUTH PLAIN session per lab per thread ({lat['warmup_per_session']} warm-up messages "
                "each, untimed, counted in delivered/250s); time = end of DATA payload -> reply",
                f"   {'lab':<46}{'n':>5}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}  non-250  delivered/250s"]
        for row in lat["labs"]:
            non = ",".join(f"{c}x{n}" for c, n in row["non_250"].items()) or "0"
            got = f"{row['delivered']}/{row['accepted']}"
            out.append(f"   {row['title']:<46}{row['n']:>5}{_f(row['p50_ms'], 9)}{_f(row['p90_ms'], 9)}"
                       f"{_f(row['p99_ms'], 9)}{_f(row['max_ms'], 9)}  {non:<7}  {got:>9}")
        for key, title in (("added_by_mailward", "added by Mailward (b - a)"),
                           ("spam_round_trip", "  Exim spam= + trivial service (t - a)"),
                           ("behind_the_socket", "  Mailward behind the socket (b - t)")):
            d = lat[key]
            out.append(f"   {title:<46} p50 {_signed(d['p50_ms'])} ms, p99 {_signed(d['p99_ms'])} ms, "
                       f"median per-message difference {_signed(d['paired_median_ms'])} ms")
        out.append(f"   lab (b): {lat['quarantined_in_b']} quarantined (discarded after 250, so not delivered)")
        out.append("")
    elif report.get("latency_skipped"):
        out += [f"1. DATA -> 250 through Exim: skipped ({report['latency_skipped']})", ""]
    tp = report.get("throughput", [])
    if tp:
        out += [f"2. Scan throughput straight through the gateway (check_legacy / RSPAMC 1.3), {tp[0]['messages']} "
                "messages",
                f"   {'conc':>4}{'msgs/s':>9}{'wall s':>8}{'p50 ms':>8}{'p99 ms':>8}{'CPU ms/msg':>12}   "
                f"{'serve+gw':>8}{'workers':>8}{'redis':>7}{'api':>6}{'client':>8}  errors"]
        for r in tp:
            roles = r["cpu_ms_per_msg_by_role"]
            out.append(f"   {r['concurrency']:>4}{_f(r['msgs_per_s'], 9)}{_f(r['wall_s'], 8)}{_f(r['p50_ms'], 8)}"
                       f"{_f(r['p99_ms'], 8)}{_f(r['cpu_ms_per_msg'], 12, 2)}   "
                       f"{_f(roles.get('serve+gateway', 0.0), 8, 2)}{_f(roles.get('workers', 0.0), 8, 2)}"
                       f"{_f(roles.get('redis', 0.0), 7, 2)}{_f(roles.get('api', 0.0), 6, 2)}"
                       f"{_f(r['client_cpu_ms_per_msg'], 8, 2)}  {r['errors']}")
        out.append("   (CPU ms/msg = every process of serve's session; 'client' is this script's own CPU, "
                   "not included)")
        for r in tp:
            verdicts = ", ".join(f"{a} {n}" for a, n in r["verdicts"].items())
            held = ", ".join(f"{lbl} {v}" for lbl, v in r["quarantined"].items())
            out.append(f"   verdicts c={r['concurrency']}: {verdicts}; quarantined by label: {held}; "
                       f"spam score p50 {_f(r['spam_score_p50'], 0, 2)}, max {_f(r['spam_score_max'], 0, 2)}")
        out.append("")
    rss = report.get("rss")
    if rss:
        out.append(f"3. Workers' peak RSS (VmHWM) after the run: max {rss['max_mib']:.1f} MiB, "
                   f"sum {rss['sum_mib']:.1f} MiB over {len(rss['pids'])} processes "
                   f"(now {rss['rss_sum_mib']:.1f} MiB resident)")
        out.append("")
    warns = report.get("warnings", [])
    out.append("Things that looked wrong:" if warns else "Nothing looked wrong (serve log, Exim logs, errors).")
    out += [f" - {w}" for w in warns]
    return "\n".join(out)


def json_safe(obj: Any) -> Any:
    """The report with NaN turned into null (json.dumps would write NaN, which is not JSON)."""
    if isinstance(obj, float):
        return None if obj != obj else round(obj, 3)
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [json_safe(v) for v in obj]
    return obj


def serve_log_problems(text: str, limit: int = 8) -> list[str]:
    """Distinct warnings/errors of serve's log with counts; a traceback is named by its exception line."""
    seen: Counter[str] = Counter()
    first: dict[str, str] = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            # the exception line is the first one after the indented frames
            exc = next((ln for ln in lines[i + 1:] if ln and not ln[0].isspace()), "?")
            body = f"traceback: {exc}"
        elif LOG_PROBLEM.search(line):
            body = line.split(" ", 2)[-1] if line[:4].isdigit() else line  # drop the date and time
        else:
            continue
        key = re.sub(r"<[^<>]* object at 0x[0-9a-f]+>", "<obj>", body)  # same event, other object
        key = re.sub(r"'[^']*'|0x[0-9a-f]+|\d+", "_", key)[:160]
        seen[key] += 1
        first.setdefault(key, body[:240])
    return [f"serve log ({n}x): {first[k]}" for k, n in seen.most_common(limit)]


# -------------------------------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="training corpus tarball (read in memory)")
    ap.add_argument("--messages", type=int, default=None, help="cap the corpus (default: all of it)")
    ap.add_argument("--sample", type=int, default=200, help="messages sent through each Exim lab (default 200)")
    ap.add_argument("--senders", type=int, default=1, help="SMTP sender threads in the latency phase (default 1)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed messages per SMTP session first (default 5)")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8], help="gateway client threads (1 8)")
    ap.add_argument("--processes", type=int, default=2, help="serve's worker processes (default 2)")
    ap.add_argument("--threads", type=int, default=4, help="threads per worker process (default 4)")
    ap.add_argument("--no-exim", action="store_true", help="skip the Exim latency phase")
    ap.add_argument("--keep", action="store_true", help="keep the temporary state and lab directories")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of the table")
    args = ap.parse_args(argv)
    if args.processes < 1 or args.threads < 1 or args.senders < 1 or min(args.concurrency) < 1:
        ap.error("--processes, --threads, --senders and --concurrency must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks on SIGTERM too
    started, t_start = time.strftime("%Y-%m-%d %H:%M:%S"), time.monotonic()
    load_start = os.getloadavg()[0]

    say(f"reading {args.corpus}")
    corpus = load_corpus(args.corpus)
    scan_set = sample(corpus, args.messages, seed=0)
    exim_set = sample(corpus, min(args.sample, len(scan_set)), seed=1)
    report: dict[str, Any] = {}
    warnings: list[str] = []
    sender = "alice@example.com"
    rcpt = "bench@customer.test"

    work = Path(tempfile.mkdtemp(prefix="mailward-bench-"))
    labs_root: list[Path] = []
    serve = ServeProcess(work / "state", serve_toml(make_cpanel_tree(work / "cpanel", {ACCOUNT: ACCOUNT_DOMAIN}),
                                                     args.processes, args.threads))
    try:
        say(f"starting mailward serve ({args.processes}x{args.threads}) in {work}")
        serve.start()
        wait_serve_ready(serve, args.processes, sender, rcpt)
        first_workers = sorted(serve.worker_pids())

        reason = "--no-exim" if args.no_exim else missing_requirements()
        if reason:
            report["latency_skipped"] = reason
        else:
            say(f"phase 1: {len(exim_set)} messages through 3 private Exim labs")
            latency_phase(args, serve, exim_set, labs_root, report, warnings)

        report["throughput"] = []
        for conc in args.concurrency:
            say(f"phase 2: {len(scan_set)} messages through the gateway at concurrency {conc}")
            result = run_throughput(serve, scan_set, conc, sender, rcpt)
            report["throughput"].append(result)
            if result["errors"]:
                warnings.append(f"c={conc}: {result['errors']} scan errors, e.g. {result['error_samples'][0]}")
            if result["worker_pids_changed"]:
                warnings.append(f"c={conc}: worker processes were restarted during the run")
            if result["spam_messages"] and not result["spam_quarantined"]:
                warnings.append(f"c={conc}: none of {result['spam_messages']} training spam messages was "
                                f"quarantined (spam scores: p50 {result['spam_score_p50']:.2f}, max "
                                f"{result['spam_score_max']:.2f}; thresholds.quarantine is the bar)")
            unscanned = result["verdicts"].get(Action.UNSCANNED.value, 0)
            if unscanned:
                warnings.append(f"c={conc}: {unscanned} messages answered 'unscanned' (fail mode)")

        pids = sorted(serve.worker_pids())
        if pids != first_workers:
            warnings.append(f"worker pids changed since start ({first_workers} -> {pids}): peak RSS covers only "
                            "the current processes")
        stats = {pid: vm_status(pid) for pid in pids}
        hwm = [s.get("VmHWM", 0) for s in stats.values()]
        report["rss"] = {"pids": pids, "vmhwm_kib": {str(p): s.get("VmHWM", 0) for p, s in stats.items()},
                         "max_mib": max(hwm, default=0) / 1024, "sum_mib": sum(hwm) / 1024,
                         "rss_sum_mib": sum(s.get("VmRSS", 0) for s in stats.values()) / 1024}
    finally:
        code = serve.stop()
        log_text = serve.log()
        if code not in (0, None):
            warnings.append(f"mailward serve exited with {code} on SIGTERM")
        if serve.leftover:
            warnings.append(f"processes left in serve's session after stop: {serve.leftover}")
        warnings.extend(serve_log_problems(log_text))
        if args.keep:
            say(f"kept {work} and {', '.join(map(str, labs_root)) or 'no lab dirs'}")
        else:
            shutil.rmtree(work, ignore_errors=True)
            for base in labs_root:
                shutil.rmtree(base, ignore_errors=True)

    report["warnings"] = warnings
    labels = Counter(m.label for m in scan_set)
    report["meta"] = {
        "started": started, "duration_s": time.monotonic() - t_start, "cpus": os.cpu_count(),
        "load_start": load_start, "load_end": os.getloadavg()[0], "corpus": str(args.corpus),
        "corpus_messages": len(scan_set), "corpus_labels": ", ".join(f"{n} {lbl}" for lbl, n in sorted(labels.items())),
        "processes": args.processes, "threads": args.threads,
    }
    print(json.dumps(json_safe(report), indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
