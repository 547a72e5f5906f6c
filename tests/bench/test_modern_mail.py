"""The generated modern validation set: size, coverage, realism of its shapes, envelopes, determinism."""

from __future__ import annotations

import email.policy
import email.utils
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from bench.modern_mail import (
    FAMILIES,
    ModernMessage,
    accounts_of,
    envelope_of,
    generate,
    read_set,
    summarize,
    write_set,
)
from bench.modern_mail.__main__ import main
from core.identity.attribution import HeaderList, attribute
from core.mail.mime import ParsedMessage, parse_message
from core.models import Direction
from core.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
ARABIC = re.compile("[\u0600-\u06ff]")
HEBREW = re.compile("[\u0590-\u05ff]")
KANA = re.compile("[\u3040-\u30ff]")
HAN = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def messages() -> list[ModernMessage]:
    return generate(0)


@pytest.fixture(scope="module")
def parsed(messages: list[ModernMessage]) -> dict[str, ParsedMessage]:
    scan = load_settings(environ={}).scan
    return {m.name: parse_message(m.raw, scan) for m in messages}


def _of(messages: list[ModernMessage], **match: str) -> list[ModernMessage]:
    return [m for m in messages if all(getattr(m, k) == v for k, v in match.items())]


def _body(p: ParsedMessage) -> str:
    return p.text or p.html_text


def test_sizes_meet_the_issue_minimums(messages: list[ModernMessage]) -> None:
    labels = Counter(m.label for m in messages)
    assert labels["ham"] >= 300
    assert labels["spam"] >= 150
    assert set(labels) == {"ham", "spam"}
    assert len({m.name for m in messages}) == len(messages)  # names are unique (they become file names)


def test_languages_cover_ltr_rtl_and_cjk(messages: list[ModernMessage]) -> None:
    ham = Counter(m.lang for m in _of(messages, label="ham"))
    spam = Counter(m.lang for m in _of(messages, label="spam"))
    assert len(ham) >= 6 and len(spam) >= 6
    assert {"en", "de"} <= set(ham) and {"fr", "es"} & set(ham)
    for lang in ("ar", "he", "ja", "zh"):
        assert ham[lang] >= 10, lang  # right-to-left and CJK are not token appearances
    assert spam["ar"] + spam["he"] >= 3 and spam["ja"] + spam["zh"] >= 5


def test_rtl_and_cjk_bodies_decode_to_their_scripts(messages: list[ModernMessage],
                                                    parsed: dict[str, ParsedMessage]) -> None:
    scripts = {"ar": ARABIC, "he": HEBREW, "ja": KANA, "zh": HAN}
    for m in messages:
        if m.lang in scripts and m.label == "ham":
            p = parsed[m.name]
            assert scripts[m.lang].search(_body(p) + p.subject), m.name


def test_every_message_parses_with_the_usual_headers(messages: list[ModernMessage],
                                                     parsed: dict[str, ParsedMessage]) -> None:
    for m in messages:
        p = parsed[m.name]
        assert "parse_failed" not in p.defects, m.name
        assert p.subject.strip(), m.name
        assert p.from_addr and "@" in p.from_addr, m.name
        assert email.utils.parsedate_to_datetime(p.header("Date") or "").tzinfo is not None, m.name
        assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", p.header("Message-ID") or ""), m.name
        assert p.header("Received", ) and p.header("MIME-Version") == "1.0", m.name
        assert _body(p).strip(), m.name


def test_encodings_are_the_ones_real_mail_uses(messages: list[ModernMessage]) -> None:
    raw = b"\n".join(m.raw for m in messages)
    for marker in (b"charset=iso-2022-jp", b'charset="gb2312"', b"charset=windows-125", b"charset=iso-8859-",
                   b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: quoted-printable",
                   b"Content-Transfer-Encoding: 8bit", b"Content-Transfer-Encoding: 7bit",
                   b"Subject: =?utf-8?B?", b"Subject: =?utf-8?Q?", b"Subject: =?iso-2022-jp?B?"):
        assert marker in raw, marker
    # 8bit bodies carry raw non-ASCII bytes; every header stays ASCII (RFC 2047 did its job)
    for m in messages:
        head = m.raw.split(b"\n\n", 1)[0]
        assert head.isascii(), m.name


def test_no_family_dominates_the_ham(messages: list[ModernMessage]) -> None:
    ham = _of(messages, label="ham")
    per_family = Counter(m.family for m in ham)
    assert len(per_family) >= 12
    assert max(per_family.values()) <= 0.10 * len(ham)
    assert all(len({m.lang for m in _of(ham, family=f)}) >= 4 for f in per_family)
    assert len({m.account for m in ham}) >= 30


def test_mime_shapes_vary(messages: list[ModernMessage], parsed: dict[str, ParsedMessage]) -> None:
    ham = _of(messages, label="ham")
    kinds = Counter()
    for m in ham:
        p = parsed[m.name]
        kinds["text only" if p.text and not p.html else "html only" if p.html and not p.text else "both"] += 1
    assert min(kinds.values()) >= 30, kinds
    types = b"\n".join(m.raw for m in ham)
    for part in (b"multipart/alternative", b"multipart/mixed", b"multipart/related", b"text/calendar"):
        assert part in types, part


