"""The outbound rules (issue 6): each fires on its pattern, stays quiet on the honest look-alike, reads its
thresholds from settings, and keeps hostile input bounded (the timeout marker only guards against hangs)."""

from __future__ import annotations

import base64
import dataclasses

import pytest

from core.detection import brands
from core.detection.checks import (
    ALL_CHECKS,
    hidden_text,
    html_base64,
    link_text_mismatch,
    phishing_form,
    risky_attachment,
    script_random_sender,
)
from core.detection.checks.base import ScanContext
from core.errors import ConfigError
from core.mail import links
from core.mail.mime import parse_message
from core.models import Envelope, ScriptHeader, Sender
from core.settings import Settings, load_settings
from tests.core.scan_support import context, names, settings

pytestmark = pytest.mark.timeout(60)
CHECKS = {check.name: check for check in ALL_CHECKS}
ST = settings()


def _mail(headers: str, body: str = "Hello.\n", *, html: bool = False) -> bytes:
    lines = ["From: Alice <alice@shop.example>", "To: bob@customer.example", "Subject: s"]
    lines += [h for h in headers.split("\n") if h]
    if html:
        lines.append("Content-Type: text/html; charset=utf-8")
    return ("\n".join(lines) + "\n\n" + body).encode("utf-8")


def _run(check: str, raw: bytes, ctx: ScanContext | None = None, st: Settings = ST) -> set[str]:
    return names(CHECKS[check].run(parse_message(raw, st.scan), ctx or context(st)))


def _options(check: str, raw: bytes, ctx: ScanContext | None = None) -> list[str]:
    return [o for s in CHECKS[check].run(parse_message(raw, ST.scan), ctx or context(ST)) for o in s.options]


def _html(body: str, headers: str = "") -> bytes:
    return _mail(headers, f"<html><body>{body}</body></html>\n", html=True)


def _ctx(*, recipients: list[str] | None = None, sender: str = "", script: str = "") -> ScanContext:
    ctx = context(ST)
    ctx.envelope = Envelope(sender=sender, recipients=recipients or [])
    ctx.sender = Sender(script=ScriptHeader(raw=script))
    return ctx


# --------------------------------------------------------------------------------------------- links and brands

def test_urls_keep_scheme_and_drop_trailing_punctuation() -> None:
    msg = parse_message(_mail("", "See https://a.example/x, ftp://files.example/f. and xhttp://no.example\n"),
                        ST.scan)
    assert links.urls(msg) == ["https://a.example/x", "ftp://files.example/f"]


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.Example.com/path", "www.example.com"),
    ("http://user:pw@host.example:8080/x", "host.example"),
    ("https://paypal.com@evil.example/login", "evil.example"),
    ("http://[2001:db8::1]:80/", "2001:db8::1"),
    ("http://host.example.?q=1", "host.example"),
])
def test_host_of(url: str, host: str) -> None:
    assert links.host_of(url) == host


@pytest.mark.parametrize(("host", "ip"), [
    ("93.184.216.34", "93.184.216.34"),
    ("1572395042", "93.184.216.34"),  # one decimal number
    ("0x5db8d822", "93.184.216.34"),
    ("0135.0270.0330.042", "93.184.216.34"),  # octal parts
    ("192.168.1.10", ""),
    ("10.0.0.1", ""),
    ("127.0.0.1", ""),
    ("999.1.1.1", ""),
    ("shop.example", ""),
    ("2024", ""),  # a decimal that is not a public address
    ("203.0.113.227", "203.0.113.227"),  # an example network (RFC 5737) stands for a public address
    ("100.64.0.1", ""),  # carrier-grade NAT: shared, not public
])
def test_public_ip(host: str, ip: str) -> None:
    assert links.public_ip(host) == ip


