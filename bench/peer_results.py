"""The pure half of bench.peers: each engine's answer mapped to held / marked, and the side-by-side tables.

Held means the message does not reach its recipient: SpamAssassin's spam verdict (score >= its required_score,
5.0 by default), rspamd's `reject`, Mailward's `quarantine` (or `reject`, which a fresh install never answers for
content). Marked means delivered with a mark a user or filter may act on: rspamd's `add header` or `rewrite
subject`, Mailward's `add header`; SpamAssassin has no second level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from bench.rspamd_check import RspamdReply
from bench.spamd_private import SpamdReply

SA, RSPAMD, MAILWARD = "SpamAssassin", "rspamd", "Mailward"
ENGINES = (SA, RSPAMD, MAILWARD)
RSPAMD_HELD = frozenset({"reject"})
RSPAMD_MARKED = frozenset({"add header", "rewrite subject"})
MAILWARD_HELD = frozenset({"quarantine", "reject"})
MAILWARD_MARKED = frozenset({"add header"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """One engine's answer on one message, reduced to what the comparison counts."""

    engine: str
    name: str
    label: str  # "ham" or "spam"
    kind: str  # the message's kind (bench.modern_mail kinds, or spam / easy ham / hard ham)
    action: str  # the engine's own word: "spam" / "ham" for SpamAssassin, rspamd's or Mailward's action
    score: float
    held: bool
    marked: bool
    symbols: tuple[str, ...] = ()
    error: str = ""


def sa_verdict(name: str, label: str, kind: str, reply: SpamdReply) -> Verdict:
    """SpamAssassin holds what it calls spam (score >= required_score); it has no mark short of that."""
    return Verdict(SA, name, label, kind, "spam" if reply.is_spam else "ham", reply.score, reply.is_spam, False,
                   reply.rules)


def rspamd_verdict(name: str, label: str, kind: str, reply: RspamdReply) -> Verdict:
    """rspamd holds on `reject`; `add header` and `rewrite subject` mark (greylist only delays)."""
    return Verdict(RSPAMD, name, label, kind, reply.action, reply.score, reply.action in RSPAMD_HELD,
                   reply.action in RSPAMD_MARKED, reply.symbols)


def mailward_verdict(name: str, label: str, kind: str, action: str, score: float,
                     symbols: Sequence[str]) -> Verdict:
    """Mailward holds on `quarantine` (and `reject`); `add header` marks."""
    return Verdict(MAILWARD, name, label, kind, action, score, action in MAILWARD_HELD, action in MAILWARD_MARKED,
                   tuple(symbols))


def error_verdict(engine: str, name: str, label: str, kind: str, error: str) -> Verdict:
    """An engine that gave no answer: neither held nor marked, counted apart as an error."""
    return Verdict(engine, name, label, kind, "error", 0.0, False, False, (), error)


@dataclass(slots=True)
class Tally:
    """Counts of one engine on one group of messages."""

    total: int = 0
    held: int = 0
    marked: int = 0
    errors: int = 0

    @property
    def held_or_marked(self) -> int:
        return self.held + self.marked

    def add(self, v: Verdict) -> None:
        self.total += 1
        self.held += v.held
        self.marked += v.marked
        self.errors += bool(v.error)


@dataclass(slots=True)
class EngineSummary:
    """One engine on the whole set: by label, by kind, and the legitimate messages it held."""

    engine: str
    by_label: dict[str, Tally] = field(default_factory=dict)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    held_ham: list[Verdict] = field(default_factory=list)
    actions: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)

    def rate(self, label: str, what: str = "held") -> float:
        t = self.by_label.get(label, Tally())
        n = t.held if what == "held" else t.held_or_marked
        return n / t.total if t.total else 0.0


def kind_key(v: Verdict) -> str:
    return f"{v.label}:{v.kind}"


