"""The token-count spam model: training, Robinson/Fisher chi-square scoring, and the versioned model file.

The model keeps, per token, how many ham and spam training messages held it. A message's spam probability
combines the per-token probabilities of its strongest clues with Fisher's chi-square method, as SpamBayes and
SpamAssassin's Bayes do: it says 0.5 ("unsure") when the evidence is weak or points both ways, and the
extremes only when many clues agree. Counts (not fitted weights) make online learning a matter of adding to
them, which Redis does atomically for every worker host (core.store_bayes).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from core.tokenizer import TOKENIZER_VERSION

MODEL_FORMAT = "mailward-bayes"
#: Bumped when the file layout or the meaning of its numbers changes.
MODEL_VERSION = 1
#: Robinson's strength of the prior for a token seen n times (s) and that prior (x), as SpamBayes.
UNKNOWN_WORD_STRENGTH = 0.45
UNKNOWN_WORD_PROB = 0.5
#: Tokens whose probability is this close to 0.5 are not clues.
MIN_PROB_STRENGTH = 0.1
#: Only the strongest clues of a message are combined.
MAX_DISCRIMINATORS = 150
#: Tokens seen in fewer training messages are left out of the shipped file (they rarely recur in newer mail).
MIN_TOKEN_COUNT = 2
#: Below this many messages of either class the model abstains.
MIN_CLASS_MESSAGES = 10
#: Clues kept in a score for explanation (symbol options, logs).
TOP_CLUES = 5


class ModelError(ValueError):
    """The model file is missing, corrupt, or made for another format or tokenizer version."""


@dataclass(slots=True)
class LearnedCounts:
    """What online learning added for some tokens: per-token ham/spam counts and message totals."""

    ham: dict[str, int] = field(default_factory=dict)
    spam: dict[str, int] = field(default_factory=dict)
    nham: int = 0
    nspam: int = 0


class LearnedSource(Protocol):
    """Where a scan finds the online-learned counts of its tokens (core.store_bayes, or a stub)."""

    def learned(self, tokens: Sequence[str]) -> LearnedCounts: ...


@dataclass(slots=True)
class BayesScore:
    """A message's spam probability and the clues that decided it."""

    prob: float
    clues: int  # how many tokens counted as clues
    top: list[tuple[str, float]]  # the strongest clues, strongest first