def test_contact_forms_reply_to_the_visitor_from_the_site(messages: list[ModernMessage],
                                                          parsed: dict[str, ParsedMessage]) -> None:
    forms = _of(messages, family="contact_form")
    own_from = 0
    for m in forms:
        p = parsed[m.name]
        visitor = p.reply_to_addr
        assert visitor and visitor.rpartition("@")[2] not in m.account_domains, m.name
        assert visitor in _body(p), m.name  # the form copies what the visitor typed, address included
        assert m.local_user == m.account or m.auth_user.endswith(tuple("@" + d for d in m.account_domains))
        own_from += p.from_addr.rpartition("@")[2] in m.account_domains
    assert own_from >= 0.75 * len(forms)


def test_newsletters_carry_list_headers_on_their_own_domain(messages: list[ModernMessage],
                                                            parsed: dict[str, ParsedMessage]) -> None:
    letters = _of(messages, family="newsletter")
    listed = [m for m in letters if parsed[m.name].header("List-Unsubscribe")]
    assert len(listed) >= 0.7 * len(letters)
    for m in listed:
        p = parsed[m.name]
        assert p.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
        assert p.header("List-Id")
        url = re.search(r"<(https://[^>]+)>", p.header("List-Unsubscribe") or "")
        assert url and url.group(1).split("/")[2].endswith(tuple(m.account_domains)), m.name
        assert len(m.recipients) == 1  # bulk tools send one copy per subscriber


def test_replies_thread_and_quote(messages: list[ModernMessage], parsed: dict[str, ParsedMessage]) -> None:
    for m in _of(messages, family="reply"):
        p = parsed[m.name]
        assert p.header("In-Reply-To") and p.header("In-Reply-To") in (p.header("References") or ""), m.name
        # the answered message is below: "> " lines, an HTML blockquote, or Outlook's header block
        assert "\n> " in p.text or "<blockquote" in p.html or "_" * 32 in p.text + p.html, m.name
    for m in _of(messages, family="forward"):
        assert re.search("Fwd: |WG: |TR: |RV: |转发|إعادة توجيه|הועבר", parsed[m.name].subject), m.name


def test_short_receipts_are_short(messages: list[ModernMessage], parsed: dict[str, ParsedMessage]) -> None:
    for m in _of(messages, family="receipt_short"):
        lines = [x for x in _body(parsed[m.name]).splitlines() if x.strip()]
        assert 1 <= len(lines) <= 4, (m.name, lines)


def test_invoices_attach_a_valid_pdf(messages: list[ModernMessage], parsed: dict[str, ParsedMessage]) -> None:
    for m in _of(messages, family="invoice_pdf"):
        pdfs = [a for a in parsed[m.name].attachments if a.filename.endswith(".pdf")]
        assert len(pdfs) == 1, m.name
    # the bytes themselves: header, trailer, and a startxref that points at the xref table
    data = _attachment_bytes(_of(messages, family="invoice_pdf")[0].raw, ".pdf")
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    offset = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[offset:offset + 4] == b"xref"


def _attachment_bytes(raw: bytes, suffix: str) -> bytes:
    msg = email.message_from_bytes(raw)
    for part in msg.walk():
        if (part.get_filename() or "").endswith(suffix):
            return part.get_payload(decode=True)
    raise AssertionError(f"no {suffix} attachment")


def test_malware_carries_executables(messages: list[ModernMessage]) -> None:
    malware = _of(messages, kind="malware")
    shapes = set()
    for m in malware:
        msg = email.message_from_bytes(m.raw)
        files = [(p.get_filename(), p.get_payload(decode=True)) for p in msg.walk() if p.get_filename()]
        assert files, m.name
        name, data = files[0]
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                inner = [(n, zf.read(n)) for n in zf.namelist()]
            assert any(n.endswith((".exe", ".scr", ".js")) for n, _ in inner), m.name
            shapes.add("zip")
            data = next(d for n, d in inner if n.endswith((".exe", ".scr", ".js")))
        else:
            assert name.endswith((".exe", ".scr")), m.name
            shapes.add("double" if name.count(".") > 1 else "plain")
        assert data.startswith(b"MZ") or data.startswith(b"// ")
    assert {"zip", "double"} <= shapes


def test_spam_comes_from_compromised_accounts_in_several_ways(messages: list[ModernMessage],
                                                              parsed: dict[str, ParsedMessage]) -> None:
    spam = _of(messages, label="spam")
    ways = Counter("auth" if m.auth_user else "script" for m in spam)
    assert min(ways.values()) >= 40, ways
    own = [m for m in spam if parsed[m.name].from_addr.rpartition("@")[2] in m.account_domains]
    assert 0.2 * len(spam) <= len(own) <= 0.8 * len(spam)  # own From domain and forged From both common
    blasts = [m for m in spam if len(m.recipients) > 5]
    assert len(blasts) >= 30
    assert any(parsed[m.name].header("To") == "undisclosed-recipients:;" for m in blasts)
    text = "\n".join(_body(parsed[m.name]) for m in spam) + "\n".join(m.raw.decode("latin-1") for m in spam)
    assert re.search(r"https?://(203\.0\.113|198\.51\.100)\.\d+", text)  # bare-IP links
    assert re.search(r"https://(bit\.ly|tinyurl\.com|is\.gd|t\.ly)/", text)  # shorteners
    assert "<form" in text and "bc1q" in text
    scripts = [m for m in spam if m.local_user]
    assert all("X-PHP-Script" in m.raw.decode("latin-1") for m in scripts)


