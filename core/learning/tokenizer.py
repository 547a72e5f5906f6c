"""Turn a parsed message into the bounded, deterministic token set the spam classifier counts.

Only what a sender controls and what carries over to other mail is tokenized: subject and body words and word
pairs, link hosts and link tricks, the From display name and address shape, attachment types, HTML tricks,
look-alike spellings ("v1agra" as "deob:viagra"), a few text shapes. Headers that relays, mailing lists or a
corpus' collectors add (Received, Delivered-To, List-*, X-Spam-*, To), dates, software names and top-level domains
are left out on purpose: they describe where and when mail was collected (the training ham is largely Irish and
academic mailing lists), not what it is, and a model keyed on them stops working on newer mail.

For the same reason (since TOKENIZER_VERSION 4) the way mail is formatted is not counted either: HTML tags and
attributes, layout measures, Content-Type, transfer encoding and charset, the body's length and parts, how many
links and how deep their paths, a non-ASCII subject. In the 2002 training corpus these told spam from ham (spam
was HTML with links, ham short plain English text); today nearly every receipt, newsletter and password reset is
HTML with many links, and many scams are short plain text, so counted they made the model rank modern ham above
modern spam. Dropping them (a model trained on the whole corpus; bench.modern_detection's "classifier alone" line):
ROC AUC on modern set A 0.418 -> 0.647, on set B 0.615 -> 0.741, corpus 5-fold CV 0.9962 -> 0.9960; modern ham
at p >= 0.8 39% -> 3% (A) and 24% -> 1% (B). What stays are tricks that hide things in any year: white or hidden
text, one-pixel images, numeric entities, <font> sizes and colours, links to an IP address, with user info, a port,
escaped characters or a "~user" path.

Version 5 drops three more tokens whose 2002 meaning is gone. A link with "unsubscribe", "remove" or "opt-out" in
its path (url:remove_link) was a bulk mailer's; since CAN-SPAM, the GDPR and the large mailbox providers' sender
rules every newsletter must carry one. An X-Mailer header (hdr:x-mailer) is set by every sending library and
service today, and its presence is the sender's choice. And an "upper-case line" (shape:caps_lines) had only to
have no lower-case letter: lines of a script without case holding a currency code ("... AED 180.00"), company and
tax numbers ("SIRET 812 345 678") and two-word headings counted as shouting; a line now needs three capitalised
words. Measured with a model trained on the whole corpus (ROC AUC of the log-odds, bench.calibration): modern set A
0.647 -> 0.678, set B 0.741 -> 0.775; corpus 5-fold CV 0.9960 and the time split 0.9861 unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import filterfalse, islice, repeat
from typing import TYPE_CHECKING

from core.mail.links import site_of

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

#: Bumped whenever the tokens a message yields change: a model is only valid with its tokenizer's version.
TOKENIZER_VERSION = 5
#: At most this many distinct tokens per message (header, link and HTML tokens come first, so are never cut).
MAX_TOKENS = 1500
#: Characters of each body looked at; spam says what it has to say early.
MAX_BODY_CHARS = 65536
#: Longer tokens are cut here (a cut token still matches the same cut token elsewhere).
MAX_TOKEN_CHARS = 40
#: Words longer than this become a "skip" token of their first character and length bucket (as SpamBayes).
MAX_WORD = 12
MIN_WORD = 3
MAX_URLS = 200
MAX_LINES = 400
#: Capitalised words an upper-case line needs to count as shouting (shape:caps_lines; see _shouts).
CAPS_LINE_WORDS = 3

# Punctuation stripped from both ends of a word; inside a word it stays ("$19.95", "e-mail", "don't").
_WORD_STRIP = "\"'`.,;:!?()[]{}<>*=+#~|\\/^&_-"
# Digits with separators only: dates, times, version and reference numbers. They date a corpus, not spam.
_NUMERIC = re.compile(r"[\d:/.,-]+")
# Case-insensitive as written out (re.I would match the same: it also takes U+0130 and U+0131 for "i", U+017F for
# "s", U+212A for "k"), so that the regex engine skips ahead to the possible first characters instead of trying
# a match at every position; the same holds for _CAPS_RUN and _CLICK_HERE below, whose leading \b is looked behind
# their first character.
_URL = re.compile(r"[hH][tT][tT][pP][sS\u017f]?://[^\s\"'<>()\\]{1,400}|[fF][tT][pP]://[^\s\"'<>()\\]{1,400}"
                  r"|[wW][wW][wW]\.[a-zA-Z0-9\u0130\u0131\u017f\u212a-]{1,63}\.[^\s\"'<>()\\]{1,300}")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_MONEY = re.compile(r"[$\u00a3\u20ac]\s?\d")
_PERCENT = re.compile(r"\d\s?%")
_TOLL_FREE = re.compile(r"\b(?:1[-. ]?)?\(?8(?:00|88|77|66|55)\)?[-. ]?\d{3}[-. ]?\d{4}\b")
_TOLL_FREE_CODE = re.compile(r"8(?:00|88|77|66|55)")  # in every _TOLL_FREE match; found much faster
_BANGS = re.compile(r"!{2,}")
_MARKS = re.compile(r"[!?]{3,}")
# (?:\b[A-Z]{2,}\b[ ,.!]+){3,}
_CAPS_RUN = re.compile(r"[A-Z](?<=\b[A-Z])[A-Z]+\b[ ,.!]+(?:\b[A-Z]{2,}\b[ ,.!]+){2,}")
#: In every _CAPS_RUN match (the last two letters of its first word, the second word, the first two letters of its
#: third), and found faster: the regex tries a match only at a capital letter, and rarely gets past the third.
_CAPS_RUN_GATE = re.compile(r"[A-Z][A-Z][ ,.!]+[A-Z][A-Z]+[ ,.!]+[A-Z][A-Z]")
# \b(?:click|visit) here\b, case-insensitively
_CLICK_HERE = re.compile(r"[cCvV](?<=\b[cCvV])(?:(?<=[cC])[lL][iI\u0130\u0131][cC][kK\u212a]"
                         r"|(?<=[vV])[iI\u0130\u0131][sS\u017f][iI\u0130\u0131][tT]) [hH][eE][rR][eE]\b")
_WHITE_TEXT = re.compile(r"color\s*=\s*[\"']?#?(?:ffffff|white|fffff0|fefefe)", re.I)
#: "display:none" once the spaces are taken out (as html.lower().replace(" ", "") had it), searched in html.lower()
_HIDDEN = re.compile(r"d *i *s *p *l *a *y *: *n *o *n *e")
_FONT_SIZE = re.compile(r"<font[^>]{0,200}size\s*=\s*[\"']?([+-]?\d)", re.I)
#: <font> tags (the one layout tag counted: spam of any year sets sizes and colours with it, today's legitimate
#: mail with style sheets) and the attributes set on them.
_FONT_TAG = re.compile(r"<\s*(/?)font\b([^<>]{0,512})", re.I)
_FONT_ATTR = re.compile(r"\b(bgcolor|color|size|face|style|width|height|align|href|src|border|alt|target)\s*=", re.I)
#: <font> tags looked at per message, at most.
MAX_FONT_TAGS = 500
_TINY_IMG = re.compile(r"<img[^>]{0,300}(?:width|height)\s*=\s*[\"']?[01][\"' >]", re.I)
_INNER_MARK = re.compile(r"[a-z][._*][a-z]")  # not "-": "e-mail" and "well-known" are how people write
_SPELT_SEPARATORS = re.compile(r"[._]")
#: Look-alike characters spam puts inside words ("v1agra", "m0ney", "fr.ee"), read back as letters.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s", "!": "i", "|": "l",
                       "7": "t"})
_LEET_CHARS = frozenset("0134578@$!|")
#: A look-alike character anywhere or an inner mark: what a word needs to be looked at by _look_alike.
_LOOK_ALIKE_HINT = re.compile(f"[{re.escape(''.join(sorted(_LEET_CHARS)))}]|{_INNER_MARK.pattern}")
#: Host names ("shop.example", "mail1.example.com") and addresses written in text are names, not look-alike
#: spellings, though they have dots and digits inside: one label of three or more characters besides the
#: top-level one tells them from "c.a.s.h" or "fr.ee".
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}")
#: Words looked at for look-alike spellings, per body (the first ones; MAX_SHAPE_CHARS of the body).
MAX_OBFUSCATION_WORDS = 1500
MAX_SHAPE_CHARS = 20000
#: Headers a sender's own software writes; their presence (never their value) is a token.
#: (Not X-Mailer since TOKENIZER_VERSION 5: see the module docstring.)
_PRESENCE_HEADERS = ("in-reply-to", "references", "user-agent", "x-priority", "x-msmail-priority",
                     "importance", "organization", "reply-to", "disposition-notification-to", "x-php-script")
class _Tokens:
    """An insertion-ordered set of tokens that stops growing at MAX_TOKENS."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: dict[str, None] = {}

    @property
    def full(self) -> bool:
        return len(self.items) >= MAX_TOKENS

    def add(self, token: str) -> None:
        if len(self.items) < MAX_TOKENS:
            self.items[token[:MAX_TOKEN_CHARS]] = None


