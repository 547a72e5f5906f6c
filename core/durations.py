"""Durations as ie-cli writes them: `<digits><s|m|h|d>` (100s, 5m, 24h, 30d) or plain seconds."""

from __future__ import annotations

import re

from core.errors import ValidationError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RE = re.compile(r"^\s*(\d{1,9})\s*([smhd]?)\s*$")
#: Longer than any retention: 100 years.
MAX_SECONDS = 100 * 365 * 86400


def parse_duration(text: str, what: str = "since") -> int:
    """Seconds in a duration such as `24h`; ValidationError naming `what` if it is not one."""
    m = _RE.match(str(text))
    if not m:
        raise ValidationError(f"{what}: expected a duration like 100s, 5m, 24h or 30d, got {text!r}")
    seconds = int(m.group(1)) * _UNITS[m.group(2) or "s"]
    if seconds > MAX_SECONDS:
        raise ValidationError(f"{what}: {text!r} is longer than 100 years")
    return seconds
