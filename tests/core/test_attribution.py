"""Sender attribution rules, in order, against a real fixture tree and the Memory twin; hostile inputs."""

from __future__ import annotations

import email
import email.header
import email.policy
import time
from email.header import Header
from pathlib import Path
from typing import Any

import pytest

from core.identity.attribution import (
    FALLBACK_ACCOUNT,
    HeaderList,
    How,
    attribute,
    first_header,
    from_header_address,
    local_received_login,
    normalize_address,
)
from core.identity.cpanel import CpanelAccounts, MemoryCpanelAccounts
from core.mail.mime import parse_message
from core.models import Envelope, ScriptHeader, Sender
from tests.core.scan_support import settings
from tests.cpanel_tree import make_cpanel_tree, memory_accounts

ACCOUNTS = {
    "bob": {"domain": "example.com", "addon_domains": ["shop.example.net"], "uid": 1001},
    "carol": {"domain": "carol.example.org", "uid": 1002},
    "idn": {"domain": "xn--bcher-kva.example", "uid": 1003},
}
NOBODY_UID = 65534

EXIM_REMOTE = ("from [203.0.113.5] (port=51234 helo=client.example)\n\tby server.example.net with esmtpsa "
               "(TLS1.3) tls TLS_AES_256_GCM_SHA384\n\t(Exim 4.96)\n\t(envelope-from <x@example.com>)\n\t"
               "id 1abcde-000001-AB; Mon, 01 Jan 2024 00:00:00 +0000")


def exim_local(login: str, protocol: str = "local-esmtp", helo: str = "") -> str:
    """Exim's default Received: for local submission (sendmail -bs and friends)."""
    helo_part = f"(helo={helo})\n\t" if helo else ""
    return (f"from {login} {helo_part}by server.example.net with {protocol} (Exim 4.96)\n\t"
            f"(envelope-from <{login}@server.example.net>)\n\tid 1abcde-000002-CD;\n\t"
            "Mon, 01 Jan 2024 00:00:00 +0000")


@pytest.fixture(params=["files", "memory"])
def accounts(request: pytest.FixtureRequest, tmp_path: Path) -> CpanelAccounts | MemoryCpanelAccounts:
    if request.param == "files":
        return CpanelAccounts(make_cpanel_tree(tmp_path / "cpanel", ACCOUNTS))
    mem = memory_accounts(ACCOUNTS)
    mem.uids[NOBODY_UID] = "nobody"
    return mem


def run(accounts: Any, *, sender: str = "", user: str = "", ip: str = "",
        headers: list[tuple[str, Any]] | None = None) -> Sender:
    env = Envelope(sender=sender, recipients=["rcpt@remote.example"], user=user, ip=ip)
    return attribute(env, HeaderList(headers or []), accounts)


# --- (a) auth ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "ip", "account"), [
    ("info@example.com", "203.0.113.5", "bob"),
    ("Info@Shop.Example.NET", "203.0.113.5", "bob"),
    ("sales@sub.shop.example.net", "203.0.113.5", "bob"),
    ("info@example.com.", "203.0.113.5", "bob"),
    ("me@carol.example.org", "", "carol"),  # '@' means SMTP AUTH even without an IP (sendmail -bs + AUTH)
    ("me@bücher.example", "2001:db8::5", "idn"),
    ("bob", "203.0.113.5", "bob"),  # the account's own login
    ("BOB", "203.0.113.5", "bob"),
])
def test_auth(accounts, user: str, ip: str, account: str) -> None:
    s = run(accounts, user=user, ip=ip, sender="whatever@elsewhere.example")
    assert (s.account, s.how) == (account, "auth")


def test_auth_beats_every_forgeable_source(accounts) -> None:
    s = run(accounts, user="info@example.com", ip="203.0.113.5", sender="ceo@carol.example.org", headers=[
        ("From", "CEO <ceo@carol.example.org>"),
        ("X-PHP-Script", "carol.example.org/x.php for 1.2.3.4"),
        ("X-PHP-Originating-Script", "1002:x.php"),
        ("X-AntiAbuse", "Originator/Caller UID/GID - [1002 1002] / [1002 1002]"),
    ])
    assert (s.account, s.how) == ("bob", "auth")
    assert s.email == "ceo@carol.example.org"  # the claimed sender is still reported as such
    assert s.domain == "carol.example.org"


