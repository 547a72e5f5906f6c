"""Marked blocks in files Mailward shares with others (exim4.conf.localmacros, cPanel's exim.conf.local).

A block is inserted between "# BEGIN mailward NAME" and "# END mailward NAME" lines and removed exactly, even from a
file it created or whose last line had no newline. Imports only params.
"""

from __future__ import annotations

import re

from workers.exim_hook.params import MARK


def _begin(name: str) -> str:
    return f"# BEGIN {MARK} {name} (managed by ie-config; do not edit)"


def _end(name: str) -> str:
    return f"# END {MARK} {name}"


def has_block(text: str, name: str) -> bool:
    """Whether text holds Mailward's block called name."""
    return _block_re(name).search(text) is not None


def _block_re(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<pre>\n?)^# BEGIN {MARK} {re.escape(name)}(?P<flags>(?: \[[a-z]+\])*) \(managed[^\n]*\n"
        rf".*?^# END {MARK} {re.escape(name)}\n", re.M | re.S)


def insert_block(text: str | None, name: str, body: str, after_line: str | None = None) -> str:
    """Text with a marked block inserted after the line after_line (else appended); reversible exactly."""
    if text is not None and has_block(text, name):
        text = remove_block(text, name)
    flags = ""
    base = text if text is not None else ""
    if text is None:
        flags += " [created]"
    if not body.endswith("\n"):
        body += "\n"
    pos = len(base)
    if after_line is not None:
        m = re.search(rf"^{re.escape(after_line)}[ \t]*(\n|\Z)", base, re.M)
        if m:
            pos = m.end()
    pre = ""
    if pos > 0 and base[pos - 1] != "\n":
        pre, flags = "\n", flags + " [noeol]"
    head = _begin(name).replace(" (managed", f"{flags} (managed", 1)
    return base[:pos] + pre + f"{head}\n{body}{_end(name)}\n" + base[pos:]


def remove_block(text: str, name: str) -> str | None:
    """Text without the block; None when the block had created the file and nothing else is left."""
    m = _block_re(name).search(text)
    if not m:
        return text
    flags = m.group("flags")
    start = m.start() if (m.group("pre") and "[noeol]" in flags) else m.start() + len(m.group("pre"))
    out = text[:start] + text[m.end():]
    if "[created]" in flags and not out.strip():
        return None
    return out
