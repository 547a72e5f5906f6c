"""core.mail.html_view: a held HTML body as a safe view (issue 18 item 11)."""

from __future__ import annotations

from core.mail.html_view import safe_html


def test_structure_stays_and_links_become_visible_addresses() -> None:
    out = safe_html('<html><head><title>t</title><style>p{}</style></head><body><h1 class="x">Offer</h1>'
                    '<ul><li>one</li><li>two</li></ul><p>Visit <a href="https://shop.example/deal?a=1&amp;b=2" '
                    'onclick="evil()">our shop</a>.</p><table><tr><td>cell</td></tr></table></body></html>')
    assert out == ('<h1>Offer</h1><ul><li>one</li><li>two</li></ul><p>Visit our shop <span class="mw-link">'
                   '[https://shop.example/deal?a=1&amp;b=2]</span>.</p><table><tr><td>cell</td></tr></table>')


def test_nothing_that_runs_or_fetches_survives() -> None:
    out = safe_html('<script>alert(1)</script><img src="https://tracker.example/p.gif" alt="logo" onerror="x()">'
                    '<iframe src="https://x.example"></iframe><form action="https://x"><input value=1></form>'
                    '<div style="background:url(https://x.example/a)" onmouseover="y()">text &lt;b&gt;</div>'
                    '<a href="javascript:alert(2)">click</a><svg><script>z()</script></svg><object data="x"></object>')
    assert out == '[image: logo]<div>text &lt;b&gt;</div>click'
    for word in ("script", "src", "http", "style", "on", "javascript", "iframe", "form"):
        assert f"{word}=" not in out and f"<{word}" not in out


def test_empty_and_unclosed() -> None:
    assert safe_html("") == "" and safe_html("  \n") == ""
    assert safe_html("<p>open <b>bold") == "<p>open <b>bold"
