"""Detection benchmark: spam recall, ham false positives, precision, F1 and CPU per message of the whole scan
pipeline, by cross-validation on the training corpus, then on the generated modern validation set.

    .venv/bin/python -m bench.detection [--folds 5] [--seed 0] [--split cv|time] [--corpus PATH] [--json]
                                        [--no-modern]

Held = quarantine. "Marked add header" = delivered with the score header: the verdict policy's answer to a score
that reached the hold threshold without corroboration (core.verdict_policy). The corpus messages are scanned
(--server cpanel, the default) as mail that no account of a cPanel server vouches for (SENDER_UNVERIFIED), so the
classifier's suspicion is corroborated by their origin; --server plain scans them on a server without cPanel
accounts, where only the classifier's near-certain band (CLASSIFIER_999, strong) or other evidence holds mail; the
modern set (bench.modern_detection) is scanned with the accounts and envelopes Exim would give.

For each fold the classifier is trained in memory on the other folds (the shipped model file is not used or
touched) and every held-out message goes through core.scan.pipeline.Pipeline.evaluate with every check, as the scan
worker runs it, with Redis-free policy stubs. A message counts as caught when the verdict holds it (quarantine).

--split time trains on the older 60% of each class (the corpus numbers messages in arrival order) and tests on
the newer 40%: a rough look at how the figures hold up on mail newer than the training set.

Easy and hard ham: the tarball's ham holds 2002 easy_ham (00001-02500) and the first half of hard_ham
(00001-00125) in one folder. Both sets number from 00001, so numbers 00001-00125 occur twice; of each pair the
easy_ham message is the one that starts with an mbox `From ` line dated on or after 22 Aug 2002 (when the
easy_ham collection started; hard_ham messages lack that line or carry older dates).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_CORPUS, CorpusMessage, load_corpus
from bench.modern_detection import (
    SETS,
    fresh_install_policy,
    printable,
    render_incoming,
    render_modern,
    scan_modern,
    summarize_incoming,
    summarize_modern,
)
from core.detection.checks import ALL_CHECKS
from core.detection.checks.base import Check
from core.detection.checks.classifier import ClassifierCheck
from core.identity.cpanel import MemoryCpanelAccounts
from core.learning.spam_model import SpamModel
from core.learning.tokenizer import tokenize
from core.mail.mime import parse_message
from core.models import Action, Envelope
from core.scan.pipeline import Pipeline
from core.settings import Settings, load_settings

SPAM, EASY, HARD = "spam", "easy ham", "hard ham"
KINDS = (SPAM, EASY, HARD)
EASY_HAM_SINCE = time.strptime("2002-08-22", "%Y-%m-%d")
_MBOX_DATE = re.compile(rb"^From \S+\s+\w{3} (\w{3})\s+(\d{1,2}) [\d:]{8} (\d{4})")
#: Score cut-offs of the ROC table around the default quarantine threshold (added if it is not among them).
SCORE_CUTOFFS = (3.0, 4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 8.0, 10.0)
#: Spam-probability cut-offs of the classifier alone (its CLASSIFIER_* bands start at most of these).
PROB_CUTOFFS = (0.1, 0.3, 0.5, 0.6, 0.8, 0.95, 0.99, 0.999)
TIME_TRAIN_FRACTION = 0.6
RECIPIENT = "someone@example.net"


def say(text: str) -> None:
    """Progress goes to stderr; stdout holds only the report."""
    print(text, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------ corpus


def _number(m: CorpusMessage) -> str:
    return Path(m.name).name.split(".", 1)[0]


def _easy_ham_mbox_line(raw: bytes) -> bool:
    m = _MBOX_DATE.match(raw[:200])
    if m is None:
        return False
    try:
        day = time.strptime(b" ".join(m.groups()).decode(), "%b %d %Y")
    except ValueError:
        return False
    return day >= EASY_HAM_SINCE


def message_kinds(messages: Sequence[CorpusMessage]) -> list[str]:
    """SPAM, EASY or HARD for each message (see the module docstring for how hard ham is told apart)."""
    numbers = Counter(_number(m) for m in messages if m.label == "ham")
    kinds = []
    for m in messages:
        if m.label == "spam":
            kinds.append(SPAM)
        elif numbers[_number(m)] > 1 and not _easy_ham_mbox_line(m.raw):
            kinds.append(HARD)
        else:
            kinds.append(EASY)
    return kinds


def cv_folds(kinds: Sequence[str], k: int, seed: int) -> list[list[int]]:
    """k folds, stratified by kind (spam, easy ham, hard ham), from a seeded shuffle."""
    folds: list[list[int]] = [[] for _ in range(k)]
    rnd = random.Random(seed)
    for kind in KINDS:
        idx = [i for i, x in enumerate(kinds) if x == kind]
        rnd.shuffle(idx)
        for j, i in enumerate(idx):
            folds[j % k].append(i)
    return [sorted(f) for f in folds]


def time_split(messages: Sequence[CorpusMessage], kinds: Sequence[str]) -> list[int]:
    """Indices of the newer (1 - TIME_TRAIN_FRACTION) of each kind, by corpus number (arrival order)."""
    test: list[int] = []
    for kind in KINDS:
        idx = sorted((i for i, x in enumerate(kinds) if x == kind), key=lambda i: messages[i].name)
        test.extend(idx[round(len(idx) * TIME_TRAIN_FRACTION):])
    return sorted(test)


def train_test_splits(messages: Sequence[CorpusMessage], kinds: Sequence[str],
                      args: argparse.Namespace) -> tuple[list[tuple[list[int], list[int]]], str]:
    """The (train, test) indices of each split that `args` (from split_parser) asks for, and its description."""
    if args.split == "time":
        test = time_split(messages, kinds)
        held_out = set(test)
        return ([([i for i in range(len(messages)) if i not in held_out], test)],
                f"time split: train on the older {TIME_TRAIN_FRACTION:.0%} of each kind, test on the rest")
    folds = cv_folds(kinds, args.folds, args.seed)
    return ([([i for j, f in enumerate(folds) if j != k for i in f], fold) for k, fold in enumerate(folds)],
            f"{args.folds}-fold stratified cross-validation, seed {args.seed}")


# ----------------------------------------------------------------------------------------------- scanning


@dataclass(slots=True)
class Outcome:
    """What the pipeline did with one held-out message."""

    name: str
    kind: str
    action: str
    score: float
    symbols: list[str]
    prob: float | None  # the classifier's spam probability (None if it abstained)

    @property
    def held(self) -> bool:
        return self.action == Action.QUARANTINE.value


@dataclass(slots=True)
class Run:
    """Every held-out outcome and the cost of producing them."""

    outcomes: list[Outcome] = field(default_factory=list)
    cpu_s: float = 0.0
    wall_s: float = 0.0
    train_s: float = 0.0


def fold_checks(model: SpamModel) -> tuple[Check, ...]:
    """ALL_CHECKS with the classifier check scoring with `model` instead of the shipped file."""
    checks = tuple(ClassifierCheck(model) if c.name == ClassifierCheck.name else c for c in ALL_CHECKS)
    if not any(c.name == ClassifierCheck.name for c in ALL_CHECKS):
        checks += (ClassifierCheck(model),)
    return checks


def _prob(options: Sequence[str]) -> float | None:
    for opt in options:
        if opt.startswith("p="):
            return float(opt[2:])
    return None


def server_accounts(server: str) -> MemoryCpanelAccounts:
    """The account map the corpus is scanned against: "cpanel" is a cPanel server none of whose accounts sends the
    corpus mail (its origin is unvouched: SENDER_UNVERIFIED); "plain" a server without cPanel accounts."""
    accounts = MemoryCpanelAccounts()
    if server == "cpanel":
        accounts.add_account("hosting", "hosting-customer.example")
    return accounts


def scan_fold(messages: Sequence[CorpusMessage], kinds: Sequence[str], tokens: Sequence[list[str]],
              senders: Sequence[str], train: Sequence[int], test: Sequence[int], settings: Settings, run: Run,
              server: str = "cpanel") -> None:
    """Train on `train`, then evaluate every `test` message through the full pipeline."""
    t0 = time.process_time()
    model = SpamModel.train((tokens[i], kinds[i] == SPAM) for i in train)
    run.train_s += time.process_time() - t0
    pipe = Pipeline(settings, server_accounts(server), fold_checks(model))
    policy = fresh_install_policy()
    for i in test:
        env = Envelope(sender=senders[i], recipients=[RECIPIENT], user=senders[i], ip="127.0.0.1")
        w0, c0 = time.perf_counter(), time.process_time()
        verdict, _ = pipe.evaluate(messages[i].message, env, policy)
        run.cpu_s += time.process_time() - c0
        run.wall_s += time.perf_counter() - w0
        prob = next((_prob(s.options) for s in verdict.symbols if s.name.startswith("CLASSIFIER_")), None)
        run.outcomes.append(Outcome(messages[i].name, kinds[i], verdict.action.value, verdict.score,
                                    [s.name for s in verdict.symbols], prob))


# ----------------------------------------------------------------------------------------------- figures


def rates(caught: dict[str, int], totals: dict[str, int]) -> dict[str, Any]:
    """Recall, FP rates (all ham, easy, hard), precision and F1 from counts of caught messages per kind."""
    tp = caught[SPAM]
    fp = caught[EASY] + caught[HARD]
    ham = totals[EASY] + totals[HARD]
    recall = tp / totals[SPAM] if totals[SPAM] else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    return {
        "spam_recall": recall, "spam_caught": tp, "spam": totals[SPAM],
        "ham_fp_rate": fp / ham if ham else 0.0, "ham_fp": fp, "ham": ham,
        "easy_fp_rate": caught[EASY] / totals[EASY] if totals[EASY] else 0.0, "easy_fp": caught[EASY],
        "easy": totals[EASY],
        "hard_fp_rate": caught[HARD] / totals[HARD] if totals[HARD] else 0.0, "hard_fp": caught[HARD],
        "hard": totals[HARD],
        "precision": precision, "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    }


def summarize(run: Run, settings: Settings) -> dict[str, Any]:
    """The report: figures at the default thresholds, ROC points, and the messages that went wrong."""
    outs = run.outcomes
    totals = Counter(o.kind for o in outs)
    held = Counter(o.kind for o in outs if o.held)
    threshold = settings.thresholds.quarantine
    cutoffs = sorted(set(SCORE_CUTOFFS) | {threshold})
    winexec = {o.name for o in outs if o.held and o.score < threshold}  # held for another reason than score
    roc = []
    for cut in cutoffs:
        caught = Counter(o.kind for o in outs if o.score >= cut or o.name in winexec)
        roc.append({"cutoff": cut, **rates(caught, totals)})
    alone = []
    for cut in PROB_CUTOFFS:
        caught = Counter(o.kind for o in outs if o.prob is not None and o.prob >= cut)
        alone.append({"cutoff": cut, **rates(caught, totals)})
    n = len(outs)
    false_pos = sorted((o for o in outs if o.held and o.kind != SPAM), key=lambda o: -o.score)
    missed = [o for o in outs if not o.held and o.kind == SPAM]
    missed_symbols = Counter(s for o in missed for s in o.symbols)
    flagged = Counter(o.kind for o in outs if o.action == Action.ADD_HEADER.value)
    return {
        "at_defaults": {"quarantine_threshold": threshold, **rates(held, totals),
                        "ham_flagged": flagged[EASY] + flagged[HARD], "spam_flagged": flagged[SPAM]},
        "speed": {"messages": n, "cpu_ms_per_message": 1000 * run.cpu_s / n if n else 0.0,
                  "msgs_per_s": n / run.wall_s if run.wall_s else 0.0, "train_cpu_s": run.train_s},
        "roc": roc,
        "classifier_alone": alone,
        "false_positives": [{"name": o.name, "kind": o.kind, "score": round(o.score, 2), "prob": o.prob,
                             "symbols": o.symbols} for o in false_pos],
        "missed_spam": {"count": len(missed), "by_score": _histogram([o.score for o in missed]),
                        "symbols": dict(missed_symbols.most_common(12))},
    }


def _histogram(scores: Sequence[float]) -> dict[str, int]:
    bins = Counter("<0" if s < 0 else "0-3" if s < 3 else "3-5" if s < 5 else ">=5" for s in scores)
    return {k: bins[k] for k in ("<0", "0-3", "3-5", ">=5") if bins[k]}


def _pct(x: float) -> str:
    return f"{100 * x:.2f}%"


def _row(r: dict[str, Any], fmt: str) -> str:
    return (f"  {fmt.format(r['cutoff']):>8}  {r['spam_recall']:.3f} ({r['spam_caught']:>3}/{r['spam']})  "
            f"{_pct(r['ham_fp_rate']):>7} ({r['ham_fp']:>2})  {_pct(r['easy_fp_rate']):>7} ({r['easy_fp']:>2})  "
            f"{_pct(r['hard_fp_rate']):>7} ({r['hard_fp']:>2})  {r['precision']:.3f}  {r['f1']:.3f}")


def render(report: dict[str, Any]) -> str:
    """The plain-text report."""
    meta, d, sp = report["meta"], report["at_defaults"], report["speed"]
    header = "  cut-off  recall           ham FP        easy FP       hard FP       prec.  F1"
    out = [
        f"Mailward detection benchmark  {meta['started']}  ({meta['split']}; {meta['duration_s']:.0f} s, "
        f"{meta['cpus']} CPUs, load {meta['load_start']:.2f})",
        f"corpus: {meta['corpus']}: {meta['messages']} messages ({meta['kinds']}); "
        f"{meta['checks']} checks in the pipeline",
        "",
        f"Full pipeline at the default thresholds (held = quarantine; score >= {d['quarantine_threshold']:g}):",
        f"  spam recall    {d['spam_recall']:.4f}  ({d['spam_caught']}/{d['spam']})",
        f"  ham FP rate    {_pct(d['ham_fp_rate'])}  ({d['ham_fp']}/{d['ham']})   easy {_pct(d['easy_fp_rate'])} "
        f"({d['easy_fp']}/{d['easy']})   hard {_pct(d['hard_fp_rate'])} ({d['hard_fp']}/{d['hard']})",
        f"  marked add hdr ham {d['ham_flagged']}, spam {d['spam_flagged']} (delivered with the score header)",
        f"  precision      {d['precision']:.4f}   F1 {d['f1']:.4f}",
        f"  speed          {sp['msgs_per_s']:.0f} msgs/s, {sp['cpu_ms_per_message']:.2f} ms CPU per message "
        f"(Pipeline.evaluate: parse, attribution, every check; one process)",
        "",
        "ROC of the whole pipeline (held if score >= cut-off):",
        header,
        *(_row(r, "{:g}") for r in report["roc"]),
        "",
        "The classifier alone (held if its spam probability >= cut-off):",
        header,
        *(_row(r, "{:g}") for r in report["classifier_alone"]),
        "",
        f"False positives at the defaults ({len(report['false_positives'])}):",
    ]
    for fp in report["false_positives"]:
        prob = "-" if fp["prob"] is None else f"{fp['prob']:.3f}"
        out.append(f"  {fp['score']:6.2f}  p={prob}  {fp['kind']:<8} {Path(fp['name']).name[:20]}  "
                   f"{' '.join(fp['symbols'])}")
    ms = report["missed_spam"]
    out += ["", f"Missed spam: {ms['count']}; by score {ms['by_score']}; symbols on them {ms['symbols']}"]
    return "\n".join(out)


# -------------------------------------------------------------------------------------------------- main


def split_parser(doc: str) -> argparse.ArgumentParser:
    """An argument parser described by the first paragraph of `doc`, with the corpus and split options."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="training corpus tarball (read in memory)")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the stratified fold shuffle (default 0)")
    ap.add_argument("--split", choices=("cv", "time"), default="cv",
                    help="cv: k-fold cross-validation (default); time: train on older 60%%, test on newer 40%%")
    return ap


