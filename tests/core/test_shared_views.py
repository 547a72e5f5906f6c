"""Work the checks share instead of each redoing it (ParsedMessage.lowered, links.url_hosts, the per-URL memos,
ScanContext.owns), and the faster scanners checked against the straightforward code they replaced (issue 16:
verdicts must not change by one bit)."""

from __future__ import annotations

import dataclasses
import html as html_entities
import random
import re
import unicodedata

from core.detection.checks import hidden_text, many_urls, subject_obfuscation
from core.detection.checks.base import OWNS_MEMO
from core.detection.checks.brand_voice import fold, tokens
from core.detection.checks.login_lure import _WORD, ascii_words
from core.detection.checks.phish_hosting import _path, free_hosting
from core.detection.checks.spam_phrases import normalize, normalize_words
from core.mail import links
from core.mail.html_text import ascii_lower, html_to_text
from core.mail.links import URL_MEMO, anchors, host_of, link_hosts, suffix_in, url_hosts, url_path, urls
from core.mail.mime import parse_message
from tests.core.scan_support import context, settings

SCAN = settings().scan


def _msg(subject: str, text: str, html: str = "") -> bytes:
    if not html:
        return f"From: a@example.com\nSubject: {subject}\n\n{text}\n".encode()
    return (f"From: a@example.com\nSubject: {subject}\nMIME-Version: 1.0\n"
            f"Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n{text}\n"
            f"--b\nContent-Type: text/html\n\n{html}\n--b--\n").encode()


# --------------------------------------------------------------------------------------------- shared views

def test_lowered_joins_subject_and_bodies_in_their_windows_and_is_kept() -> None:
    msg = parse_message(_msg("Your ACCOUNT", "Body TEXT " * 10, "<p>Html TEXT</p>"), SCAN)
    low = msg.lowered(8)
    assert low == " \n ".join((msg.subject[:1000], msg.text[:8], msg.html_text[:8])).lower()
    assert msg.lowered(8) is low
    assert msg.lowered(20000, 500, " ") == " ".join((msg.subject, msg.text, msg.html_text)).lower()
    # windows longer than the bodies give the same text: one string serves both
    assert msg.lowered(20000) is msg.lowered(30000)


def test_lowered_follows_a_copy_with_other_bodies() -> None:
    msg = parse_message(_msg("s", "first body"), SCAN)
    assert "first" in msg.lowered(100)
    other = dataclasses.replace(msg, text="SECOND body")  # shares msg.views
    assert other.lowered(100) == " \n ".join(("s", "second body", ""))
    assert "first" in msg.lowered(100)


def test_url_hosts_pairs_every_url_with_its_host_and_follows_the_bodies() -> None:
    msg = parse_message(_msg("s", "see https://User@Example.COM:8080/x and ftp://files.example.org/a"), SCAN)
    assert list(url_hosts(msg)) == [(u, host_of(u)) for u in urls(msg)]
    assert link_hosts(msg) == tuple(host_of(u) for u in urls(msg))
    assert [h for _, h in url_hosts(msg)] == ["example.com", "files.example.org"]
    other = dataclasses.replace(msg, text="now http://other.example/")
    assert url_hosts(other) == (("http://other.example/", "other.example"),) and link_hosts(other) == ("other.example",)


def test_anchors_of_the_same_body_are_the_first_limit_of_all_of_them() -> None:
    html = "".join(f'<a href="https://h{i}.example/">link {i}</a>' for i in range(30))
    every = anchors(html)
    assert len(every) == 30
    assert anchors(html, 5) == every[:5]
    assert anchors(html, 0) == []
    every.clear()  # a caller's list is its own
    assert len(anchors(html)) == 30


# --------------------------------------------------------------------------------------------- helpers

def test_suffix_in_finds_the_longest_table_entry_a_host_ends_with_label_by_label() -> None:
    table = frozenset({"pages.dev", "example.co.uk", "co.uk"})
    assert suffix_in("x.pages.dev", table) == "pages.dev"
    assert suffix_in("pages.dev", table) == "pages.dev"
    assert suffix_in("a.b.example.co.uk", table) == "example.co.uk"
    assert suffix_in("xpages.dev", table) == ""  # label by label, not by characters
    assert suffix_in("dev", frozenset({"dev"})) == ""  # never a bare last label
    assert suffix_in("", table) == ""
    for host in ("a..b", "a.b.", ".b", "x.y.z", "x.pages.dev."):
        labels = host.split(".")
        walk = next((".".join(labels[i:]) for i in range(len(labels) - 1) if ".".join(labels[i:]) in table), "")
        assert suffix_in(host, table) == walk


