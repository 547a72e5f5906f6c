"""What the statistical classifier costs per message, in-process: CPU µs of tokenize() and of SpamModel.score()
(without learned weights, and with every tenth token of a message learned) over the corpus (parsed once
beforehand), the median of several rounds, plus a digest of every token list and score so that two trees can be
checked to give the same output.

    .venv/bin/python -m bench.tokenize_cost [--corpus PATH] [--messages N] [--rounds 7]

CPU time (process_time), not wall time, so it is less noisy on a busy machine; still, compare trees alternately.
The digest line must be the same before and after a change that is meant to change nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from collections.abc import Sequence

from bench.corpus import DEFAULT_CORPUS, load_corpus
from core.learning.tokenizer import tokenize
from core.mail.mime import parse_message
from core.settings import load_settings
from core.store.classifier import load_model


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--messages", type=int, default=None, help="the first N messages (default: all)")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args(argv)

    settings = load_settings(environ={})
    corpus = load_corpus(args.corpus)[:args.messages]
    msgs = [parse_message(m.message, settings.scan) for m in corpus]
    model = load_model()
    token_lists = [tokenize(m) for m in msgs]  # also a warm-up round

    # as if online learning had moved every tenth token of each message (score with learned weights)
    learned = [{t: 0.25 - i % 3 for i, t in enumerate(tokens[::10])} for tokens in token_lists]
    tok_rounds, score_rounds, learned_rounds = [], [], []
    for _ in range(args.rounds):
        t = time.process_time()
        for m in msgs:
            tokenize(m)
        tok_rounds.append(time.process_time() - t)
        t = time.process_time()
        for tokens in token_lists:
            model.score(tokens)
        score_rounds.append(time.process_time() - t)
        t = time.process_time()
        for tokens, extra in zip(token_lists, learned, strict=True):
            model.score(tokens, extra)
        learned_rounds.append(time.process_time() - t)

    digest = hashlib.sha1()
    for m, tokens, extra in zip(msgs, token_lists, learned, strict=True):
        again = tokenize(m)
        if again != tokens:
            print("tokenize is not deterministic", file=sys.stderr)
            return 1
        digest.update("\x00".join(tokens).encode("utf-8", "surrogatepass") + b"\x01")
        for result in (model.score(tokens), model.score(tokens, extra)):
            if result is not None:
                digest.update(repr((result.prob, result.logit, result.top)).encode())
    n = len(msgs)
    print(f"{n} messages, {args.rounds} rounds (CPU time, median)")
    for name, rounds in (("tokenize", tok_rounds), ("score", score_rounds), ("score+learned", learned_rounds)):
        print(f"{name + ':':14s} {statistics.median(rounds) * 1e6 / n:8.1f} µs/msg   (min {min(rounds) * 1e6 / n:.1f})")
    print(f"digest of tokens and scores: {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
