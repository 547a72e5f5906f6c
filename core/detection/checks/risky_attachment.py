"""Attachment types that are not Windows programs but carry attacks all the same: HTML pages that open a
phishing form from the local disk, disk images that smuggle executables past filters, macro documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.rule_tables import RISKY_ATTACHMENTS
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

_STRIP = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e\u202d\u202c\u202a\u202b \t\r\n.\"'"


def extension(filename: str) -> str:
    """The lower-case last extension of a file name, invisible characters and trailing dots removed."""
    name = filename.strip(_STRIP).lower()
    return name.rpartition(".")[2] if "." in name else ""


class RiskyAttachmentCheck:
    """Extension table in core.detection.rule_tables.RISKY_ATTACHMENTS; each symbol emitted once."""

    name = "risky_attachment"
    group = GROUP_SPAM
    description = "Attachment of a type used to deliver phishing pages or malware"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit ATTACH_HTML, ATTACH_DISK_IMAGE and/or ATTACH_MACRO_DOC with the file names."""
        found: dict[str, list[str]] = {}
        for att in msg.attachments:
            symbol = RISKY_ATTACHMENTS.get(extension(att.filename))
            if symbol is None and att.content_type == "text/html":
                symbol = "ATTACH_HTML"  # an HTML page sent as an attachment under any name
            if symbol is not None:
                found.setdefault(symbol, []).append(att.filename[:80] or att.content_type)
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description, options=names[:5])
                for sym, names in found.items()]


CHECK = RiskyAttachmentCheck()