def test_url_path_is_what_follows_the_first_slash_after_the_scheme() -> None:
    assert url_path("https://h.example/a/b?q=1#f") == "/a/b?q=1#f"
    assert url_path("https://h.example") == ""
    assert url_path("https://h.example?x=/a") == "/a"  # as phish_hosting and download_link always read it
    assert _path("https://h.example/A/Index.PHP?x#y") == "/a/index.php"
    assert _path("https://h.example") == "/"


def test_url_memos_are_bounded() -> None:
    for fn in (links.authority, host_of, url_path, free_hosting, subject_obfuscation.deobfuscate, hidden_text.colour):
        assert fn.cache_info().maxsize is not None
        assert fn.cache_info().maxsize <= URL_MEMO
    for i in range(URL_MEMO + 10):
        host_of(f"http://h{i}.example/")
    assert host_of.cache_info().currsize <= URL_MEMO


def test_owns_remembers_per_scan_within_bounds_and_follows_new_domains() -> None:
    ctx = context()
    ctx.own_domains = frozenset({"shop.example"})
    assert ctx.owns("www.shop.example.") and ctx.owns("SHOP.example") and not ctx.owns("evil.example")
    assert not ctx.owns("") and not ctx.owns("...")
    for i in range(OWNS_MEMO + 10):
        ctx.owns(f"h{i}.example")
    assert len(ctx._owned[1]) <= OWNS_MEMO
    ctx.own_domains = frozenset({"evil.example"})
    assert ctx.owns("evil.example") and not ctx.owns("www.shop.example")
    assert not context().owns("shop.example")


# --------------------------------------------------------------------------------------------- same answers

_NON_WORD = re.compile(r"[^\w%]+")


def _old_normalize(text: str) -> str:
    text = text.lower().replace("i\u0307", "i")  # "İ" lower-cased is one letter, not "i" and a mark
    for c in "'\u2019`":
        text = text.replace(c, "")
    return " " + _NON_WORD.sub(" ", text).strip() + " "