@pytest.mark.parametrize("user", [
    "someone@unknown.example", "nobody", "root", "ghost", "../../etc/passwd", "bob@", "@example.com",
    "info@example.com\r\nX-Evil: 1", "bob\r\n", "bob\t", "b\u200bob", "a" * 100_000 + "@example.com",
])
def test_auth_that_names_no_account_is_unattributed(accounts, user: str) -> None:
    # the envelope sender's domain is carol's, but only the MTA's word chooses an account
    s = run(accounts, user=user, ip="203.0.113.5", sender="x@carol.example.org")
    assert (s.account, s.how) == (FALLBACK_ACCOUNT, "fallback")


# --- (b) local ---------------------------------------------------------------------------------------


def test_local_login(accounts) -> None:
    s = run(accounts, user="bob", sender="anything@carol.example.org",
            headers=[("Received", exim_local("bob", "local"))])
    assert (s.account, s.how) == ("bob", "local")


@pytest.mark.parametrize("login", ["nobody", "www-data", "apache", "httpd", "root", "mailnull",
                                   "Bob", "../bob", "bob\nX: y"])
def test_local_non_account_is_unattributed_whatever_its_script_header_says(accounts, login: str) -> None:
    # `sendmail` as nobody naming carol's uid in X-PHP-Originating-Script: any script on the server can write that
    s = run(accounts, user=login, sender="x@carol.example.org",
            headers=[("X-PHP-Originating-Script", "1002:contact.php")])
    assert (s.account, s.how) == (FALLBACK_ACCOUNT, "fallback")
    assert s.script.path == "contact.php"  # still reported: it narrows which script of root's bucket sent


# --- (b') local_received -----------------------------------------------------------------------------


@pytest.mark.parametrize(("received", "account"), [
    (exim_local("bob", "local-esmtp"), "bob"),
    (exim_local("bob", "local-smtp"), "bob"),
    (exim_local("bob", "local-bsmtp"), "bob"),
    (exim_local("carol", "local-esmtp", helo="localhost"), "carol"),
    ("from bob by server.example.net with local-esmtp (Exim 4.96)", "bob"),
])
def test_local_received(accounts, received: str, account: str) -> None:
    s = run(accounts, sender="x@unknown.example", headers=[("Received", received)])
    assert (s.account, s.how) == (account, "local_received")


def test_local_received_reads_only_the_topmost_received(accounts) -> None:
    # the client wrote the second Received; only Exim's own (first) one counts
    s = run(accounts, sender="x@unknown.example", headers=[
        ("Received", exim_local("nobody")),
        ("Received", exim_local("carol")),
    ])
    assert (s.account, s.how) == (FALLBACK_ACCOUNT, "fallback")
    s = run(accounts, sender="x@unknown.example", headers=[
        ("Received", EXIM_REMOTE),
        ("Received", exim_local("carol")),
    ])
    assert s.how == "fallback"


@pytest.mark.parametrize("received", [
    exim_local("bob", "esmtp"), exim_local("bob", "esmtpsa"), exim_local("bob", "localhost"),
    exim_local('"bob"'), exim_local("../../etc/passwd"), exim_local("BOB"), EXIM_REMOTE,
    "from bob by", "garbage", "", "x" * 200_000,
])
def test_local_received_rejects_other_shapes(accounts, received: str) -> None:
    s = run(accounts, sender="x@unknown.example", headers=[("Received", received)])
    assert s.how == "fallback"


def test_local_received_not_used_for_remote_or_when_user_is_known(accounts) -> None:
    headers = [("Received", exim_local("bob"))]
    assert run(accounts, ip="203.0.113.5", sender="x@unknown.example", headers=headers).how == "fallback"
    assert run(accounts, user="nobody", sender="x@unknown.example", headers=headers).how == "fallback"


