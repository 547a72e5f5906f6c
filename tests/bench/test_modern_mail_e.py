"""Modern set E (bench.modern_mail_e): size, family caps, languages, charsets and encodings, determinism, that every
message parses with a consistent envelope, and that bench.modern_detection knows it and prints aggregates only."""

from __future__ import annotations

import email
import hashlib
import re
from collections import Counter
from functools import cache

from bench.modern_detection import SETS, generate_set, render_modern
from bench.modern_mail.model import ModernMessage
from bench.modern_mail_e import generate
from core.mail.mime import parse_message
from core.settings import load_settings


@cache
def set_e() -> tuple[ModernMessage, ...]:
    return tuple(generate(0))


def test_set_e_is_large_varied_and_capped_per_family() -> None:
    messages = set_e()
    labels = Counter(m.label for m in messages)
    assert labels["ham"] >= 350 and labels["spam"] >= 200
    for label in ("ham", "spam"):
        families = Counter(m.family for m in messages if m.label == label)
        assert len(families) >= 30, label
        assert max(families.values()) <= 0.035 * labels[label], families.most_common(1)
    langs = Counter(m.lang for m in messages)
    assert len(langs) >= 10 and "ar" in langs and {"ja", "zh", "ko"} <= set(langs)
    assert len({m.account for m in messages}) >= 30
    assert {m.kind for m in messages if m.label == "spam"} >= {"phishing", "malware", "scam", "bulk"}


def test_set_e_uses_many_charsets_and_transfer_encodings() -> None:
    raw = b"".join(m.raw for m in set_e())
    charsets = {c.lower() for c in re.findall(rb'charset="([^"]+)"', raw)}
    assert {b"utf-8", b"iso-8859-1", b"windows-1252", b"iso-8859-2", b"koi8-r", b"windows-1251", b"iso-8859-9",
            b"windows-1256", b"iso-2022-jp", b"shift_jis", b"gb2312", b"big5", b"euc-kr"} <= charsets
    assert len(charsets) >= 15
    encodings = {e.lower() for e in re.findall(rb"Content-Transfer-Encoding: (\S+)", raw)}
    assert {b"quoted-printable", b"base64", b"8bit", b"7bit"} <= encodings
    assert re.search(rb"=\?[^?]+\?[bBqQ]\?", raw)  # RFC 2047 headers


def test_set_e_is_deterministic_per_seed() -> None:
    digest = hashlib.sha256(b"".join(m.raw for m in set_e())).hexdigest()
    assert digest == hashlib.sha256(b"".join(m.raw for m in generate(0))).hexdigest()
    assert digest != hashlib.sha256(b"".join(m.raw for m in generate(1))).hexdigest()


def test_every_set_e_message_parses_and_its_envelope_is_what_exim_hands_over() -> None:
    scan = load_settings(environ={}).scan
    for m in set_e():
        msg = email.message_from_bytes(m.raw)
        assert not msg.defects, (m.name, msg.defects)
        for part in msg.walk():
            assert not part.defects, (m.name, part.defects)
            if part.get_content_maintype() == "text":
                part.get_payload(decode=True).decode(part.get_content_charset() or "ascii")  # strict
        parsed = parse_message(m.raw, scan)
        assert parsed.from_addr and "@" in parsed.from_addr, m.name
        assert m.recipients and m.mail_from and m.account_domains, m.name
        assert m.raw.startswith(b"Received: from ") and b"\n\tid " in m.raw[:700], m.name
        assert bool(m.auth_user) != bool(m.local_user), m.name  # SMTP AUTH or local submission, never both
        if m.auth_user:  # a mailbox logs in as itself: its address is on a domain of the account
            assert m.auth_user.split("@")[1] in m.account_domains and m.ip, m.name
            assert m.mail_from == m.auth_user, m.name
        else:
            assert m.local_user == m.account and not m.ip, m.name


def test_bad_mail_leaves_both_from_stolen_mailboxes_and_from_scripts_or_cron() -> None:
    spam = [m for m in set_e() if m.label == "spam"]
    by_mailbox = [m for m in spam if m.auth_user]
    by_script = [m for m in spam if b"X-PHP-Originating-Script:" in m.raw[:1200]]
    by_cron = [m for m in spam if m.local_user and m not in by_script]
    assert len(by_mailbox) >= 50 and len(by_script) >= 40 and len(by_cron) >= 15
    for m in by_mailbox:  # a stolen mailbox sends as itself
        frm = email.message_from_bytes(m.raw)["From"]
        assert any(frm.rstrip(">").endswith("@" + d) for d in m.account_domains), m.name


def test_set_e_is_scanned_by_the_bench_and_reported_as_aggregates_only() -> None:
    assert "e" in SETS and len(generate_set("e", 0)) == len(set_e())
    held = {"name": "e-some-message-00", "score": 9.0, "symbols": ["X"], "evidence": ["kinds=a"]}
    report = {"ham": 2, "spam": 1, "spam_held": 1, "spam_recall": 1.0, "spam_flagged": 0, "ham_held": 1,
              "ham_flagged": 0, "ham_flagged_evidence": 0, "spam_flagged_evidence": 0, "cpu_ms_per_message": 1.0,
              "by_kind": {"spam:phishing": {"total": 1, "held": 1}}, "held_ham": [held],
              "missed_spam": [{"family": "phish_quota", "name": "e-phish-01"}]}
    text = render_modern(report, "e")
    assert "set E" in text and "ham held       1/2" in text
    assert "missed spam by family" not in text and "e-some-message-00" not in text and "e-phish-01" not in text