def _soup(rng: random.Random, pieces: list[str], most: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def test_normalize_is_the_regex_normalisation_on_latin1_and_other_text() -> None:
    rng = random.Random(16)
    chars = [chr(c) for c in range(0x250)] + list("\u2019\u0130\u03a3\u1e9e\u2028\u3000\u00a0\u00b5\u00b2\u00aa")
    for _ in range(20000):
        text = _soup(rng, chars, 12)
        assert normalize(text) == _old_normalize(text), repr(text)
        assert normalize_words(text) == _old_normalize(text).split()



def test_a_turkish_capital_dotted_i_stays_inside_its_word() -> None:
    """"İ".lower() is "i" and a combining dot above, which is no word character: "İstanbul" was "i stanbul"."""
    assert normalize_words("İki gün içinde İSTANBUL'a gelin") == ["iki", "gün", "içinde", "istanbula", "gelin"]
    assert normalize("Bİtcoin İle") == " bitcoin ile "


def test_normalize_is_the_regex_normalisation_with_punctuation_beyond_latin1() -> None:
    """Latin text with dashes, bullets, quotes and signs beyond Latin-1 (split by encoding them as spaces), some
    with letters of other scripts or more such characters than MAX_BEYOND_LATIN1 (split by the regex)."""
    rng = random.Random(18)
    chars = [*"abc xyz%_'`\n\t.,", "\u2014", "\u2022", "\u20ac", "\u2122", "\u201c", "\u201d", "\u2026", "\u2019",
             "\u3000", "\u2028", "\u0142", "\u0645", "\u65e5", "\u00e9", "\U0001f600", "\ud800", "\u2160"]
    for i in range(20000):
        text = _soup(rng, chars, 12 if i % 2 else 150)
        assert normalize_words(text) == _old_normalize(text).split(), repr(text)

def test_ascii_words_are_the_a_to_z_runs() -> None:
    rng = random.Random(17)
    chars = [chr(c) for c in range(0x180)] + ["\ud800", "日本", "é", "z", "a"]
    for _ in range(20000):
        text = _soup(rng, chars, 12)
        assert ascii_words(text) == set(_WORD.findall(text)), repr(text)


def _old_html_to_text(html: str) -> str:
    """The tag-by-tag walk html_to_text replaced."""
    skip = {"script", "style", "title", "template", "head"}
    breaks = {"br", "p", "div", "tr", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
              "blockquote", "hr", "section", "article"}
    tag_name = re.compile(r"/?([a-z][a-z0-9:-]{0,31})")
    low = ascii_lower(html)
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
        m = tag_name.match(low, lt + 1, lt + 34)
        if m is None and not low.startswith("<!", lt) and not low.startswith("<?", lt):
            out.append("<")
            i = lt + 1
            continue
        gt = html.find(">", lt + 1)
        if gt < 0:
            break
        i = gt + 1
        name = m.group(1) if m else ""
        if name in breaks:
            out.append(" ")
        if name in skip and not low.startswith("</", lt) and not low.startswith("/>", gt - 1):
            close = low.find("</" + name, i)
            if close < 0:
                if name == "head":
                    continue
                break
            gt2 = html.find(">", close)
            i = n if gt2 < 0 else gt2 + 1
    return " ".join(html_entities.unescape("".join(out)).split())


_HTML_PIECES = ["<", "<!--", "-->", "<!", "<?", ">", "/>", "</", "<br", "<BR>", "<p>", "<P/>", "</p >", "<pre>",
                "<script>", "</script>", "<ScRiPt>", "<style x>", "</STYLE>", "<head>", "<HEAD>", "</head>",
                "<headx>", "<title/>", "<title>t</title>", "<template>", "</template", "a", " ", "\n", "é",
                "&amp;", "&am", "p;", "&nbsp", "<a href='>'>", "<a title=\"<br>\">", "<x", "</x>", "<1", "< p>",
                "</3", "\u212a", "<\u212a>", "<h1>", "<Td x>", "<div/>", "<!doctype html>", "\ua66e",
                "<" + "a" * 40 + ">", "<p" + "x" * 33, "<!--x-->"]


def test_html_to_text_is_the_tag_by_tag_walk() -> None:
    rng = random.Random(18)
    for _ in range(30000):
        html = _soup(rng, _HTML_PIECES, 14)
        assert html_to_text(html) == _old_html_to_text(html), repr(html)


def test_html_to_text_keeps_its_edge_cases() -> None:
    assert html_to_text("a<br>b<P>c</p>d<span>e</span>f") == "a b c def"
    assert html_to_text('x<a title="<br>">y') == 'x">y'  # a tag ends at its first ">"
    assert html_to_text("1 < 2 and 3 </3") == "1 < 2 and 3 </3"  # bare "<" is text
    assert html_to_text("a<script>b<p>c</script>d<style/>e") == "ade"
    assert html_to_text("a<!-- b -->c<!-- unclosed") == "ac"
    assert html_to_text("<head><title>t</title>body") == "body"  # a missing </head> loses nothing
    assert html_to_text("a<b unterminated") == "a"
    assert html_to_text("a\ua66e<br>b") == "a\ua66e b"  # the break marker written in the text stays


def _old_fold(text: str) -> str:
    text = text.lower()
    for c, to in (("'", ""), ("\u2019", ""), ("`", ""), ("\u00b4", ""), ("\u0131", "i")):
        text = text.replace(c, to)
    if text.isascii():
        return text
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]+", r" \g<0> ",
                  unicodedata.normalize("NFC", bare))


def test_brand_voice_fold_and_tokens_are_the_per_character_code() -> None:
    rng = random.Random(19)
    token = re.compile(r"[^\W_]+|[.!?;\n\u061f\u06d4\u3002\uff01\uff1f]")
    chars = [chr(c) for c in range(0x370)] + list("\u3002\uff01\uff1f\u061f\u06d4\u0131\u0130\u2019\u00b4`")
    chars += list("您的账户éñöüß日本語한국어\u0301\u0308\u3099がパ ")
    for _ in range(20000):
        text = _soup(rng, chars, 12)
        assert fold(text) == _old_fold(text), repr(text)
        assert tokens(text) == [t if t[0].isalnum() else "." for t in token.findall(_old_fold(text))], repr(text)


