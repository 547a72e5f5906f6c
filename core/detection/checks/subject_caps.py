"""A subject written mostly in capital letters."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "SUBJ_ALL_CAPS"
MIN_LETTERS = 12  # short subjects ("RE: FYI", "INVOICE 2231") are legitimately all caps
MIN_UPPER_RATIO = 0.9
# Reply/forward prefixes in a few languages; they are caps by convention, not shouting.
# One \s* per repetition, separated by ":", so the regex cannot backtrack over runs of spaces.
_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|sv|vs|tr|rv|odp|enc)(?:\[\d+\])?\s*:)+", re.IGNORECASE)


class SubjectCapsCheck:
    """Subject letters are (nearly) all upper-case."""

    name = "subject_caps"
    group = GROUP_SPAM
    description = "Subject is mostly upper-case"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit SUBJ_ALL_CAPS when at least 90% of a long subject's cased letters are capitals."""
        subject = _PREFIX.sub("", msg.subject[:1000])
        cased = [c for c in subject if c.isupper() or c.islower()]  # scripts without case don't count
        if len(cased) < MIN_LETTERS or len(subject.split()) < 2:
            return []
        upper = sum(1 for c in cased if c.isupper())
        if upper / len(cased) < MIN_UPPER_RATIO:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description)]


CHECK = SubjectCapsCheck()
