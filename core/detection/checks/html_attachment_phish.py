"""An attached HTML page that is a phishing page itself: it asks for a password, posts a form to a web server, or
sends whoever opens it to a web address as soon as it opens (a script setting location, a meta refresh); or that
smuggles a program or archive inside itself as base64 for the browser to save (HTML smuggling).

Attaching a web page that logs in or redirects is how phishing gets past link scanners: the page opens from the
local disk, so no link in the message leads to it. Honest mail attaches receipts, reports or newsletters saved as
HTML, which show content and never ask for a password or navigate away on opening. Near certain: a strong symbol.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.risky_attachment import extension
from core.detection.rule_tables import RISKY_ATTACHMENTS
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "ATTACH_HTML_PHISH"
#: The web pages risky_attachment flags (ATTACH_HTML), but svgz: its bytes are gzip, nothing to read here.
HTML_EXTENSIONS = frozenset(e for e, s in RISKY_ATTACHMENTS.items() if s == "ATTACH_HTML") - {"svgz"}
#: How much of each attachment is read: phishing pages are small, and the cues sit near the top.
MAX_READ = 200_000
_PASSWORD = re.compile(rb"<input\b[^>]{0,300}?type\s*=\s*[\"']?password", re.I)
_FORM_TO_WEB = re.compile(rb"<form\b[^>]{0,500}?action\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
_META_REFRESH = re.compile(rb"<meta\b[^>]{0,200}?http-equiv\s*=\s*[\"']?refresh[^>]{0,200}?url\s*=\s*[\"']?\s*https?:",
                           re.I)
# A script that navigates on opening: location = / location.href = / location.replace( / location.assign( /
# window.open(, with an address or a decoded one (atob, unescape, fromCharCode) in the same script.
_NAVIGATE = re.compile(rb"(?:location(?:\.href)?\s*=|location\.(?:replace|assign)\s*\(|window\.open\s*\()", re.I)
_TARGET = re.compile(rb"https?:|atob\s*\(|unescape\s*\(|fromCharCode|decodeURIComponent\s*\(", re.I)
_SCRIPT = re.compile(rb"<script\b[^>]*>(.*?)(?:</script>|\Z)", re.I | re.S)
# HTML smuggling: the page carries a program or an archive as base64 (a Windows program starts "TVqQ"/"TVpQ", a zip
# "UEsDB", 7-Zip "N3q8ryc", RAR "UmFyIRo", a disk image's ISO header is further in) in a string literal or a data:
# URL, and hands it to the reader as a download when opened, past every scanner that only sees an HTML file.
_SMUGGLED = re.compile(rb"[\"'`(,=:]\s*(?:TV[qp]Q|UEsDB|N3q8ryc|UmFyIRo)[A-Za-z0-9+/]{200}"
                       rb"|data:application/(?:zip|x-zip-compressed|octet-stream|x-msdownload|x-iso9660-image|"
                       rb"x-7z-compressed|vnd\.rar|x-rar-compressed)[^,\"']{0,40};base64,", re.I)


def phishing_page(data: bytes) -> str:
    """Why an HTML document is a phishing page ('' if it is not): password, form, refresh, smuggling or redirect."""
    head = data[:MAX_READ]
    if _PASSWORD.search(head):
        return "password"
    if _FORM_TO_WEB.search(head):
        return "form"
    if _META_REFRESH.search(head):
        return "refresh"
    if _SMUGGLED.search(data, 0, 4 * MAX_READ):
        return "smuggling"
    for m in _SCRIPT.finditer(head):
        body = m.group(1)
        if _NAVIGATE.search(body) and _TARGET.search(body):
            return "redirect"
    return ""


class HtmlAttachmentPhishCheck:
    """Every HTML (or SVG) attachment is read for a password field, a form to the web or a redirect on opening."""

    name = "html_attachment_phish"
    group = GROUP_SPAM
    description = "Attached web page asks for a password, posts to a web server or redirects when opened"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit ATTACH_HTML_PHISH with the file names and what each page does."""
        found: list[str] = []
        for att in msg.attachments:
            if extension(att.filename) not in HTML_EXTENSIONS and att.content_type not in ("text/html",
                                                                                          "image/svg+xml"):
                continue
            why = phishing_page(att.data)
            if why:
                found.append(f"{att.filename[:60] or att.content_type}:{why}")
        if not found:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=found[:5])]


CHECK = HtmlAttachmentPhishCheck()