def test_anchors_read_href_and_visible_text() -> None:
    html = ('<A HREF="https://x.example/a?b=1&amp;c=2"><b>www.shop</b>.example</A> <abbr>no</abbr>'
            "<a name=anchor>plain</a><a href='https://y.example'>Click &amp; go")
    found = links.anchors(html)
    assert [(a.href, a.text) for a in found] == [("https://x.example/a?b=1&c=2", "www.shop .example"),
                                                 ("https://y.example", "Click & go")]


@pytest.mark.parametrize(("display", "brand"), [
    ("PayPal", "paypal"),
    ("PayPal Service", "paypal"),
    ("PäyPal® Security Team", "paypal"),
    ('"Microsoft 365" Account Notification', "microsoft 365"),
    ("Apple ID", "apple id"),
    ("Chase Online Banking", "chase"),
    ("Chase", None),  # also a first name
    ("Chase Miller", None),
    ("Apple Valley Dental", None),
    ("John Smith via PayPal Orders Of The Day For You And Your Friends Forever", None),
    ("Alice Example", None),
    ("", None),
])
def test_brand_in_display(display: str, brand: str | None) -> None:
    assert brands.brand_in_display(display) == brand


@pytest.mark.parametrize(("domain", "owned"), [
    ("paypal.com", True), ("mail.paypal.com", True), ("paypal.de", True), ("paypal.co.uk", True),
    ("paypal-secure.example", False), ("account-review.example", False), ("", False),
])
def test_belongs_to(domain: str, owned: bool) -> None:
    assert brands.belongs_to(domain, "paypal") is owned


# --------------------------------------------------------------------------------------------- link text

def test_link_text_mismatch_plain_and_brand() -> None:
    plain = _html('<a href="https://click.esp.example/t/1">www.shop.example</a>')
    assert _run("link_text_mismatch", plain) == {"LINK_TEXT_MISMATCH"}
    brand = _html('<a href="https://login.evil.example/">https://www.paypal.com/signin</a>')
    assert _run("link_text_mismatch", brand) == {"LINK_TEXT_MISMATCH_BRAND"}
    in_path = _html('<a href="https://evil.example/www.paypal.com/signin">www.paypal.com</a>')
    assert _run("link_text_mismatch", in_path) == {"LINK_TEXT_MISMATCH_BRAND"}


@pytest.mark.parametrize("anchor", [
    '<a href="https://shop.example/sale">www.shop.example/sale</a>',  # same site
    '<a href="http://www.shop.example">shop.example</a>',
    '<a href="https://r.esp.example/?u=https://www.shop.example/x">www.shop.example</a>',  # names its target
    '<a href="https://r.esp.example/c?url=www.shop.example">www.shop.example</a>',
    '<a href="https://files.example/r.pdf">report.pdf</a>',  # a file name is not an address
    '<a href="https://other.example">Click here</a>',
    '<a href="mailto:help@shop.example">help.shop.example</a>',
    '<a href="https://login.paypal.com/">www.paypal.com</a>',
])
def test_link_text_mismatch_quiet(anchor: str) -> None:
    assert _run("link_text_mismatch", _html(anchor)) == set()


@pytest.mark.parametrize(("text", "host"), [
    ("https://www.paypal.com/signin", "www.paypal.com"),
    ("www.shop.example", "www.shop.example"),
    ("bank.com", "bank.com"),
    ("notes.txt", ""),
    ("visit www.shop.example today", ""),
])
def test_shown_host(text: str, host: str) -> None:
    assert link_text_mismatch.shown_host(text) == host


# --------------------------------------------------------------------------------------------- forms

@pytest.mark.parametrize("fields", [
    '<input type="password" name="p">',
    '<input type=text name="card_number"><input name=cvv>',
    '<input type="text" placeholder="Social security number (SSN)">',
])
def test_form_credentials(fields: str) -> None:
    assert _run("phishing_form", _html(f'<form action="https://c.example/">{fields}</form>')) == {"FORM_CREDENTIALS"}


