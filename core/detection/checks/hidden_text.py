"""HTML text the reader never sees: display:none, zero-size fonts, text coloured like its background.

Spammers hide word salad there to poison statistical filters and phishers hide text to dodge keyword rules.
Newsletters hide a short inbox preview ("preheader") the same way, so only a substantial amount counts.
"""

from __future__ import annotations

import html as html_entities
import re
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.mail.html_text import ascii_lower
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "HTML_HIDDEN_TEXT"
MAX_TAGS = 5000  # tags walked per message; hidden text after that is not looked for
MAX_DEPTH = 256
HIDDEN_KEEP = 65536  # characters of hidden text kept for counting
MAX_COLOURS = 64  # colour declarations compared by the quick whole-document test
#: Colours this close (sum of channel differences, 0-765) are the same to a reader.
SAME_COLOUR = 24

Colour = tuple[int, int, int]
WHITE: Colour = (255, 255, 255)

# Every pattern runs on lower-cased text. [^<>] keeps a failed tag match from running past the next tag, so
# the walk stays linear in the length of the HTML.
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]{0,15})([^<>]{0,4096})>")
# One pattern per hiding style, each starting with a literal word: the regex engine then skips ahead with a
# fast substring search instead of trying every position.
_HIDING = tuple(re.compile(p) for p in (
    r"display\s*:\s*none",
    r"visibility\s*:\s*hidden",
    r"opacity\s*:\s*0(?:\.0+)?(?![.\d])",
    r"font-size\s*:\s*(?:0+(?:\.0+)?(?:[a-z]{2,3}|%)?|(?:0?\.\d{1,4}|1)(?:px|pt))\s*(?:[;\"'!]|$)",
    r"hidden(?<![^\s]hidden)(?:\s|=|/|$)",  # the HTML attribute, not "overflow:hidden" or type="hidden"
))
#: Each pattern with the literal its match starts with: a substring test rules the regex out first.
_HIDING_PREFIXED = tuple((p.pattern[:4], p) for p in _HIDING)
# The preheader trick: a box of zero height whose overflow is cut off.
_ZERO_HEIGHT = re.compile(r"height\s*:\s*0(?:px)?\s*(?:[;\"'!]|$)")
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden")
_COLOUR_VALUE = r"\s*[\"']?\s*(#?[0-9a-f]{6}\b|#[0-9a-f]{3}\b|[a-z]{3,20}\b|rgb\([^)]{0,40}\))"
_FG = re.compile(r"color(?<![\w-]color)\s*[:=]" + _COLOUR_VALUE)  # not bgcolor, border-color, ...
_BG = re.compile(r"b(?:gcolor\s*=|ackground(?:-color)?\s*:)" + _COLOUR_VALUE)
_BG_IMAGE = re.compile(r"background\s*=|background(?:-image)?\s*:[^;\"']{0,200}url\(")
_RGB = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")
_WORD = re.compile(r"[^\W_]{2,}")
_NAMED = {"white": "ffffff", "black": "000000", "red": "ff0000", "green": "008000", "blue": "0000ff",
          "yellow": "ffff00", "silver": "c0c0c0", "gray": "808080", "grey": "808080", "navy": "000080",
          "maroon": "800000", "purple": "800080", "teal": "008080", "olive": "808000", "lime": "00ff00",
          "aqua": "00ffff", "fuchsia": "ff00ff", "orange": "ffa500", "whitesmoke": "f5f5f5", "snow": "fffafa",
          "ivory": "fffff0", "ghostwhite": "f8f8ff"}
# Elements without content: they never hold the colour or visibility of what follows.
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "wbr", "source", "param",
                   "embed", "track"})
_RAW_START = re.compile(r"<!--|<(script|style|head|title)(?=[\s>/])")


@lru_cache(maxsize=1024)  # a pure function of a short declaration; mail repeats the same few colours
def colour(value: str) -> Colour | None:
    """An (r, g, b) triple for a lower-case CSS/HTML colour ("#fff", "white", "rgb(1,2,3)"), or None."""
    v = value.strip()
    if v.startswith("rgb"):
        m = _RGB.match(v)
        return (min(int(m.group(1)), 255), min(int(m.group(2)), 255), min(int(m.group(3)), 255)) if m else None
    v = _NAMED.get(v, v.lstrip("#"))
    if len(v) == 3:
        v = "".join(c * 2 for c in v)
    if len(v) != 6:
        return None
    try:
        return int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)
    except ValueError:
        return None


def same_colour(fg: Colour | None, bg: Colour | None) -> bool:
    """True when text of colour fg cannot be told from a background of colour bg."""
    return fg is not None and bg is not None and \
        abs(fg[0] - bg[0]) + abs(fg[1] - bg[1]) + abs(fg[2] - bg[2]) <= SAME_COLOUR


def _hides(low: str) -> bool:
    """True when lower-case style text holds a hiding declaration (display:none, font-size:0, ...)."""
    return any(prefix in low and p.search(low) for prefix, p in _HIDING_PREFIXED)


