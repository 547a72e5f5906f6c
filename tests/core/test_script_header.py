"""Parsing X-PHP-Script (cPanel) and X-PHP-Originating-Script (stock PHP), including hostile values."""

from __future__ import annotations

import random
import time
from email.header import Header

import pytest

from core.identity.script_header import (
    MAX_VALUE,
    parse_originating_script,
    parse_php_script,
    parse_script_headers,
    sanitize_header_value,
)
from core.models import ScriptHeader


@pytest.mark.parametrize(("value", "domain", "path"), [
    ("example.com/wp-content/plugins/x/mailer.php for 203.0.113.5", "example.com",
     "/wp-content/plugins/x/mailer.php"),
    ("example.com/wp-content/plugins/x/mailer.php for 203.0.113.5, 10.0.0.1", "example.com",
     "/wp-content/plugins/x/mailer.php"),
    ("shop.example.net/contact.php for 2001:db8::1", "shop.example.net", "/contact.php"),
    ("shop.example.net/contact.php for 2001:db8::1, ::ffff:10.0.0.1", "shop.example.net", "/contact.php"),
    ("WWW.Example.COM/index.php for 203.0.113.5", "www.example.com", "/index.php"),
    ("www.example.com./index.php for 203.0.113.5", "www.example.com", "/index.php"),
    ("example.com:8080/x.php for 203.0.113.5", "example.com", "/x.php"),
    ("bücher.example/x.php for 203.0.113.5", "xn--bcher-kva.example", "/x.php"),
    ("203.0.113.9/x.php for 203.0.113.5", "", "/x.php"),  # SERVER_NAME may be an IP: nobody's domain
    ("[2001:db8::9]/x.php for 203.0.113.5", "", "/x.php"),
    ("[2001:db8::9]:443/x.php for 203.0.113.5", "", "/x.php"),
    ("/home/bob/cron.php for ", "", "/home/bob/cron.php"),  # PHP CLI: no SERVER_NAME, no client
    ("/home/bob/cron.php for", "", "/home/bob/cron.php"),
    ("example.com/x.php", "example.com", "/x.php"),  # no " for " at all
    ("example.com/a for b/x.php for 203.0.113.5", "example.com", "/a for b/x.php"),
    ("example.com", "example.com", ""),
    ("not a host/x.php for 1.2.3.4", "", "/x.php"),
    ("../../etc/passwd for 1.2.3.4", "", "/../etc/passwd"),
    ("", "", ""),
])
def test_parse_php_script(value: str, domain: str, path: str) -> None:
    assert parse_php_script(value) == (domain, path)


@pytest.mark.parametrize(("value", "uid", "name"), [
    ("1001:mailer.php", 1001, "mailer.php"),
    (" 1001 : mailer.php ", 1001, "mailer.php"),
    ("0:mailer.php", 0, "mailer.php"),
    ("1001:we:ird.php", 1001, "we:ird.php"),  # the first colon separates
    ("4294967294:x.php", 4294967294, "x.php"),
    ("4294967295:x.php", None, "x.php"),  # (uid_t)-1
    ("99999999999:x.php", None, "x.php"),
    ("-1:x.php", None, "x.php"),
    ("abc:x.php", None, "x.php"),
    ("١٢٣:x.php", None, "x.php"),  # non-ASCII digits are not a uid
    ("1e3:x.php", None, "x.php"),
    (":x.php", None, "x.php"),
    ("mailer.php", None, "mailer.php"),
    ("1001:", 1001, ""),
])
def test_parse_originating_script(value: str, uid: int | None, name: str) -> None:
    assert parse_originating_script(value) == (uid, name)


def test_both_headers() -> None:
    script, uid = parse_script_headers("example.com/contact.php for 203.0.113.5", "1001:contact.php")
    assert script == ScriptHeader(raw="example.com/contact.php for 203.0.113.5", domain="example.com",
                                  path="/contact.php")
    assert uid == 1001


