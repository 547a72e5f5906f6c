"""The bounded parser: headers, bodies, attachments, charsets, the scanner preamble, and purity."""

from __future__ import annotations

import base64
import builtins
import dataclasses
import io
import os
import socket

import pytest

from core.detection.checks import ALL_CHECKS
from core.mail.html_text import html_to_text
from core.mail.mime import (
    ParsedMessage,
    compact_params,
    decode_text,
    decode_transfer,
    parse_message,
    split_address,
    strip_scan_preamble,
)
from core.store.classifier import load_model
from tests.core.scan_support import EML_DIR, context, settings

SCAN = settings().scan


def parse(text: str | bytes, **limits: int) -> ParsedMessage:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_message(raw, dataclasses.replace(SCAN, **limits) if limits else SCAN)


# --------------------------------------------------------------------------------------------- preamble

MESSAGE = b"Received: from x by y\nSubject: hi\n\nbody\nX-Envelope-From: stays\n"


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
def test_strip_preamble(eol: bytes) -> None:
    message = MESSAGE.replace(b"\n", eol)
    pre = (b"From MAILER-DAEMON Tue May  5 10:00:00 2026\nX-Envelope-From: <a@b.example>\n"
           b"X-Envelope-To: <c@d.example>,\n\t<e@f.example>,\n <g@h.example>\n").replace(b"\n", eol)
    assert strip_scan_preamble(pre + message) == message


def test_strip_preamble_leaves_other_input_identical() -> None:
    assert strip_scan_preamble(MESSAGE) is MESSAGE
    assert strip_scan_preamble(b"") == b""
    assert strip_scan_preamble(b"From ") == b""
    assert strip_scan_preamble(b"Fromage: yes\n\nx") == b"Fromage: yes\n\nx"
    # Pseudo-headers are only stripped at the very top, never after a real header.
    later = b"Subject: a\nX-Envelope-From: <x@y>\n\nbody"
    assert strip_scan_preamble(later) == later


def test_strip_preamble_without_from_line_and_case() -> None:
    assert strip_scan_preamble(b"x-envelope-to: <a@b>\r\nSubject: s\r\n\r\nb") == b"Subject: s\r\n\r\nb"


def test_parse_ignores_preamble() -> None:
    msg = parse_message(b"From MAILER-DAEMON Mon\nX-Envelope-From: <a@b>\n" + MESSAGE, SCAN)
    assert [k for k, _ in msg.headers] == ["Received", "Subject"]
    assert msg.raw == MESSAGE


# --------------------------------------------------------------------------------------------- headers

def test_headers_decoded_and_looked_up_case_insensitively() -> None:
    msg = parse(
        "Received: one\nReceived: two\n"
        "From: =?utf-8?q?Ren=C3=A9?= =?utf-8?q?_M=C3=BCller?= <rene@shop.example>\n"
        "Reply-To: \"Sales, EU\" <sales@shop.example>\n"
        "Subject: =?iso-8859-1?q?Gr=FC=DFe?=\n aus =?utf-8?b?S8O2bG4=?=\n\nbody\n")
    assert msg.subject == "Grüße aus Köln"
    assert msg.from_display == "René Müller"
    assert msg.from_addr == "rene@shop.example"
    assert msg.reply_to_addr == "sales@shop.example"
    assert msg.header("RECEIVED") == "one"
    assert msg.header_all("received") == ["one", "two"]
    assert msg.header("x-missing") is None
    assert msg.header_all("x-missing") == []


def test_eight_bit_headers_become_text() -> None:
    msg = parse("Subject: Gr\u00fc\u00dfe\n\nx".encode() + b"")
    assert msg.subject == "Grüße"
    latin = parse_message(b"Subject: Gr\xfc\xdfe\n\nx", SCAN)
    assert latin.subject == "Grüße"


def test_bad_encoded_words_are_kept() -> None:
    msg = parse("Subject: =?utf-8?b?!!!notbase64?= and =?x-nope?q?abc?=\n\nx")
    assert "and" in msg.subject
    assert isinstance(msg.subject, str)