def test_form_credentials_in_attached_page() -> None:
    page = base64.encodebytes(b'<form><input type="password" name="pw"></form>').decode()
    raw = ("From: a@shop.example\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
           "Content-Type: text/plain\n\nSee attached.\n--b\nContent-Type: application/octet-stream\n"
           f'Content-Disposition: attachment; filename="doc.htm"\nContent-Transfer-Encoding: base64\n\n{page}--b--\n')
    assert _options("phishing_form", raw.encode()) == ["doc.htm", "password"]


def test_form_personal_data_needs_several_kinds() -> None:
    lead = ('<form><input name="fullname"><input name="email"><input type="tel" name="phone">'
            '<input type="hidden" name="password"></form>')
    assert _run("phishing_form", _html(lead)) == {"FORM_PERSONAL_DATA"}
    assert _run("phishing_form", _html('<form><input name="email"><input type="submit"></form>')) == set()
    assert _run("phishing_form", _html('<form><input name="q"><input type="submit" value="Search"></form>')) == set()
    strict = settings(checks={"form_personal_min_fields": 4})
    assert _run("phishing_form", _html(lead), st=strict) == set()


def test_form_classify_ignores_hidden_and_buttons() -> None:
    fields = phishing_form.form_fields('<input type="hidden" name="pass"><input type="submit" name="login">')
    assert phishing_form.classify(fields) == ([], set())


# --------------------------------------------------------------------------------------------- login lure

LURE = "Your mailbox is full. Click here to upgrade your quota within 24 hours: {url}\n"


def test_login_lure_with_foreign_link() -> None:
    assert _run("login_lure", _mail("", LURE.format(url="https://quota.example/up"))) == {"LOGIN_LURE"}


@pytest.mark.parametrize("lure", [
    "Ihr Konto wurde gesperrt. Bitte hier anmelden:", "Votre compte a été suspendu, connectez-vous :",
    "Su cuenta ha sido suspendida. Inicie sesión:", "تم تعليق حسابك. سجل الدخول:", "החשבון שלך הושעה. התחבר:",
    "\u60a8\u7684\u8d26\u6237\u5df2\u88ab\u51bb\u7ed3\uff0c\u8bf7\u767b\u5f55\uff1a",  # Chinese
    "\u30a2\u30ab\u30a6\u30f3\u30c8\u304c\u505c\u6b62\u3055\u308c\u307e\u3057\u305f\u3002",  # Japanese
    # Italian, Portuguese, Dutch, Polish, Turkish, Russian, Persian, Korean; a German access lock
    "Il tuo account è stato sospeso. Accedi:", "A sua conta foi bloqueada. Entre:",
    "Uw account is geblokkeerd. Log in:", "Twoje konto zostało zablokowane. Zaloguj się:",
    "Hesab\u0131n\u0131z ask\u0131ya al\u0131nd\u0131. Giri\u015f yap\u0131n:",  # Turkish
    "Ваш аккаунт заблокирован. Войдите:", "حساب شما مسدود شد. وارد شوید:", "계정이 정지되었습니다. 로그인:",
    "Andernfalls wird Ihr Zugang aus Sicherheitsgründen gesperrt:",
])
def test_login_lure_in_other_languages(lure: str) -> None:
    away = _mail("Content-Type: text/plain; charset=utf-8", f"{lure} https://konto-pruefung.example/login\n")
    assert _run("login_lure", away) == {"LOGIN_LURE"}
    home = _mail("Content-Type: text/plain; charset=utf-8", f"{lure} https://shop.example/login\n")
    assert _run("login_lure", home) == set()  # the sender's own service telling its user


def test_login_lure_quiet_cases() -> None:
    own_site = _mail("", LURE.format(url="https://webmail.shop.example/quota"))
    assert _run("login_lure", own_site) == set()  # the sender's own service
    support_only = _mail("", "Please reply within 24 hours. Click here: https://other.example/\n")
    assert _run("login_lure", support_only) == set()
    no_link = _mail("", "Your mailbox is full, please delete old mail.\n")
    assert _run("login_lure", no_link) == set()


