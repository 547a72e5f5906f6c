"""A held message's HTML body as a safe, readable view for the plugin pages (issue 18 item 11).

An allowlist rebuild, not a filter: only structural tags survive (paragraphs, lists, tables, headings, emphasis),
never an attribute, so no script, style, event handler, form, image or remote resource remains. A link becomes its
text followed by its address in brackets, so the reader sees where it points and nothing is ever fetched or
followed. Text is re-escaped. The pages show the result in a sandboxed iframe (no scripts, no same origin) under a
Content-Security-Policy that forbids every fetch, so even a bug here cannot load or run anything.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

#: Tags kept (without attributes); everything else is dropped but its text kept.
KEPT = frozenset({"p", "br", "div", "span", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                  "thead", "tbody", "tfoot", "tr", "td", "th", "b", "strong", "i", "em", "u", "blockquote", "pre",
                  "code", "hr", "small", "sub", "sup", "dl", "dt", "dd", "caption"})
VOID = frozenset({"br", "hr"})
#: Elements whose content is never shown (code, styles, metadata, embedded things).
SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe", "object", "embed",
                     "svg", "math", "select", "textarea", "button"})
#: Longest link address shown; longest result (a viewer, not an archive).
MAX_HREF = 300
MAX_OUT = 400_000


class _Rebuild(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.size = 0
        self.skip = 0
        self.links: list[str] = []  # hrefs of the open <a> elements

    def _emit(self, text: str) -> None:
        if self.size < MAX_OUT:
            self.out.append(text)
            self.size += len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skip += 1
        elif self.skip:
            return
        elif tag == "a":
            href = next((v or "" for k, v in attrs if k == "href"), "")
            self.links.append(" ".join(href.split())[:MAX_HREF])
        elif tag == "img":
            alt = next((v or "" for k, v in attrs if k == "alt"), "")
            self._emit(f"[image{': ' + html.escape(alt) if alt.strip() else ''}]")
        elif tag in KEPT:
            self._emit(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID and not self.skip:
            self._emit(f"<{tag}>")
        elif tag == "img":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif self.skip:
            return
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.lower().startswith(("#", "javascript:", "data:")):
                self._emit(f' <span class="mw-link">[{html.escape(href)}]</span>')
        elif tag in KEPT and tag not in VOID:
            self._emit(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._emit(html.escape(data, quote=False))


def safe_html(source: str) -> str:
    """The HTML body rebuilt from allowlisted, attribute-free tags; links shown as text, never as links."""
    if not source.strip():
        return ""
    parser = _Rebuild()
    parser.feed(source)
    parser.close()
    return "".join(parser.out)
