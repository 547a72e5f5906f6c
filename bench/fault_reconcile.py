"""Reconcile every tagged message of a fault experiment against where it can be: the lab mailbox, the quarantine
files, the quarantine index in Redis, Exim's queue (via its log) and what its submitter was told."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import redis

from bench.fault_mail import TAG_HEADER, Sent
from bench.fault_rig import percentile
from core import keys
from workers.exim_lab import EximLab

#: A DATA reply this slow is worth a note: on a host whose DNS server drops queries, Exim's own lookups (the spam
#: condition resolves 127.0.0.1 and localhost) wait the resolver's 5 s timeout.
SLOW_DATA_S = 4.5
_TAG = re.compile(rb"^" + TAG_HEADER.encode() + rb":\s*(\S+)", re.IGNORECASE | re.MULTILINE)
_ARRIVAL = re.compile(r"^\S+ \S+ (\S+) <= .*? T=\"fault ([^\"]+)\"", re.MULTILINE)


@dataclass(slots=True)
class Tally:
    """One experiment's reconciliation: counts of messages, and the tags behind every anomaly."""

    experiment: str
    fail_mode: str
    messages: int = 0
    delivered: int = 0
    held: int = 0
    refused: int = 0  # the submitter was told no (4xx/5xx, sendmail error, no connection): it keeps the message
    queued: int = 0
    unscanned: int = 0  # delivered with X-ImunifyEmail-Filter-Action: unscanned (a fail mode)
    spam_out: int = 0  # GTUBE or .exe delivered
    lost: int = 0
    duplicated: int = 0  # delivered and held, or held twice
    redelivered: int = 0  # delivered twice (Exim's own at-least-once delivery, e.g. killed mid-delivery)
    held_refused: int = 0  # held, yet its submitter was told no (a retry makes a second outcome)
    delivered_refused: int = 0
    orphans: int = 0  # quarantine files without index entry or sidecar, index entries without file
    leaked: int = 0  # spool files or Redis bodies left after every answer
    p50_ms: float | None = None
    p99_ms: float | None = None
    notes: list[str] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def broken(self) -> int:
        """Invariants of issue 15: every one of these must be 0. (delivered_refused is not among them: a connection
        lost after Exim accepted but before its 250 arrived is SMTP's own duplicate window, RFC 1047.)"""
        return self.lost + self.duplicated + self.held_refused + self.orphans + self.leaked

    def _flag(self, what: str, tag: str) -> None:
        self.examples.setdefault(what, [])
        if len(self.examples[what]) < 5:
            self.examples[what].append(tag)


def _held_files(quarantine: Path) -> tuple[dict[str, str], set[str], int]:
    """email id -> tag of every held message file; ids with a sidecar; temp files left."""
    held, sidecars, temps = {}, set(), 0
    if not quarantine.is_dir():
        return held, sidecars, temps
    for path in quarantine.glob("*/*"):
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            temps += 1
        elif path.suffix == ".eml":
            with open(path, "rb") as fh:
                m = _TAG.search(fh.read(8192))
            held[path.stem] = m.group(1).decode() if m else ""
        elif path.suffix == ".json":
            sidecars.add(path.stem)
    return held, sidecars, temps


_QUEUE_ENTRY = re.compile(r"^\s*\d+[smhdw]\s+\S+\s+(\w{6}-\w{6,11}-\w{2,4})\s.*$", re.MULTILINE)


def queue_ids(lab: EximLab) -> tuple[set[str], set[str]]:
    """Ids of the messages in the lab Exim's queue (`exim -bp`): all of them, and the frozen ones."""
    ids, frozen = set(), set()
    for m in _QUEUE_ENTRY.finditer(lab.queue_list()):
        ids.add(m.group(1))
        if "*** frozen ***" in m.group(0):
            frozen.add(m.group(1))
    return ids, frozen


def queued_tags(lab: EximLab) -> tuple[set[str], set[str]]:
    """Tags of the messages still in the lab Exim's queue, and of the frozen ones among them (tags from its log)."""
    ids, frozen = queue_ids(lab)
    if not ids:
        return set(), set()
    arrivals = dict(_ARRIVAL.findall(lab.mainlog()))
    return {arrivals[i] for i in ids if i in arrivals}, {arrivals[i] for i in frozen if i in arrivals}


