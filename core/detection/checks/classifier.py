"""The statistical classifier: the message's spam probability from its tokens, as one graded symbol.

The model file ships with Mailward (fitted to the project's corpus by scripts/build-model) and is read once per
process; what this server learned online (releases as ham, confirmed spam) comes with the scan's policy. Only
the band the probability falls in is a symbol, so what each band weighs is the admin's setting in [scores].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.learning.spam_model import SpamModel
from core.learning.tokenizer import tokenize
from core.models import Symbol
from core.store.classifier import load_model

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

#: (lowest spam probability, symbol), highest band first.
BANDS: tuple[tuple[float, str], ...] = (
    (0.999, "CLASSIFIER_999"),
    (0.99, "CLASSIFIER_99"),
    (0.95, "CLASSIFIER_95"),
    (0.8, "CLASSIFIER_80"),
    (0.6, "CLASSIFIER_60"),
    (0.5, "CLASSIFIER_50"),
    (0.3, "CLASSIFIER_30"),
    (0.1, "CLASSIFIER_10"),
    (0.01, "CLASSIFIER_01"),
    (0.0, "CLASSIFIER_00"),
)
SYMBOLS = tuple(symbol for _, symbol in BANDS)


def band(prob: float) -> str:
    """The symbol of the band a spam probability falls in."""
    for low, symbol in BANDS:
        if prob >= low:
            return symbol
    return BANDS[-1][1]


class ClassifierCheck:
    """Score the message's tokens with the model and the server's learned weights."""

    name = "classifier"
    group = GROUP_SPAM
    description = "Statistical classifier's spam probability"

    def __init__(self, model: SpamModel | None = None) -> None:
        self._model = model  # None: the shipped model file, loaded on first use

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit the CLASSIFIER_* symbol of the message's spam probability (nothing if the model abstains)."""
        model = self._model if self._model is not None else load_model()
        tokens = tokenize(msg)
        learned = ctx.learned.learned(tokens) if ctx.learned is not None else None
        result = model.score(tokens, learned)
        if result is None:
            return []
        symbol = band(result.prob)
        return [Symbol(name=symbol, score=ctx.settings.score(symbol), description=self.description,
                       options=[f"p={result.prob:.4f}"])]


CHECK = ClassifierCheck()