@pytest.mark.parametrize("user", ["bob\r\n", "\x00", "\u200b", "x" * 1000])
def test_mangled_user_unlocks_no_identity_rule(accounts, user: str) -> None:
    # not even (b'): a garbage User: line is not the same as no User: line
    s = run(accounts, user=user, sender="x@unknown.example", headers=[("Received", exim_local("bob"))])
    assert s.how == "fallback"


# --- forgeable sources never choose; they narrow within the account the MTA named ---------------------


def test_script_uid_never_chooses_the_account(accounts) -> None:
    s = run(accounts, user="nobody", sender="wordpress@example.com",
            headers=[("X-PHP-Originating-Script", "1002:mailer.php")])
    assert (s.account, s.how) == (FALLBACK_ACCOUNT, "fallback")
    assert s.script == ScriptHeader(raw="1002:mailer.php", domain="", path="mailer.php")


@pytest.mark.parametrize("value", [
    "shop.example.net/wp-content/plugins/x/mailer.php for 203.0.113.5, 10.0.0.1",
    "www.carol.example.org/contact.php for 2001:db8::1",
    "WWW.BÜCHER.example/contact.php for 203.0.113.5",
])
def test_script_domain_never_chooses_the_account(accounts, value: str) -> None:
    s = run(accounts, user="nobody", sender="x@unknown.example", headers=[("X-PHP-Script", value)])
    assert (s.account, s.how) == (FALLBACK_ACCOUNT, "fallback")
    assert s.script.raw == value


def test_script_header_narrows_within_the_vouched_account(accounts) -> None:
    own = run(accounts, user="bob", headers=[("X-PHP-Originating-Script", "1001:shop/mailer.php"),
                                             ("X-PHP-Script", "shop.example.net/mailer.php for 1.2.3.4")])
    assert (own.account, own.how) == ("bob", "local")
    assert (own.script.domain, own.script.path) == ("shop.example.net", "/mailer.php")


@pytest.mark.parametrize("headers", [
    [("X-PHP-Originating-Script", "1002:carol-contact.php")],
    [("X-PHP-Script", "carol.example.org/contact.php for 1.2.3.4")],
    [("X-PHP-Originating-Script", "1001:x.php"), ("X-PHP-Script", "carol.example.org/contact.php for 1.2.3.4")],
])
def test_script_header_naming_another_account_is_not_believed(accounts, headers: list[tuple[str, str]]) -> None:
    # bob's uid sent it: a script header that names carol's uid or site is a forgery, and must not make bob's mail
    # count against (or be blamed on) a script that looks like carol's
    s = run(accounts, user="bob", sender="x@example.com", headers=headers)
    assert (s.account, s.how) == ("bob", "local")
    assert s.script == ScriptHeader()


@pytest.mark.parametrize(("sender", "email_addr", "domain"), [
    ("someone@example.com", "someone@example.com", "example.com"),
    ("Someone@EXAMPLE.COM.", "someone@example.com", "example.com"),
    ("<someone@shop.example.net>", "someone@shop.example.net", "shop.example.net"),
    ("news@mail.carol.example.org", "news@mail.carol.example.org", "mail.carol.example.org"),
    ("Jörg@Bücher.example", "jörg@xn--bcher-kva.example", "xn--bcher-kva.example"),
    ("bounce+abc=remote.example@example.com", "bounce+abc=remote.example@example.com", "example.com"),
])
def test_envelope_sender_domain_never_chooses_the_account(accounts, sender: str, email_addr: str,
                                                          domain: str) -> None:
    # unauthenticated SMTP from this server, or sendmail as nobody: the address is reported, not believed
    for how in ({}, {"ip": "127.0.0.1"}, {"user": "nobody"}):
        s = run(accounts, sender=sender, **how)
        assert (s.account, s.how, s.email, s.domain) == (FALLBACK_ACCOUNT, "fallback", email_addr, domain)


@pytest.mark.parametrize("sender", ["", "<>", "  "])
def test_empty_envelope_sender_reports_the_from_header_but_is_unattributed(accounts, sender: str) -> None:
    s = run(accounts, sender=sender, headers=[("From", '"Mail Delivery" <Mailer-Daemon@Example.COM>'),
                                              ("From", "other@carol.example.org")])
    assert (s.account, s.how) == (FALLBACK_ACCOUNT, "fallback")
    assert (s.email, s.domain) == ("mailer-daemon@example.com", "example.com")