def test_login_lure_own_site_counts_when_the_display_name_impersonates() -> None:
    raw = _mail("", LURE.format(url="https://shop.example/wp-content/q.php"))
    raw = raw.replace(b"From: Alice <alice@shop.example>", b"From: Microsoft 365 <alice@shop.example>")
    assert _run("login_lure", raw) == {"LOGIN_LURE"}


def test_login_lure_phrase_threshold_from_settings() -> None:
    raw = _mail("", LURE.format(url="https://quota.example/up"))
    assert _run("login_lure", raw, st=settings(checks={"login_lure_min_phrases": 9})) == set()


# --------------------------------------------------------------------------------------------- display name

def test_brand_display() -> None:
    fake = _mail("").replace(b"Alice <alice@shop.example>", b'"PayPal Service" <service@random.example>')
    assert _options("brand_display", fake) == ["paypal", "random.example"]
    real = _mail("").replace(b"Alice <alice@shop.example>", b'"PayPal" <service@intl.paypal.com>')
    assert _run("brand_display", real) == set()
    dental = _mail("").replace(b"Alice <alice@shop.example>", b'"Apple Valley Dental" <desk@avd.example>')
    assert _run("brand_display", dental) == set()


# --------------------------------------------------------------------------------------------- URLs

def test_url_shortener() -> None:
    assert _run("url_shortener", _mail("", "https://bit.ly/abc and https://www.tinyurl.com/x\n")) == \
        {"URL_SHORTENER", "URL_SHORTENER_ONLY"}
    assert _run("url_shortener", _mail("", "https://bit.ly/abc and https://shop.example/x\n")) == {"URL_SHORTENER"}
    assert _options("url_shortener", _mail("", "https://bit.ly/abc https://www.tinyurl.com/x\n")) == \
        ["bit.ly", "tinyurl.com", "<= 150 words"]
    assert _run("url_shortener", _mail("", "https://bit.ly.example/ https://shop.example/\n")) == set()


@pytest.mark.parametrize("headers", ["List-Unsubscribe: <https://shop.example/u>", "In-Reply-To: <a@b.example>"])
def test_only_shortened_links_in_list_mail_or_a_reply_are_weak(headers: str) -> None:
    assert _run("url_shortener", _mail(headers, "See https://bit.ly/abc\n")) == {"URL_SHORTENER"}


def test_only_shortened_links_in_a_long_text_are_weak() -> None:
    assert _run("url_shortener", _mail("", "word " * 200 + "https://bit.ly/abc\n")) == {"URL_SHORTENER"}


@pytest.mark.parametrize(("body", "symbols"), [
    ("http://93.184.216.34/login", {"URL_IP_HOST"}),
    ("http://1572395042/login", {"URL_IP_OBFUSCATED"}),
    ("http://192.168.1.10:2087/ and http://127.0.0.1/", set()),
    ("https://shop.example/93.184.216.34", set()),
])
def test_url_ip(body: str, symbols: set[str]) -> None:
    assert _run("url_ip", _mail("", body + "\n")) == symbols


