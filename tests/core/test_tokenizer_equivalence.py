"""The tokenizer's and the model's faster forms give exactly what their plain forms gave (issue 16's speed work).

Each plain form below is the code as it was before it was made faster; random text built from the pieces that
make the fast paths branch (links, look-alike characters, U+0130 whose lowercase is longer, a nearly full token
set) has to come out the same, token for token and in the same order.
"""

from __future__ import annotations

import heapq
import random
import re

import pytest

from core.learning import spam_model, tokenizer
from core.learning.spam_model import MAX_LEARNED_DELTA, SpamModel
from core.learning.tokenizer import MAX_TOKENS, _Tokens

_PIECES = ["http://", "HTTP\u017f://", "hTtPs://", "ftp://", "sftp://", "://", "www.", "WwW.", "wWw.a\u0130-b.c",
           "a.example", "/x?y=1&z=2", "/~u/12345/a.gif", " ", "  ", "\n", "\t", "\"", "'", "(", ")", "<", ">",
           "\u0130", "\u0131", "\u017f", "\u212a", "h", "f", "w", ".", ",", "!", "?", "!!", "?!", "$", "$$", "%",
           "\u00a3", "\u20ac", "9", "12", "1-800-555-1234", "v1agra", "m0ney", "c.a.s.h", "fr.ee", "v*agra",
           "e-mail", "don't", "GREAT", "FREE", "Click here", "CLICK HERE", "visit HERE", "here", "Dear", "friend",
           "extraordinarily", "supercalifragilistic", "x@y.example", "ABC", "A", "\u00c9T\u00c9", "\u03a3\u039f\u03a3"]


def _texts(seed: int, n: int = 4000, longest: int = 40) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randrange(0, longest))) for _ in range(n)]


def _nearly_full(rnd: random.Random) -> _Tokens:
    """A token set with a random amount of room left (often none or a little)."""
    out = _Tokens()
    if rnd.random() < 0.5:
        out.items["friend"] = None  # a token the text may add again: it keeps its place
    size = MAX_TOKENS - rnd.choice([0, 1, 2, 3, 5, 40, MAX_TOKENS])
    while len(out.items) < size:
        out.items[f"filler{len(out.items)}"] = None
    return out


# -- the plain forms ------------------------------------------------------------------------------------------


def _plain_words(text: str, out: _Tokens) -> None:
    items = out.items
    prev = ""
    for raw in text.split():
        if len(items) >= MAX_TOKENS:
            return
        word = raw.strip(tokenizer._WORD_STRIP)
        n = len(word)
        if n < tokenizer.MIN_WORD or (word[0].isdecimal() and tokenizer._NUMERIC.fullmatch(word)):
            prev = ""
            continue
        low = word.lower()
        if n > tokenizer.MAX_WORD:
            prev = ""
            if "@" not in low and "://" not in low and not low.startswith("www.") and len(items) < MAX_TOKENS:
                items[f"skip:{low[0]}{n // 10 * 10}"] = None
            continue
        if len(items) < MAX_TOKENS:
            items[low] = None
        if prev and len(items) < MAX_TOKENS:
            items[f"bi:{prev} {low}"] = None
        prev = low
        if n >= 4 and word.isupper() and word.isalpha() and len(items) < MAX_TOKENS:
            items["caps:" + low] = None


def _plain_obfuscated(text: str, out: _Tokens) -> None:
    for raw in text[:tokenizer.MAX_SHAPE_CHARS].split()[:tokenizer.MAX_OBFUSCATION_WORDS]:
        if raw.isalpha():
            continue
        word = raw.strip(tokenizer._WORD_STRIP).lower()
        if not tokenizer.MIN_WORD < len(word) <= 20 or word.isalpha() or not any(c.isalpha() for c in word):
            continue
        if not (tokenizer._LEET_CHARS.intersection(word) or tokenizer._INNER_MARK.search(word)):
            continue
        plain = tokenizer._look_alike(word)
        if plain is not None:
            out.add("deob:" + plain)
            out.add("shape:obfuscated")


