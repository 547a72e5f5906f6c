"""Modern set F (bench.modern_mail_f): size, family caps, languages, charsets and encodings, determinism, that every
message parses with a consistent envelope, and that bench.modern_detection knows it and prints aggregates only."""

from __future__ import annotations

import email
import hashlib
import re
from collections import Counter
from functools import cache

from bench.modern_detection import SETS, UNLISTED, generate_set, render_modern
from bench.modern_mail.model import ModernMessage
from bench.modern_mail_f import generate
from core.mail.mime import parse_message
from core.settings import load_settings


@cache
def set_f() -> tuple[ModernMessage, ...]:
    return tuple(generate(0))


def test_set_f_is_large_varied_and_capped_per_family() -> None:
    messages = set_f()
    labels = Counter(m.label for m in messages)
    assert labels["ham"] >= 400 and labels["spam"] >= 300
    for label in ("ham", "spam"):
        families = Counter(m.family for m in messages if m.label == label)
        assert len(families) >= 40, label
        assert max(families.values()) <= 0.03 * labels[label], families.most_common(1)
    assert not {m.family for m in messages if m.label == "ham"} & {m.family for m in messages if m.label == "spam"}
    langs = Counter(m.lang for m in messages)
    assert len(langs) >= 15 and {"ar", "he", "ja", "zh", "ko", "ru", "el"} <= set(langs)
    assert len({m.lang for m in messages if m.label == "spam"}) >= 8
    assert len({m.account for m in messages}) >= 30
    assert {m.kind for m in messages if m.label == "spam"} == {"phishing", "malware", "scam", "bulk"}
    assert len({m.name for m in messages}) == len(messages)


def test_set_f_uses_many_charsets_and_transfer_encodings() -> None:
    raw = b"".join(m.raw for m in set_f())
    charsets = {c.lower() for c in re.findall(rb'charset="([^"]+)"', raw)}
    assert {b"utf-8", b"us-ascii", b"iso-8859-1", b"iso-8859-15", b"windows-1252", b"iso-8859-2", b"windows-1250",
            b"koi8-r", b"windows-1251", b"iso-8859-9", b"windows-1254", b"windows-1256", b"iso-2022-jp", b"euc-jp",
            b"gb2312", b"gbk", b"gb18030", b"euc-kr"} <= charsets
    assert len(charsets) >= 20
    encodings = {e.lower() for e in re.findall(rb"Content-Transfer-Encoding: (\S+)", raw)}
    assert encodings == {b"quoted-printable", b"base64", b"8bit", b"7bit"}
    assert re.search(rb"=\?[^?]+\?B\?", raw) and re.search(rb"=\?[^?]+\?Q\?", raw)  # RFC 2047 headers
    assert b"text/calendar; method=REQUEST" in raw and b"multipart/related" in raw
    rtl = [m for m in set_f() if any(p.get_content_type() == "text/html" and b'dir="rtl"' in p.get_payload(decode=True)
                                     for p in email.message_from_bytes(m.raw).walk())]
    assert {m.lang for m in rtl} == {"ar", "he"}


def test_set_f_is_deterministic_per_seed() -> None:
    digest = hashlib.sha256(b"".join(m.raw for m in set_f())).hexdigest()
    assert digest == hashlib.sha256(b"".join(m.raw for m in generate(0))).hexdigest()
    assert digest != hashlib.sha256(b"".join(m.raw for m in generate(1))).hexdigest()


def test_every_set_f_message_parses_and_its_envelope_is_what_exim_hands_over() -> None:
    scan = load_settings(environ={}).scan
    for m in set_f():
        assert re.fullmatch(rb"[\x00-\x7f]*", m.raw.split(b"\n\n", 1)[0]), m.name  # headers are ASCII
        msg = email.message_from_bytes(m.raw)
        assert not msg.defects, (m.name, msg.defects)
        texts = [m.raw.split(b"\n\n", 1)[0].decode("ascii")]
        for part in msg.walk():
            assert not part.defects, (m.name, part.defects)
            if part.get_content_maintype() == "text":
                texts.append(part.get_payload(decode=True).decode(part.get_content_charset() or "ascii"))  # strict
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
        for host in re.findall(r"https?://([a-z0-9.-]+)", "\n".join(texts), re.I):  # reserved names, RFC 5737
            assert host.endswith((".example", ".test", "github.com")) or host.startswith(
                ("198.51.100.", "203.0.113.", "192.0.2.")), (m.name, host)  # github.com: PHPMailer's X-Mailer


def test_legitimate_mail_has_the_shapes_of_a_real_server() -> None:
    ham = [m for m in set_f() if m.label == "ham"]
    heads = [m.raw.split(b"\n\n", 1)[0] for m in ham]
    assert sum(b"List-Unsubscribe:" in h for h in heads) >= 15
    assert sum(b"\nReply-To:" in h and b"X-PHP-Originating-Script:" in h for h in heads) >= 30  # form mail
    assert sum(b"application/pdf" in m.raw for m in ham) >= 40
    assert sum(b"\n> " in m.raw or b"Forwarded message" in m.raw for m in ham) >= 15
    assert sum(1 for m in ham if m.auth_user and m.ip == "127.0.0.1") >= 10  # webmail
    assert sum(1 for m in ham if m.local_user and b"X-PHP-Originating-Script:" not in m.raw[:1200]) >= 40  # cron


def test_bad_mail_leaves_both_from_stolen_mailboxes_and_from_scripts_or_cron() -> None:
    spam = [m for m in set_f() if m.label == "spam"]
    by_mailbox = [m for m in spam if m.auth_user]
    by_script = [m for m in spam if b"X-PHP-Originating-Script:" in m.raw[:1200]]
    by_cron = [m for m in spam if m.local_user and m not in by_script]
    assert len(by_mailbox) >= 80 and len(by_script) >= 60 and len(by_cron) >= 60
    for m in by_mailbox:  # a stolen mailbox sends as itself
        frm = email.message_from_bytes(m.raw)["From"]
        assert any(frm.rstrip(">").endswith("@" + d) for d in m.account_domains), m.name
    assert sum(len(m.recipients) >= 8 for m in spam) >= 60  # Bcc blasts
    raw = b"".join(m.raw for m in spam)
    for ext in (b".zip", b".docm", b".svg", b".html", b".rar"):
        assert ext + b'"' in raw, ext
    assert re.search(rb'\.(iso|img|vhd)"', raw)


def test_set_f_is_scanned_by_the_bench_and_reported_as_aggregates_only() -> None:
    assert "f" in SETS and "f" in UNLISTED and len(generate_set("f", 0)) == len(set_f())
    held = {"name": "f-some-message-00", "score": 9.0, "symbols": ["X"], "evidence": ["kinds=a"]}
    report = {"ham": 2, "spam": 1, "spam_held": 1, "spam_recall": 1.0, "spam_flagged": 0, "ham_held": 1,
              "ham_flagged": 0, "ham_flagged_evidence": 0, "spam_flagged_evidence": 0, "cpu_ms_per_message": 1.0,
              "by_kind": {"spam:phishing": {"total": 1, "held": 1}}, "held_ham": [held],
              "missed_spam": [{"family": "phish_bank", "name": "f-phish_bank-01"}]}
    text = render_modern(report, "f")
    assert "set F" in text and "ham held       1/2" in text
    assert "missed spam by family" not in text and "f-some-message-00" not in text and "f-phish_bank-01" not in text