def tokenize(msg: ParsedMessage) -> list[str]:
    """The message's distinct tokens in a deterministic order, at most MAX_TOKENS of them."""
    out = _Tokens()
    subject = msg.subject[:400]
    _subject(subject, out)
    _from(msg, out)
    _headers(msg, out)
    _attachments(msg, out)
    text, html = msg.text[:MAX_BODY_CHARS], msg.html[:MAX_BODY_CHARS]
    visible = msg.html_text[:MAX_BODY_CHARS]
    # Each body lowercased once, for the passes below that look for something in any case.
    low_text, low_html, low_visible = text.lower(), html.lower(), visible.lower()
    bodies = [b for b in (text, visible) if b]
    _urls(((text, low_text), (html, low_html)), out)  # the raw HTML, so that href and src links count too
    _html(html, low_html, out)
    for body in bodies:
        _shapes(body, out)
    _marks(subject, subject.lower(), out)
    for body, low in ((text, low_text), (visible, low_visible)):
        if body:
            _marks(body, low, out)
    splits = [b.split() for b in bodies]
    # _obfuscated looks at the words of a body's first MAX_SHAPE_CHARS: the same words when the body is no longer
    _obfuscated(subject.split(), out)  # (a subject is shorter than MAX_SHAPE_CHARS)
    for body, words in zip(bodies, splits, strict=True):
        _obfuscated(words if len(body) <= MAX_SHAPE_CHARS else body[:MAX_SHAPE_CHARS].split(), out)
    for words in splits:
        _words(words, out)
    return list(out.items)