@pytest.mark.parametrize(("url", "symbols"), [
    ("https://www.paypal.com@evil.example/", {"URL_USERINFO_HOST"}),
    ("ftp://user:secret@files.example/", set()),  # credentials, not a disguise
    ("https://paypal-verify.example/login", {"URL_BRAND_IN_HOST", "URL_LURE_HOST"}),
    ("https://paypal.com.evil.example/login", {"URL_BRAND_IN_HOST"}),
    ("https://secure-netflix-billing.example/", {"URL_BRAND_IN_HOST", "URL_LURE_HOST"}),
    ("https://www.paypal.com/signin", set()),
    ("https://paypal.example.org/", set()),  # a bare label: somebody's honest naming
    ("https://xn--pypal-4ve.example/", {"URL_PUNYCODE"}),
    ("https://secure-account-verify.example/session", {"URL_LURE_HOST"}),
    ("https://parcel-delivery-update.example/track", {"URL_LURE_HOST"}),
    ("https://correos-aviso.example/pago", {"URL_BRAND_IN_HOST"}),  # brands of the other languages' markets too
    ("https://www.correos.es/seguimiento", set()),
    ("https://rakuten-card-info.example/", {"URL_BRAND_IN_HOST"}),
    ("https://login.bank.example/", set()),  # a subdomain named for what it does
    ("https://my-online-service.example/", set()),  # everyday words
    ("https://delivery-express.example/", set()),  # one lure word is a business name
    ("https://www.chase-online-verify.example/session", {"URL_LURE_HOST"}),  # a brand word glued to a lure word
    ("https://apple-valley-dental.example/", set()),  # a brand word without a lure word is a business name
    ("https://secure.sicherheit-onlinebanking.example/verify", {"URL_LURE_HOST"}),  # lure words of other languages
    ("https://cuenta-verificacion.example/", {"URL_LURE_HOST"}),
    ("https://hesap-dogrulama.example/giris", {"URL_LURE_HOST"}),
    ("https://konto-reisen.example/", set()),  # one lure word is a business name in any language
    ("https://secure.chase.com/verify", set()),  # the brand's own site
    ("https://chase-verify.com/login", {"URL_LURE_HOST"}),
])
def test_url_deception(url: str, symbols: set[str]) -> None:
    assert _run("url_deception", _mail("", url + "\n")) == symbols


def test_a_lure_named_site_of_the_sender_itself_is_its_own_business() -> None:
    own = _mail("", "https://secure-account-verify.example/help\n").replace(
        b"alice@shop.example", b"alice@secure-account-verify.example")
    assert _run("url_deception", own) == set()


# --------------------------------------------------------------------------------------------- senders

def test_sender_mismatch_reply_to() -> None:
    assert _run("sender_mismatch", _mail("Reply-To: x@gmail.com")) == {"REPLYTO_FREEMAIL"}
    assert _run("sender_mismatch", _mail("Reply-To: x@other.example")) == {"REPLYTO_MISMATCH"}
    assert _run("sender_mismatch", _mail("Reply-To: x@other.example\nList-Id: <l.shop.example>")) == set()
    assert _run("sender_mismatch", _mail("Reply-To: sales@eu.shop.example")) == set()
    freemail_both = _mail("Reply-To: x@gmail.com").replace(b"alice@shop.example", b"alice@yahoo.com")
    assert _run("sender_mismatch", freemail_both) == {"REPLYTO_MISMATCH"}


def test_a_form_mailing_the_sites_owner_reply_to_the_visitor_is_no_mismatch() -> None:
    ctx = _ctx(sender="alice@shop.example")
    ctx.own_domains, ctx.vouched = frozenset({"shop.example"}), True
    ctx.envelope.recipients = ["info@shop.example"]
    assert _run("sender_mismatch", _mail("Reply-To: visitor@gmail.com"), ctx) == set()
    ctx.envelope.recipients = ["info@shop.example", "someone@customer.example"]  # to the outside world: a lure
    assert _run("sender_mismatch", _mail("Reply-To: visitor@gmail.com"), ctx) == {"REPLYTO_FREEMAIL"}
    ctx = _ctx(sender="alice@shop.example", recipients=["info@shop.example"])  # no account known: the From's site
    assert _run("sender_mismatch", _mail("Reply-To: visitor@gmail.com"), ctx) == set()


def test_sender_mismatch_envelope() -> None:
    assert _run("sender_mismatch", _mail(""), _ctx(sender="bounce@mailer.example")) == {"ENVELOPE_FROM_MISMATCH"}
    assert _run("sender_mismatch", _mail(""), _ctx(sender="alice@shop.example")) == set()
    assert _run("sender_mismatch", _mail("Return-Path: <b@bulk.example>")) == {"ENVELOPE_FROM_MISMATCH"}