def test_from_header_not_used_when_envelope_sender_present(accounts) -> None:
    s = run(accounts, sender="x@unknown.example", headers=[("From", "boss@example.com")])
    assert (s.account, s.how, s.email, s.domain) == (FALLBACK_ACCOUNT, "fallback", "x@unknown.example",
                                                     "unknown.example")


# Display names in RFC 2047 encoded words: the pipeline hands attribution decoded header values, in which
# the name is no longer quoted and may hold a bare `"`, a comma or something that looks like an address.
ENCODED_NAMES = [
    'ד"ר יואב שפירא',  # Hebrew "Dr." is written with a gershayim, usually typed as a plain double quote
    'أحمد "أبو علي',  # Arabic, a nickname whose closing quote was lost
    'Smith, John "JJ"',
    "ceo@bank.example,",  # a name that looks like an address must not choose the address
]


@pytest.mark.parametrize("name", ENCODED_NAMES)
def test_from_header_with_encoded_display_name(accounts, name: str) -> None:
    raw = f"{Header(name, 'utf-8').encode()} <Yoav@Example.com>"
    decoded = str(email.header.make_header(email.header.decode_header(raw)))
    assert name in decoded
    for value in (raw, decoded):
        assert from_header_address(HeaderList([("From", value)])) == ("yoav@example.com", "example.com")
        s = run(accounts, user="bob", headers=[("From", value)])
        assert (s.account, s.how, s.email) == ("bob", "local", "yoav@example.com")


@pytest.mark.parametrize("name", ENCODED_NAMES)
def test_from_header_with_encoded_display_name_through_the_parser(accounts, name: str) -> None:
    raw = f"From: {Header(name, 'utf-8').encode()} <yoav@example.com>\nSubject: x\n\nhello\n".encode()
    msg = parse_message(raw, settings().scan)
    assert msg.from_display == name.strip()
    s = attribute(Envelope(sender="", user="bob"), HeaderList(msg.headers), accounts)  # as core.scan.pipeline calls it
    assert (s.account, s.how, s.email) == ("bob", "local", "yoav@example.com")
    for policy in (email.policy.compat32, email.policy.default):
        s = attribute(Envelope(sender="", user="bob"), email.message_from_bytes(raw, policy=policy), accounts)
        assert (s.account, s.how, s.email) == ("bob", "local", "yoav@example.com")


def test_fallback(accounts) -> None:
    s = run(accounts)
    assert s == Sender(account="root", domain="", email="", script=ScriptHeader(), how="fallback")
    s = run(accounts, sender="x@unknown.example", user="nobody",
            headers=[("X-PHP-Script", "unknown.example/x.php for 1.2.3.4")])
    assert (s.account, s.how) == ("root", "fallback")


def test_x_antiabuse_is_never_trusted(accounts) -> None:
    # a forged (or foreign server's) X-AntiAbuse naming bob's uid must not move the mail onto bob
    headers = [
        ("X-AntiAbuse", "This header was added to track abuse, please include it with any abuse report"),
        ("X-AntiAbuse", "Primary Hostname - server.example.net"),
        ("X-AntiAbuse", "Original Domain - remote.example"),
        ("X-AntiAbuse", "Originator/Caller UID/GID - [1001 1001] / [1001 1001]"),
        ("X-AntiAbuse", "Sender Address Domain - example.com"),
    ]
    s = run(accounts, user="nobody", sender="x@unknown.example", headers=headers)
    assert (s.account, s.how) == ("root", "fallback")
    s = run(accounts, ip="203.0.113.5", sender="x@unknown.example", headers=headers)
    assert (s.account, s.how) == ("root", "fallback")


def test_how_values_match_enum() -> None:
    assert {h.value for h in How} == {"auth", "local", "local_received", "forwarded", "fallback"}


