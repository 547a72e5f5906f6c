"""The visible text of an HTML body, and the same-length ASCII lower-casing the HTML scanners search in."""

from __future__ import annotations

import html as html_entities
import re

_SKIP_CONTENT = frozenset({"script", "style", "title", "template", "head"})
_BREAK_TAGS = frozenset({"br", "p", "div", "tr", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                         "table", "ul", "ol", "blockquote", "hr", "section", "article"})
_TAG_NAME = re.compile(r"/?([a-z][a-z0-9:-]{0,31})")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_LATIN1_LOWER = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))


def ascii_lower(text: str) -> str:
    """`text` with A-Z in lower case and every other character as it is: the same length as `text`, unlike
    str.lower(), so that positions found in it are positions in `text`."""
    if text.isascii():
        return text.lower()  # only A-Z change in ASCII text
    try:  # one byte per character: bytes.translate is much cheaper than str.translate with a dict
        return text.encode("latin-1").translate(_LATIN1_LOWER).decode("latin-1")
    except UnicodeEncodeError:
        return text.translate(_ASCII_LOWER)


def html_to_text(html: str) -> str:
    """Visible text of an HTML body: tags, comments, scripts and styles removed; linear in its length."""
    low = ascii_lower(html)  # same length as html, unlike str.lower()
    out: list[str] = []
    i, n = 0, len(html)
    while i < n:
        lt = html.find("<", i)
        if lt < 0:
            out.append(html[i:])
            break
        out.append(html[i:lt])
        if low.startswith("<!--", lt):
            end = html.find("-->", lt + 4)
            if end < 0:
                break
            i = end + 3
            continue
        m = _TAG_NAME.match(low, lt + 1, lt + 34)
        if m is None and not low.startswith("<!", lt) and not low.startswith("<?", lt):
            out.append("<")  # a bare "<" is text, as browsers render it
            i = lt + 1
            continue
        gt = html.find(">", lt + 1)
        if gt < 0:
            break  # an unterminated tag swallows the rest, as in browsers
        i = gt + 1
        name = m.group(1) if m else ""
        closing = low.startswith("</", lt)
        if name in _BREAK_TAGS:
            out.append(" ")
        if name in _SKIP_CONTENT and not closing and not low.startswith("/>", gt - 1):
            close = low.find("</" + name, i)
            if close < 0:
                if name == "head":  # a missing </head> is common; don't lose the body over it
                    continue
                break
            gt2 = html.find(">", close)
            i = n if gt2 < 0 else gt2 + 1
    text = html_entities.unescape("".join(out))
    return " ".join(text.split())
