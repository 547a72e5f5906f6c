"""QR-code phishing ("quishing"): a short message that threatens the reader's account or sign-in (a password or
two-factor setup about to expire, a mailbox to re-activate, a shared document to open) and asks them to scan a QR
code, in an image or an attached document, instead of clicking a link. The code takes the reader's phone, outside
the filters and the company's protections, to a login page; the mail itself carries no link to judge.

Honest mail with QR codes asks the reader to scan them for something they chose: a ticket or boarding pass at the
door, a payment slip in a banking app (Swiss QR-bill, EPC/GiroCode), a two-factor setup in a page they opened. So
the QR code alone is nothing; it counts only beside the account-threat wording of
core/detection/checks/login_lure.py or the security re-enrolment wording of QR_LURE_PHRASES, in a message with an
image or document to carry the code and little text. "links" evidence (the code is a link nobody can see): never
holds alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.login_lure import lure_phrases
from core.detection.checks.spam_phrases import normalize
from core.detection.rule_tables import QR_EXPIRY_STEMS, QR_LURE_PHRASES, QR_SECURITY_TOPICS, URGENT_STEMS
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "QR_CODE_LURE"
#: A message that asks for a scan is short: the words of its text (subject and body) at most.
MAX_WORDS = 200
TEXT_CHARS = 8000
#: "QR code", "QR-Code", "código QR", "QRコード", "QR 코드", "二维码": "qr" not inside a longer Latin word.
_QR = re.compile(r"(?<![a-z])qr(?![a-z])|二维码|二維碼|двумерный код")
#: What every match of _QR holds: the pattern has no literal prefix, so the regex engine would try it at every
#: position; substring searches rule most text out first.
_QR_LITERALS = ("qr", "二维码", "二維碼", "двумерный код")
_CARRIERS = ("image/", "application/pdf")
_IMG = re.compile(r"<img\b", re.IGNORECASE)


def carries_code(msg: ParsedMessage) -> bool:
    """Whether the message has an image (attached, inline or drawn in the HTML) or a PDF that can carry a code."""
    if any(a.content_type.lower().startswith(_CARRIERS) or a.filename.lower().endswith((".png", ".jpg", ".jpeg",
           ".gif", ".webp", ".bmp", ".pdf")) for a in msg.attachments):
        return True
    return bool(_IMG.search(msg.html, 0, 200_000))


def _stem_in(stem: str, text: str) -> bool:
    """Whether a stem of QR_EXPIRY_STEMS or URGENT_STEMS is in normalised text (an ASCII one starting a word)."""
    return (f" {stem.strip()}" if stem.isascii() else stem.strip()) in text


class QrLureCheck:
    """An account threat and a QR code to scan, in a short message with an image or document."""

    name = "qr_lure"
    group = GROUP_SPAM
    description = "Asks to scan a QR code to keep an account or sign-in (QR-code phishing)"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit QR_CODE_LURE with the wording found."""
        raw = msg.lowered(TEXT_CHARS)
        if not any(map(raw.__contains__, _QR_LITERALS)) or not _QR.search(raw) or not carries_code(msg):
            return []
        text = normalize(raw)
        if len(text.split()) > MAX_WORDS:
            return []
        found = [p for p in lure_phrases(msg) if p.strip()]
        found += [p for p in QR_LURE_PHRASES if (f" {p} " if p.isascii() else p) in text]
        if not found:
            found = [p for p in QR_SECURITY_TOPICS if (f" {p}" if p.isascii() else p) in text][:1]
            if found and not any(_stem_in(p, text) for p in (*QR_EXPIRY_STEMS, *URGENT_STEMS)):
                found = []
        if not found:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=found[:4])]


CHECK = QrLureCheck()
