"""The feed parser's boundary test without a regex compile per boundary (core.mail.boundary_match) gives the
parser the same answers as the pattern email.feedparser compiles."""

from __future__ import annotations

import re
from email import feedparser

from core.mail import boundary_match
from core.mail.boundary_match import BoundaryLine, boundary_separator
from core.mail.mime import parse_message
from tests.core.scan_support import settings

SCAN = settings().scan
BOUNDARIES = ("b", "----=_NextPart_000_0012_01C2", "a.b(c)*[d]+?", "x\ty", "--", "sp ace", "\u00e9\u2603", "\\")
LINES = ("--{b}", "--{b}\n", "--{b}\r\n", "--{b}\r", "--{b}--", "--{b}--\n", "--{b}--  \r\n", "--{b} \t\n",
         "--{b}x\n", "--{b}--x", "-{b}\n", "", "\n", "text --{b}\n", "--{b}\n\n", "--{b}-\n", "--{b}--\n\n")


def _stdlib_pattern(separator: str) -> str:
    """The pattern email.feedparser compiles for a multipart boundary (its _parsegen, Python 3.8 to 3.13)."""
    return '(?P<sep>' + re.escape(separator) + r')(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$'


def test_the_feed_parser_is_given_the_boundary_test() -> None:
    assert isinstance(feedparser.re.compile(_stdlib_pattern("--abc")), BoundaryLine)
    assert feedparser.re.compile(r"\d+").match("12")  # any other pattern is re's own
    assert feedparser.re.escape is re.escape


def test_boundary_line_answers_as_the_compiled_pattern() -> None:
    for boundary in BOUNDARIES:
        separator = "--" + boundary
        pattern = _stdlib_pattern(separator)
        assert boundary_separator(pattern) == separator
        compiled, line_test = re.compile(pattern), BoundaryLine(separator)
        for template in LINES:
            line = template.format(b=boundary)
            want, got = compiled.match(line), line_test.match(line)
            assert bool(want) == bool(got), (boundary, line)
            if want and got:
                assert [want.group(g) for g in ("end", "ws", "linesep")] == \
                       [got.group(g) for g in ("end", "ws", "linesep")], (boundary, line)


def test_other_patterns_are_not_taken_for_a_boundary() -> None:
    assert boundary_separator(_stdlib_pattern("--a"), re.I) is None
    assert boundary_separator(_stdlib_pattern("--a").replace("(?P<ws>", "(?P<w>")) is None
    assert boundary_separator("(?P<sep>a.b" + _stdlib_pattern("x")[len("(?P<sep>") + 3:]) is None  # unescaped "."


def test_multipart_messages_parse_as_with_the_stdlib_test() -> None:
    for boundary in BOUNDARIES:
        quoted = '"' + boundary.replace("\\", "\\\\") + '"'
        raw = (f"From: a@example.com\nSubject: s\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary={quoted}"
               f"\n\npreamble\n--{boundary}\nContent-Type: text/plain\n\nhello text\n--{boundary}  \r\n"
               f"Content-Type: text/html\n\n<p>hi <b>there</b></p>\n--{boundary}\nContent-Type: application/pdf\n"
               f"Content-Disposition: attachment; filename=x.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n"
               f"--{boundary}--\nepilogue\n").encode()
        fast = parse_message(raw, SCAN)
        feedparser.re = re
        try:
            plain = parse_message(raw, SCAN)
        finally:
            boundary_match.install()
        assert (fast.text, fast.html, fast.html_text, fast.defects, fast.part_count) == \
               (plain.text, plain.html, plain.html_text, plain.defects, plain.part_count), boundary
        assert [(a.filename, a.content_type, a.data) for a in fast.attachments] == \
               [(a.filename, a.content_type, a.data) for a in plain.attachments], boundary
        assert (fast.text, fast.html_text, fast.part_count) == ("hello text", "hi there", 4)
        assert isinstance(feedparser.re, boundary_match._FeedParserRe)