def _plain_shapes_and_marks(text: str, out: _Tokens) -> None:
    t = tokenizer
    if t._MONEY.search(text):
        out.add("shape:money")
    if t._PERCENT.search(text):
        out.add("shape:percent")
    if t._TOLL_FREE_CODE.search(text) and t._TOLL_FREE.search(text):
        out.add("shape:tollfree")
    if t._BANGS.search(text):
        out.add("shape:bangs")
    caps = 0
    for line in text.splitlines()[:t.MAX_LINES]:
        if len(line) >= 10 and line.isupper() and t._shouts(line):
            caps += 1
    if caps:
        out.add(f"shape:caps_lines{min(caps, 8).bit_length()}")
    text = text[:t.MAX_SHAPE_CHARS]
    if "$$" in text:
        out.add("shape:dollars")
    if t._MARKS.search(text):
        out.add("shape:marks3")
    runs = len(t._CAPS_RUN.findall(text))
    if runs:
        out.add(f"shape:caps_runs{min(runs, 8).bit_length()}")
    if t._CLICK_HERE.search(text):
        out.add("shape:click_here")


def _plain_urls(bodies: tuple[str, str], out: _Tokens) -> None:
    t = tokenizer
    seen = 0
    for body in bodies:
        for m in t._URL.finditer(body):
            seen += 1
            if seen > t.MAX_URLS:
                break
            low = m.group(0).lower()
            rest = low.split("://", 1)[1] if "://" in low else low
            hostport, _, path = rest.partition("/")
            if "~" in path.split("?")[0]:
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
            if t._IPV4.fullmatch(host):
                out.add("url:ip")
                continue
            out.add("url:" + t.site_of(host))
            if "%" in path:
                out.add("url:escaped_path")


def _plain_html(html: str, out: _Tokens) -> None:
    t = tokenizer
    if not html:
        return
    if t._WHITE_TEXT.search(html):
        out.add("html:white_text")
    for size in t._FONT_SIZE.findall(html)[:50]:
        out.add("html:font_size" + size)
    if t._TINY_IMG.search(html):
        out.add("html:tiny_img")
    if "display:none" in html.lower().replace(" ", ""):
        out.add("html:hidden")
    for count, m in enumerate(t._FONT_TAG.finditer(html)):
        if count >= t.MAX_FONT_TAGS:
            break
        out.add("tag:font")
        if m.group(2) and not m.group(1):
            for attr in re.findall(r"\b(bgcolor|color|size|face|style|width|height|align|href|src|border|alt|target)"
                                   r"\s*=", m.group(2), re.I):
                out.add("attr:font." + attr.lower())
    if "&#" in html:
        out.add("html:numeric_entity")


# -- the comparisons ------------------------------------------------------------------------------------------


def test_url_matches_are_those_of_the_regex_over_the_whole_body() -> None:
    for text in [*_texts(1), "http://" + "a" * 900 + " www.b.example/" + "c" * 500, "x" * 10 + "://" * 5]:
        fast = [m.span() for m in tokenizer._url_matches(text, text.lower())]
        assert fast == [m.span() for m in tokenizer._URL.finditer(text)], text


def test_link_tokens_as_the_plain_form() -> None:
    pieces = ["http://a.example/x", "https://b.example:8080/1/2/3/a.php?a=1&b=2&c=3", "www.c.example/~u/12345",
              "ftp://10.0.0.1/f", "http://u:p@d.example/unsubscribe", "http://e%41.example/%20", "HTTP://A.Example/",
              " ", "\n", "<a href=\"", "\">", "http://", "www.", "x", "\u0130"]
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 30)))
        html = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 30)))
        if rnd.random() < 0.1:
            text = "http://many.example/ " * rnd.randrange(150, 260)  # past MAX_URLS
        old, new = _nearly_full(rnd), _Tokens()
        new.items = dict(old.items)
        _plain_urls((text, html), old)
        tokenizer._urls(((text, text.lower()), (html, html.lower())), new)
        assert list(new.items) == list(old.items), (text, html)


