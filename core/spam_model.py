"""The spam classifier's model: logistic regression over a message's tokens, and its versioned model file.

Each token present in a message adds its weight to the log-odds that the message is spam. The weights are
fitted by regularised logistic regression (AdaGrad SGD, a fixed shuffle seed, so training is reproducible) on
the training corpus. Compared on that corpus with Robinson/Fisher chi-square combining of token counts (the
SpamBayes / SpamAssassin Bayes method) on the same tokens, it catches as much spam at the same false-positive
rate in cross-validation and clearly more when trained on older mail and tested on newer mail: fitted weights
give words common to both classes little say, where counting calls every word never seen in the small spam sample
a strong ham clue.

Online learning (core.store_classifier) adds to weights: learning a message moves the weights of its tokens, all
by the same step, just far enough that the model calls it what it was learned as, with a margin.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import json
import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from core.errors import ModelError
from core.tokenizer import TOKENIZER_VERSION

MODEL_FORMAT = "mailward-spam-model"
#: Bumped when the file layout or the meaning of its numbers changes.
MODEL_VERSION = 1
#: Training: passes over the data, AdaGrad base rate, L2 penalty, shuffle seed.
EPOCHS = 10
LEARNING_RATE = 0.1
L2 = 1e-4
BIAS_RATE = 0.01
SEED = 1
#: Tokens seen in fewer training messages get no weight: they seldom recur in newer mail and only grow the file.
MIN_TOKEN_COUNT = 2
#: Weights are stored with this many decimals (keeps the file small; far below what changes a verdict).
WEIGHT_DECIMALS = 4
#: Log-odds are clipped here before the logistic function (p stays within about 1e-13 of 0 and 1).
MAX_LOGIT = 30.0
#: Online learning moves a message to this log-odds (about p = 0.99 or 0.01), never further.
LEARN_MARGIN = 4.6
#: ... by at most this much per token and per learned message, so a short message cannot swing its few tokens.
MAX_LEARN_STEP = 0.5
#: What online learning added to one token's weight counts at most this much (the stored sum stays exact, so
#: unlearning still restores it).
MAX_LEARNED_DELTA = 3.0
#: Tokens listed in a score for explanation.
TOP_TOKENS = 5


class LearnedSource(Protocol):
    """Where a scan finds what online learning added to its tokens' weights (core.store_classifier, or a stub)."""

    def learned(self, tokens: Sequence[str]) -> Mapping[str, float]: ...


@dataclass(slots=True)
class SpamScore:
    """A message's spam probability, its log-odds and the tokens that pushed it most towards spam."""

    prob: float
    logit: float
    top: list[tuple[str, float]]