def test_many_urls_finds_what_finditer_finds() -> None:
    rng = random.Random(20)
    pieces = ["http", "HTTPS", "hTtp", "s", "\u017f", "://", "://", "a", "b.c", "/", "x", " ", "https://", "htt",
              "p:", "<", ":", ":/", "h" * 260]
    for _ in range(30000):
        body = _soup(rng, pieces, 12)
        assert [m.span() for m in many_urls._url_matches(body)] == [m.span() for m in many_urls._URL.finditer(body)]


def _old_deobfuscate(token: str) -> str:
    t = unicodedata.normalize("NFKD", token.translate(subject_obfuscation._ZERO_WIDTH))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    if not any("a" <= c <= "z" for c in t):
        return ""
    t = t.translate(subject_obfuscation._HOMOGLYPHS).translate(subject_obfuscation._LEET)
    return "".join(c for c in t if "a" <= c <= "z")


def test_deobfuscate_is_the_per_character_code() -> None:
    rng = random.Random(21)
    chars = [chr(c) for c in range(0x180)] + list("\u200b\u00ad\u0430\u0435\u03bf\u20ac")
    for _ in range(20000):
        token = _soup(rng, chars, 10)
        assert subject_obfuscation.deobfuscate(token) == _old_deobfuscate(token), repr(token)


def _old_urls_in(text: str, html: str, limit: int) -> list[str]:
    out: list[str] = []
    for body in (text, html):
        for m in re.finditer(r"://[^\s\"'<>\\`{}|^]{1,2048}", body):
            start = m.start()
            scheme = body[max(0, start - 5):start].lower()
            for name in ("http", "https", "ftp"):
                if scheme.endswith(name) and not body[start - len(name) - 1:start - len(name)].isalnum():
                    break
            else:
                continue
            if len(out) >= limit:
                return out
            out.append(body[start - len(name):m.end()].rstrip(".,;:!?)]"))
    return out


def test_urls_in_is_the_scheme_by_scheme_loop() -> None:
    rng = random.Random(22)
    pieces = ["http", "HTTPS", "hTtp", "s", "ftp", "FTP", "://", "://", "a", "b.c", "/", "x", " ", "https://", "1",
              "_", "é", "\u0130", "\u212a", ".", ")", "\u017f"]
    for _ in range(30000):
        text, html = _soup(rng, pieces, 12), _soup(rng, pieces, 6)
        for limit in (2000, 1, 0):
            assert links.urls_in(text, html, limit) == _old_urls_in(text, html, limit), (text, html)


def test_anchors_tell_button_styled_links_apart() -> None:
    """links.anchors is the one <a> scanner: cta_link reads Anchor.button instead of parsing the tags again."""
    from core.detection.checks.cta_link import button_sites

    html = ('<p><a href="https://shop.example/a">text link</a> '
            '<a style="padding:12px 20px;background:#0a0" href="https://pay.example.net/x">Pay now</a> '
            "<A CLASS='Btn' HREF='https://b.example.org/'>Go</A> <a href=\"https://c.example/\" title=\"x\">c</a></p>")
    assert [(a.href, a.button) for a in anchors(html)] == [
        ("https://shop.example/a", False), ("https://pay.example.net/x", True), ("https://b.example.org/", True),
        ("https://c.example/", False)]
    assert button_sites(html) == [("example.net", "pay.example.net"), ("example.org", "b.example.org")]


def test_ascii_lower_changes_only_a_to_z_whatever_the_text_holds() -> None:
    """ASCII, Latin-1, other scripts and emoji, and lone surrogates (bytes kept by surrogateescape): only A-Z change,
    so positions stay those of the text (str.lower() turns U+0130 into two characters)."""
    for text in ("Hello <B>World</B>", "Caf\u00c9 \u00c0 BIENT\u00d4T", "<P>\u041f\u0420\u0418\u0412\u0415\u0422 ABC",
                 "\u4f60\u597d ZZ \U0001f600 Q\u0130\u212a", "X\udcff\ud800Y <DIV>", ""):
        expected = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)
        assert ascii_lower(text) == expected
