"""The stdlib feed parser's multipart boundary test, without compiling a regular expression per boundary.

email.feedparser compiles `(?P<sep>--BOUNDARY)(?P<end>--)?(?P<ws>[ \\t]*)(?P<linesep>\\r\\n|\\r|\\n)?$` for every
multipart it meets. Boundaries are unique per message, so the re module's cache never helps: each compile costs
about 95 us of CPU, once or twice per message of today's mail (multipart/alternative inside multipart/mixed), and
the boundaries push the patterns other code compiles out of that cache. The same test is a `startswith` of the
literal separator and one shared regex for what follows it, which gives the feed parser the same answers (it reads
only whether a line matched and the `end` and `linesep` groups).

install() gives email.feedparser its own view of `re` whose compile() returns a BoundaryLine for exactly that
pattern (checked by escaping the separator back) and re.compile's answer for anything else.
"""

from __future__ import annotations

import re
from email import feedparser
from typing import Any

#: The text feedparser puts around re.escape(separator) (Python 3.8 to 3.13).
_HEAD = "(?P<sep>"
_TAIL = r")(?P<end>--)?(?P<ws>[ \t]*)(?P<linesep>\r\n|\r|\n)?$"
_AFTER_SEPARATOR = re.compile(_TAIL[1:])
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)  # re.escape writes a backslash before each character it escapes


class BoundaryLine:
    """A compiled boundary pattern's match(): the literal separator, then the shared tail pattern."""

    __slots__ = ("separator",)

    def __init__(self, separator: str) -> None:
        self.separator = separator

    def match(self, line: str) -> re.Match[str] | None:
        """None, or a match whose `end`, `ws` and `linesep` groups are the boundary pattern's."""
        if not line.startswith(self.separator):
            return None
        return _AFTER_SEPARATOR.match(line, len(self.separator))


def boundary_separator(pattern: str, flags: int = 0) -> str | None:
    """The separator of a feed parser boundary pattern, or None if `pattern` is anything else."""
    if flags or not isinstance(pattern, str) or not (pattern.startswith(_HEAD) and pattern.endswith(_TAIL)):
        return None
    escaped = pattern[len(_HEAD):-len(_TAIL)]
    separator = _ESCAPE.sub(r"\1", escaped)
    return separator if re.escape(separator) == escaped else None


class _FeedParserRe:
    """The `re` module as email.feedparser sees it: re itself, but boundary patterns compile to a BoundaryLine."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    def compile(pattern: Any, flags: int = 0) -> Any:
        separator = boundary_separator(pattern, flags)
        return BoundaryLine(separator) if separator is not None else re.compile(pattern, flags)


def install() -> None:
    """Give email.feedparser the boundary test above (once per process; the same answers, only cheaper)."""
    if feedparser.re is re:
        feedparser.re = _FeedParserRe()
