"""Phase 1 of bench.scan: the DATA->250 latency through three private Exim labs (no hook, a trivial RSPAMC
responder, a real mailward serve), the same sample interleaved message by message, one SMTP session per lab and
sender thread.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import smtplib
import socketserver
import statistics
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import CorpusMessage
from bench.scan_load import percentile
from bench.scan_rig import CLIENT_HELO, EXIM_SPAMD_TIMEOUT, Progress, lab_base_dir, say, smtp_payload
from core.models import Action, Verdict
from workers.exim_lab import EximLab, poll
from workers.rspamd_protocol import legacy_reply, read_request
from workers.serve_process import ServeProcess

RCPT_LOCAL_PART = "bench"
SCAN_BLOCK = re.compile(r"^  # BEGIN Mailward outgoing scan.*?^  # END Mailward outgoing scan\n", re.M | re.S)


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
