"""Modern set B (bench.modern_mail_b): its size, languages and determinism, and that every message parses."""

from __future__ import annotations

import hashlib
from collections import Counter

from bench.modern_mail_b import generate
from core.mail.mime import parse_message
from core.settings import load_settings


def test_set_b_is_large_enough_varied_and_reproducible() -> None:
    messages = generate(0)
    labels = Counter(m.label for m in messages)
    assert labels["ham"] >= 300 and labels["spam"] >= 150
    langs = {m.lang for m in messages}
    assert {"fa", "ko"} <= langs and len(langs) >= 6  # one right-to-left, one CJK
    assert len({m.family for m in messages if m.label == "spam"}) >= 15
    assert len({m.account for m in messages}) >= 15
    digest = hashlib.sha256(b"".join(m.raw for m in messages)).hexdigest()
    assert digest == hashlib.sha256(b"".join(m.raw for m in generate(0))).hexdigest()
    assert digest != hashlib.sha256(b"".join(m.raw for m in generate(1))).hexdigest()


def test_every_set_b_message_parses_with_its_sender() -> None:
    scan = load_settings(environ={}).scan
    for m in generate(0):
        parsed = parse_message(m.raw, scan)
        assert parsed.from_addr and "@" in parsed.from_addr, m.name
        assert m.recipients and (m.auth_user or m.local_user), m.name
