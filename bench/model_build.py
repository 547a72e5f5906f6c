"""Build the spam classifier's model file from the training corpus, reproducibly (scripts/build-model).

    .venv/bin/python -m bench.model_build [--corpus PATH] [--out PATH] [--check]

The same corpus gives a byte-identical file: messages are read in name order, tokens are deterministic, training
and its out-of-fold calibration (an inner stratified k-fold with a fixed seed, then Platt scaling; see
core.learning.spam_model) are seeded, the JSON has sorted keys and the gzip header no timestamp. --check rebuilds in
memory and fails if the shipped file differs (a stale model after a tokenizer change, or a hand-edited file).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import DEFAULT_CORPUS, REPO_ROOT, CorpusMessage, load_corpus
from core.learning.spam_model import SpamModel
from core.learning.tokenizer import tokenize
from core.mail.mime import parse_message
from core.settings import ScanSettings, load_settings
from core.store.classifier import MODEL_RESOURCE

SHIPPED_MODEL = REPO_ROOT / "core" / MODEL_RESOURCE


def corpus_tokens(messages: Sequence[CorpusMessage], scan: ScanSettings) -> list[list[str]]:
    """Each message's tokens, as a scan of the message (mbox From line removed) would see them."""
    return [tokenize(parse_message(m.message, scan)) for m in messages]


def build(messages: Sequence[CorpusMessage], corpus_sha256: str, corpus_name: str, scan: ScanSettings) -> SpamModel:
    """Fit and calibrate the model on every message of the corpus, recording where it came from."""
    tokens = corpus_tokens(messages, scan)
    labels = [m.label == "spam" for m in messages]
    meta = {"created_from": {"corpus": corpus_name, "sha256": corpus_sha256,
                             "ham": labels.count(False), "spam": labels.count(True)},
            "built_by": "scripts/build-model"}
    return SpamModel.train(zip(tokens, labels, strict=True), meta=meta)


def meta_counts(model: SpamModel) -> str:
    """"N ham + M spam messages" from the model's record of its corpus."""
    origin = model.meta.get("created_from", {})
    return f"{origin.get('ham', '?')} ham + {origin.get('spam', '?')} spam messages"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="training corpus tarball")
    ap.add_argument("--out", type=Path, default=SHIPPED_MODEL, help=f"model file to write (default {SHIPPED_MODEL})")
    ap.add_argument("--check", action="store_true", help="do not write: fail if --out differs from a fresh build")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    corpus_bytes = args.corpus.read_bytes()
    messages = load_corpus(args.corpus)
    scan = load_settings(environ={}).scan  # built-in bounds, whatever the local admin file says
    model = build(messages, hashlib.sha256(corpus_bytes).hexdigest(), args.corpus.name, scan)
    data = model.to_bytes()
    cal = model.calibration
    summary = (f"{meta_counts(model)}, {len(model.weights)} token weights, calibration a={cal.a:g} b={cal.b:g}, "
               f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != data:
            print(f"{args.out} differs from a fresh build ({summary}): run scripts/build-model", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date: {summary}")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(args.out)
    print(f"wrote {args.out}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