@pytest.mark.parametrize(("value", "expected"), [
    ("Alice <alice@shop.example>", ("Alice", "alice@shop.example")),
    ('"Doe, John" <john@x.example>', ("Doe, John", "john@x.example")),
    ("bob@x.example", ("", "bob@x.example")),
    ("bob@x.example (Bob B)", ("Bob B", "bob@x.example")),
    ("<only@x.example>", ("", "only@x.example")),
    ("Evil <a@b.example> <real@c.example>", ("Evil <a@b.example>", "real@c.example")),
    ("undisclosed-recipients:;", ("undisclosed-recipients:;", "")),
    ("", ("", "")),
    ("(" * 500 + "x@y.example", ("", "x@y.example")),  # the stdlib parser recurses once per "("
])
def test_split_address(value: str, expected: tuple[str, str]) -> None:
    display, addr = split_address(value)
    assert addr == expected[1]
    if len(value) < 100:
        assert display == expected[0]


# --------------------------------------------------------------------------------------------- bodies

def test_alternative_bodies_and_visible_html() -> None:
    msg = parse((EML_DIR / "ham_newsletter.eml").read_bytes())
    assert "spring collection" in msg.text
    assert "<p>" in msg.html and "=3D" not in msg.html  # quoted-printable undone
    assert "spring collection" in msg.html_text
    assert "font-family" not in msg.html_text and "May news" not in msg.html_text
    assert msg.attachments == []
    assert msg.defects == []
    assert msg.part_count == 3


@pytest.mark.parametrize(("html", "text"), [
    ("<p>Hello&nbsp;<b>world</b></p>", "Hello world"),
    ("<script>alert('<p>x</p>')</script>Shown", "Shown"),
    ("<STYLE>p{}</STYLE><Title>t</Title>Body", "Body"),
    ("a<!-- hidden -->b", "ab"),
    ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
    ("<p>one</p><p>two</p>", "one two"),
    ("<head><meta charset=utf-8><body>Text", "Text"),
    ("<html><head><title>x</title></head><body>Visible</body></html>", "Visible"),
    ("Before<div unterminated", "Before"),
    ("Before<!-- never closed", "Before"),
    ("Before<script>never closed", "Before"),
    ("&lt;tag&gt; &amp; &#x41;", "<tag> & A"),
    ("<br/>x<br />y", "x y"),
    ("<!DOCTYPE html><p>x</p>", "x"),
    ("", ""),
])
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_text_bodies_are_bounded() -> None:
    body = "word " * 10000
    msg = parse(f"Subject: x\n\n{body}", max_text_bytes=1000)
    assert len(msg.text) == 1000
    parts = "".join(f"--b\nContent-Type: text/plain\n\n{body}\n" for _ in range(3))
    msg = parse(f'Content-Type: multipart/mixed; boundary="b"\n\n{parts}--b--\n', max_text_bytes=1000)
    assert len(msg.text) <= 1000 + 2  # joined with newlines


# --------------------------------------------------------------------------------------------- charsets

@pytest.mark.parametrize("charset", ["x-unknown", "x-unknown-\xff", "punycode", "zlib", "undefined", '"  "'])
def test_bad_charsets_fall_back(charset: str) -> None:
    raw = f'Subject: x\nContent-Type: text/plain; charset="{charset}"\n\nna\u00efve caf\u00e9\n'
    msg = parse_message(raw.encode("utf-8"), SCAN)
    assert msg.text.strip() == "naïve café"
    if charset.strip('" '):
        assert "bad_charset" in msg.defects


def test_known_charsets_decode() -> None:
    raw = b"Subject: x\nContent-Type: text/plain; charset=koi8-r\n\n\xf0\xd2\xc9\xd7\xc5\xd4\n"
    assert parse_message(raw, SCAN).text.strip() == "Привет"
    assert decode_text(b"caf\xe9", "us-ascii") == "café"  # mislabelled 8-bit
    assert decode_text(b"caf\xc3\xa9", None) == "café"
    assert decode_text("\u00ff".encode("latin-1"), "windows-1252") == "ÿ"


def test_rfc2231_charset_parameter() -> None:
    raw = b"Subject: x\nContent-Type: text/plain; charset*=us-ascii'en'utf-8\n\ncaf\xc3\xa9\n"
    assert parse_message(raw, SCAN).text.strip() == "café"