def summarize(verdicts: Iterable[Verdict]) -> dict[str, EngineSummary]:
    """Per engine (in ENGINES order, only those that answered): the tallies and the held legitimate mail."""
    out: dict[str, EngineSummary] = {}
    for v in verdicts:
        s = out.setdefault(v.engine, EngineSummary(v.engine))
        s.by_label.setdefault(v.label, Tally()).add(v)
        s.by_kind.setdefault(kind_key(v), Tally()).add(v)
        s.actions[v.action] += 1
        if v.held and v.label == "ham":
            s.held_ham.append(v)
        if v.error and len(s.error_samples) < 3:
            s.error_samples.append(f"{v.name}: {v.error}")
    for s in out.values():
        s.held_ham.sort(key=lambda v: (-v.score, v.name))
        s.by_kind = dict(sorted(s.by_kind.items(), key=lambda kv: (kv[0].split(":")[0] != "ham", kv[0])))
    return {e: out[e] for e in (*ENGINES, *sorted(set(out) - set(ENGINES))) if e in out}


def _frac(n: int, total: int) -> str:
    return f"{n / total:.3f} ({n}/{total})" if total else "-"


def _count(n: int, total: int) -> str:
    return f"{n}/{total}" if total else "-"


def render(summaries: dict[str, EngineSummary], titles: dict[str, str], heading: str,
           max_symbols: int = 10) -> str:
    """The plain-text tables: engines side by side, then per kind, then every held legitimate message."""
    out = [heading, ""]
    out.append(f"  {'engine':<34} {'spam held':>17} {'spam held+marked':>17} {'ham held':>10} "
               f"{'ham held+marked':>16} {'errors':>7}")
    for e, s in summaries.items():
        spam, ham = s.by_label.get("spam", Tally()), s.by_label.get("ham", Tally())
        has_mark = e != SA
        out.append(f"  {titles.get(e, e):<34} {_frac(spam.held, spam.total):>17} "
                   f"{_frac(spam.held_or_marked, spam.total) if has_mark else '-':>17} "
                   f"{_count(ham.held, ham.total):>10} "
                   f"{_count(ham.held_or_marked, ham.total) if has_mark else '-':>16} "
                   f"{spam.errors + ham.errors:>7}")
    kinds = sorted({k for s in summaries.values() for k in s.by_kind},
                   key=lambda k: (k.split(":")[0] != "ham", k))
    out += ["", "  By kind: held / held+marked (SpamAssassin: held only), of total:"]
    out.append(f"  {'kind':<28} {'total':>6}" + "".join(f" {e:>14}" for e in summaries))
    for k in kinds:
        total = next(s.by_kind[k].total for s in summaries.values() if k in s.by_kind)
        cells = []
        for e, s in summaries.items():
            t = s.by_kind.get(k)
            cells.append("-" if t is None else str(t.held) if e == SA else f"{t.held} / {t.held_or_marked}")
        out.append(f"  {k:<28} {total:>6}" + "".join(f" {c:>14}" for c in cells))
    for e, s in summaries.items():
        out += ["", f"  Legitimate messages {e} held ({len(s.held_ham)}):"]
        for v in s.held_ham:
            more = f" +{len(v.symbols) - max_symbols}" if len(v.symbols) > max_symbols else ""
            out.append(f"    {v.score:7.2f}  {v.name}  {' '.join(v.symbols[:max_symbols])}{more}")
        if s.error_samples:
            out.append(f"  {e} errors, e.g.: {'; '.join(s.error_samples)}")
    return "\n".join(out)


def as_json(summaries: dict[str, EngineSummary]) -> dict[str, Any]:
    """The summaries as JSON-ready data."""
    def tally(t: Tally) -> dict[str, int]:
        return {"total": t.total, "held": t.held, "marked": t.marked, "held_or_marked": t.held_or_marked,
                "errors": t.errors}

    return {e: {"by_label": {k: tally(t) for k, t in s.by_label.items()},
                "spam_held_rate": s.rate("spam"), "spam_held_or_marked_rate": s.rate("spam", "either"),
                "ham_held_rate": s.rate("ham"), "ham_held_or_marked_rate": s.rate("ham", "either"),
                "by_kind": {k: tally(t) for k, t in s.by_kind.items()},
                "actions": dict(s.actions), "held_ham": [asdict(v) for v in s.held_ham],
                "error_samples": s.error_samples}
            for e, s in summaries.items()}