@pytest.mark.parametrize(("local", "random"), [
    ("we9boig3l9689", True),
    ("smgrdphcv", True),
    ("a8f7d9e2c4", True),
    ("wordpress", False),
    ("john.smith1987", False),
    ("krzysztof", False),
    ("noreply", False),
    ("12345678901", False),
])
def test_random_token(local: str, random: bool) -> None:
    assert bool(script_random_sender.random_token(local, ST)) is random


def test_script_random_sender() -> None:
    raw = _mail("X-PHP-Script: shop.example/up.php for 198.51.100.7").replace(b"alice@", b"xkqzvbwpt@")
    assert _run("script_random_sender", raw) == {"PHP_SCRIPT_RANDOM_SENDER"}
    no_script = _mail("").replace(b"alice@", b"xkqzvbwpt@")
    assert _run("script_random_sender", no_script) == set()
    assert _run("script_random_sender", no_script, _ctx(script="shop.example/up.php")) == {"PHP_SCRIPT_RANDOM_SENDER"}
    envelope = _ctx(script="shop.example/up.php", sender="q7w8e9r0t1@shop.example")
    assert _run("script_random_sender", _mail(""), envelope) == {"PHP_SCRIPT_RANDOM_SENDER"}
    assert _run("script_random_sender", _mail("X-PHP-Originating-Script: 1000:contact.php")) == set()


def test_freemail_random() -> None:
    assert _run("freemail_random", _mail("").replace(b"alice@shop.example", b"vy4tyht6c8986@yahoo.com")) == \
        {"FREEMAIL_RANDOM_SENDER"}
    assert _run("freemail_random", _mail("").replace(b"alice@shop.example", b"vy4tyht6c8986@shop.example")) == set()
    assert _run("freemail_random", _mail("").replace(b"alice@shop.example", b"jane.doe1987@gmail.com")) == set()


def test_excessive_recipients() -> None:
    many = [f"u{i}@customer.example" for i in range(50)]
    assert _run("excessive_recipients", _mail(""), _ctx(recipients=many)) == {"RCPT_EXCESSIVE"}
    assert _run("excessive_recipients", _mail(""), _ctx(recipients=many[:49] + many[:10])) == set()  # distinct
    to = ", ".join(f"u{i}@customer.example" for i in range(6))
    cc = ", ".join(f"u{i}@customer.example" for i in range(4, 10))
    assert _run("excessive_recipients", _mail(f"Cc: {cc}").replace(b"bob@customer.example", to.encode())) == \
        {"RCPT_MANY_VISIBLE"}
    assert _run("excessive_recipients", _mail(f"Cc: {cc}")) == set()
    low = settings(checks={"max_envelope_recipients": 3})
    assert _run("excessive_recipients", _mail(""), _ctx(recipients=many[:3]), st=low) == set()  # context's own st
    ctx = context(low)
    ctx.envelope = Envelope(recipients=many[:3])
    assert _run("excessive_recipients", _mail(""), ctx, st=low) == {"RCPT_EXCESSIVE"}


# --------------------------------------------------------------------------------------------- HTML tricks

SALAD = " ".join(f"word{i}x" for i in range(60))


@pytest.mark.parametrize(("html", "hidden"), [
    (f'<div style="display: none">{SALAD}</div><p>Hi</p>', True),
    (f'<span style="font-size:0px">{SALAD}</span>', True),
    (f'<div style="visibility:hidden">{SALAD}</div>', True),
    (f'<div style="max-height:0;overflow:hidden">{SALAD}</div>', True),
    (f'<font color="#FFFFFF">{SALAD}</font>', True),  # white on the default white page
    (f'<body bgcolor="#000080"><font color=navy>{SALAD}</font></body>', True),
    (f'<table><tr><td bgcolor="#fefefe"><span style="color:#fff">{SALAD}</span></td></tr></table>', True),
    (f'<table><tr><td bgcolor="#000000"><font color="#ffffff">{SALAD}</font></td></tr></table>', False),
    (f'<td style="background:url(x.png)"><font color=white>{SALAD}</font></td>', False),
    (f'<span style="font-size:1em">{SALAD}</span>', False),
    (f'<div style="display:none">{" ".join(SALAD.split()[:20])}</div>', False),  # a preheader
    (f'<div style="display:none"><!-- {SALAD} --></div>', False),
    (f'<style>.m{{display:block}}</style><div class="m" style="display:none">{SALAD}</div>', False),
    (f'<div style="display:none">x</div><p>{SALAD}</p>', False),  # closed before the text
])
def test_hidden_text(html: str, hidden: bool) -> None:
    assert _run("hidden_text", _html(html)) == ({"HTML_HIDDEN_TEXT"} if hidden else set())


