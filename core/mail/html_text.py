"""The visible text of an HTML body, and the same-length ASCII lower-casing the HTML scanners search in."""

from __future__ import annotations

import html as html_entities
import operator
import re

_SKIP_CONTENT = frozenset({"script", "style", "title", "template", "head"})
_BREAK_TAGS = frozenset({"br", "p", "div", "tr", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                         "table", "ul", "ol", "blockquote", "hr", "section", "article"})
_TAG_NAME = re.compile(r"/?([a-z][a-z0-9:-]{0,31})")
#: Where markup starts, in lower-cased HTML: a comment, a tag (closing "/", its name) or "<!"/"<?" markup.
_MARKUP = re.compile(r"<(?:(!--)|(/?)([a-z][a-z0-9:-]{0,31})|[!?])")
_NAME_GOES_ON = r"(?![a-z0-9:-])"  # a name matched above ends here (names are short: the 32 cap never cuts one)
#: A run of lower-cased HTML that html_to_text decides nothing in: text, bare "<", and tags other than the opening
#: tags of _SKIP_CONTENT; it ends before a comment, such a tag or an unterminated tag (handled one at a time).
_ORDINARY = re.compile(r"(?:[^<]++|<(?!!--|/?[a-z]|[!?])|<(?:/[a-z]|(?!(?:" + "|".join(sorted(_SKIP_CONTENT))
                       + ")" + _NAME_GOES_ON + r")[a-z]|!(?!--)|\?)[^>]*+>)*+")
#: Marks the place of a _BREAK_TAGS tag while an ordinary run's tags are removed in one substitution (the name of
#: the group that matched, which re.sub inserts through operator.attrgetter; other tags give None: nothing).
_BREAK_MARK = "\ua66e"
_RUN_TAGS = re.compile(r"<(?:(?P<" + _BREAK_MARK + r">/?(?:" + "|".join(sorted(_BREAK_TAGS)) + ")" + _NAME_GOES_ON
                       + r")|/?[a-z]|[!?])[^>]*>", re.IGNORECASE | re.ASCII)  # IGNORECASE|ASCII: as on ascii_lower
_MARK_BREAK = operator.attrgetter("lastgroup")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_BYTE_LOWER = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))
#: The last text ascii_lower was given and its answer: a scan asks for the same HTML body's three or four times
#: (html_to_text, links.anchors, hidden_text, phishing_form, hash_buster), one check after another.
_last_lower: tuple[str, str] = ("", "")


def ascii_lower(text: str) -> str:
    """`text` with A-Z in lower case and every other character as it is: the same length as `text`, unlike
    str.lower(), so that positions found in it are positions in `text`."""
    global _last_lower
    kept = _last_lower  # one read: another thread may replace it
    if kept[0] is text:
        return kept[1]
    low = _ascii_lower(text)
    _last_lower = (text, low)
    return low


def _ascii_lower(text: str) -> str:
    if text.isascii():
        return text.lower()  # only A-Z change in ASCII text
    # bytes.translate is some 25 times cheaper than str.translate with a dict (75 -> 3 us on an average modern
    # HTML body). In UTF-8 the bytes A-Z are only ever those letters (every byte of a longer sequence is >= 0x80).
    try:
        return text.encode("utf-8").translate(_BYTE_LOWER).decode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (undecodable bytes kept by surrogateescape)
        return text.translate(_ASCII_LOWER)


def html_to_text(html: str) -> str:
    """Visible text of an HTML body: tags, comments, scripts and styles removed; linear in its length."""
    low = ascii_lower(html)  # same length as html, unlike str.lower()
    out: list[str] = []
    i, n = 0, len(html)
    search = _MARKUP.search
    runs = _BREAK_MARK not in html  # else step through every tag
    while i < n:
        if runs:  # skip to the next comment, script, style, ... (or the end) in C
            end = _ORDINARY.match(low, i).end()
            if end > i:
                out.append(_RUN_TAGS.sub(_MARK_BREAK, html[i:end]))
                i = end
                if i >= n:
                    break
        m = search(low, i)  # a bare "<" (not markup) stays in the text before it
        if m is None:
            out.append(html[i:])
            break
        lt = m.start()
        out.append(html[i:lt])
        if m.group(1):  # a comment
            end = html.find("-->", lt + 4)
            if end < 0:
                break
            i = end + 3
            continue
        gt = html.find(">", lt + 1)
        if gt < 0:
            break  # an unterminated tag swallows the rest, as in browsers
        i = gt + 1
        name = m.group(3)
        if not name:  # <!doctype>, <?xml?>
            continue
        if name in _BREAK_TAGS:
            out.append(" ")
        elif name in _SKIP_CONTENT and not m.group(2) and not low.startswith("/>", gt - 1):
            close = low.find("</" + name, i)
            if close < 0:
                if name == "head":  # a missing </head> is common; don't lose the body over it
                    continue
                break
            gt2 = html.find(">", close)
            i = n if gt2 < 0 else gt2 + 1
    text = "".join(out)
    if runs:
        text = text.replace(_BREAK_MARK, " ")
    text = html_entities.unescape(text)
    return " ".join(text.split())
