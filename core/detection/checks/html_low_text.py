"""HTML-only mail that is mostly images and links with hardly any words: image spam."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "HTML_IMAGE_LOW_TEXT"
MAX_VISIBLE_CHARS = 200
_IMG = re.compile(r"<img\b", re.IGNORECASE)
_LINK = re.compile(r"<a\s", re.IGNORECASE)  # anchored: no scanning inside tags


class HtmlLowTextCheck:
    """No plain-text part, little visible text, and at least one image or link."""

    name = "html_low_text"
    group = GROUP_SPAM
    description = "HTML-only message with images or links and very little text"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit HTML_IMAGE_LOW_TEXT for HTML-only mail under 200 visible characters with images or links."""
        if not msg.html or msg.text.strip() or len(msg.html_text) >= MAX_VISIBLE_CHARS:
            return []
        images = len(_IMG.findall(msg.html))
        links = len(_LINK.findall(msg.html))
        if images + links == 0:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[f"images={images}", f"links={links}", f"chars={len(msg.html_text)}"])]


CHECK = HtmlLowTextCheck()