# --------------------------------------------------------------------------------------------- transfer encodings

def test_decode_transfer_base64_and_qp() -> None:
    data = bytes(range(256)) * 4
    enc = base64.encodebytes(data)
    assert decode_transfer(enc, "base64", 10_000) == (data, len(data), False)
    head, size, truncated = decode_transfer(enc, "base64", 100)
    assert head == data[:100] and size == len(data) and truncated
    assert decode_transfer(b"caf=C3=A9 =\nok", "quoted-printable", 100)[0] == b"caf\xc3\xa9 ok"
    assert decode_transfer(b"raw bytes", "8bit", 3) == (b"raw", 9, True)


@pytest.mark.parametrize("broken", [b"TWFu!!!ZGF0YQ", b"TWFuZ", b"====", b"TW=Fu", b"\xff\xfe\x00"])
def test_broken_base64_is_tolerated(broken: bytes) -> None:
    raw = b"Subject: x\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" + broken
    msg = parse_message(raw, SCAN)
    assert len(msg.attachments) == 1
    assert "bad_base64" in msg.defects


# --------------------------------------------------------------------------------------------- attachments

def _one_attachment(headers: str) -> tuple[str, str]:
    msg = parse(f'Content-Type: multipart/mixed; boundary="b"\n\n--b\n{headers}\n\nDATA\n--b--\n')
    [att] = msg.attachments
    return att.filename, att.content_type


@pytest.mark.parametrize(("headers", "filename"), [
    ('Content-Type: application/pdf\nContent-Disposition: attachment; filename="a.pdf"', "a.pdf"),
    ('Content-Type: application/pdf; name="b.pdf"', "b.pdf"),
    ("Content-Type: application/pdf\nContent-Disposition: attachment; filename*=utf-8''%C3%A9t%C3%A9.pdf",
     "été.pdf"),
    ("Content-Type: application/pdf\nContent-Disposition: attachment;\n filename*0*=utf-8''long%20;\n"
     ' filename*1="name.pdf"', "long name.pdf"),
    ('Content-Type: application/pdf; name="=?utf-8?b?w6nDqS5wZGY=?="', "éé.pdf"),
    ("Content-Type: application/pdf\nContent-Disposition: attachment; filename*=x-bogus''caf%E9.pdf",
     "café.pdf"),  # unknown charset: the percent-decoded bytes are read as Latin-1
    ('Content-Type: application/octet-stream\nContent-Disposition: attachment; filename="ф.exe"', "ф.exe"),
])
def test_attachment_filenames(headers: str, filename: str) -> None:
    assert _one_attachment(headers)[0] == filename


def test_text_with_filename_is_an_attachment() -> None:
    name, ctype = _one_attachment('Content-Type: text/plain\nContent-Disposition: attachment; filename="n.txt"')
    assert (name, ctype) == ("n.txt", "text/plain")


def test_attachment_data_decoded_and_bounded() -> None:
    msg = parse((EML_DIR / "ham_pdf_attachment.eml").read_bytes())
    [att] = msg.attachments
    assert att.data.startswith(b"%PDF-1.4") and att.size == len(att.data) and not att.truncated
    big = base64.encodebytes(b"A" * 50_000).decode()
    raw = f"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n{big}"
    [att] = parse(raw, max_message_bytes=1000).attachments
    assert len(att.data) == 1000 and att.truncated and att.size == 50_000


def test_line_ends_do_not_change_the_result() -> None:
    lf = (EML_DIR / "winexec_zip_exe.eml").read_bytes()
    a, b = parse_message(lf, SCAN), parse_message(lf.replace(b"\n", b"\r\n"), SCAN)
    assert a.headers == b.headers and a.subject == b.subject
    assert [(x.filename, x.data) for x in a.attachments] == [(x.filename, x.data) for x in b.attachments]
    assert a.text.strip() == b.text.replace("\r\n", "\n").strip()


def test_compact_params_keeps_boundary_and_caps_length() -> None:
    value = "multipart/mixed" + "; " * 20_000 + '; boundary="abc"; charset=utf-8'
    out = compact_params(value)
    assert len(out) <= 2048 and 'boundary="abc"' in out and out.startswith("multipart/mixed")
    assert compact_params("text/plain; charset=utf-8") == "text/plain; charset=utf-8"


