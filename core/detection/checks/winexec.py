"""Windows executables: by content signature, by name, behind disguised names, and inside ZIP archives."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_WINEXEC, ScanContext
from core.mail.archive import ZipListing, list_zip, looks_like_zip, read_member
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SIGNATURE = "WINEXEC_SIGNATURE"
NAME = "WINEXEC_NAME"
DOUBLE_EXT = "WINEXEC_DOUBLE_EXT"
IN_ARCHIVE = "WINEXEC_IN_ARCHIVE"

#: Extensions Windows runs (or hands to a script host / installer) when a user opens the file.
EXEC_EXTENSIONS = frozenset({
    "exe", "scr", "pif", "com", "bat", "cmd", "vbs", "vbe", "js", "jse", "wsf", "wsh", "ws", "wsc", "hta",
    "cpl", "msi", "msp", "mst", "msu", "msc", "jar", "ps1", "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "psm1",
    "lnk", "reg", "dll", "ocx", "inf", "scf", "sct", "shb", "shs", "chm", "application", "gadget", "appx",
    "appxbundle", "msix", "msixbundle", "appref-ms", "settingcontent-ms", "xll", "vb",
})
#: Extensions a disguised executable pretends to have ("invoice.pdf.exe").
DECOY_EXTENSIONS = frozenset({
    "pdf", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt", "pptx", "rtf", "txt", "csv", "odt", "ods",
    "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "svg", "webp", "heic", "mp3", "mp4", "avi", "mov",
    "wav", "wmv", "zip", "rar", "7z", "htm", "html", "eml", "msg", "xml", "json", "ics",
})
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = {ord(c): None for c in _BIDI + "\u200b\u200c\u200d\u2060\ufeff\u00ad"}
_CONTROL = {c: None for c in range(32)}

SNIFF_BYTES = 4096  # enough for the DOS header and, nearly always, the PE header it points at
NESTED_ZIP_MAX = 8 << 20  # a nested archive is inflated whole (its directory is at the end), up to this
ARCHIVE_INFLATE_BUDGET = 16 << 20  # inflated bytes allowed per top-level attachment, nested levels included
MAX_OPTIONS = 10

_LNK_HEADER = bytes.fromhex("4c0000000114020000000000c000000000000046")
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# Root-storage CLSIDs of Windows Installer packages, patches and transforms, as stored on disk.
_MSI_CLSIDS = tuple(bytes.fromhex(h) for h in (
    "84100c0000000000c000000000000046", "86100c0000000000c000000000000046", "82100c0000000000c000000000000046",
))


def sniff_executable(data: bytes) -> str | None:
    """Name the kind of Windows executable the bytes are ("pe", "mz", "lnk", "msi"), or None."""
    if data[:2] == b"MZ" and len(data) >= 0x40:
        e_lfanew = struct.unpack_from("<L", data, 0x3C)[0]
        if 4 <= e_lfanew <= len(data) - 4 and data[e_lfanew:e_lfanew + 4] == b"PE\0\0":
            return "pe"
        # A bare DOS program: its header size in paragraphs is small; text that happens to start with "MZ"
        # has two printable bytes there, i.e. at least 0x2020.
        paragraphs = struct.unpack_from("<H", data, 8)[0]
        if 2 <= paragraphs <= 0x200 and paragraphs * 16 <= len(data):
            return "mz"
    if data.startswith(_LNK_HEADER):
        return "lnk"
    if data.startswith(_OLE_MAGIC) and any(clsid in data for clsid in _MSI_CLSIDS):
        return "msi"
    return None


def classify_name(name: str) -> tuple[bool, bool]:
    """(is an executable name, is disguised): double extension, padding before it, or bidi overrides."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    has_bidi = any(c in _BIDI for c in base)
    # Windows drops trailing dots and spaces, so "setup.exe. " runs as setup.exe.
    clean = base.translate(_INVISIBLE).translate(_CONTROL).rstrip(" .").lower()
    stem, dot, ext = clean.rpartition(".")
    if not dot or ext.strip() not in EXEC_EXTENSIONS:
        return False, False
    padded = len(stem) - len(stem.rstrip(" _")) >= 2
    decoy = stem.rstrip(" _").rpartition(".")[2].strip() if "." in stem else ""
    return True, has_bidi or padded or decoy in DECOY_EXTENSIONS