@pytest.mark.parametrize("seed", [2, 3])
def test_words_and_look_alikes_as_the_plain_forms(seed: int) -> None:
    rnd = random.Random(seed)
    for text in _texts(seed, n=1500, longest=300):
        old, new = _nearly_full(rnd), None
        new = _Tokens()
        new.items = dict(old.items)
        _plain_words(text, old)
        tokenizer._words(text.split(), new)
        assert list(new.items) == list(old.items), text
        old = _Tokens()
        new = _Tokens()
        _plain_obfuscated(text, old)
        tokenizer._obfuscated(text[:tokenizer.MAX_SHAPE_CHARS].split(), new)
        assert list(new.items) == list(old.items), text


def test_shapes_and_marks_as_the_plain_regexes() -> None:
    rnd = random.Random(4)
    caps = ["FREE MONEY NOW!\n", "BUY, SELL. HOLD! ", "AB CD EF ", "A B C ", "SHOUTING LINE HERE\n", "Ab CD EF GH ",
            "AB!CD!EF!", "XY.ZW.QQ."]
    for text in _texts(4):
        if rnd.random() < 0.3:
            text += "".join(rnd.choice(caps) for _ in range(rnd.randrange(1, 8)))
        old, new = _Tokens(), _Tokens()
        _plain_shapes_and_marks(text, old)
        tokenizer._shapes(text, new)
        tokenizer._marks(text, text.lower(), new)
        assert list(new.items) == list(old.items), text


def test_html_tricks_as_the_plain_form() -> None:
    pieces = ["<td>", "<TD class=x>", "</td>", "<img src=a.gif width=1>", "<IMG SRC=b>", "<font size=2 color=red>",
              "<font\tFACE=arial>", "<a href='x'>", "< a href=y>", "<x-foo>", "<blink>", "<p style=\"a\">", "text",
              "<", ">", " ", "<br/>", "<\u0130mg src=c>", "<f\u0131nt s\u017fze=1>", "<TABLE>", "display: none",
              "<!--", "&#", "<font color=#FFFFFF>", "<img width=0 src=x>", "COLOR = 'white'", "colOr=#fefefe",
              "color=wh\u0130te", "color", "COLOR:", "style=\"display : none\"", "dis play:none", "DISPLAY:NONE",
              "d\u0130splay:none", "display:", "none", "\u0130", "<FONT SIZE='+3'>", "FONT", "size=1"]
    rnd = random.Random(5)
    for _ in range(3000):
        html = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 60)))
        old, new = _nearly_full(rnd), _Tokens()
        new.items = dict(old.items)
        _plain_html(html, old)
        tokenizer._html(html, html.lower(), new)
        assert list(new.items) == list(old.items), html


def _plain_score(model: SpamModel, tokens: list[str], learned: dict[str, float] | None) -> tuple:
    weights = model.weights
    if learned:
        ws = [weights.get(t, 0.0) + spam_model._clamp(learned.get(t, 0.0), MAX_LEARNED_DELTA) for t in tokens]
    else:
        ws = [weights.get(t, 0.0) for t in tokens]
    z = bias = model.bias
    for w in ws:
        z = z + w
    z = spam_model._clamp(z, spam_model.MAX_LOGIT)
    assert bias == model.bias
    top = heapq.nlargest(spam_model.TOP_TOKENS, [(w, t) for w, t in zip(ws, tokens, strict=True) if w > 0])
    return model.calibration.prob(z), z, [(t, round(w, 3)) for w, t in top]