# --- hostile input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sender", [
    "x@example.com\r\nBcc: victim@remote.example", "x@../../etc/passwd", "x@[203.0.113.5]", "x@203.0.113.5",
    "no-at-sign", "@example.com", "a b@example.com", "x@exa mple.com", "x@" + "a" * 300 + ".com",
    "x" * 1_000_000 + "@example.com", "x@example.com\x00.evil", "<x@example.com", "x@ex\u202eample.com",
])
def test_garbage_envelope_sender(accounts, sender: str) -> None:
    s = run(accounts, sender=sender)
    assert s.how == "fallback"
    assert "\r" not in s.email and "\n" not in s.email
    assert len(s.email) <= 512


def test_huge_and_hostile_headers_are_fast(accounts) -> None:
    big = "x" * 2_000_000
    headers = [("Received", big), ("X-PHP-Script", big + " for " + big), ("X-PHP-Originating-Script", big),
               ("From", ", ".join(["a@b.example"] * 50_000))]
    start = time.perf_counter()
    s = run(accounts, user="nobody", headers=headers)
    assert time.perf_counter() - start < 2.0
    assert len(s.script.raw) <= 1024
    assert s.how == "fallback"


def test_header_objects_surrogates_and_broken_sources(accounts) -> None:
    s = run(accounts, user="bob", headers=[("X-PHP-Script", Header("example.com/x.php for 1.2.3.4")),
                                           ("From", "\udcff\udcfe@example.com")])
    assert (s.account, s.how, s.script.domain) == ("bob", "local", "example.com")

    class Exploding:
        def get_all(self, name: str, failobj: Any = None) -> Any:
            raise RuntimeError("broken parser")

    s = attribute(Envelope(sender="x@example.com", user="bob"), Exploding(), accounts)
    assert (s.account, s.how) == ("bob", "local")


def test_with_a_real_parsed_message(accounts) -> None:
    # what the gateway spools: mbox From line, envelope pseudo-headers, Exim's Received, then the message
    raw = (
        b"From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n"
        b"X-Envelope-From: <>\n"
        b"X-Envelope-To: <rcpt@remote.example>\n"
        b"Received: from bob by server.example.net with local-esmtp (Exim 4.96)\n"
        b"\t(envelope-from <bob@example.com>)\n"
        b"\tid 1abcde-000002-CD;\n"
        b"\tMon, 01 Jan 2024 00:00:00 +0000\n"
        b"Received: from carol by server.example.net with local-esmtp (Exim 4.96)\n"
        b"From: =?utf-8?q?B=C3=B6b?= <Bob@Example.com>\n"
        b"X-PHP-Originating-Script: 1002:forged.php\n"
        b"Subject: \xff\xfe binary\n"
        b"\n"
        b"hello\n"
    )
    for policy in (email.policy.compat32, email.policy.default):
        msg = email.message_from_bytes(raw, policy=policy)
        s = attribute(Envelope(sender="", user=""), msg, accounts)
        assert (s.account, s.how) == ("bob", "local_received")
        assert (s.email, s.domain) == ("bob@example.com", "example.com")
        assert s.script == ScriptHeader()  # carol's uid in a header of mail bob's login sent: not believed


# --- helpers -----------------------------------------------------------------------------------------


def test_helpers() -> None:
    headers = HeaderList([("received", "one"), ("RECEIVED", "two"), ("From", "a@b.example")])
    assert headers.get_all("Received") == ["one", "two"]
    assert headers.get_all("X-None") is None
    assert headers.get_all("X-None", []) == []
    assert first_header(headers, "received") == "one"
    assert first_header(headers, "x-none") == ""
    assert from_header_address(HeaderList([("From", "Name <A@B.Example>, c@d.example")])) == (
        "a@b.example", "b.example")
    assert from_header_address(HeaderList([("From", "undisclosed-recipients:;")])) == ("", "")
    assert normalize_address(" <A@Example.COM> ") == ("a@example.com", "example.com")
    assert normalize_address("") == ("", "")
    assert local_received_login(HeaderList([("Received", exim_local("bob"))])) == "bob"
    assert local_received_login(HeaderList([])) == ""


def test_memory_twin_is_enough_for_attribution() -> None:
    mem = MemoryCpanelAccounts()
    mem.add_account("bob", "example.com", uid=1001)
    assert attribute(Envelope(user="bob"), HeaderList(), mem).how == "local"
