"""brand_voice: text that speaks for a brand the sender is not, linking to a site of neither (issue 13)."""

from __future__ import annotations

import time

import pytest

from core.detection.checks.brand_voice import _TOKEN, CHECK, SYMBOL, fold, speaking_brand, tokens
from core.mail.mime import ParsedMessage, parse_message
from core.settings import Settings, load_settings
from tests.core.scan_support import context
from tests.fixtures.make_brand_voice_fixtures import HAM as HAM_FIXTURE
from tests.fixtures.make_brand_voice_fixtures import SPAM as SPAM_FIXTURE

SCORE = 2.0


def _settings() -> Settings:
    # The lead adds the default score to core/defaults.toml; the tests do not depend on it.
    return load_settings(environ={f"MAILWARD_SCORES__{SYMBOL}": str(SCORE)})


def _mail(subject: str, body: str, *, frm: str = "alice@shop.example", html: bool = True) -> ParsedMessage:
    ctype = "text/html" if html else "text/plain"
    raw = (f"From: Alice <{frm}>\nTo: bob@customer.example\nSubject: {subject}\nMIME-Version: 1.0\n"
           f"Content-Type: {ctype}; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n")
    st = _settings()
    return parse_message(raw.encode("utf-8"), st.scan)


def _run(msg: ParsedMessage, own: tuple[str, ...] = ("shop.example",)) -> list[str]:
    ctx = context(_settings())
    if own:
        ctx.own_domains, ctx.vouched = frozenset(own), True
    syms = CHECK.run(msg, ctx)
    assert all(s.score == SCORE for s in syms)
    return [o for s in syms for o in s.options]


@pytest.mark.parametrize(("text", "brand"), [
    ("Your PayPal account has been limited", "paypal"),
    ("Ihr PayPal-Konto wurde eingeschränkt", "paypal"),
    ("Su cuenta de PayPal ha sido suspendida", "paypal"),
    ("Votre compte Netflix est suspendu", "netflix"),
    ("Il tuo account PayPal è stato limitato", "paypal"),
    ("Sua conta do PayPal foi limitada", "paypal"),
    ("Uw account bij PayPal is beperkt", "paypal"),
    ("تم تعليق حسابك في PayPal", "paypal"),
    ("حساب PayPal الخاص بك مقيد", "paypal"),
    ("החשבון שלך ב-PayPal הוגבל", "paypal"),
    ("您的PayPal账户已被暂停", "paypal"),
    ("お客様のAmazonアカウントを一時停止しました", "amazon"),
    ("Amazonアカウントの確認", "amazon"),
    ("귀하의 PayPal 계정이 제한되었습니다", "paypal"),
    ("Dear PayPal customer, please confirm your details", "paypal"),
    ("Sehr geehrter PayPal-Kunde", "paypal"),
    ("尊敬的PayPal用户", "paypal"),
    ("El equipo de Netflix", "netflix"),
    ("Das Netflix-Team", "netflix"),
    ("L'équipe Netflix", "netflix"),
    ("Apple Support", "apple"),
    ("Your Apple ID was used to sign in", "apple id"),
    ("PayPal Hesab\u0131n\u0131z s\u0131n\u0131rland\u0131r\u0131ld\u0131", "paypal"),  # dotless i
    ("Microsoft 365 Security Team", "microsoft 365"),
    ("Your DHL parcel could not be delivered", "dhl"),
    ("فريق PayPal", "paypal"),
    ("לקוח PayPal יקר", "paypal"),
    ("\uff30\uff41\uff59\uff30\uff41\uff4c Support", "paypal"),  # full-width letters fold to ASCII
])
def test_brand_speaking(text: str, brand: str) -> None:
    assert speaking_brand(ParsedMessage(subject=text)) == brand
    assert speaking_brand(ParsedMessage(text=f"Hello,\n\n{text}. More below.")) == brand


@pytest.mark.parametrize("text", [
    "Paid with PayPal. Thank you for your order",
    "Follow us on Facebook and Instagram",
    "Netflix price rise: what it means for you",
    "Link your account to Facebook",
    "Pay with PayPal. Your account will be charged when we ship",
    "Our team on LinkedIn is growing",
    "Sign in with Google",
    "Chase your dreams, your account awaits",  # an ambiguous brand never counts
    "Wir akzeptieren PayPal und Kreditkarte.",
    "Síguenos en Facebook",
    "Download our app on the App Store or Google Play",
    "We ship with DHL and UPS within two days",
])
def test_brand_merely_mentioned(text: str) -> None:
    assert speaking_brand(ParsedMessage(subject=text, text=text)) is None


LURE = ("<p>Dear customer,</p><p>Your PayPal account has been limited. Please confirm your details to restore "
        "access.</p><p><a href=\"https://www.paypal.com/privacy\">Privacy</a> "
        "<a href=\"https://secure-check.example.net/login\">Confirm now</a></p>")


def test_fires_on_lure_from_the_accounts_own_address() -> None:
    assert _run(_mail("Action required", LURE)) == ["paypal", "secure-check.example.net"]