def test_hidden_text_threshold_from_settings() -> None:
    html = _html(f'<div style="display:none">{SALAD}</div>')
    assert _run("hidden_text", html, st=settings(checks={"hidden_text_min_words": 61})) == set()


@pytest.mark.parametrize(("value", "rgb"), [
    ("#fff", (255, 255, 255)), ("ffffff", (255, 255, 255)), ("white", (255, 255, 255)),
    ("rgb(1, 2, 300)", (1, 2, 255)), ("#12", None), ("inherit", None), ("#ggg", None),
])
def test_colour(value: str, rgb: tuple[int, int, int] | None) -> None:
    assert hidden_text.colour(value) == rgb


def _multipart(parts: list[tuple[str, str, str]]) -> bytes:
    out = "From: a@shop.example\nSubject: s\nContent-Type: multipart/alternative; boundary=\"b\"\n\n"
    for ctype, cte, body in parts:
        out += f"--b\nContent-Type: {ctype}\nContent-Transfer-Encoding: {cte}\n\n{body}\n"
    return (out + "--b--\n").encode()


def test_html_base64() -> None:
    page = base64.encodebytes(b"<html><body><p>Offer</p></body></html>").decode()
    top = _mail("Content-Transfer-Encoding: base64", page, html=True)
    assert _run("html_base64", top) == {"HTML_ONLY_BASE64"}
    assert _run("html_base64", _multipart([("text/html; charset=utf-8", "base64", page)])) == {"HTML_ONLY_BASE64"}
    assert _run("html_base64", _multipart([("text/plain", "7bit", "Offer"), ("text/html", "base64", page)])) == set()
    assert _run("html_base64", _multipart([("text/html", "quoted-printable", "<p>Offer</p>")])) == set()
    assert html_base64.html_part_is_base64(b"no parts at all") is False


@pytest.mark.parametrize(("filename", "symbol"), [
    ("scans.iso", "ATTACH_DISK_IMAGE"), ("DISK.IMG", "ATTACH_DISK_IMAGE"), ("invoice.html.", "ATTACH_HTML"),
    ("payroll.xlsm", "ATTACH_MACRO_DOC"), ("notes.one", "ATTACH_MACRO_DOC"), ("logo.svg", "ATTACH_HTML"),
    ("report.pdf", None), ("README", None),
])
def test_risky_attachment(filename: str, symbol: str | None) -> None:
    assert risky_attachment.extension(filename) in ({filename.lower().rstrip(".").rpartition(".")[2]} if "." in
                                                     filename else {""})
    data = base64.encodebytes(b"\0" * 64).decode()
    raw = ("From: a@shop.example\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
           "Content-Type: text/plain\n\nAttached.\n--b\nContent-Type: application/octet-stream\n"
           f'Content-Disposition: attachment; filename="{filename}"\nContent-Transfer-Encoding: base64\n\n'
           f"{data}--b--\n")
    assert _run("risky_attachment", raw.encode()) == ({symbol} if symbol else set())


# --------------------------------------------------------------------------------------------- hostile input