def test_score_as_the_plain_sum_and_top_tokens() -> None:
    rnd = random.Random(6)
    names = [f"t{i}" for i in range(60)]
    for _ in range(3000):
        values = [0.0, 0.5, -0.5, 1, 2, 0.25, rnd.uniform(-3, 3), rnd.uniform(-3, 3)]
        model = SpamModel(bias=rnd.choice([0.0, -1.25]), weights={n: rnd.choice(values) for n in names[:40]})
        tokens = rnd.sample(names, rnd.randrange(0, 60))
        if rnd.random() < 0.2:
            tokens += tokens[:3]  # a sequence with repeats, as a caller may pass
        learned = rnd.choice([None, {}, {n: rnd.choice([0.0, 0.2, -7.0, 5.0, 1]) for n in rnd.sample(names, 8)}])
        result = model.score(tokens, learned)
        assert result is not None
        assert (result.prob, result.logit, result.top) == _plain_score(model, tokens, learned)
        assert model.logit(tokens, learned) == result.logit


def test_plain_forms_still_name_real_patterns() -> None:
    # the comparisons above are only worth something while these are the tokenizer's own patterns
    assert all(isinstance(p, re.Pattern) for p in (tokenizer._URL, tokenizer._FONT_TAG, tokenizer._TINY_IMG,
                                                   tokenizer._MARKS, tokenizer._CLICK_HERE, tokenizer._BANGS))


def test_white_and_hidden_text_as_the_plain_searches() -> None:
    # found from str.find's places in the lowercased HTML: the same answer as the regex over the whole HTML
    pieces = ["color", "COLOR", "CoLoR", "colour", "=", " = ", "\t", "\"", "'", "#", "ffffff", "FFFFFF", "white",
              "WH\u0130TE", "wh\u0131te", "fffff0", "FeFeFe", "display", "DIS PLAY", ":", " : ", "none", "N ONE", "x",
              "\u0130", "\u212a", "<p style=", ">", " ", "display:none", "DISPLAY : NONE", "dis", "play:", "no", "ne"]
    rnd = random.Random(8)
    seen = {True: 0, False: 0}
    hidden_seen = {True: 0, False: 0}
    for _ in range(20000):
        html = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 25)))
        low = html.lower()
        white = tokenizer._WHITE_TEXT.search(html) is not None
        assert tokenizer._white_text(html, low) == white, html
        seen[white] += 1
        hidden = "display:none" in low.replace(" ", "")
        assert (tokenizer._HIDDEN.search(low) is not None) == hidden, html
        hidden_seen[hidden] += 1
    assert min(seen.values()) > 200 and min(hidden_seen.values()) > 200  # both answers were put to the test


def test_log_odds_add_one_by_one_without_compensation() -> None:
    # a compensated sum (math.fsum, Python 3.12's sum) would give 1.0 here: the log-odds have always been the
    # weights added one by one in token order, each addition rounded
    model = SpamModel(bias=0.0, weights={"a": 1e16, "b": 1.0, "c": -1e16, "d": 0.1, "e": 0.2, "f": 0.3})
    for tokens, plain in ((["a", "b", "c"], 0.0), (["d", "e", "f"], 0.1 + 0.2 + 0.3)):
        result = model.score(tokens)
        assert result is not None and result.logit == plain == model.logit(tokens)
    assert spam_model._add_in_order([0.1, 0.2, 0.3], 0) == 0.1 + 0.2 + 0.3 != 0.6


def test_caps_run_gate_is_in_every_caps_run() -> None:
    # _marks counts runs of capitalised words only where the gate is found: it must be in every run
    pieces = ["A", "B", "AB", "ABC", "ABC ", "AB, ", "Ab", "\u00c9", " ", "  ", ",", ".", "!", "?", "\n", "x", "_"]
    rnd = random.Random(9)
    runs = 0
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 30)))
        if tokenizer._CAPS_RUN.search(text):
            runs += 1
            assert tokenizer._CAPS_RUN_GATE.search(text), text
    assert runs > 200