def parse_split_args(ap: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse `argv` with a split_parser's parser, refusing fewer than two folds."""
    args = ap.parse_args(argv)
    if args.folds < 2:
        ap.error("--folds must be at least 2")
    return args


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = split_parser(__doc__)
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of the table")
    ap.add_argument("--server", choices=("cpanel", "plain"), default="cpanel",
                    help="cpanel: scan the corpus on a cPanel server none of whose accounts sent it (default); "
                         "plain: on a server without cPanel accounts")
    ap.add_argument("--no-modern", action="store_true",
                    help="skip the generated modern validation set (bench.modern_detection)")
    return parse_split_args(ap, argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started, t_start, load_start = time.strftime("%Y-%m-%d %H:%M:%S"), time.monotonic(), os.getloadavg()[0]
    settings = load_settings(environ={})  # built-in defaults: the figures are those of a fresh install
    say(f"reading {args.corpus}")
    messages = load_corpus(args.corpus)
    kinds = message_kinds(messages)
    say(f"tokenizing {len(messages)} messages")
    parsed = [parse_message(m.message, settings.scan) for m in messages]
    tokens = [tokenize(p) for p in parsed]
    senders = [p.from_addr or "sender@example.com" for p in parsed]
    del parsed
    run = Run()
    splits, split_name = train_test_splits(messages, kinds, args)
    for k, (train, test) in enumerate(splits, 1):
        say(f"split {k}/{len(splits)}: train {len(train)}, scan {len(test)}")
        scan_fold(messages, kinds, tokens, senders, train, test, settings, run, args.server)
    report = summarize(run, settings)
    count = Counter(o.kind for o in run.outcomes)
    report["meta"] = {
        "started": started, "duration_s": time.monotonic() - t_start, "cpus": os.cpu_count(),
        "load_start": load_start, "corpus": str(args.corpus), "split": f"{split_name}; server {args.server}",
        "messages": len(run.outcomes), "kinds": ", ".join(f"{count[k]} {k}" for k in KINDS),
        "checks": len(fold_checks(SpamModel())),
    }
    if not args.no_modern:
        say(f"scanning the modern validation sets {SETS[0].upper()} to {SETS[-1].upper()}")
        report["modern"] = summarize_modern(scan_modern(settings))
        for w in SETS[1:]:  # B a development set, C on held out: aggregates only (modern_detection.printable)
            report[f"modern_{w}"] = printable(summarize_modern(scan_modern(settings, which=w)), w)
        report["modern_incoming"] = {w: summarize_incoming(scan_modern(settings, which=w, incoming=True))
                                     for w in SETS}
    print(json.dumps(report, indent=2) if args.json else render(report))
    if not args.json and "modern" in report:
        print("\n" + render_modern(report["modern"]))
        for w in SETS[1:]:
            print("\n" + render_modern(report[f"modern_{w}"], w))
        print("\n" + render_incoming(report["modern_incoming"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
