"""Modern set C (bench.modern_mail_c): its size, languages, charsets and determinism, that no template dominates,
that every message parses, and that bench.modern_detection knows it (aggregates only, like set B)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from bench.modern_detection import SETS, render_modern
from bench.modern_mail_c import generate
from core.mail.mime import parse_message
from core.settings import load_settings


def test_set_c_is_large_enough_varied_and_reproducible() -> None:
    messages = generate(0)
    labels = Counter(m.label for m in messages)
    assert labels["ham"] >= 320 and labels["spam"] >= 160
    langs = Counter(m.lang for m in messages)
    assert {"he", "ja"} <= set(langs) and len(langs) >= 7  # one right-to-left, one CJK
    for label in ("ham", "spam"):
        families = Counter(m.family for m in messages if m.label == label)
        assert max(families.values()) <= 0.05 * labels[label], families.most_common(1)  # no template dominates
        assert len(families) >= 20
    assert len({m.account for m in messages}) >= 20
    charsets = Counter(c.lower() for m in messages for c in re.findall(rb'charset="([^"]+)"', m.raw))
    assert {b"utf-8", b"iso-2022-jp"} <= set(charsets) and len(charsets) >= 6
    encodings = {e.lower() for m in messages for e in re.findall(rb"Content-Transfer-Encoding: (\S+)", m.raw)}
    assert {b"quoted-printable", b"base64", b"8bit", b"7bit"} <= encodings
    digest = hashlib.sha256(b"".join(m.raw for m in messages)).hexdigest()
    assert digest == hashlib.sha256(b"".join(m.raw for m in generate(0))).hexdigest()
    assert digest != hashlib.sha256(b"".join(m.raw for m in generate(1))).hexdigest()


def test_every_set_c_message_parses_with_its_sender_and_envelope() -> None:
    scan = load_settings(environ={}).scan
    for m in generate(0):
        parsed = parse_message(m.raw, scan)
        assert parsed.from_addr and "@" in parsed.from_addr, m.name
        assert m.recipients and (m.auth_user or m.local_user), m.name
        assert m.raw.startswith(b"Received: ") and b"\n\tid 1v" in m.raw[:600], m.name


def test_set_c_is_scanned_and_reported_like_set_b() -> None:
    assert "c" in SETS
    report = {"ham": 1, "spam": 1, "spam_held": 1, "spam_recall": 1.0, "spam_flagged": 0, "ham_held": 0,
              "ham_flagged": 0, "ham_flagged_evidence": 0, "spam_flagged_evidence": 0, "cpu_ms_per_message": 1.0,
              "by_kind": {"spam:phishing": {"total": 1, "held": 1}}, "held_ham": [],
              "missed_spam": [{"family": "c_phish_quota"}]}
    text = render_modern(report, "c")
    assert "set C" in text and "missed spam by family" not in text  # held-out: its misses are never listed
