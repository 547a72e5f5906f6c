"""URL_DATA_PAGE: a link that is a whole page or a script (data:text/html, javascript:), in any letter case."""

from __future__ import annotations

import pytest

from core.detection.checks.redirect_link import CHECK, DATA_PAGE, _may_link_a_page
from core.mail.mime import parse_message
from tests.core.scan_support import context, settings


def _html(body: str) -> list[str]:
    raw = ("From: a@shop.example\r\nTo: b@example.net\r\nSubject: hi\r\nContent-Type: text/html; charset=utf-8\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n").encode()
    return [s.name for s in CHECK.run(parse_message(raw, settings().scan), context())]


@pytest.mark.parametrize("href", [
    '<a href="data:text/html;base64,PGgxPg==">open</a>',
    "<A HREF='JavaScript:alert(1)'>open</A>",
    '<a href = " DATA:TEXT/HTML,<h1>x</h1>">open</a>',
    '<a href="java\u017fcript:alert(1)">open</a>',  # U+017F is an "s" to re.IGNORECASE, not to str.lower
    '<a href="javascr\u0131pt:alert(1)">open</a>',  # dotless i
    '<p>Caf\u00e9</p><a href="javascr\u0130pt:x()">open</a>',  # dotted capital I
])
def test_data_and_script_links_in_any_case(href: str) -> None:
    assert DATA_PAGE in _html(f"<p>Your document is ready.</p>{href}")


@pytest.mark.parametrize("body", [
    '<a href="https://shop.example/data:text/htm">open</a> <script type="text/javascript">x()</script>',
    "<p>data:text/html and javascript: written as text, no link at all</p>",
    '<p>Caf\u00e9 \u017f</p><a href="https://shop.example/">open</a>',
])
def test_ordinary_html_is_not_a_data_page(body: str) -> None:
    assert DATA_PAGE not in _html(body)


def test_the_quick_test_never_rules_out_a_match() -> None:
    assert not _may_link_a_page("<p>no links</p>")
    assert _may_link_a_page('<a HREF="JAVASCRIPT:x">') and _may_link_a_page('<a href="java\u017fcript:x">')