def test_originating_only() -> None:
    script, uid = parse_script_headers(None, "1001:mailer.php")
    assert script == ScriptHeader(raw="1001:mailer.php", domain="", path="mailer.php")
    assert uid == 1001


def test_neither() -> None:
    assert parse_script_headers(None, None) == (ScriptHeader(), None)
    assert parse_script_headers("", "   ") == (ScriptHeader(), None)


def test_folded_header_is_unfolded() -> None:
    script, _ = parse_script_headers("example.com/wp-content/plugins/x/mailer.php\r\n\tfor 203.0.113.5", None)
    assert script.raw == "example.com/wp-content/plugins/x/mailer.php for 203.0.113.5"
    assert script.path == "/wp-content/plugins/x/mailer.php"


def test_crlf_injection_cannot_add_lines() -> None:
    script, uid = parse_script_headers("example.com/x.php\r\nBcc: victim@example.org\r\n\r\nbody for 1.2.3.4",
                                       "1001:x.php\nX-Evil: 1")
    for text in (script.raw, script.domain, script.path):
        assert "\r" not in text and "\n" not in text
    assert script.domain == "example.com"
    assert uid == 1001


def test_control_and_invisible_characters_are_replaced() -> None:
    # replaced, not deleted: garbage must not be repaired into a valid domain (that may be someone's)
    value = "exa\x00mple.com/x\x1b[31m.php\x7f\u202e\u200b\ufeff for 1.2.3.4"
    script, _ = parse_script_headers(value, None)
    assert script.raw == "exa\ufffdmple.com/x\ufffd[31m.php\ufffd\ufffd\ufffd\ufffd for 1.2.3.4"
    assert script.domain == ""
    assert script.path == "/x\ufffd[31m.php\ufffd\ufffd\ufffd\ufffd"
    script, _ = parse_script_headers("example.com/x.php\u202e for 1.2.3.4", None)
    assert script.domain == "example.com"


def test_lone_surrogates_become_replacement_characters() -> None:
    script, _ = parse_script_headers("example.com/\udcff\udcfe.php for 1.2.3.4", None)
    assert script.path == "/\ufffd\ufffd.php"
    script.raw.encode("utf-8")  # must be encodable for Redis / JSON


def test_huge_values_are_bounded_and_fast() -> None:
    huge = "example.com/" + "a/" * 5_000_000 + "x.php for " + ", ".join(["203.0.113.5"] * 100_000)
    start = time.perf_counter()
    script, uid = parse_script_headers(huge, "1" * 1_000_000 + ":x.php")
    assert time.perf_counter() - start < 1.0
    assert len(script.raw) <= MAX_VALUE
    assert script.domain == "example.com"
    assert uid is None


def test_header_objects_and_non_strings() -> None:
    script, _ = parse_script_headers(Header("example.com/x.php for 1.2.3.4"), None)  # type: ignore[arg-type]
    assert script.domain == "example.com"

    class Broken:
        def __str__(self) -> str:
            raise UnicodeError("cannot render")

    assert parse_script_headers(Broken(), Broken()) == (ScriptHeader(), None)  # type: ignore[arg-type]


def test_sanitize_header_value() -> None:
    assert sanitize_header_value(None) == ""
    assert sanitize_header_value("  a \r\n b\tc\u2028d  ") == "a b c d"
    assert sanitize_header_value("x" * 50, limit=10) == "x" * 10
    assert sanitize_header_value(42) == "42"


def test_random_garbage_never_raises() -> None:
    rng = random.Random(1234)
    alphabet = "abcxyz.:/ \t\r\n\x00\x7f-_[]@%for0123456789\u00e9\u202e\ud800\U0001f600"
    for _ in range(3000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        script, uid = parse_script_headers(a, b)
        assert len(script.raw) <= MAX_VALUE
        assert not any(c in script.raw + script.path for c in "\r\n\x00")
        assert uid is None or 0 <= uid < 2**32 - 1
