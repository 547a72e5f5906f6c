"""The statistical classifier: the message's spam probability from token counts, as one graded symbol.

The model file ships with Mailward (trained on the project's corpus by scripts/build-model) and is read once per
process; what the server learned online (releases as ham, confirmed spam) comes from the scan's policy. Only the
band the probability falls in is a symbol, so each band's weight is an admin's setting in [scores].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.bayes_model import BayesModel
from core.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol
from core.store_bayes import load_model
from core.tokenizer import tokenize

if TYPE_CHECKING:
    from core.mime import ParsedMessage

#: (lowest probability, symbol), highest band first. 0.5 is the classifier's "unsure": below it the evidence
#: leans ham or is weak, so the bands there only add to what other checks find.
BANDS: tuple[tuple[float, str], ...] = (
    (0.999, "BAYES_999"),
    (0.99, "BAYES_99"),
    (0.95, "BAYES_95"),
    (0.8, "BAYES_80"),
    (0.5, "BAYES_50"),
    (0.4, "BAYES_40"),
    (0.2, "BAYES_20"),
    (0.01, "BAYES_05"),
    (0.0, "BAYES_00"),
)
SYMBOLS = tuple(symbol for _, symbol in BANDS)


def band(prob: float) -> str:
    """The symbol of the band a spam probability falls in."""
    for low, symbol in BANDS:
        if prob >= low:
            return symbol
    return BANDS[-1][1]


class BayesCheck:
    """Score the message's tokens with the model plus the server's learned counts."""

    name = "bayes"
    group = GROUP_SPAM
    description = "Statistical classifier's spam probability"

    def __init__(self, model: BayesModel | None = None) -> None:
        self._model = model  # None: the shipped model file, loaded on first use

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit the BAYES_* symbol of the message's spam probability (nothing if the model abstains)."""
        model = self._model if self._model is not None else load_model()
        tokens = tokenize(msg)
        learned = ctx.learned.learned(tokens) if ctx.learned is not None else None
        result = model.score(tokens, learned)
        if result is None:
            return []
        symbol = band(result.prob)
        return [Symbol(name=symbol, score=ctx.settings.score(symbol), description=self.description,
                       options=[f"p={result.prob:.4f}", f"clues={result.clues}"])]


CHECK = BayesCheck()
