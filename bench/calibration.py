"""Calibration benchmark: does a CLASSIFIER_* band mean what it says? A reliability table of the classifier's
spam probability before (raw logistic regression) and after Platt calibration, on mail the model did not see.

    .venv/bin/python -m bench.calibration [--folds 5] [--seed 0] [--split cv|time] [--modern [a|b]] [--corpus PATH]
                                          [--min-count N] [--drop-tokens PREFIX[,PREFIX...]] [--json]

For each split a model is trained in memory on the training part exactly as scripts/build-model trains the
shipped one (SpamModel.train: the raw model, then Platt scaling fitted on an inner out-of-fold split of the
training part only), and every held-out message is scored. The folds and the time split are bench.detection's
(stratified by spam / easy ham / hard ham; --split time trains on the older 60% of each and tests on the newer
40%). Per band: messages, ham among them, the observed spam fraction and the mean predicted probability, each
message banded by its own probability before and after calibration. Below the table: Brier score, log loss (of
probabilities clipped to [0.001, 0.999]) and the expected calibration error (|observed - predicted| per band,
weighted by messages).

For comparison, isotonic regression (pool-adjacent-violators) is fitted on the same inner out-of-fold log-odds
and scored on the same held-out messages (its probabilities clipped to Platt's smoothed targets, so that one
confident mistake does not make its log loss infinite).

--modern also scores bench.modern_mail's generated messages (never trained on) with a model trained on the whole
corpus: how far calibration transfers to mail it was not trained on; `--modern b` scores development set B
(bench.modern_mail_b) instead. Only the development sets A and B: the other modern sets are held out.

Under each table: how many ham reach p >= 0.8 (CLASSIFIER_80 and up) and how many spam p >= 0.5, calibrated.
`--min-count N` trains with another minimum document frequency than the shipped MIN_TOKEN_COUNT, and
`--drop-tokens PREFIX[,PREFIX...]` is an ablation for measuring only: tokens starting with any of the prefixes
(e.g. `from:local_digits:,fd:`) are removed before training and before scoring, so the figures show what the
model would be without that token class (the shipped model and the tokenizer are not changed).
"""

from __future__ import annotations

import argparse
import bisect
import importlib
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import load_corpus
from bench.detection import KINDS, SPAM, message_kinds, parse_split_args, say, split_parser, train_test_splits
from bench.model_build import corpus_tokens
from core.detection.checks.classifier import BANDS, band
from core.learning.spam_model import MIN_TOKEN_COUNT, SpamModel, fit_platt, out_of_fold_logits
from core.learning.tokenizer import tokenize
from core.mail.mime import parse_message
from core.settings import ScanSettings, load_settings

#: Held-out ham listed with their probabilities, highest first.
WORST_HAM = 10
#: The calibrated probabilities at which a ham / a spam is counted under each table (CLASSIFIER_80 and up; p >= 0.5).
HAM_HIGH = 0.8
SPAM_HALF = 0.5
#: Probabilities are clipped to [EPS, 1 - EPS] for the log loss: unclipped, the two or three spam messages the
#: model calls ham with p < 1e-6 decide it, whichever calibration is scored.
EPS = 1e-3


@dataclass(frozen=True, slots=True)
class Scored:
    """One held-out message: its label, raw log-odds, raw, Platt-calibrated and isotonic probabilities."""

    name: str
    spam: bool
    logit: float
    raw: float
    platt: float
    isotonic: float | None  # None where no isotonic fit was made


# ----------------------------------------------------------------------------------------------- isotonic


class Isotonic:
    """Isotonic regression of spam on raw log-odds (pool-adjacent-violators), a step function clipped to
    [lo, hi]; the comparison the module docstring describes, not something Mailward ships."""

    def __init__(self, logits: Sequence[float], labels: Sequence[bool]) -> None:
        spam = sum(labels)
        ham = len(labels) - spam
        self.lo, self.hi = 1 / (ham + 2), (spam + 1) / (spam + 2)
        blocks: list[list[float]] = []  # [lowest logit, spam count, messages]
        for z, y in sorted(zip(logits, labels, strict=True)):
            blocks.append([z, float(y), 1.0])
            while len(blocks) > 1 and blocks[-2][1] * blocks[-1][2] >= blocks[-1][1] * blocks[-2][2]:
                last = blocks.pop()
                blocks[-1][1] += last[1]
                blocks[-1][2] += last[2]
        self.starts = [b[0] for b in blocks]
        self.values = [b[1] / b[2] for b in blocks]

    def prob(self, logit: float) -> float:
        """The fitted spam fraction of the block this log-odds falls in."""
        i = max(bisect.bisect_right(self.starts, logit) - 1, 0)
        return min(max(self.values[i], self.lo), self.hi)