def _worth_walking(low: str) -> bool:
    """Cheap whole-document test: any hiding style at all, or a text colour that some background matches."""
    if _hides(low) or ("overflow" in low and _ZERO_HEIGHT.search(low)):
        return True
    if "color" not in low:
        return False
    # the first MAX_COLOURS declarations, found without listing every one of a long document's
    fgs = {c for c in (colour(m.group(1)) for m in islice(_FG.finditer(low), MAX_COLOURS)) if c is not None}
    if not fgs:
        return False
    bgs = {c for c in (colour(m.group(1)) for m in islice(_BG.finditer(low), MAX_COLOURS)) if c is not None}
    bgs.add(WHITE)
    return any(same_colour(f, b) for f in fgs for b in bgs)


def _without_raw(low: str) -> str:
    """Lower-case HTML without comments and script/style/head/title contents; linear (searches only move on)."""
    out: list[str] = []
    i = 0
    while True:
        m = _RAW_START.search(low, i)
        if m is None:
            out.append(low[i:])
            break
        out.append(low[i:m.start()])
        name = m.group(1)
        if name is None:  # a comment
            end = low.find("-->", m.end())
            if end < 0:
                break  # an unclosed comment hides the rest
            i = end + 3
            continue
        close = low.find("</" + name, m.end())
        if close < 0:
            if name == "head":  # a missing </head> is common; the body still counts
                i = m.end()
                continue
            break
        gt = low.find(">", close)
        if gt < 0:
            break
        i = gt + 1
        out.append(" ")
    return "".join(out)


def hidden_text(html: str, max_tags: int = MAX_TAGS) -> str:
    """The text of an HTML body that is not displayed or is coloured like its background (lower case)."""
    low = ascii_lower(html)  # same length as html, unlike str.lower()
    if not html or not _worth_walking(low):
        return ""
    body = _without_raw(low)
    # A stylesheet can colour any element by class: with one present, a background is only known when it is
    # written on the element itself.
    styled = "<style" in low
    # frame: (tag, hidden, text colour, background colour, text is invisible)
    stack: list[tuple[str, bool, Colour | None, Colour | None, bool]] = [
        ("#root", False, None, None if styled else WHITE, False)]
    invisible = False
    kept: list[str] = []
    kept_len = 0
    last = 0
    for m in islice(_TAG.finditer(body), max(max_tags, 0)):
        if invisible and kept_len < HIDDEN_KEEP:
            chunk = body[last:m.start()]
            if not chunk.isspace():
                kept.append(chunk)
                kept_len += len(chunk)
        last = m.end()
        closing, name, attrs = m.groups()
        if closing:
            if len(stack) > 1 and stack[-1][0] == name:  # the usual case: it closes the innermost element
                stack.pop()
                invisible = stack[-1][4]
                continue
            for depth in range(len(stack) - 1, max(len(stack) - 9, 0), -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    invisible = stack[-1][4]
                    break
            continue
        if name in _VOID or len(stack) >= MAX_DEPTH or attrs.endswith("/"):
            continue
        top = stack[-1]
        if not attrs or not ("style" in attrs or "color" in attrs or "hidden" in attrs or "background" in attrs
                             or (styled and ("class" in attrs or "id=" in attrs))):
            stack.append((name, top[1], top[2], top[3], top[4]))  # nothing changes: the parent's visibility holds
            continue
        _, hidden, fg, bg, _ = top
        # Responsive mail hides its mobile-only blocks inline and shows them again through a class in the
        # stylesheet's media queries: with a stylesheet present, an element with a class may be visible.
        revealable = styled and "class" in attrs
        if attrs and ("style" in attrs or "color" in attrs or "hidden" in attrs or "background" in attrs):
            hidden = hidden or (not revealable and (_hides(attrs) or bool(
                "overflow" in attrs and _ZERO_HEIGHT.search(attrs) and _OVERFLOW_HIDDEN.search(attrs))))
            f = _FG.search(attrs)
            if f:
                fg = colour(f.group(1)) or fg
            b = _BG.search(attrs)
            if b:
                bg = colour(b.group(1))
            elif _BG_IMAGE.search(attrs):
                bg = None  # text over a picture: its colour says nothing
            elif styled and ("class" in attrs or "id=" in attrs):
                bg = None
        elif styled and attrs and ("class" in attrs or "id=" in attrs):
            bg = None
        invisible = hidden or same_colour(fg, bg)
        stack.append((name, hidden, fg, bg, invisible))
    return " ".join(html_entities.unescape(" ".join(kept)).split())


class HiddenTextCheck:
    """Count the words of invisible HTML text; emit when there are more than a preview line holds."""

    name = "hidden_text"
    group = GROUP_SPAM
    description = "HTML body hides a substantial amount of text from the reader"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit HTML_HIDDEN_TEXT when hidden words reach [checks] hidden_text_min_words."""
        if not msg.html:
            return []
        words = _WORD.findall(hidden_text(msg.html))
        if len(words) < ctx.settings.check_param("hidden_text_min_words"):
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[f"words={len(words)}", " ".join(words[:8])[:80]])]


CHECK = HiddenTextCheck()
