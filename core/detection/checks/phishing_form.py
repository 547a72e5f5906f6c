"""HTML forms that collect credentials or personal data, in the body or in an attached .htm(l) page.

Newsletters embed search and subscribe boxes (one text field); a form that asks for a password or a card
number, or for a name, phone and address together, is harvesting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.mail.html_text import ascii_lower
from core.mail.mime import decode_fallback
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

CREDENTIALS = "FORM_CREDENTIALS"
PERSONAL = "FORM_PERSONAL_DATA"
MAX_FIELDS = 500
ATTACHMENT_BYTES = 262144  # of an attached HTML page, decoded
_HTML_NAMES = (".htm", ".html", ".shtml", ".xhtml", ".xht", ".svg")

# [^<>] keeps a failed match from running past the next tag: linear in the length of the page.
_FIELD = re.compile(r"<(input|select|textarea)\b([^<>]{0,2048})>")
_ATTR = re.compile(r"\b(type|name|id|placeholder|autocomplete)\s*=\s*(?:\"([^\"]{0,200})\"|'([^']{0,200})'"
                   r"|([^\s\"'<>]{1,200}))")
#: Field names, ids or placeholders that ask for a secret: passwords, card data, identity numbers.
_SECRET = re.compile(r"pass|pwd|cvv|cvc|cvn|csc|card.?(?:num|no)|cc.?(?:num|no|exp|csc)|expir|exp.?(?:date|mon|yea)"
                     r"|ssn|social.?sec|^pin(?:code)?$|routing|iban|^otp|one.?time|security.?(?:code|answer)|maiden")
#: Personal data, by category: a harvesting form asks for several of these at once.
_PERSONAL = (
    ("email", re.compile(r"e-?mail")),
    ("phone", re.compile(r"phone|tel|mobile|cell|fax")),
    ("name", re.compile(r"name|first|last|contact")),
    ("address", re.compile(r"addr|street|city|state|zip|postal|country")),
    ("birth", re.compile(r"dob|birth")),
)
_PLAIN_TYPES = frozenset({"", "text", "email", "tel", "number", "date", "select", "textarea"})


def form_fields(page: str) -> list[dict[str, str]]:
    """The attributes of every input/select/textarea of a lower-case HTML page, at most MAX_FIELDS."""
    out: list[dict[str, str]] = []
    for m in _FIELD.finditer(page):
        if len(out) >= MAX_FIELDS:
            break
        attrs: dict[str, str] = {} if m.group(1) == "input" else {"type": m.group(1)}
        for a in _ATTR.finditer(m.group(2)):
            attrs.setdefault(a.group(1), next(g for g in a.groups()[1:] if g is not None))
        out.append(attrs)
    return out


def classify(fields: list[dict[str, str]]) -> tuple[list[str], set[str]]:
    """(secret fields, personal-data categories) a form's fields ask for."""
    secrets: list[str] = []
    personal: set[str] = set()
    for f in fields:
        kind = f.get("type", "").strip()
        labels = [f[k].strip() for k in ("name", "id", "placeholder", "autocomplete") if f.get(k, "").strip()]
        if kind == "password":
            secrets.append(kind)
            continue
        if kind not in _PLAIN_TYPES:
            continue  # hidden fields, buttons, check boxes
        secret = next((label for label in labels if _SECRET.search(label)), None)
        if secret is not None:
            secrets.append(secret[:40])
            continue
        personal.update(cat for cat, pattern in _PERSONAL for label in labels if pattern.search(label))
    return secrets, personal


def pages(msg: ParsedMessage) -> list[tuple[str, str]]:
    """(where, lower-case HTML) of the HTML body and of attached HTML pages that hold a form field."""
    out = []
    if "<" in msg.html:
        out.append(("body", ascii_lower(msg.html)))
    for att in msg.attachments:
        if att.content_type == "text/html" or att.filename.lower().endswith(_HTML_NAMES):
            text = ascii_lower(decode_fallback(att.data[:ATTACHMENT_BYTES]))
            out.append((att.filename or "attachment", text))
    return [(where, page) for where, page in out if "<input" in page or "<select" in page or "<textarea" in page]


class PhishingFormCheck:
    """Look at the fields of forms in the message and in attached HTML pages."""

    name = "phishing_form"
    group = GROUP_SPAM
    description = "Message carries a form asking for credentials or personal data"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit FORM_CREDENTIALS for a password/card field, else FORM_PERSONAL_DATA for several personal ones."""
        min_personal = ctx.settings.check_param("form_personal_min_fields")
        personal_at: list[str] = []
        for where, page in pages(msg):
            secrets, personal = classify(form_fields(page))
            if secrets:
                return [Symbol(name=CREDENTIALS, score=ctx.settings.score(CREDENTIALS),
                               description=self.description, options=[where, *secrets[:3]])]
            if len(personal) >= min_personal:
                personal_at = [where, *sorted(personal)]
        if not personal_at:
            return []
        return [Symbol(name=PERSONAL, score=ctx.settings.score(PERSONAL), description=self.description,
                       options=personal_at)]


CHECK = PhishingFormCheck()
