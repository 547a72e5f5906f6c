"""Modern set D (bench.modern_mail_d): its size, family caps, languages, charsets and determinism, that every message
parses, and that bench.modern_detection knows it (aggregates only, like sets B and C)."""

from __future__ import annotations

import email
import hashlib
import re
from collections import Counter

from bench.modern_detection import SETS, generate_set, render_modern
from bench.modern_mail_d import generate
from core.mail.mime import parse_message
from core.settings import load_settings


def test_set_d_is_large_enough_varied_and_reproducible() -> None:
    messages = generate(0)
    labels = Counter(m.label for m in messages)
    assert labels["ham"] >= 300 and labels["spam"] >= 150
    for label in ("ham", "spam"):
        families = Counter(m.family for m in messages if m.label == label)
        assert len(families) >= 25
        assert max(families.values()) <= 0.05 * labels[label], families.most_common(1)  # no family dominates
    langs = Counter(m.lang for m in messages)
    assert len(langs) >= 8 and {"ar", "fa"} & set(langs) and {"zh", "ko"} <= set(langs)
    assert len({m.account for m in messages}) >= 25
    charsets = {c.lower() for m in messages for c in re.findall(rb'charset="([^"]+)"', m.raw)}
    assert {b"utf-8", b"iso-8859-1", b"windows-1252", b"iso-8859-2", b"euc-kr"} <= charsets
    assert {b"gb2312", b"gbk", b"big5"} & charsets and len(charsets) >= 10
    encodings = {e.lower() for m in messages for e in re.findall(rb"Content-Transfer-Encoding: (\S+)", m.raw)}
    assert {b"quoted-printable", b"base64", b"8bit", b"7bit"} <= encodings
    digest = hashlib.sha256(b"".join(m.raw for m in messages)).hexdigest()
    assert digest == hashlib.sha256(b"".join(m.raw for m in generate(0))).hexdigest()
    assert digest != hashlib.sha256(b"".join(m.raw for m in generate(1))).hexdigest()


def test_set_d_sends_bad_mail_both_from_stolen_mailboxes_and_from_scripts() -> None:
    spam = [m for m in generate(0) if m.label == "spam"]
    authenticated = [m for m in spam if m.auth_user]
    assert len(authenticated) >= 50 and len(spam) - len(authenticated) >= 50
    # a stolen mailbox sends as itself: its From is on the account's own domain
    for m in authenticated:
        frm = email.message_from_bytes(m.raw)["From"]
        assert any(frm.rstrip(">").endswith("@" + d) for d in m.account_domains), m.name


def test_every_set_d_message_parses_with_its_sender_and_envelope() -> None:
    scan = load_settings(environ={}).scan
    for m in generate(0):
        msg = email.message_from_bytes(m.raw)
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                part.get_payload(decode=True).decode(part.get_content_charset() or "ascii")  # strict: no bad bytes
        assert not msg.defects, (m.name, msg.defects)
        parsed = parse_message(m.raw, scan)
        assert parsed.from_addr and "@" in parsed.from_addr, m.name
        assert m.recipients and (m.auth_user or m.local_user), m.name
        assert m.raw.startswith(b"Received: ") and b"\n\tid 1v" in m.raw[:600], m.name


def test_set_d_is_scanned_and_reported_like_set_c() -> None:
    assert "d" in SETS and len(generate_set("d", 0)) == len(generate(0))
    report = {"ham": 1, "spam": 1, "spam_held": 1, "spam_recall": 1.0, "spam_flagged": 0, "ham_held": 0,
              "ham_flagged": 0, "ham_flagged_evidence": 0, "spam_flagged_evidence": 0, "cpu_ms_per_message": 1.0,
              "by_kind": {"spam:phishing": {"total": 1, "held": 1}}, "held_ham": [],
              "missed_spam": [{"family": "phish_quota"}]}
    text = render_modern(report, "d")
    assert "set D" in text and "missed spam by family" not in text  # held-out: its misses are never listed
