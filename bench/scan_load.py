"""One load client for every scanner a bench compares: RSPAMC/1.3 requests (what Exim's `variant=rspamd` sends,
and what both rspamd and Mailward's gateway speak) built once, sent at a fixed concurrency, timed end to end.

Each request is one connection (as Exim makes it): connect, send head and body, read the reply to the close. The
client's own work per message is the same whichever scanner answers, so the figures compare the scanners.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.corpus import CorpusMessage

SENDER = "alice@example.com"  # the first account's address in the benches' cPanel tree (bench.scan)
RCPT = "bench@customer.test"
HELO = "client.bench.test"


@dataclass(frozen=True, slots=True)
class Request:
    """One prepared request and the corpus label of its message."""

    label: str
    data: bytes


def rspamc_request(message: bytes, queue_id: str) -> bytes:
    """A CHECK RSPAMC/1.3 request as Exim sends it: the envelope in head lines, the message as the body."""
    head = (f"CHECK RSPAMC/1.3\r\nContent-length: {len(message)}\r\nQueue-Id: {queue_id}\r\nFrom: <{SENDER}>\r\n"
            f"Recipient-Number: 1\r\nRcpt: <{RCPT}>\r\nHelo: {HELO}\r\nIP: 127.0.0.1\r\nUser: {SENDER}\r\n\r\n")
    return head.encode() + message


def prepare(messages: Sequence[CorpusMessage], run: str) -> list[Request]:
    """The requests of one run (queue ids unique per run, so no scanner takes two runs' messages for one)."""
    return [Request(m.label, rspamc_request(m.message, f"{run}-{i:05d}")) for i, m in enumerate(messages)]


def _host_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host.strip("[]"), int(port)


def send_one(address: str, data: bytes, timeout: float) -> bytes:
    """One request on a fresh connection; the whole reply (the scanner closes after it)."""
    with socket.create_connection(_host_port(address), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def reply_action(reply: bytes) -> str:
    """The Action: line of an RSPAMC reply; "error: ..." for anything that is not a scan result."""
    if not reply.startswith(b"RSPAMD/1.3 0"):
        return f"error: {reply[:60]!r}"
    at = reply.find(b"\r\nAction:")
    if at < 0:
        return "error: no action"
    end = reply.find(b"\r\n", at + 2)
    return reply[at + 9:end if end > 0 else None].strip().decode("ascii", "replace")


@dataclass(slots=True)
class LoadResult:
    """What one run of the client saw."""

    messages: int = 0
    wall_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    actions: Counter[str] = field(default_factory=Counter)
    held_by_label: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def msgs_per_s(self) -> float:
        return self.messages / self.wall_s if self.wall_s > 0 else float("nan")


def run_load(addresses: Sequence[str], requests: Sequence[Request], concurrency: int, *,
             timeout: float = 60.0) -> LoadResult:
    """Send every request once, `concurrency` at a time, spread round-robin over the addresses."""
    out = LoadResult(messages=len(requests))
    lock = threading.Lock()
    next_index = iter(range(len(requests)))

    def worker() -> None:
        lat: list[float] = []
        actions: Counter[str] = Counter()
        held: Counter[str] = Counter()
        errors: list[str] = []
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                break
            req = requests[i]
            t0 = time.perf_counter()
            try:
                action = reply_action(send_one(addresses[i % len(addresses)], req.data, timeout))
            except OSError as exc:
                action = f"error: {type(exc).__name__}: {exc}"
            lat.append((time.perf_counter() - t0) * 1000.0)
            if action.startswith("error"):
                errors.append(action)
            actions[action.split(":")[0]] += 1
            if action in ("quarantine", "reject"):
                held[req.label] += 1
        with lock:
            out.latencies_ms += lat
            out.actions.update(actions)
            out.held_by_label.update(held)
            out.errors += errors

    threads = [threading.Thread(target=worker, name=f"load-{n}", daemon=True) for n in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.wall_s = time.perf_counter() - started
    return out


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation; nan for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)
