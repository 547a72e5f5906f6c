"""Every verdict of bench.detection (corpus folds and the modern set) with its symbols, scores, options, reasons and
evidence, plus each corpus message's campaign fingerprint and token list (as sha1), written to one JSON file; and
the comparison of two such files. For changes that must not change any verdict (issue 16's speed work):

    .venv/bin/python -m bench.verdict_dump OUT.json            # on the old tree (PYTHONPATH=OLD_TREE) and the new
    .venv/bin/python -m bench.verdict_dump --compare OLD.json NEW.json   # exit 0 when identical

Floats are written with repr(), so "identical" means the same bits. Takes a few minutes (five folds and the
modern set, as bench.detection runs them).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

KEYS = ("report", "records", "fingerprints", "tokens")


def _without_timings(report: dict[str, Any]) -> dict[str, Any]:
    """The report less what differs from run to run (dates, CPU times): of the corpus and of each modern set."""
    for volatile in ("meta", "speed"):
        report.pop(volatile, None)
    for name, section in report.items():
        if name.startswith("modern") and isinstance(section, dict):
            section.pop("cpu_ms_per_message", None)
            for listed in ("held_ham", "missed_spam"):  # a list of messages; set E's held ham is only a count
                items = section.get(listed, [])
                for item in items if isinstance(items, list) else ():
                    item.pop("cpu_ms", None)
    return report


def dump(out: Path) -> int:
    import core.scan.pipeline as pipeline_module
    from bench import detection
    from bench.corpus import DEFAULT_CORPUS, load_corpus
    from core.learning.fingerprint import fingerprint_message
    from core.learning.tokenizer import tokenize
    from core.mail.mime import parse_message
    from core.settings import load_settings

    records: list[dict[str, Any]] = []
    evaluate = pipeline_module.Pipeline.evaluate

    def recording(self: Any, raw: bytes, envelope: Any, policy: Any) -> Any:
        verdict, msg = evaluate(self, raw, envelope, policy)
        records.append({
            "sha": hashlib.sha1(raw).hexdigest(), "action": verdict.action.value, "score": repr(verdict.score),
            "reasons": [str(r) for r in verdict.reasons],
            "symbols": [[s.name, repr(s.score), s.description, list(s.options)] for s in verdict.symbols],
            "evidence": list(verdict.evidence), "message": verdict.message, "sender": repr(verdict.sender),
        })
        return verdict, msg

    pipeline_module.Pipeline.evaluate = recording  # type: ignore[method-assign]
    try:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            detection.main(["--json"])
    finally:
        pipeline_module.Pipeline.evaluate = evaluate  # type: ignore[method-assign]
    report = _without_timings(json.loads(buf.getvalue()))
    settings = load_settings(environ={})
    fingerprints, tokens = [], []
    for m in load_corpus(DEFAULT_CORPUS):
        parsed = parse_message(m.message, settings.scan)
        fp = fingerprint_message(parsed, ["a@example.com"], min_words=int(settings.check_param("campaign_min_words")))
        fingerprints.append(repr(fp))
        tokens.append(hashlib.sha1("\x00".join(tokenize(parsed)).encode()).hexdigest())
    out.write_text(json.dumps({"report": report, "records": records, "fingerprints": fingerprints,
                               "tokens": tokens}, indent=0, sort_keys=True))
    print(f"{len(records)} verdicts, {len(fingerprints)} fingerprints and token lists -> {out}")
    return 0


def compare(old_path: Path, new_path: Path) -> int:
    old, new = (json.loads(p.read_text()) for p in (old_path, new_path))
    for doc in (old, new):
        doc["report"] = _without_timings(doc["report"])
    same = True
    for key in KEYS:
        a, b = old[key], new[key]
        if a == b:
            print(f"{key}: identical ({len(a)})")
            continue
        same = False
        if isinstance(a, list):
            diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
            print(f"{key}: DIFFERENT ({len(a)} vs {len(b)} entries; first differing: {diffs[:5]})")
            for i in diffs[:3]:
                print(f"  old: {a[i]}\n  new: {b[i]}")
        else:
            print(f"{key}: DIFFERENT in {sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))}")
    print("IDENTICAL" if same else "DIFFERENT")
    return 0 if same else 1


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, help="where to write the dump")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"), help="compare two dumps")
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("give OUT.json or --compare OLD NEW")
    return dump(args.out)


if __name__ == "__main__":
    sys.exit(main())
