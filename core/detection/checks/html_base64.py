"""HTML-only mail whose HTML is base64-encoded: hides the markup from simple content filters. Mail clients
send text and HTML together and rarely encode a plain-language HTML body that way."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "HTML_ONLY_BASE64"
RAW_SCAN = 262144  # bytes of the message searched for the HTML part's headers
PART_HEADER_MAX = 2048  # a part's header block, from its boundary line to the blank line
_HTML_PART = re.compile(rb"content-type:[ \t]*text/html")
_BASE64 = re.compile(rb"content-transfer-encoding:[ \t]*\"?base64")
_ASCII_LOWER = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))


def html_part_is_base64(raw: bytes) -> bool:
    """True when some text/html part of a multipart message is declared base64 (first RAW_SCAN bytes)."""
    low = raw[:RAW_SCAN].translate(_ASCII_LOWER)
    for m in _HTML_PART.finditer(low):
        start = low.rfind(b"\n--", max(0, m.start() - PART_HEADER_MAX), m.start())
        ends = [e for e in (low.find(b"\n\n", m.end(), m.end() + PART_HEADER_MAX),
                            low.find(b"\n\r\n", m.end(), m.end() + PART_HEADER_MAX)) if e >= 0]
        block = low[start if start >= 0 else max(0, m.start() - PART_HEADER_MAX): min(ends) if ends else m.end()]
        if _BASE64.search(block):
            return True
    return False


class HtmlBase64Check:
    """No text body, and the HTML body travels base64-encoded (top level or inside a multipart)."""

    name = "html_base64"
    group = GROUP_SPAM
    description = "HTML-only message with a base64-encoded HTML body"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit HTML_ONLY_BASE64."""
        if not msg.html or msg.text.strip():
            return []
        ctype = (msg.header("content-type") or "").lower()
        if ctype.lstrip().startswith("text/html"):
            encoded = "base64" in (msg.header("content-transfer-encoding") or "").lower()
        else:
            encoded = html_part_is_base64(msg.raw)
        if not encoded:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description)]


CHECK = HtmlBase64Check()
