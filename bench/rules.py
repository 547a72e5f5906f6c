"""Per-rule hit rates on the training corpus (ham and spam) and the CPU each check costs per message.

    .venv/bin/python -m bench.rules [--corpus PATH] [--checks NAME,...] [--sample N] [--json] [--examples N]

Every message is parsed once (timed apart), then each check runs on it with default settings and an empty
envelope (the corpus has no envelopes: sender checks fall back to Return-Path). The table lists every symbol
that fired: its score, how many ham and spam messages it hit, and the share of each; a rule whose ham share is
above 0.5% must score low. Below it: each check's mean and worst CPU time per message, the scored symbols that
never fired, and how many messages the chosen checks alone (without the statistical classifier, if it is not
among them) push over the add_header and quarantine thresholds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from core.detection.checks import ALL_CHECKS
from core.detection.checks.base import Check, ScanContext
from core.mail.mime import parse_message
from core.models import Envelope, Sender
from core.settings import Settings, load_settings

HAM_SHARE_LIMIT = 0.005  # above this a rule may only score low


@dataclass
class RuleReport:
    """What one run measured."""

    messages: Counter[str] = field(default_factory=Counter)  # label -> count
    hits: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # symbol -> label -> n
    examples: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    cpu_ns: Counter[str] = field(default_factory=Counter)  # check -> total
    worst_ns: Counter[str] = field(default_factory=Counter)  # check -> worst single message
    parse_ns: int = 0
    over: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # threshold -> label -> n


def pick_checks(names: str | None) -> tuple[Check, ...]:
    """ALL_CHECKS, or those of the comma-separated names (unknown names are an error)."""
    if not names:
        return ALL_CHECKS
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    known = {c.name: c for c in ALL_CHECKS}
    missing = [n for n in wanted if n not in known]
    if missing:
        raise SystemExit(f"unknown check(s): {', '.join(missing)}; known: {', '.join(sorted(known))}")
    return tuple(known[n] for n in wanted)


def measure(st: Settings, checks: tuple[Check, ...], corpus: Path, n: int | None, keep_examples: int) -> RuleReport:
    """Parse and scan every (sampled) corpus message; count symbols per label and time each check."""
    report = RuleReport()
    t = st.thresholds
    for item in sample(load_corpus(corpus), n):
        label = item.label
        report.messages[label] += 1
        t0 = time.process_time_ns()
        msg = parse_message(item.message, st.scan)
        report.parse_ns += time.process_time_ns() - t0
        ctx = ScanContext(settings=st, envelope=Envelope(), sender=Sender(), deadline=time.monotonic() + 60)
        score = 0.0
        seen: set[str] = set()
        for check in checks:
            t0 = time.process_time_ns()
            found = check.run(msg, ctx)
            spent = time.process_time_ns() - t0
            report.cpu_ns[check.name] += spent
            report.worst_ns[check.name] = max(report.worst_ns[check.name], spent)
            for sym in found:
                score += sym.score
                if sym.name in seen:
                    continue
                seen.add(sym.name)
                report.hits[sym.name][label] += 1
                ex = report.examples[sym.name][label]
                if len(ex) < keep_examples:
                    ex.append(f"{item.name.rsplit('/', 1)[-1][:12]} {' '.join(sym.options)[:100]}")
        for name, at in (("add_header", t.add_header), ("quarantine", t.quarantine)):
            if at and score >= at:
                report.over[name][label] += 1
    return report


def as_dict(report: RuleReport, st: Settings, checks: tuple[Check, ...]) -> dict[str, Any]:
    """The report as plain data (for --json and for the text table)."""
    total = sum(report.messages.values()) or 1
    ham, spam = report.messages["ham"] or 1, report.messages["spam"] or 1
    rules = []
    for symbol, by_label in sorted(report.hits.items(), key=lambda kv: -kv[1]["spam"] / spam + kv[1]["ham"] / ham):
        rules.append({
            "symbol": symbol, "score": st.score(symbol),
            "ham": by_label["ham"], "ham_share": by_label["ham"] / ham,
            "spam": by_label["spam"], "spam_share": by_label["spam"] / spam,
            "ham_over_limit": by_label["ham"] / ham > HAM_SHARE_LIMIT,
            "examples": {k: list(v) for k, v in report.examples[symbol].items()},
        })
    cost = [{"check": c.name, "mean_us": report.cpu_ns[c.name] / total / 1000,
             "worst_us": report.worst_ns[c.name] / 1000} for c in checks]
    return {
        "messages": dict(report.messages),
        "rules": rules,
        "cpu": cost,
        "checks_mean_us": sum(report.cpu_ns.values()) / total / 1000,
        "parse_mean_us": report.parse_ns / total / 1000,
        "over_threshold": {k: dict(v) for k, v in report.over.items()},
        "silent": sorted(sym for sym in st.scores if sym not in report.hits),
    }


def print_table(data: dict[str, Any], examples: bool) -> None:
    """The human-readable report on stdout."""
    msgs = data["messages"]
    print(f"corpus: {msgs.get('ham', 0)} ham, {msgs.get('spam', 0)} spam")
    print(f"{'symbol':28} {'score':>6} {'ham':>5} {'ham%':>7} {'spam':>5} {'spam%':>7}")
    for r in data["rules"]:
        flag = "  <- ham > 0.5%: must score low" if r["ham_over_limit"] else ""
        print(f"{r['symbol']:28} {r['score']:6.2f} {r['ham']:5d} {100 * r['ham_share']:6.2f}% "
              f"{r['spam']:5d} {100 * r['spam_share']:6.1f}%{flag}")
        if examples:
            for label, items in sorted(r["examples"].items()):
                for line in items:
                    print(f"{'':8}{label:5} {line}")
    print(f"\n{'check':24} {'mean us/msg':>12} {'worst us':>10}")
    for c in data["cpu"]:
        print(f"{c['check']:24} {c['mean_us']:12.1f} {c['worst_us']:10.0f}")
    print(f"{'all checks':24} {data['checks_mean_us']:12.1f}")
    print(f"{'(parsing)':24} {data['parse_mean_us']:12.1f}")
    print(f"\nno hits on this corpus: {', '.join(data['silent'])}")
    for name, by_label in data["over_threshold"].items():
        print(f"score >= {name}: ham {by_label.get('ham', 0)}, spam {by_label.get('spam', 0)}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m bench.rules", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="training corpus tarball")
    ap.add_argument("--checks", default="", help="comma-separated check names (default: every check)")
    ap.add_argument("--sample", type=int, default=None, help="scan only N messages (deterministic sample)")
    ap.add_argument("--examples", type=int, default=0, help="show up to N example hits per symbol and label")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    st = load_settings(environ={})
    checks = pick_checks(args.checks)
    report = measure(st, checks, args.corpus, args.sample, args.examples)
    data = as_dict(report, st, checks)
    if args.json:
        json.dump(data, sys.stdout, indent=2)
        print()
    else:
        print_table(data, bool(args.examples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