# --------------------------------------------------------------------------------------------- purity

def test_parse_and_checks_do_no_io(monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = {p.name: p.read_bytes() for p in sorted(EML_DIR.glob("*.eml"))}
    st = settings()

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"I/O attempted: {args!r}")

    first = {}
    for name, raw in inputs.items():
        first[name] = parse_message(raw, st.scan)
    load_model()  # the classifier's model file is read once per process (the Scanner does it at start), not per scan
    with monkeypatch.context() as m:
        for target, attr in ((builtins, "open"), (io, "open"), (os, "open"), (os, "stat"), (os, "listdir"),
                             (socket, "socket"), (socket, "create_connection")):
            m.setattr(target, attr, forbidden)
        for name, raw in inputs.items():
            msg = parse_message(raw, st.scan)
            assert msg == first[name]  # deterministic: same bytes, same result
            ctx = context(st)
            for check in ALL_CHECKS:
                check.run(msg, ctx)


# --------------------------------------------------------------------------------------------- one header parse

_SHAPES = {
    "multipart": b"Subject: a\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nhi\n"
                 b"--x\nContent-Type: application/pdf; name=a.pdf\nContent-Transfer-Encoding: base64\n\n"
                 b"JVBERi0=\n--x--\n",
    "rfc822": b"Subject: outer\nContent-Type: message/rfc822\n\nSubject: inner\n\nbody\n",
    "crlf_multipart": b"Subject: a\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\r\ntext\r\n"
                      b"--b\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--b--\r\n",
    "no_boundary": b"Content-Type: multipart/mixed\n\nno boundary here\n",
    "not_a_header_first": b"hello world\n\nbody\n",
    "lone_cr": b"Subject: a\r\rbody line\n\nmore\n",
    "long_header_block": b"Subject: x\nX-Pad: " + b"a" * 5000 + b"\nContent-Type: multipart/mixed; boundary=q\n\n"
                         + b"--q\n\npart\n--q--\n",
    "nested": b"Content-Type: multipart/mixed; boundary=n\n\n"
              + b"--n\nContent-Type: multipart/mixed; boundary=n\n\n" * 60,
    "no_blank_line": b"Subject: only headers\n",
    "single": b"Subject: plain\n\nbody\n",
}


