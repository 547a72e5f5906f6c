"""An archive sent in a shape mail filters and mail programs do not open: a lone volume of a split archive
("Order_20759.r00", "invoice.z01"), an archive format nobody has used for mail in twenty years (ACE, ARJ, LZH,
UUE), or an archive's bytes under a document's or a picture's name ("scan.pdf" that is a RAR).

Malware campaigns pick these because extension filters and attachment scanners look for .zip and .exe; the
reader's archiver opens them all the same. Honest mail sends a .zip or a .rar named as one, or all the volumes of a
split archive together. ATTACH_ODD_ARCHIVE is attachment evidence, never alone; zip and gzip files are never
judged by their bytes (Office documents, Java and Android packages are zip files; many logs are gzip).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.risky_attachment import extension
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "ATTACH_ODD_ARCHIVE"
#: Archive formats of another era that malware campaigns still send because filters overlook them.
OBSOLETE = frozenset({"ace", "arj", "lzh", "lha", "uue", "xxe"})
#: Volumes of a split archive after the first (old RAR naming: name.rar, name.r00, name.r01...; zip: name.z01...).
_VOLUME = re.compile(r"[rz]\d\d")
#: Extensions an archive may carry under its own name (RAR, 7z, CAB and their volumes).
ARCHIVE_EXT = frozenset({"rar", "7z", "cab", "ace", "arj", "lzh", "lha", "zip", "gz", "tgz", "tar", "xz", "bz2"})
MAX_ATTACHMENTS = 20


def archive_magic(data: bytes) -> str:
    """"rar", "7z", "cab", "ace" or "arj" from an attachment's first bytes ('' if none of them)."""
    if data[:6] == b"Rar!\x1a\x07":
        return "rar"
    if data[:6] == b"7z\xbc\xaf\x27\x1c":
        return "7z"
    if data[:4] == b"MSCF":
        return "cab"
    if data[7:14] == b"**ACE**":
        return "ace"
    if data[:2] == b"\x60\xea":
        return "arj"
    return ""


class OddArchiveCheck:
    """A lone split-archive volume, an obsolete archive format, or an archive under another type's name."""

    name = "odd_archive"
    group = GROUP_SPAM
    description = "Attaches an archive as a lone split volume, in an obsolete format or under another file type"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit ATTACH_ODD_ARCHIVE with the file's name and what it is."""
        atts = msg.attachments[:MAX_ATTACHMENTS]
        if not atts:
            return []
        exts = [extension(a.filename) for a in atts]
        # a split archive's other parts sent with it: the whole archive, not a lone volume
        whole = any(e in ("rar", "zip") or e.isdigit() for e in exts)
        for att, ext in zip(atts, exts, strict=True):
            what = ""
            if ext in OBSOLETE:
                what = ext
            elif _VOLUME.fullmatch(ext) and not whole:
                what = "volume"
            else:
                magic = archive_magic(att.data)
                if magic and ext not in ARCHIVE_EXT and not ext.isdigit() and not _VOLUME.fullmatch(ext):
                    what = f"{magic} as .{ext or '?'}"
            if what:
                return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                               options=[att.filename[:80], what])]
        return []


CHECK = OddArchiveCheck()