@dataclass(slots=True)
class SpamModel:
    """Token -> weight, plus a bias: the log-odds of spam for a message is bias + the weights of its tokens."""

    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def train(cls, messages: Iterable[tuple[Sequence[str], bool]], *, meta: dict[str, Any] | None = None,
              epochs: int = EPOCHS, min_count: int = MIN_TOKEN_COUNT) -> SpamModel:
        """Fit weights to (tokens, is_spam) pairs; deterministic for the same pairs in the same order."""
        data = [(list(dict.fromkeys(tokens)), bool(is_spam)) for tokens, is_spam in messages]
        seen = Counter(tok for tokens, _ in data for tok in tokens)
        data = [([t for t in tokens if seen[t] >= min_count], y) for tokens, y in data]
        weights: dict[str, float] = {}
        grad_sq: dict[str, float] = {}
        bias = 0.0
        order = list(range(len(data)))
        rnd = random.Random(SEED)
        for _ in range(epochs):
            rnd.shuffle(order)
            for i in order:
                tokens, is_spam = data[i]
                z = bias + sum(weights.get(t, 0.0) for t in tokens)
                err = _sigmoid(z) - (1.0 if is_spam else 0.0)
                for t in tokens:
                    w = weights.get(t, 0.0)
                    g = err + L2 * w
                    acc = grad_sq.get(t, 1e-8) + g * g
                    grad_sq[t] = acc
                    weights[t] = w - LEARNING_RATE * g / math.sqrt(acc)
                bias -= BIAS_RATE * err
        rounded = {t: round(w, WEIGHT_DECIMALS) for t, w in weights.items()}
        return cls(bias=round(bias, WEIGHT_DECIMALS), weights={t: w for t, w in rounded.items() if w},
                   meta=dict(meta or {}))

    def logit(self, tokens: Sequence[str], learned: Mapping[str, float] | None = None) -> float:
        """bias + the weights of the tokens, each with what online learning added to it (capped)."""
        weights = self.weights
        z = self.bias
        if learned:
            for t in tokens:
                z += weights.get(t, 0.0) + _clamp(learned.get(t, 0.0), MAX_LEARNED_DELTA)
        else:
            for t in tokens:
                z += weights.get(t, 0.0)
        return _clamp(z, MAX_LOGIT)

    def score(self, tokens: Sequence[str], learned: Mapping[str, float] | None = None) -> SpamScore | None:
        """Spam probability of a message's tokens; None if the model has no weights (abstains)."""
        if not self.weights:
            return None
        z = self.logit(tokens, learned)
        extra = learned or {}
        weights = self.weights
        top = heapq.nlargest(TOP_TOKENS, ((weights.get(t, 0.0) + _clamp(extra.get(t, 0.0), MAX_LEARNED_DELTA), t)
                                          for t in tokens))
        return SpamScore(prob=_sigmoid(z), logit=z, top=[(t, round(w, 3)) for w, t in top if w > 0])

    def to_bytes(self) -> bytes:
        """The model file: gzip'd JSON with sorted keys and a zero gzip timestamp (equal models, equal bytes)."""
        doc = {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "tokenizer_version": TOKENIZER_VERSION,
            "meta": self.meta,
            "params": model_params(),
            "bias": self.bias,
            "weights": self.weights,
        }
        text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)

    @classmethod
    def from_bytes(cls, data: bytes) -> SpamModel:
        """Read a model file, refusing another format, model version or tokenizer version."""
        try:
            doc = json.loads(gzip.decompress(data).decode("utf-8"))
        except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
            raise ModelError(f"not a readable model file: {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != MODEL_FORMAT:
            raise ModelError("not a Mailward spam model file")
        if doc.get("version") != MODEL_VERSION:
            raise ModelError(f"model file version {doc.get('version')!r}; this Mailward reads version {MODEL_VERSION}")
        if doc.get("tokenizer_version") != TOKENIZER_VERSION:
            raise ModelError(f"model made for tokenizer version {doc.get('tokenizer_version')!r}; this Mailward "
                             f"tokenizes with version {TOKENIZER_VERSION}: rebuild it with scripts/build-model")
        try:
            weights = {str(t): float(w) for t, w in doc["weights"].items()}
            return cls(bias=float(doc["bias"]), weights=weights, meta=dict(doc.get("meta") or {}))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"model file is incomplete: {exc!r}") from None

    def digest(self) -> str:
        """sha256 of the model file bytes (names a model in logs and reports)."""
        return hashlib.sha256(self.to_bytes()).hexdigest()


def learn_step(logit: float, spam: bool, tokens: int) -> float:
    """What learning adds to each of a message's `tokens` weights so that its log-odds reaches the margin.

    0 if the model already calls the message what it is learned as, with the margin to spare.
    """
    if tokens <= 0:
        return 0.0
    target = LEARN_MARGIN if spam else -LEARN_MARGIN
    gap = target - logit
    if (spam and gap <= 0) or (not spam and gap >= 0):
        return 0.0
    return _clamp(gap / tokens, MAX_LEARN_STEP)


def model_params() -> dict[str, float | int]:
    """The training and learning constants a model file was made with (recorded so a change shows)."""
    return {"epochs": EPOCHS, "learning_rate": LEARNING_RATE, "l2": L2, "bias_rate": BIAS_RATE, "seed": SEED,
            "min_token_count": MIN_TOKEN_COUNT, "weight_decimals": WEIGHT_DECIMALS}


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-_clamp(z, MAX_LOGIT)))


def _clamp(x: float, bound: float) -> float:
    return bound if x > bound else -bound if x < -bound else x