@pytest.mark.parametrize(("subject", "body"), [
    ("Ihr PayPal-Konto wurde eingeschränkt", "Bitte bestätigen Sie Ihre Daten: https://konto-pruefung.example.org/de"),
    ("Votre colis", "Bonjour, votre colis DHL est en attente. https://suivi-colis.example.info/fr"),
    ("通知", "您的Apple ID已被锁定。请点击 https://apple-verify.example.cn/id 解锁。"),
    ("تنبيه", "عزيزي عميل Netflix، تم تعليق حسابك في Netflix. https://nf-billing.example.com/ar"),
    ("התראה", "החשבון שלך ב-PayPal הוגבל. https://pp-secure.example.co.il/he"),
])
def test_fires_in_other_languages(subject: str, body: str) -> None:
    assert len(_run(_mail(subject, body, html=False))) == 2


def test_unvouched_sender_uses_the_from_site() -> None:
    msg = _mail("Your PayPal account has been limited",
                "Confirm at https://www.shop.example/ok or https://verify.example.net/x", html=False)
    assert _run(msg, own=()) == ["paypal", "verify.example.net"]
    own = _mail("Your PayPal account has been limited", "Confirm at https://www.shop.example/ok", html=False)
    assert _run(own, own=()) == []


def test_shop_receipt_paid_with_paypal() -> None:
    body = ("<p>Thank you for your order 1003. Paid with PayPal.</p><p><a href=\"https://shop.example/o/1003\">"
            "Your order</a> <a href=\"https://facebook.com/shop\">Facebook</a></p>")
    assert _run(_mail("Your order 1003", body)) == []


def test_newsletter_follow_us_on_facebook() -> None:
    body = ("<p>New arrivals this week.</p><p>Follow us on Facebook: <a href=\"https://www.facebook.com/shop\">"
            "facebook.com/shop</a> <a href=\"https://partner-blog.example.org/post\">read more</a></p>")
    assert _run(_mail("New arrivals", body)) == []


def test_blog_about_a_price_rise_linking_news() -> None:
    body = ("<p>Netflix price rise: the standard plan costs two euros more from June, the company said.</p>"
            "<p><a href=\"https://news.example.org/netflix\">Read the article</a></p>")
    assert _run(_mail("Netflix price rise", body)) == []


def test_shipping_notice_linking_the_carrier_and_the_shop() -> None:
    body = ("<p>Your DHL parcel is on its way.</p><p><a href=\"https://www.dhl.de/track?n=1\">Track it</a> "
            "<a href=\"https://shop.example/o/1\">Your order</a> <a href=\"https://instagram.com/shop\">Insta</a></p>")
    assert _run(_mail("Shipped", body)) == []


def test_brand_own_mail_never_fires() -> None:
    assert _run(_mail("Action required", LURE, frm="service@paypal.de"), own=()) == []
    assert _run(_mail("Action required", LURE, frm="noreply@mail.paypal.com"), own=()) == []
    # another listed brand writing about a partner's account
    assert _run(_mail("Action required", LURE, frm="ebay@ebay.com"), own=()) == []


def test_every_link_the_accounts_own() -> None:
    body = LURE.replace("secure-check.example.net", "www.shop.example")
    assert _run(_mail("Action required", body)) == []
    body = LURE.replace("secure-check.example.net", "pay.shop-two.example")
    assert _run(_mail("Action required", body), own=("shop.example", "shop-two.example")) == []


def test_hostile_input_is_bounded() -> None:
    huge = "Your PayPal account " * 200_000
    links = "".join(f"<a href=\"https://shop.example/{i}\">x</a>" for i in range(10_000))
    msg = ParsedMessage(subject=huge, text=huge, html=links + '<a href="https://evil.example/x">y</a>',
                        html_text=huge, from_addr="alice@shop.example")
    ctx = context(_settings())
    ctx.own_domains, ctx.vouched = frozenset({"shop.example"}), True
    start = time.process_time()
    for _ in range(5):
        CHECK.run(msg, ctx)
    assert time.process_time() - start < 5.0  # a generous bound, not a timing test: linear work only


@pytest.mark.parametrize(("text", "expected"), [
    (SPAM_FIXTURE, ["paypal", "resolution-centre.example.net"]),
    (HAM_FIXTURE, []),
])
def test_fixture_messages(text: str, expected: list[str]) -> None:
    msg = parse_message(text.encode("utf-8"), _settings().scan)
    assert _run(msg) == expected


def test_fold_takes_every_combining_mark_out_however_many() -> None:
    """A few accents (one str.replace each) and text stacked with more distinct marks than that (one translate):
    every mark goes, as unicodedata.combining says, and nothing else changes."""
    assert fold("Ihr Konto bei Café Müller, Ça VA") == "ihr konto bei cafe muller, ca va"
    zalgo = "".join("p" + "".join(chr(0x300 + (k * 7 + j) % 0x4F) for j in range(5)) for k in range(40)) + "ayPal"
    assert fold(zalgo) == "p" * 40 + "aypal"
    cjk = "您的PAYPAL账户"
    assert fold(cjk) == " 您的 paypal 账户 "


@pytest.mark.parametrize("text", [
    "Your PayPal account... was LIMITED!Click here;now\nThanks,\tthe team_2 (c) 2024 - a.b.c",
    "Dear  customer:\r\n\x0b\x1cyour_id=42?!  ok.",
    "",
    "...",
])
def test_ascii_tokens_are_the_regex_tokens(text: str) -> None:
    """The ASCII fast path of tokens() finds exactly what _TOKEN finds (words, each sentence end as ".")."""
    folded = fold(text)
    for c in "!?;\n":
        folded = folded.replace(c, ".")
    assert tokens(text) == _TOKEN.findall(folded)