@dataclass(slots=True)
class BayesModel:
    """Token -> (ham messages, spam messages) counts over nham ham and nspam spam training messages."""

    nham: int = 0
    nspam: int = 0
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def train(cls, messages: Iterable[tuple[Sequence[str], bool]], *, min_count: int = MIN_TOKEN_COUNT,
              meta: dict[str, Any] | None = None) -> BayesModel:
        """Count (tokens, is_spam) pairs; tokens seen in fewer than min_count messages are dropped."""
        ham: dict[str, int] = {}
        spam: dict[str, int] = {}
        nham = nspam = 0
        for tokens, is_spam in messages:
            target = spam if is_spam else ham
            if is_spam:
                nspam += 1
            else:
                nham += 1
            for tok in set(tokens):
                target[tok] = target.get(tok, 0) + 1
        counts = {}
        for tok in ham.keys() | spam.keys():
            h, s = ham.get(tok, 0), spam.get(tok, 0)
            if h + s >= min_count:
                counts[tok] = (h, s)
        return cls(nham=nham, nspam=nspam, counts=counts, meta=dict(meta or {}))

    def score(self, tokens: Sequence[str], learned: LearnedCounts | None = None) -> BayesScore | None:
        """Spam probability of a message's tokens (with online-learned counts added); None if untrained."""
        nham, nspam = self.nham, self.nspam
        lham = lspam = None
        if learned is not None:
            nham, nspam = nham + max(learned.nham, 0), nspam + max(learned.nspam, 0)
            lham, lspam = learned.ham, learned.spam
        if nham < MIN_CLASS_MESSAGES or nspam < MIN_CLASS_MESSAGES:
            return None
        clues: list[tuple[float, str, float]] = []
        counts = self.counts
        for tok in tokens:
            h, s = counts.get(tok, (0, 0))
            if lham is not None and lspam is not None:
                h, s = max(h + lham.get(tok, 0), 0), max(s + lspam.get(tok, 0), 0)
            if not h and not s:
                continue
            p = token_prob(h, s, nham, nspam)
            strength = abs(p - 0.5)
            if strength >= MIN_PROB_STRENGTH:
                clues.append((strength, tok, p))
        clues.sort(key=lambda c: (-c[0], c[1]))  # the token breaks ties so the result never depends on order
        clues = clues[:MAX_DISCRIMINATORS]
        return BayesScore(prob=chi2_combine([p for _, _, p in clues]), clues=len(clues),
                          top=[(tok, round(p, 4)) for _, tok, p in clues[:TOP_CLUES]])

    def to_bytes(self) -> bytes:
        """The model file: gzip'd JSON with sorted keys and a zero gzip timestamp, so equal models give equal
        bytes."""
        doc = {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "tokenizer_version": TOKENIZER_VERSION,
            "meta": self.meta,
            "params": model_params(),
            "nham": self.nham,
            "nspam": self.nspam,
            "tokens": {tok: list(self.counts[tok]) for tok in sorted(self.counts)},
        }
        text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)

    @classmethod
    def from_bytes(cls, data: bytes) -> BayesModel:
        """Read a model file, refusing another format, model version or tokenizer version."""
        try:
            doc = json.loads(gzip.decompress(data).decode("utf-8"))
        except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
            raise ModelError(f"not a readable model file: {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != MODEL_FORMAT:
            raise ModelError("not a Mailward Bayes model file")
        if doc.get("version") != MODEL_VERSION:
            raise ModelError(f"model version {doc.get('version')!r}, this Mailward reads version {MODEL_VERSION}")
        if doc.get("tokenizer_version") != TOKENIZER_VERSION:
            raise ModelError(f"model made for tokenizer version {doc.get('tokenizer_version')!r}, this Mailward "
                             f"tokenizes with version {TOKENIZER_VERSION}: rebuild it with scripts/build-model")
        try:
            counts = {str(tok): (int(h), int(s)) for tok, (h, s) in doc["tokens"].items()}
            return cls(nham=int(doc["nham"]), nspam=int(doc["nspam"]), counts=counts, meta=dict(doc.get("meta", {})))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"model file is incomplete: {exc!r}") from None

    def digest(self) -> str:
        """sha256 of the model file bytes (identifies a model in logs and reports)."""
        return hashlib.sha256(self.to_bytes()).hexdigest()


def model_params() -> dict[str, float | int]:
    """The scoring constants a model file was made for (recorded, so a change is visible in the file)."""
    return {"unknown_word_strength": UNKNOWN_WORD_STRENGTH, "unknown_word_prob": UNKNOWN_WORD_PROB,
            "min_prob_strength": MIN_PROB_STRENGTH, "max_discriminators": MAX_DISCRIMINATORS,
            "min_token_count": MIN_TOKEN_COUNT}


def token_prob(ham: int, spam: int, nham: int, nspam: int) -> float:
    """Robinson's smoothed probability that a message holding the token is spam."""
    ham_ratio = ham / nham if nham else 0.0
    spam_ratio = spam / nspam if nspam else 0.0
    if ham_ratio + spam_ratio <= 0.0:
        return UNKNOWN_WORD_PROB
    p = spam_ratio / (ham_ratio + spam_ratio)
    n = ham + spam
    return (UNKNOWN_WORD_STRENGTH * UNKNOWN_WORD_PROB + n * p) / (UNKNOWN_WORD_STRENGTH + n)


def chi2_combine(probs: Sequence[float]) -> float:
    """Fisher/Robinson chi-square combining of clue probabilities into one spam probability."""
    if not probs:
        return 0.5
    spam_log = ham_log = 0.0
    for p in probs:
        p = min(max(p, 1e-12), 1.0 - 1e-12)
        ham_log += math.log(p)  # very negative when many clues say ham
        spam_log += math.log(1.0 - p)  # very negative when many clues say spam
    n = len(probs)
    spamminess = 1.0 - chi2_q(-2.0 * spam_log, 2 * n)
    hamminess = 1.0 - chi2_q(-2.0 * ham_log, 2 * n)
    return (spamminess - hamminess + 1.0) / 2.0


def chi2_q(x2: float, v: int) -> float:
    """Survival function of the chi-square distribution for even degrees of freedom v."""
    m = x2 / 2.0
    term = math.exp(-m)
    total = term
    for i in range(1, v // 2):
        term *= m / i
        total += term
    return min(total, 1.0)