# ----------------------------------------------------------------------------------------------- scoring


def train_split(tokens: Sequence[list[str]], labels: Sequence[bool], train: Sequence[int],
                min_count: int = MIN_TOKEN_COUNT) -> tuple[SpamModel, Isotonic]:
    """SpamModel.train's model and calibration for the `train` messages (the same steps, done here so that
    the inner out-of-fold log-odds also fit the isotonic comparison); min_count: --min-count."""
    pairs = [(tokens[i], labels[i]) for i in train]
    model = SpamModel.train(pairs, calibration_folds=0, min_count=min_count)
    ys = [y for _, y in pairs]
    logits = out_of_fold_logits(pairs, min_count=min_count)
    model.calibration = fit_platt(logits, ys)
    return model, Isotonic(logits, ys)


def score_messages(model: SpamModel, iso: Isotonic | None, names: Sequence[str], tokens: Sequence[list[str]],
                   labels: Sequence[bool], test: Sequence[int]) -> list[Scored]:
    """Score the `test` messages with the model (raw and calibrated) and the isotonic fit."""
    out = []
    for i in test:
        result = model.score(tokens[i])
        if result is None:
            continue
        out.append(Scored(names[i], labels[i], result.logit, result.raw_prob, result.prob,
                          None if iso is None else iso.prob(result.logit)))
    return out


# ----------------------------------------------------------------------------------------------- figures


def reliability(scored: Sequence[Scored], prob: Callable[[Scored], float]) -> dict[str, Any]:
    """Per CLASSIFIER band (lowest first): messages, ham, observed spam fraction, mean predicted probability;
    and the Brier score, log loss and expected calibration error over all messages."""
    rows = []
    ece = 0.0
    n = len(scored)
    for _, symbol in reversed(BANDS):
        members = [s for s in scored if band(prob(s)) == symbol]
        if not members:
            rows.append({"band": symbol, "messages": 0, "ham": 0, "observed": None, "predicted": None})
            continue
        spam = sum(s.spam for s in members)
        observed = spam / len(members)
        predicted = sum(prob(s) for s in members) / len(members)
        ece += len(members) / n * abs(observed - predicted)
        rows.append({"band": symbol, "messages": len(members), "ham": len(members) - spam, "observed": observed,
                     "predicted": predicted})
    brier = sum((prob(s) - s.spam) ** 2 for s in scored) / n if n else 0.0
    log_loss = -sum(math.log(min(max(prob(s) if s.spam else 1 - prob(s), EPS), 1 - EPS)) for s in scored) / n \
        if n else 0.0
    return {"bands": rows, "brier": brier, "log_loss": log_loss, "ece": ece}


def auc(scored: Sequence[Scored]) -> float | None:
    """Area under the ROC curve of the raw log-odds: how well they rank spam above ham, which no monotone
    calibration changes (ties count half); None without both classes."""
    ranked = sorted(scored, key=lambda s: s.logit)
    spam = sum(s.spam for s in scored)
    ham = len(scored) - spam
    if not spam or not ham:
        return None
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j].logit == ranked[i].logit:
            j += 1
        mid = (i + j + 1) / 2  # the average 1-based rank of the tie
        rank_sum += mid * sum(s.spam for s in ranked[i:j])
        i = j
    return (rank_sum - spam * (spam + 1) / 2) / (spam * ham)


