"""Phase 2 of bench.scan: scans straight through the gateway (check_legacy, as Exim speaks it), wall time and the
CPU of every process in serve's session per message.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench.corpus import CorpusMessage
from bench.scan_load import percentile
from bench.scan_rig import CLIENT_HELO, Progress
from bench.session_cpu import cpu_delta_ms, session_cpu
from core.models import Action, Envelope
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess


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