def _words(words: list[str], out: _Tokens) -> None:
    """Lowercased words stripped of edge punctuation, and each pair of neighbouring words (words: body.split())."""
    # The hottest loop of a scan. out.add is inlined (every token here is far shorter than MAX_TOKEN_CHARS);
    # strip and lower run over the words in C (map). The room left is checked once per batch of words, not before
    # each word: a word adds at most three tokens, so a batch of a third of the room cannot reach MAX_TOKENS before
    # its last word (with less room than three tokens, a batch is one word: the check before each word, as ever);
    # what the last word lets in past MAX_TOKENS is taken off again at the end. Batches also leave the words after
    # the set is full unstripped (a long body has many more than MAX_TOKENS / 2).
    items = out.items
    limit = max(MAX_TOKENS, len(items))  # (never more than MAX_TOKENS when a scan calls it)
    numeric = _NUMERIC.fullmatch
    prev = ""
    start, total = 0, len(words)
    while start < total:
        room = MAX_TOKENS - len(items)
        if room <= 0:
            break
        end = start + (room // 3 if room >= 3 else 1)
        batch = list(map(str.strip, words[start:end], repeat(_WORD_STRIP)))
        start = end
        for word, low in zip(batch, map(str.lower, batch), strict=True):
            n = len(word)
            # a stripped word starts with neither of the separators _NUMERIC allows: only one starting with a digit
            # can be all digits and separators
            if n < MIN_WORD or (word[0].isdecimal() and numeric(word)):
                prev = ""
                continue
            if n > MAX_WORD:
                prev = ""
                # links have their own tokens
                if "@" not in low and "://" not in low and not low.startswith("www."):
                    items[f"skip:{low[0]}{n // 10 * 10}"] = None
                continue
            items[low] = None
            if prev:
                items[f"bi:{prev} {low}"] = None
            prev = low
            if n >= 4 and word.isupper() and word.isalpha():
                items["caps:" + low] = None
    while len(items) > limit:
        items.popitem()  # the last added first: these are the tokens that one add at a time would have refused


def _subject(subject: str, out: _Tokens) -> None:
    if not subject.strip():
        out.add("subj:empty")
        return
    for raw in subject.split():
        word = raw.strip(_WORD_STRIP)
        if len(word) >= 2 and not _NUMERIC.fullmatch(word):
            out.add("s:" + word.lower()[:MAX_WORD + 8])
    if "!" in subject:
        out.add("subj:bang")
    letters = list(filter(str.isalpha, subject))
    if len(letters) >= 6 and sum(map(str.isupper, letters)) > 0.7 * len(letters):
        out.add("subj:mostly_caps")


def _from(msg: ParsedMessage, out: _Tokens) -> None:
    addr = msg.from_addr.lower()
    if not addr:
        out.add("from:none")
        return
    local, _, domain = addr.rpartition("@")
    out.add("from:site:" + site_of(domain))
    out.add(f"from:local_digits:{min(sum(c.isdigit() for c in local), 5)}")
    if len(local) > 15:
        out.add("from:local_long")
    reply = msg.reply_to_addr.lower()
    if reply and reply != addr:
        out.add("from:reply_to_differs")
    display = msg.from_display.strip()
    if not display:
        out.add("from:no_display")
        return
    if "@" in display:
        out.add("from:display_has_at")
    for raw in display.split()[:8]:
        word = raw.strip(_WORD_STRIP).lower()
        if len(word) >= 2:
            out.add("fd:" + word[:MAX_WORD + 8])
    if display.isupper() and sum(c.isalpha() for c in display) >= 4:
        out.add("from:display_caps")


def _headers(msg: ParsedMessage, out: _Tokens) -> None:
    for name in _PRESENCE_HEADERS:
        if msg.header(name) is not None:
            out.add("hdr:" + name)
    priority = (msg.header("x-priority") or "").strip()[:1]
    if priority:
        out.add("prio:" + priority)


def _attachments(msg: ParsedMessage, out: _Tokens) -> None:
    """Attachment types and file extensions, and MIME defects."""
    for att in msg.attachments[:20]:
        out.add("att:" + att.content_type[:40])
        if "." in att.filename:
            out.add("att_ext:" + att.filename.rpartition(".")[2].lower()[:8])
    for defect in msg.defects[:8]:
        out.add("defect:" + defect)


def _urls(bodies: tuple[tuple[str, str], ...], out: _Tokens) -> None:
    """Link tokens of (body, body.lower()) pairs."""
    seen = 0
    done: set[str] = set()
    for body, low in bodies:
        for m in _url_matches(body, low):
            seen += 1
            if seen > MAX_URLS:
                break
            url = m.group(0).lower()
            if url in done:
                continue  # the same link again (often in both the text and the HTML part): its tokens are there
            done.add(url)
            rest = url.split("://", 1)[1] if "://" in url else url
            hostport, _, path = rest.partition("/")
            if "~" in path.partition("?")[0]:
                out.add("urlp:tilde")
            if "@" in hostport:
                out.add("url:userinfo")
                hostport = hostport.rpartition("@")[2]
            host, _, port = hostport.partition(":")
            host = host.strip(".")
            if port:
                out.add("url:port")
            if "%" in host:
                out.add("url:escaped_host")
            if _IPV4.fullmatch(host):
                out.add("url:ip")
                continue
            out.add("url:" + site_of(host))
            if "%" in path:
                out.add("url:escaped_path")


def _url_matches(body: str, low: str) -> Iterator[re.Match[str]]:
    """_URL.finditer(body) (low: body.lower()), without running the regex over the whole body.

    _URL tries a match at every h, f and w of the body, which made it the costliest regex of a scan. A match
    starts 3 to 5 characters before a "://" (ftp, http, https) or where "www." starts, in any case; str.find finds
    those few places fast, and the regex is tried only there, in order, which gives the same matches.
    """
    if "\u0130" in body:  # the one character whose lowercase is longer ("i" and a dot): low's offsets would shift
        yield from _URL.finditer(body)
        return
    match = _URL.match
    pos = 0
    # The first "://" a match starting at pos or later can end its scheme at, and the first "www." from pos; each
    # looked up again only once pos has passed it (-1: there is none left), so each body is searched once.
    scheme, www = body.find("://", 3), low.find("www.")
    while True:
        if 0 <= scheme < pos + 3:
            scheme = body.find("://", pos + 3)
        if 0 <= www < pos:
            www = low.find("www.", pos)
        if scheme < 0 and www < 0:
            return
        if www >= 0 and (scheme < 0 or www < scheme - 5):
            starts: Iterable[int] = (www,)
        else:  # every place a match using this "://" can start; a "www." among them is one of them
            starts = range(max(pos, scheme - 5), scheme - 2)
        for start in starts:
            m = match(body, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = start + 1


def _html(html: str, low: str, out: _Tokens) -> None:
    """HTML tricks that hide text or track the reader, and <font> tags (low: html.lower()); not layout (see the
    module docstring)."""
    if not html:
        return
    if _white_text(html, low):
        out.add("html:white_text")
    font = "font" in low  # in every _FONT_SIZE and _FONT_TAG match: those regexes only where they may match
    if font:
        for size in _FONT_SIZE.findall(html)[:50]:
            out.add("html:font_size" + size)
    if _TINY_IMG.search(html):
        out.add("html:tiny_img")
    if _HIDDEN.search(low):
        out.add("html:hidden")
    if font:
        # each distinct tag once: the same <font ...> recurs many times in a message
        tags = (m.groups() for m in islice(_FONT_TAG.finditer(html), MAX_FONT_TAGS))
        for closing, attrs in dict.fromkeys(tags):
            out.add("tag:font")
            if attrs and not closing:
                for attr in _FONT_ATTR.findall(attrs):
                    out.add("attr:font." + attr.lower())
    if "&#" in html:
        out.add("html:numeric_entity")


def _white_text(html: str, low: str) -> bool:
    """Whether _WHITE_TEXT.search(html) finds white text (low: html.lower()).

    _WHITE_TEXT is case-insensitive and starts with a letter, so the regex engine tries a match at every
    character of the HTML. A match starts where "color" does, in any case (none of its letters has another
    case-insensitive match than its two cases), and str.find finds those few places in low much faster; offsets
    in low are those of html unless html holds U+0130, whose lowercase is two characters.
    """
    if "\u0130" in html:
        return _WHITE_TEXT.search(html) is not None
    match = _WHITE_TEXT.match
    pos = low.find("color")
    while pos >= 0:
        if match(html, pos) is not None:
            return True
        pos = low.find("color", pos + 1)
    return False


def _shapes(text: str, out: _Tokens) -> None:
    """Shapes of spam text that outlive its vocabulary: prices, percentages, toll-free numbers, shouting."""
    # Each regex only where a str "in" test (much faster than a regex search) says it can match.
    if ("$" in text or "\u00a3" in text or "\u20ac" in text) and _MONEY.search(text):
        out.add("shape:money")
    if "%" in text and _PERCENT.search(text):
        out.add("shape:percent")
    if _TOLL_FREE_CODE.search(text) and _TOLL_FREE.search(text):
        out.add("shape:tollfree")
    if "!!" in text:  # what _BANGS matches
        out.add("shape:bangs")
    # upper-case lines are few: filter finds them in C, and only they are measured here
    caps = sum(1 for line in filter(str.isupper, text.splitlines()[:MAX_LINES]) if len(line) >= 10 and _shouts(line))
    if caps:
        out.add(f"shape:caps_lines{min(caps, 8).bit_length()}")


def _shouts(line: str) -> bool:
    """Whether an upper-case line (str.isupper) is written in capital words, at least CAPS_LINE_WORDS of them.

    str.isupper only asks that no letter be lower-case, so it also holds for a line of a script without case
    (Arabic, Chinese) with a currency code in it, or for a company or tax number ("SIRET 812 345 678"); and a
    heading ("ORDER SUMMARY") is how today's plain-text parts are laid out. None of those shouts.
    """
    words = map(str.strip, line.split(), repeat(_WORD_STRIP))
    return sum(1 for w in words if len(w) >= 2 and w.isalpha() and w.isupper()) >= CAPS_LINE_WORDS


def _marks(text: str, low: str, out: _Tokens) -> None:
    """Punctuation and case tricks: "$$$", "!!!"/"?!?", runs of capitalised words, "click here" (low:
    text.lower(), of the whole text)."""
    text = text[:MAX_SHAPE_CHARS]
    if "$$" in text:
        out.add("shape:dollars")
    # three of ! and ? in a row hold one of these pairs; most text has none, and "in" is far faster than a search
    if ("!!" in text or "??" in text or "!?" in text or "?!" in text) and _MARKS.search(text):
        out.add("shape:marks3")
    runs = len(_CAPS_RUN.findall(text)) if _CAPS_RUN_GATE.search(text) else 0
    if runs:
        out.add(f"shape:caps_runs{min(runs, 8).bit_length()}")
    if " here" in low and _CLICK_HERE.search(text):  # _CLICK_HERE's " here", in any case
        out.add("shape:click_here")


def _is_name(word: str) -> bool:
    """Whether a word is a host name or an e-mail address (lowercase, edge punctuation stripped)."""
    host = word.rpartition("@")[2]
    if not _HOST.fullmatch(host):
        return False
    return max(len(label) for label in host.split(".")[:-1]) >= 3


def _look_alike(word: str) -> str | None:
    """The word a look-alike spelling imitates ("v1agra" -> "viagra", "g.i.f.t" -> "gift"), or None.

    Only shapes that hide a word count: a digit or symbol between letters, a masked letter ("v*agra"), or a
    word spelt out letter by letter. Code identifiers ("msg_buf"), names and addresses ("sf.net", "mr.smith",
    "root@localhost"), acronyms ("f.b.i"), versions ("v1.5"), ordinals and units ("10th", "400k") are how
    people write, so they are left alone.
    """
    if "@" in word or "|" in word or _is_name(word):  # addresses and pipelines, not "fr@ud"
        return None
    parts = _SPELT_SEPARATORS.split(word)
    if len(parts) > 1 and (len(parts) < 4 or 2 * sum(len(p) == 1 for p in parts) <= len(parts)):
        return None  # "c.a.s.h" is spelt out; "f.b.i", "msg_buf" and "config.h" are not
    joined = "".join(parts)
    chars = list(joined)
    for i, c in enumerate(chars):
        if c in _LEET_CHARS or c == "*":
            if not (0 < i < len(chars) - 1 and joined[i - 1].isalpha() and joined[i + 1].isalpha()):
                return None
            chars[i] = "" if c == "*" else c.translate(_LEET)
    plain = "".join(chars)
    return plain if plain != word and plain.isalpha() else None


def _obfuscated(words: list[str], out: _Tokens) -> None:
    """Words spelt with look-alike digits or symbols as the word they imitate (see _look_alike); words: the split
    of a body's first MAX_SHAPE_CHARS characters."""
    # Most words are letters only, before or after stripping edge punctuation, so neither a look-alike character
    # nor an inner mark: filterfalse drops them, and map strips and lowercases the rest, in C, not in this loop.
    # _LOOK_ALIKE_HINT then keeps those with a look-alike character or an inner mark, also in C.
    raws = filterfalse(str.isalpha, words[:MAX_OBFUSCATION_WORDS])
    lowered = filterfalse(str.isalpha, map(str.lower, map(str.strip, raws, repeat(_WORD_STRIP))))
    for word in filter(_LOOK_ALIKE_HINT.search, lowered):
        if not MIN_WORD < len(word) <= 20 or not any(map(str.isalpha, word)):
            continue
        plain = _look_alike(word)
        if plain is not None:
            out.add("deob:" + plain)
            out.add("shape:obfuscated")