def summarize(scored: Sequence[Scored], calibrations: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Reliability before and after calibration (and of the isotonic comparison), the fits, the worst ham."""
    report: dict[str, Any] = {
        "messages": len(scored), "spam": sum(s.spam for s in scored), "auc": auc(scored),
        "ham_high": sum(1 for s in scored if not s.spam and s.platt >= HAM_HIGH),
        "spam_half": sum(1 for s in scored if s.spam and s.platt >= SPAM_HALF),
        "calibrations": list(calibrations),
        "before": reliability(scored, lambda s: s.raw),
        "after": reliability(scored, lambda s: s.platt),
    }
    if all(s.isotonic is not None for s in scored):
        iso = reliability(scored, lambda s: s.isotonic or 0.0)
        report["isotonic"] = {k: iso[k] for k in ("brier", "log_loss", "ece")}
    worst = sorted((s for s in scored if not s.spam), key=lambda s: -s.platt)[:WORST_HAM]
    report["worst_ham"] = [{"name": s.name, "logit": round(s.logit, 3), "raw": round(s.raw, 5),
                            "calibrated": round(s.platt, 5)} for s in worst]
    return report


def _f(x: float | None, fmt: str = "{:.3f}") -> str:
    return "-" if x is None else fmt.format(x)


def render_section(title: str, r: dict[str, Any]) -> list[str]:
    """One split's reliability table and scores as text lines."""
    b, a = r["before"], r["after"]
    out = [title, f"  {r['messages']} messages, {r['spam']} spam; ROC AUC of the log-odds {_f(r['auc'], '{:.4f}')} "
           "(calibration keeps the order); calibration " +
           "; ".join(f"a={c['a']:g} b={c['b']:g}" for c in r["calibrations"]), "",
           "                   before calibration (raw LR)          after calibration (Platt)",
           "  band             msgs   ham  observed  mean p         msgs   ham  observed  mean p"]
    for rb, ra in zip(b["bands"], a["bands"], strict=True):
        out.append(f"  {rb['band']:<15} {rb['messages']:>5} {rb['ham']:>5}  {_f(rb['observed']):>8}  "
                   f"{_f(rb['predicted'], '{:.4f}'):>6}        {ra['messages']:>5} {ra['ham']:>5}  "
                   f"{_f(ra['observed']):>8}  {_f(ra['predicted'], '{:.4f}'):>6}")
    out.append(f"  Brier score      {b['brier']:.5f} -> {a['brier']:.5f}     log loss {b['log_loss']:.4f} -> "
               f"{a['log_loss']:.4f}     ECE {b['ece']:.4f} -> {a['ece']:.4f}")
    ham = r["messages"] - r["spam"]
    out.append(f"  calibrated: ham at p >= {HAM_HIGH}: {r['ham_high']} of {ham}; spam at p >= {SPAM_HALF}: "
               f"{r['spam_half']} of {r['spam']}")
    if "isotonic" in r:
        iso = r["isotonic"]
        out.append(f"  (isotonic instead of Platt: Brier {iso['brier']:.5f}, log loss {iso['log_loss']:.4f}, "
                   f"ECE {iso['ece']:.4f})")
    if r["worst_ham"]:
        out.append("  ham with the highest calibrated p (raw -> calibrated):")
        out += [f"    {w['raw']:.4f} -> {w['calibrated']:.4f}  {Path(w['name']).name[:60]}" for w in r["worst_ham"][:5]]
    return out


def render(report: dict[str, Any]) -> str:
    """The plain-text report."""
    meta = report["meta"]
    out = [f"Mailward classifier calibration  {meta['started']}  ({meta['duration_s']:.0f} s)",
           f"corpus: {meta['corpus']}: {meta['messages']} messages ({meta['kinds']})"]
    if meta["drop_tokens"]:
        out.append(f"ablation: tokens starting with {', '.join(meta['drop_tokens'])} removed (training and scoring)")
    if meta["min_count"] != MIN_TOKEN_COUNT:
        out.append(f"ablation: tokens need {meta['min_count']} training messages for a weight "
                   f"(shipped: {MIN_TOKEN_COUNT})")
    out.append("")
    out += render_section(f"Out of sample on the corpus: {meta['split']}", report["corpus"])
    if "modern" in report:
        out += [""]
        out += render_section(f"Modern mail (set {meta['modern_set'].upper()}, never trained on), model trained on "
                              "the whole corpus", report["modern"])
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------- main


#: The modern development sets --modern may score (never the held-out ones).
MODERN_SETS = {"a": "bench.modern_mail", "b": "bench.modern_mail_b"}


def modern_messages(which: str = "a") -> list[Any]:
    """A modern development set's generated messages; SystemExit with a clear message if its package is missing."""
    try:
        module = importlib.import_module(MODERN_SETS[which])
        generate = module.generate
    except (ImportError, AttributeError) as exc:
        raise SystemExit(f"--modern needs {MODERN_SETS[which]} with generate() (the modern validation set), "
                         f"which is not available here: {exc}") from None
    return list(generate())


def token_filter(drop: Sequence[str]) -> Callable[[list[str]], list[str]]:
    """What --drop-tokens does to a message's tokens: those starting with any of the prefixes are removed."""
    prefixes = tuple(p for p in drop if p)
    if not prefixes:
        return lambda toks: toks
    return lambda toks: [t for t in toks if not t.startswith(prefixes)]


def score_modern(tokens: Sequence[list[str]], labels: Sequence[bool], scan: ScanSettings,
                 which: str = "a", drop: Sequence[str] = (), min_count: int = MIN_TOKEN_COUNT) -> dict[str, Any]:
    """The reliability of a model trained on the whole corpus on a modern development set."""
    items = modern_messages(which)
    say(f"modern set: {len(items)} messages; training on the whole corpus")
    model, iso = train_split(tokens, labels, range(len(tokens)), min_count)
    keep = token_filter(drop)
    m_tokens = [keep(tokenize(parse_message(item.raw, scan))) for item in items]
    names = [str(getattr(item, "name", "") or f"modern-{k}") + f" ({getattr(item, 'family', '?')})"
             for k, item in enumerate(items)]
    m_labels = [item.label == "spam" for item in items]
    scored = score_messages(model, iso, names, m_tokens, m_labels, range(len(items)))
    return summarize(scored, [model.calibration.to_doc()])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = split_parser(__doc__)
    ap.add_argument("--modern", nargs="?", const="a", choices=sorted(MODERN_SETS), default=None,
                    help="also score a modern development set (a: bench.modern_mail, the default; b: "
                         "bench.modern_mail_b) with a model trained on the whole corpus")
    ap.add_argument("--drop-tokens", default="", metavar="PREFIX[,PREFIX...]",
                    help="ablation (measuring only): remove tokens starting with these prefixes before training "
                         "and scoring, e.g. from:local_digits:,fd:")
    ap.add_argument("--min-count", type=int, default=MIN_TOKEN_COUNT, metavar="N",
                    help=f"measuring only: tokens seen in fewer than N training messages get no weight (the "
                         f"shipped model uses {MIN_TOKEN_COUNT})")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of the table")
    return parse_split_args(ap, argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.modern:
        modern_messages(args.modern)  # fail before the long corpus run if the set is not there
    started, t_start = time.strftime("%Y-%m-%d %H:%M:%S"), time.monotonic()
    scan = load_settings(environ={}).scan
    say(f"reading {args.corpus}")
    messages = load_corpus(args.corpus)
    kinds = message_kinds(messages)
    say(f"tokenizing {len(messages)} messages")
    drop = [p.strip() for p in args.drop_tokens.split(",") if p.strip()]
    keep = token_filter(drop)
    tokens = [keep(t) for t in corpus_tokens(messages, scan)]
    labels = [k == SPAM for k in kinds]
    names = [m.name for m in messages]
    splits, split_name = train_test_splits(messages, kinds, args)
    scored: list[Scored] = []
    fits = []
    for k, (train, test) in enumerate(splits, 1):
        say(f"split {k}/{len(splits)}: train and calibrate on {len(train)}, score {len(test)}")
        model, iso = train_split(tokens, labels, train, args.min_count)
        fits.append(model.calibration.to_doc())
        scored += score_messages(model, iso, names, tokens, labels, test)
    report: dict[str, Any] = {"corpus": summarize(scored, fits)}
    if args.modern:
        report["modern"] = score_modern(tokens, labels, scan, args.modern, drop, args.min_count)
    count = {k: kinds.count(k) for k in KINDS}
    report["meta"] = {"started": started, "duration_s": time.monotonic() - t_start, "cpus": os.cpu_count(),
                      "corpus": str(args.corpus), "split": split_name, "messages": len(messages),
                      "modern_set": args.modern or "", "drop_tokens": drop, "min_count": args.min_count,
                      "kinds": ", ".join(f"{n} {k}" for k, n in count.items())}
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
