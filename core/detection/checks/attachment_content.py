"""What is inside an attachment, whatever its name says: the file formats today's malware and phishing travel in.

- ATTACH_SVG_SCRIPT: an SVG image that runs script, handles events or embeds a web page: a picture needs none of
  it, a phishing or malware dropper does (the SVG wave of 2024). Near certain (strong).
- ATTACH_HTML_SMUGGLING: an attached web page whose script builds a file from a string and saves or opens it
  ("HTML smuggling": the payload passes every gateway as text). Near certain (strong).
- ATTACH_HTML_ENCODED_PAGE: an attached web page that writes itself from a long encoded string on opening
  (document.write(atob(...)), document.write(unescape('%3C%68...'))): a phishing kit hiding its form from
  scanners; a saved receipt or report shows its content as it is. Near certain (strong).
- ATTACH_HTML_SCRIPT: an attached web page with obfuscated script (eval, unescape, atob, document.write of code):
  "attachment" evidence.
- ATTACH_ENCRYPTED_ARCHIVE: a password-protected ZIP (or an encrypted RAR/7-Zip) that no scanner can open:
  "attachment" evidence (accountants send them too; with the password in the same message, ARCHIVE_PASSWORD,
  it is how malware gets past filters).
- ATTACH_RISKY_IN_ARCHIVE: a ZIP holding a disk image, a web page, an SVG, a OneNote or macro document or a
  shortcut: a wrapper around a delivery format. "attachment" evidence.
- ATTACH_EXEC_IN_CONTAINER: a disk image, a RAR, CAB, ACE or ARJ archive, a gzip file or a OneNote notebook whose
  file names (as stored in it: ISO 9660 "NAME.EXE;1", Joliet's UTF-16, the archive's headers) include a program, a
  script or a shortcut. winexec opens only ZIP archives; these are the containers today's loaders ship in. Near
  certain (strong).
- ATTACH_DOC_DISGUISE: a disk image or OneNote notebook (attached, or inside a ZIP) named like a business
  document ("Invoice_2291.img", "Rechnung.one", "PO_77120.iso"): nobody sends an invoice as a disk image; it is
  how loaders pass as paperwork. Near certain (strong).
- ATTACH_ACTIVE_DOCUMENT: a document that runs something when opened: an Office macro that starts itself
  (AutoOpen, Document_Open, Workbook_Open) and calls a shell, a script host or a downloader; an RTF that updates an
  embedded object on opening or carries an Equation Editor object (the exploit of CVE-2017-11882); a PDF with a
  /Launch action. Near certain (strong).
- ATTACH_PDF_FOREIGN_LINK: a PDF whose link goes to a host that is neither the sender's nor the account's nor a
  payment service's: "view the document" lures that carry no link in the mail itself. "links" evidence.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.risky_attachment import extension
from core.detection.rule_tables import DOCUMENT_NAME_WORDS, PAYMENT_PLATFORMS, RISKY_ATTACHMENTS
from core.mail.archive import list_zip, looks_like_zip, read_member
from core.mail.links import host_of, sender_site, site_of
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import Attachment, ParsedMessage

SVG_SCRIPT = "ATTACH_SVG_SCRIPT"
SMUGGLING = "ATTACH_HTML_SMUGGLING"
HTML_SCRIPT = "ATTACH_HTML_SCRIPT"
ENCODED_PAGE = "ATTACH_HTML_ENCODED_PAGE"
_WRITES_DECODED = re.compile(rb"(?:document\.write(?:ln)?|\.innerhtml\s*=|\.outerhtml\s*=|insertadjacenthtml)\s*\(?"
                             rb"\s*(?:window\.)?(?:atob|unescape|decodeuricomponent|escape)\s*\(", re.IGNORECASE)
_LONG_ENCODED = re.compile(rb"[A-Za-z0-9+/]{400,}={0,2}|(?:%[0-9A-Fa-f]{2}){150,}")
ENCRYPTED = "ATTACH_ENCRYPTED_ARCHIVE"
RISKY_INSIDE = "ATTACH_RISKY_IN_ARCHIVE"
PDF_LINK = "ATTACH_PDF_FOREIGN_LINK"
EXEC_INSIDE = "ATTACH_EXEC_IN_CONTAINER"
DISGUISE = "ATTACH_DOC_DISGUISE"
ACTIVE = "ATTACH_ACTIVE_DOCUMENT"
#: Bytes of a macro project inflated from an Office Open XML archive.
VBA_READ = 1_000_000
_AUTORUN = re.compile(rb"auto_?open|document_open|workbook_open|autoexec|auto_exec|document_close|workbook_activate",
                      re.IGNORECASE)
_RUNS = re.compile(rb"\bshell\b|wscript|powershell|createobject|urldownloadtofile|cmd(?:\.exe)?\s*/c|mshta|"
                   rb"winhttp|msxml2\.xmlhttp|certutil|bitsadmin|regsvr32|rundll32", re.IGNORECASE)
_RTF_ACTIVE = re.compile(rb"\\objupdate|equation\.3|\\objclass\s*equation|0002ce02-0000-0000-c000-000000000046",
                         re.IGNORECASE)
_PDF_LAUNCH = re.compile(rb"/S\s*/Launch\b|/Launch\s*<<", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DISGUISE_EXT = frozenset({"iso", "img", "vhd", "vhdx", "udf", "one", "onepkg"})
_DOC_LATIN = tuple(w for w in DOCUMENT_NAME_WORDS if w.isascii())
_DOC_OTHER = tuple(w for w in DOCUMENT_NAME_WORDS if not w.isascii())
_NAME_SPLIT = re.compile(r"[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
#: Bytes of a container searched for file names, and of a gzip file inflated.
CONTAINER_READ = 2_000_000
GZIP_INFLATE = 1_000_000
_CONTAINER_EXT = frozenset({"iso", "img", "vhd", "vhdx", "udf", "rar", "cab", "ace", "arj", "gz", "tgz", "one",
                            "onepkg"})
# Program, script and shortcut names as containers store them: ASCII/UTF-8 (ISO 9660 adds ";1"), UTF-16LE and
# UTF-16BE. Not .com (a web address in any document) nor .dll (named inside every Windows program).
_EXEC_EXT = ("exe", "scr", "pif", "js", "jse", "vbs", "vbe", "wsf", "hta", "lnk", "bat", "cmd", "ps1", "msi", "jar",
             "cpl")
_EXEC_NAME = re.compile(rb"[A-Za-z0-9_\-]{2,80}\.(?:" + "|".join(_EXEC_EXT).encode() + rb")(?:;1|(?![A-Za-z0-9]))",
                        re.IGNORECASE)


def _utf16(*, big_endian: bool) -> re.Pattern[bytes]:
    def wide(c: str) -> bytes:
        return re.escape(b"\x00" + c.encode() if big_endian else c.encode() + b"\x00")
    char = rb"(?:\x00[A-Za-z0-9_\-])" if big_endian else rb"(?:[A-Za-z0-9_\-]\x00)"
    exts = b"|".join(b"".join(wide(c) for c in e) + b"|" + b"".join(wide(c.upper()) for c in e) for e in _EXEC_EXT)
    return re.compile(char + rb"{2,80}" + wide(".") + rb"(?:" + exts + rb")")


_EXEC_NAME_LE = _utf16(big_endian=False)
_EXEC_NAME_BE = _utf16(big_endian=True)
#: Bytes of an attachment read: a dropper's script or a PDF's links sit well inside this.
READ = 256_000
MAX_MEMBERS = 200
_HTML_EXT = frozenset(e for e, s in RISKY_ATTACHMENTS.items() if s == "ATTACH_HTML") - {"svg", "svgz"}
_INSIDE_RISKY = (frozenset(RISKY_ATTACHMENTS) | {"lnk", "url", "hta", "one", "onepkg", "js", "vbs", "wsf"}) - {
    "docm", "xlsm", "pptm"}  # a macro workbook in a zip is an office's everyday backup
_SVG_ACTIVE = re.compile(rb"<script|\bon(?:load|click|mouseover|error|begin)\s*=|javascript:|<foreignobject|"
                         rb"<iframe|<embed|<object", re.IGNORECASE)
_SMUGGLE_BUILD = re.compile(rb"new\s+blob\s*\(|createobjecturl|mssaveoropenblob|\.download\s*=|"
                            rb"data:application/(?:octet-stream|zip|x-)", re.IGNORECASE)
_SMUGGLE_DECODE = re.compile(rb"atob\s*\(|base64|fromcharcode|uint8array", re.IGNORECASE)
_OBFUSCATED = re.compile(rb"\beval\s*\(|unescape\s*\(|atob\s*\(|document\.write\s*\(\s*(?:unescape|atob|decode)|"
                         rb"string\.fromcharcode\s*\(|\\x[0-9a-f]{2}\\x[0-9a-f]{2}\\x[0-9a-f]{2}", re.IGNORECASE)
_SCRIPT = re.compile(rb"<script", re.IGNORECASE)
_PDF_URI = re.compile(rb"/URI\s*\(\s*(https?://[^)\s]{4,500})\)", re.IGNORECASE)


def _kind(att: Attachment) -> str:
    """"svg", "html", "pdf", "zip", "rar", "7z" or '' from the name, the declared type and the first bytes."""
    ext = extension(att.filename)
    ctype = att.content_type.lower()
    head = att.data[:512].lstrip()
    if ext in ("svg", "svgz") or ctype == "image/svg+xml" or (head[:5].lower() == b"<?xml" and b"<svg" in
                                                             att.data[:2048].lower()):
        return "svg"
    if ext in _HTML_EXT or ctype == "text/html":
        return "html"
    if att.data[:5] == b"%PDF-" or ext == "pdf":
        return "pdf"
    if looks_like_zip(att.data):
        return "zip"
    if att.data[:6] == b"Rar!\x1a\x07":
        return "rar"
    if att.data[:6] == b"7z\xbc\xaf\x27\x1c":
        return "7z"
    return ""


def _rar_encrypted(data: bytes) -> bool:
    """A RAR5 archive with an encryption header, or a RAR4 one whose main header says "password"."""
    if data[6:7] == b"\x01":  # RAR5: the first header after the signature is the encryption header (type 4)
        return (len(data) > 12 and data[12:13] == b"\x04") or data[11:12] == b"\x04"
    return len(data) > 10 and data[9] == 0x73 and bool(data[10] & 0x80)  # RAR4 MHD_PASSWORD


def _macro_runs(code: bytes) -> bool:
    """Whether macro code (or a document holding it) starts itself and calls a shell, script host or downloader."""
    return bool(_AUTORUN.search(code)) and bool(_RUNS.search(code))


def active_document(att: Attachment) -> str:
    """Why an Office document, RTF or PDF runs something when opened ('' if it does not, as far as read)."""
    data = att.data[:CONTAINER_READ]
    if data[:8] == _OLE:
        return "auto-running macro" if _macro_runs(data) else ""
    if data[:5] == b"{\\rtf" or data[:4] == b"{\\rt":
        return "embedded object updated on opening" if _RTF_ACTIVE.search(data) else ""
    if data[:5] == b"%PDF-":
        return "launch action" if _PDF_LAUNCH.search(data) else ""
    if looks_like_zip(att.data):
        listing = list_zip(att.data, MAX_MEMBERS)
        for m in listing.members:
            if m.name.lower().endswith("vbaproject.bin"):
                code = read_member(att.data, m, VBA_READ)
                if code and _macro_runs(code):
                    return "auto-running macro"
    return ""


def disguised_document(name: str) -> bool:
    """Whether a file name is a disk image or OneNote notebook named like a business document."""
    if extension(name) not in _DISGUISE_EXT:
        return False
    stem = unicodedata.normalize("NFKD", name.rpartition(".")[0].lower())
    stem = "".join(c for c in stem if not unicodedata.combining(c))
    tokens = [t for t in _NAME_SPLIT.split(stem) if t]
    if any(t == w or (len(w) > 3 and t.startswith(w)) for t in tokens for w in _DOC_LATIN):
        return True
    return any(w in stem for w in _DOC_OTHER)


def exec_in_container(att: Attachment) -> str:
    """The first program, script or shortcut name stored in a container attachment ('' if none or not one)."""
    ext = extension(att.filename)
    data = att.data
    if ext in ("gz", "tgz") or data[:2] == b"\x1f\x8b":
        try:
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(att.data[:CONTAINER_READ], GZIP_INFLATE)
        except zlib.error:
            return ""
        # a gzip header may name the original file: that name is in the header, before what was inflated
        data = att.data[:1024] + data
    elif ext not in _CONTAINER_EXT and data[:6] != b"Rar!\x1a\x07" and data[:4] != b"MSCF":
        return ""
    head = data[:CONTAINER_READ]
    for pattern in (_EXEC_NAME, _EXEC_NAME_LE, _EXEC_NAME_BE):
        m = pattern.search(head)
        if m:
            return m.group(0).replace(b"\x00", b"").decode("ascii", "replace")[:80]
    return ""


def _7z_encrypted(data: bytes) -> bool:
    """The 7zAES coder's id in the archive's header, at its end."""
    return b"\x06\xf1\x07\x01" in data[-4096:]


def _zip_findings(data: bytes) -> list[tuple[str, str]]:
    listing = list_zip(data, MAX_MEMBERS)
    out: list[tuple[str, str]] = []
    if any(m.encrypted for m in listing.members):
        out.append((ENCRYPTED, "zip"))
    for m in listing.members:
        name = m.name.rstrip("/").rpartition("/")[2]
        if disguised_document(name):
            out.append((DISGUISE, name[:80]))
        if extension(name) in _INSIDE_RISKY:
            out.append((RISKY_INSIDE, name[:80]))
            break
    return out


class AttachmentContentCheck:
    """Looks into SVG, HTML, PDF and archive attachments."""

    name = "attachment_content"
    group = GROUP_SPAM
    description = "An attachment carries script, a smuggled file, an encrypted archive or a foreign link"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit each symbol once, with the attachment's name."""
        found: dict[str, str] = {}
        for att in msg.attachments:
            if ctx.out_of_time():
                break
            label = att.filename[:80] or att.content_type
            if att.filename and disguised_document(att.filename):
                found.setdefault(DISGUISE, label)
            active = active_document(att)
            if active:
                found.setdefault(ACTIVE, f"{label}: {active}")
            inside = exec_in_container(att)
            if inside:
                found.setdefault(EXEC_INSIDE, f"{label}: {inside}")
            kind = _kind(att)
            if not kind:
                continue
            data = att.data[:READ]
            if kind == "svg" and _SVG_ACTIVE.search(data):
                found.setdefault(SVG_SCRIPT, label)
            elif kind == "html" and _SCRIPT.search(data):
                if _SMUGGLE_BUILD.search(data) and _SMUGGLE_DECODE.search(data):
                    found.setdefault(SMUGGLING, label)
                elif _WRITES_DECODED.search(data) and _LONG_ENCODED.search(data):
                    found.setdefault(ENCODED_PAGE, label)
                elif _OBFUSCATED.search(data):
                    found.setdefault(HTML_SCRIPT, label)
            elif kind == "pdf":
                host = self._pdf_foreign(data, msg, ctx)
                if host:
                    found.setdefault(PDF_LINK, f"{label}: {host}")
            elif kind == "zip":
                for sym, what in _zip_findings(att.data):
                    found.setdefault(sym, f"{label}: {what}")
            elif (kind == "rar" and _rar_encrypted(att.data)) or (kind == "7z" and _7z_encrypted(att.data)):
                found.setdefault(ENCRYPTED, label)
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description, options=[opt])
                for sym, opt in found.items()]

    @staticmethod
    def _pdf_foreign(data: bytes, msg: ParsedMessage, ctx: ScanContext) -> str:
        from_site = sender_site(msg)
        for m in _PDF_URI.finditer(data):
            host = host_of(m.group(1).decode("latin-1"))
            if not host or ctx.owns(host) or site_of(host) == from_site:
                continue
            labels = host.split(".")
            if any(".".join(labels[i:]) in PAYMENT_PLATFORMS for i in range(len(labels) - 1)):
                continue
            return host[:80]
        return ""


CHECK = AttachmentContentCheck()