HOSTILE_HTML = [
    "<a " * 200_000,
    '<a href="https://x.example/">www.y.example</a>' * 20_000,
    '<div style="display:none">' * 100_000 + "words " * 1000,
    "<!--" * 100_000,
    "<script" * 100_000,
    "<style>" + "a" * 500_000,
    '<font color="#fff"' * 50_000,
    '<font color="#fff">x' * 50_000,
    "<input " * 100_000,
    '<input type="text" name="email">' * 50_000,
    "<a href=" + "x" * 500_000,
    "<" * 500_000,
    "</div>" * 100_000,
]


@pytest.mark.parametrize("html", HOSTILE_HTML, ids=range(len(HOSTILE_HTML)))
def test_hostile_html_stays_bounded(html: str) -> None:
    msg = parse_message(_html(html), ST.scan)
    ctx = context(ST)
    for check in ALL_CHECKS:
        check.run(msg, ctx)
    assert len(links.anchors(msg.html)) <= links.MAX_ANCHORS
    assert len(phishing_form.form_fields(msg.html.lower())) <= phishing_form.MAX_FIELDS


@pytest.mark.parametrize("body", [
    "http://" * 100_000,
    "://" * 200_000,
    "https://" + "a" * 400_000,
    "https://" + "a." * 200_000 + "com",
    "https://" + "paypal-" * 50_000 + "x.example/",
    "Your mailbox is full " * 20_000 + " https://x.example/",
])
def test_hostile_text_stays_bounded(body: str) -> None:
    msg = parse_message(_mail("", body), ST.scan)
    ctx = context(ST)
    for check in ALL_CHECKS:
        check.run(msg, ctx)
    assert len(links.urls(msg)) <= links.MAX_URLS


def test_hostile_headers_stay_bounded() -> None:
    crowd = ", ".join(f"u{i}@c.example" for i in range(20_000))
    display = "PayPal " * 5000
    raw = (f'From: "{display}" <{"x9" * 2000}@yahoo.com>\nTo: {crowd}\nReply-To: {"r" * 5000}@gmail.com\n'
           "Subject: s\n\nhi\n").encode()
    msg = parse_message(raw, ST.scan)
    ctx = dataclasses.replace(context(ST), envelope=Envelope(recipients=[f"r{i}@c.example" for i in range(50_000)]))
    found = {s.name for check in ALL_CHECKS for s in check.run(msg, ctx)}
    assert "RCPT_EXCESSIVE" in found


def test_hostile_multipart_base64_scan_is_bounded() -> None:
    raw = b"From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n" + \
        b"--b\nContent-Type: text/html\n" * 50_000
    assert html_base64.html_part_is_base64(raw) is False


# --------------------------------------------------------------------------------------------- settings

def test_check_thresholds_come_from_settings() -> None:
    assert ST.check_param("max_visible_recipients") == 10
    env = load_settings(environ={"MAILWARD_CHECKS__MAX_VISIBLE_RECIPIENTS": "25"})
    assert env.check_param("max_visible_recipients") == 25
    with pytest.raises(ConfigError, match="unknown setting"):
        settings(checks={"max_visible_recipient": 3})
    with pytest.raises(ConfigError, match="must not be negative"):
        settings(checks={"hidden_text_min_words": -1})


@pytest.mark.parametrize("lure", [
    "You have a new voicemail (0:42). Listen to it here:", "Anna has shared a document with you. Open:",
    "You are eligible for a tax refund of 312.40 GBP. Claim it:", "Alice hat eine Datei mit Ihnen geteilt:",
    "Nouveau message vocal de +33 1 23 45 67 89 :",
])
def test_voicemail_file_share_and_tax_refund_lures(lure: str) -> None:
    away = _mail("Content-Type: text/plain; charset=utf-8", f"{lure} https://files-view.example/s/1\n")
    assert _run("login_lure", away) == {"LOGIN_LURE"}
    home = _mail("Content-Type: text/plain; charset=utf-8", f"{lure} https://shop.example/s/1\n")
    assert _run("login_lure", home) == set()  # the sender's own phone system or file share