def reconcile(experiment: str, fail_mode: str, sent: list[Sent], lab: EximLab, state_dir: Path,
              client: redis.Redis, api_listed: int | None = None) -> Tally:
    """Count where every message went and every anomaly (see Tally); api_listed: held mail the API lists."""
    t = Tally(experiment, fail_mode, messages=len(sent))
    delivered: Counter[str] = Counter()
    unscanned: set[str] = set()
    for d in lab.delivered():
        tag = (d.message.get(TAG_HEADER) or "").strip()
        delivered[tag] += 1
        if d.headers("X-ImunifyEmail-Filter-Action") == ["unscanned"]:
            unscanned.add(tag)
    files, sidecars, temps = _held_files(state_dir / "quarantine")
    held = Counter(files.values())
    index = {m.decode() for m in client.zrange(keys.quarantine_all(), 0, -1)}
    t.orphans = len(set(files) - index) + len(index - set(files)) + len(set(files) - sidecars) + temps
    if t.orphans:
        t.notes.append(f"orphans: {len(set(files) - index)} files unindexed, {len(index - set(files))} index "
                       f"entries without file, {len(set(files) - sidecars)} without sidecar, {temps} temp files")
    if api_listed is not None and api_listed != len(index):
        t.orphans += abs(api_listed - len(index))
        t.notes.append(f"the API lists {api_listed} held messages, the index has {len(index)}")
    spool = list((state_dir / "spool").glob("*.eml"))
    bodies = list(client.scan_iter(match=keys.scan_body("*")))
    # A body whose gateway could not delete it (Redis refusing writes) still expires shortly after its deadline; one
    # without a lifetime would stay forever.
    forever = [b for b in bodies if client.pttl(b) == -1]
    t.leaked = len(spool) + len(forever)
    if t.leaked:
        t.notes.append(f"leaked: {len(spool)} spool files, {len(forever)} Redis bodies without expiry")
    if len(bodies) > len(forever):
        t.notes.append(f"{len(bodies) - len(forever)} Redis bodies left to expire (the gateway could not delete them)")
    queued, frozen = queued_tags(lab)
    if frozen:
        t.notes.append(f"{len(frozen)} of the queued are frozen (local submissions Mailward asked to retry)")
    for s in sent:
        n_del, n_held = delivered[s.tag], held[s.tag]
        t.delivered += n_del > 0
        t.held += n_held > 0
        t.queued += s.tag in queued
        t.refused += not s.accepted
        if s.tag in unscanned:
            t.unscanned += 1
            t._flag("unscanned", s.tag)
        if n_del and s.kind != "clean":
            t.spam_out += 1
            t._flag("spam delivered", s.tag)
        if s.accepted and not (n_del or n_held or s.tag in queued):
            t.lost += 1
            t._flag("lost", s.tag)
        if (n_del and n_held) or n_held > 1:
            t.duplicated += 1
            t._flag("duplicated", s.tag)
        elif n_del > 1:
            t.redelivered += 1
            t._flag("delivered twice", s.tag)
        if n_held and not s.accepted:
            t.held_refused += 1
            t._flag("held but refused", f"{s.tag} ({s.reply[:60]})")
        if n_del and not s.accepted:
            t.delivered_refused += 1
            t._flag("delivered but refused", f"{s.tag} ({s.reply[:60]})")
    strangers = set(held) - {s.tag for s in sent}
    if strangers:
        t.notes.append(f"{sum(held[x] for x in strangers)} held files of no sent message")
        t.orphans += sum(held[x] for x in strangers)
    latencies = [s.data_s for s in sent if s.data_s is not None]
    if latencies:
        t.p50_ms = percentile(latencies, 50) * 1000
        t.p99_ms = percentile(latencies, 99) * 1000
        slow = sum(1 for x in latencies if x >= SLOW_DATA_S)
        if slow:
            t.notes.append(f"{slow} DATA replies took {SLOW_DATA_S:g} s or more")
    refusals = Counter(_refusal(s.reply) for s in sent if not s.accepted)
    if refusals:
        t.notes.append("refused: " + ", ".join(f"{n} {why}" for why, n in refusals.most_common()))
    return t


def _refusal(reply: str) -> str:
    """A short class of why a submitter was told no."""
    if reply.startswith("sendmail exit"):
        return "local sendmail failed"
    if reply[:3].isdigit():
        return f"SMTP {reply[:3]}"
    return reply.split(":", 1)[0] or "unknown"
