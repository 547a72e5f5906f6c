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
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from bench.proc_tree import memory_kib
from bench.scan_latency import latency_phase
from bench.scan_report import render
from bench.scan_rig import ACCOUNT, ACCOUNT_DOMAIN, json_safe, say, serve_log_problems, serve_toml, wait_serve_ready
from bench.scan_throughput import run_throughput
from core.models import Action
from tests.cpanel_tree import make_cpanel_tree
from workers.exim_lab import missing_requirements
from workers.serve_process import ServeProcess


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
        stats = {pid: memory_kib(pid) for pid in pids}
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