@pytest.mark.parametrize("name", sorted(_SHAPES))
def test_multipart_headers_parsed_once_with_the_same_result(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain header block is read without the feed parser, any other is fed on its own first (a single part takes
    its body as one payload); a multipart message goes on through one parser: no header block is read twice, and
    the result is what one pass of the whole message gives."""
    from email.feedparser import FeedParser

    raw = _SHAPES[name]
    reads: list[int] = []
    parse_headers = FeedParser._parse_headers

    def counted(self: FeedParser, lines: list[str]) -> None:
        reads.append(len(lines))
        parse_headers(self, lines)

    with monkeypatch.context() as m:
        m.setattr(FeedParser, "_parse_headers", counted)
        msg = parse(raw)
        first = len(reads)
        whole = _one_pass(raw)
    one_pass = len(reads) - first
    # never more header blocks read by the feed parser than one pass reads (a plain single part's: none); only a
    # header block a lone CR ended early is read again
    assert first <= one_pass + (name == "lone_cr")
    if name == "single":
        assert first == 0
    assert (msg.headers, msg.text, msg.html, msg.defects, msg.part_count) == \
        (whole.headers, whole.text, whole.html, whole.defects, whole.part_count)
    assert [(a.filename, a.data) for a in msg.attachments] == [(a.filename, a.data) for a in whole.attachments]


def _one_pass(raw: bytes) -> ParsedMessage:
    """parse_message as it was before the header block went first: the whole message through one parser."""
    from core.mail import mime

    real = mime._body_start
    try:
        mime._body_start = lambda data: None  # type: ignore[assignment]
        return parse(raw)
    finally:
        mime._body_start = real


@pytest.mark.parametrize("block", [
    b"Subject: plain\n\n",
    b"Subject: a\r\nTo: b@c\r\n\r\n",
    b"Subject:\n  folded\n\tand tabbed\nX-Empty:\nX-Blank:   \n\n",
    b"Subject: caf\xc3\xa9 \xff\nX-Odd-Name!#$%&'*+-.^_`|~: v\n\n",
    b"Subject: =?utf-8?b?w6k=?=\r\n \r\nX-A: b:c:d\r\n\r\n",
    b"X: trailing blanks \t \n\n",
])
def test_plain_header_block_reads_as_the_feed_parser(block: bytes) -> None:
    """The header fields read without the feed parser are the (name, value) pairs it reads."""
    from email.feedparser import BytesFeedParser
    from email.policy import compat32

    from core.mail.mime import _plain_header_block

    root = _plain_header_block(block, len(block))
    assert root is not None
    parser = BytesFeedParser(policy=compat32)
    parser.feed(block)
    assert list(root.raw_items()) == list(parser.close().raw_items())


@pytest.mark.parametrize("block", [
    b"Subject: a\rTo: b\n\n",  # a lone CR
    b"From someone Mon Jan 1\nSubject: a\n\n",  # an envelope line
    b" folded first\nSubject: a\n\n",  # a continuation first
    b"Subject: a\nnot a header\n\n",  # no colon
    b": no name\n\n",
    b"Sub\xe9ject: a\n\n",  # an 8-bit name
    b"\n\n",
])
def test_other_header_blocks_go_to_the_feed_parser(block: bytes) -> None:
    from core.mail.mime import _plain_header_block

    assert _plain_header_block(block, len(block)) is None


def test_parameters_are_kept_per_header_value() -> None:
    """A part's Content-Type parameters are parsed once while the header stays the same, and again once it is
    replaced; a header that is present or not is seen as Message sees it."""
    from email.policy import compat32

    from core.mail.mime import _BoundedMessage

    part = _BoundedMessage(compat32)
    part["Content-Type"] = 'text/plain; charset="utf-8"; name="a.txt"'
    first = part.get_params(unquote=False)
    assert part.get_param("charset") == "utf-8" and part.get_param("name") == "a.txt"
    first.append(("junk", "x"))  # a caller's own list: the kept one is untouched
    assert part.get_param("junk") is None
    part.replace_header("Content-Type", "text/html; charset=latin-1")
    assert part.get_param("charset") == "latin-1" and part.get_param("name") is None
    assert "content-type" in part and "Content-Type" in part and "X-Other" not in part
    assert part.get_param("charset", header="content-disposition") is None


@pytest.mark.parametrize("block", [
    b"Subject: a\nX-Dup: one\nx-dup: two\nCONTENT-TRANSFER-ENCODING: base64\n\nYm9keQ==\n",
    b"Subject: caf\xc3\xa9 \xff\nX-Odd: \xe9t\xe9\nContent-Type: text/plain; charset=latin-1\n\nbody\n",
    b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\nContent-Transfer-Encoding: 7bit\n\n"
    b"hi\n--b\nContent-Disposition: attachment; filename=a.bin\n\nxx\n--b--\n",
])
def test_header_lookups_answer_as_message_get(block: bytes) -> None:
    """_BoundedMessage.get answers every name as Message.get does (the first of that name, None or failobj when
    there is none; parameter headers compacted), and a parsed message's header index is the one its headers give."""
    from email.message import Message

    from core.mail import mime

    root = mime._feed(block, SCAN, mime._Defects())
    parts = [root, *(p for p in root.walk() if p is not root)]
    for part in parts:
        assert isinstance(part, mime._BoundedMessage)
        for name, _ in part.raw_items():
            for asked in (name, name.lower(), name.upper()):
                got, want = part.get(asked), Message.get(part, asked)
                assert type(got) is type(want) and str(got) == str(want)
        assert part.get("X-Missing") is None and part.get("x-missing", "dflt") == "dflt"
    msg = parse(block)
    fresh: dict[str, list[str]] = {}
    for k, v in msg.headers:
        fresh.setdefault(k.lower(), []).append(v)
    assert msg._index() == fresh
    assert msg.header("x-dup") == (fresh.get("x-dup") or [None])[0]
    assert msg.header_all("X-DUP") == fresh.get("x-dup", [])
