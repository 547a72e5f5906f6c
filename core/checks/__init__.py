"""The checks Mailward runs, in order: cheap header and body tests first, attachment work after."""

from __future__ import annotations

from core.checks import (
    from_spoof,
    gtube,
    html_low_text,
    many_urls,
    mime_malformed,
    missing_headers,
    spam_phrases,
    subject_caps,
    subject_obfuscation,
    winexec,
)
from core.checks.base import Check

# winexec runs before the body scans: it decides a quarantine on its own, so it must not be the check
# that the time budget cuts off.
ALL_CHECKS: tuple[Check, ...] = (
    gtube.CHECK,
    mime_malformed.CHECK,
    missing_headers.CHECK,
    subject_caps.CHECK,
    subject_obfuscation.CHECK,
    from_spoof.CHECK,
    winexec.CHECK,
    html_low_text.CHECK,
    many_urls.CHECK,
    spam_phrases.CHECK,
)