def test_ham_links_to_well_known_third_parties(messages: list[ModernMessage]) -> None:
    text = b"\n".join(m.raw for m in _of(messages, label="ham")).decode("latin-1")
    for host in ("www.paypal.com", "www.google.com/maps", "www.facebook.com", "www.instagram.com"):
        assert host in text, host
    assert re.search(r"(ups\.com|dhl\.de|laposte\.fr|correos\.es|royalmail\.com|kuronekoyamato)", text)


def test_envelopes_attribute_to_the_declared_account(messages: list[ModernMessage],
                                                     parsed: dict[str, ParsedMessage]) -> None:
    accounts = accounts_of(messages)
    for m in messages:
        env = envelope_of(m)
        assert env.direction == Direction.OUTGOING and env.sender == m.mail_from and env.recipients == m.recipients
        assert env.queue_id and env.queue_id in m.raw.decode("latin-1")
        sender = attribute(env, HeaderList(parsed[m.name].headers), accounts)
        assert sender.account == m.account, (m.name, sender)
        assert sender.how == ("auth" if m.auth_user else "local"), m.name
        assert accounts.domains_of(m.account)[0] == m.account_domains[0]
    # the same account sends ham and spam (a compromised customer is still a customer)
    ham_accounts = {m.account for m in messages if m.label == "ham"}
    spam_accounts = {m.account for m in messages if m.label == "spam"}
    assert len(ham_accounts & spam_accounts) >= 5


def test_address_headers_are_well_formed(messages: list[ModernMessage]) -> None:
    # checked on the raw header with the stdlib's RFC 5322 parser: a display name like the Hebrew 'ד"ר' is
    # legal inside an RFC 2047 word even though it carries a quote mark once decoded
    for m in messages:
        msg = email.message_from_bytes(m.raw, policy=email.policy.default)
        (sender,) = msg["From"].addresses
        assert sender.username and sender.domain, m.name
        assert not msg["From"].defects and not (msg["Reply-To"] and msg["Reply-To"].defects), m.name
        for name in ("To", "Cc"):
            if msg[name] and str(msg[name]) != "undisclosed-recipients:;":
                assert msg[name].addresses and not msg[name].defects, (m.name, name)


def test_same_seed_same_bytes_other_seed_other_bytes(messages: list[ModernMessage]) -> None:
    again = generate(0)
    assert [m.raw for m in again] == [m.raw for m in messages]
    assert [m.envelope_dict() for m in again] == [m.envelope_dict() for m in messages]
    other = generate(1)
    assert len(other) == len(messages)
    assert sum(a.raw != b.raw for a, b in zip(other, messages, strict=True)) == len(messages)


def test_bytes_do_not_depend_on_the_hash_seed(messages: list[ModernMessage]) -> None:
    code = ("import hashlib, bench.modern_mail as mm; "
            "print(hashlib.sha256(b''.join(m.raw for m in mm.generate(0))).hexdigest())")
    want = hashlib.sha256(b"".join(m.raw for m in messages)).hexdigest()
    for hash_seed in ("1", "4242"):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": hash_seed})
        assert out.stdout.strip() == want


def test_families_declare_what_they_make(messages: list[ModernMessage]) -> None:
    made = Counter(m.family for m in messages)
    assert made == Counter({f.name: f.count for f in FAMILIES})
    for f in FAMILIES:
        assert {m.kind for m in _of(messages, family=f.name)} == {f.kind}
        assert {m.label for m in _of(messages, family=f.name)} == {f.label}


def test_write_and_read_back(tmp_path: Path, messages: list[ModernMessage]) -> None:
    manifest = write_set(messages[:40] + messages[-40:], tmp_path, 0)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["count"] == 80 and (tmp_path / data["messages"][0]["file"]).is_file()
    assert {e["file"].split("/")[0] for e in data["messages"]} == {"ham", "spam"}
    back = read_set(tmp_path)
    assert [(m.name, m.raw, m.envelope_dict()) for m in back] == \
        [(m.name, m.raw, m.envelope_dict()) for m in messages[:40] + messages[-40:]]


def test_cli_summary_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               messages: list[ModernMessage]) -> None:
    assert main(["--summary", "--write", str(tmp_path / "set")]) == 0
    out = capsys.readouterr().out
    assert out.strip() == summarize(messages, 0)
    assert f"{len(messages)} messages" in out and "ham/receipt_short" in out and "spam/phishing" in out
    assert len(list((tmp_path / "set" / "spam").glob("*.eml"))) == len(_of(messages, label="spam"))
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--write DIR" in capsys.readouterr().out