def printable(name: str, limit: int = 120) -> str:
    """A file name safe to show in logs and reports: bidi and control characters spelled out."""
    out = "".join(f"<U+{ord(c):04X}>" if ord(c) < 32 or c in _BIDI else c for c in name)
    return out if len(out) <= limit else out[: limit - 3] + "..."


class _Findings:
    def __init__(self) -> None:
        self.options: dict[str, list[str]] = {}

    def add(self, symbol: str, option: str) -> None:
        opts = self.options.setdefault(symbol, [])
        if option not in opts and len(opts) < MAX_OPTIONS:
            opts.append(option)

    def symbols(self, ctx: ScanContext) -> list[Symbol]:
        return [Symbol(name=s, score=ctx.settings.score(s), description=_DESCRIPTIONS[s], options=o)
                for s, o in self.options.items()]


_DESCRIPTIONS = {
    SIGNATURE: "Attachment content is a Windows executable",
    NAME: "Attachment has an executable file name",
    DOUBLE_EXT: "Executable disguised by a double extension, padding or bidi override",
    IN_ARCHIVE: "ZIP archive contains a Windows executable",
}


class WinexecCheck:
    """Find Windows executables however they are attached."""

    name = "winexec"
    group = GROUP_WINEXEC
    description = "Windows executables by signature, name, double extension, or inside ZIP archives"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Inspect every attachment; the pipeline, not this check, applies allow_winexec."""
        found = _Findings()
        for i, att in enumerate(msg.attachments):
            if ctx.out_of_time():
                break
            label = printable(att.filename) if att.filename else f"part{i + 1}({att.content_type})"
            kind = sniff_executable(att.data)
            if kind:
                found.add(SIGNATURE, f"{label} ({kind})")
            is_exec, disguised = classify_name(att.filename)
            if is_exec:
                found.add(NAME, label)
            if disguised:
                found.add(DOUBLE_EXT, label)
            if kind is None and looks_like_zip(att.data):
                budget = [ARCHIVE_INFLATE_BUDGET]
                self._archive(att.data, label, 1, budget, found, ctx)
        return found.symbols(ctx)

    def _archive(self, data: bytes, label: str, depth: int, budget: list[int], found: _Findings,
                 ctx: ScanContext) -> None:
        scan = ctx.settings.scan
        listing: ZipListing = list_zip(data, scan.max_archive_members)
        for member in listing.members:
            if ctx.out_of_time() or budget[0] <= 0:
                return
            where = f"{label}/{printable(member.name)}"
            is_exec, disguised = classify_name(member.name)
            if is_exec:
                found.add(IN_ARCHIVE, where)
            if disguised:
                found.add(DOUBLE_EXT, where)
            if member.name.endswith("/"):
                continue
            head = read_member(data, member, min(SNIFF_BYTES, budget[0]))
            if not head:
                continue
            budget[0] -= len(head)
            kind = sniff_executable(head)
            if kind:
                found.add(IN_ARCHIVE, f"{where} ({kind})")
            elif depth < scan.max_archive_depth and looks_like_zip(head):
                limit = min(NESTED_ZIP_MAX, budget[0])
                if member.size >= limit:
                    continue
                inner = read_member(data, member, limit)
                if inner is None or len(inner) >= limit:  # too big to open whole: names stay unseen
                    continue
                budget[0] -= len(inner)
                self._archive(inner, where, depth + 1, budget, found, ctx)


CHECK = WinexecCheck()
