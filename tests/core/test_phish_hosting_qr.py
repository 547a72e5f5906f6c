"""Where phishing pages live (URL_FREE_HOSTING, URL_HACKED_SITE_PAGE) and QR-code phishing (QR_CODE_LURE), issue 13:
each catches its mechanism and lets the honest message that looks most like it through."""

from __future__ import annotations

import base64

import pytest

from core.detection.checks.phish_hosting import CHECK as HOSTING_CHECK
from core.detection.checks.phish_hosting import free_hosting, hacked_site_page
from core.detection.checks.qr_lure import CHECK as QR_CHECK
from core.mail.mime import parse_message
from core.verdict_policy import assess
from tests.core.scan_support import context, names, settings

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 40).decode()


def _msg(body: str, *, html: bool = False, image: bool = False, pdf: bool = False, sender: str = "alice@shop.example"):
    head = f"From: {sender}\nTo: maria@customer.example\nSubject: notice\nMIME-Version: 1.0\n"
    ctype = "text/html" if html else "text/plain"
    if not image and not pdf:
        raw = head + f"Content-Type: {ctype}; charset=utf-8\n\n" + body
    else:
        part = ("Content-Type: image/png\nContent-Disposition: inline; filename=\"c.png\"\n" if image else
                "Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"d.pdf\"\n")
        raw = (head + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
               f"Content-Type: {ctype}; charset=utf-8\n\n{body}\n--b\n{part}"
               f"Content-Transfer-Encoding: base64\n\n{PNG}\n--b--\n")
    return parse_message(raw.encode(), settings().scan)


def _own(domain: str = "shop.example"):
    ctx = context()
    ctx.own_domains = frozenset({domain})
    ctx.vouched = True
    return ctx


@pytest.mark.parametrize(("url", "service"), [
    ("https://secure-login-7f3a.pages.dev/", "pages.dev"),
    ("https://x1y2z3.web.app/signin", "web.app"),
    ("https://acct-verify.firebaseapp.com/login", "firebaseapp.com"),
    ("https://ipfs.io/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", "ipfs.io"),
    ("https://pub-0123abcd.r2.dev/office.html", "r2.dev"),
    ("https://storage.googleapis.com/bkt-8812/index.html", "storage.googleapis.com"),
    ("https://acme.blob.core.windows.net/web/login.htm#mail=a@b.example", "blob.core.windows.net"),
    ("https://4f2a-203-0-113-9.ngrok-free.app/m365", "ngrok-free.app"),
    ("https://random-words.trycloudflare.com/", "trycloudflare.com"),
])
def test_pages_on_free_hosting_are_told(url: str, service: str) -> None:
    assert free_hosting(url) == service


@pytest.mark.parametrize("url", [
    "https://storage.googleapis.com/newsletter-assets/header.png",  # an image in a bucket: what honest mail links
    "https://acme.blob.core.windows.net/files/report-2026.pdf",  # a document, not a page
    "https://storage.googleapis.com/bkt/dataset",  # a file without extension, not a page
    "https://ipfs.io/",  # the gateway's own home page
    "https://preview.pages.dev/assets/site.css",
    "https://www.shop.example/",
    "https://mysite.wixsite.com/bakery",  # builders small businesses run real sites on are left out
])
def test_files_and_ordinary_sites_are_not(url: str) -> None:
    assert free_hosting(url) == ""


@pytest.mark.parametrize(("url", "page"), [
    ("https://www.church.example/wp-content/plugins/akismet/x/webmail/index.php", True),
    ("https://blog.example/wp-includes/js/ms/login.html", True),
    ("https://garage.example/.well-known/pki-validation/o365/", True),
    ("https://blog.example/wp-content/uploads/2025/03/prices.pdf", False),  # a document in the uploads folder
    ("https://blog.example/wp-content/uploads/logo.png", False),
    ("https://blog.example/wp-admin/", False),  # the site's own admin, which an agency links for its client
    ("https://blog.example/2025/03/spring-menu/", False),
])
def test_pages_inside_site_code_folders(url: str, page: bool) -> None:
    assert hacked_site_page(url) is page


def test_hosting_link_of_the_account_itself_is_not_counted() -> None:
    msg = _msg("Our status page: https://status.shop.example/wp-content/plugins/x/status.php and "
               "https://shop-status.pages.dev/")
    ctx = _own("shop.example")
    ctx.own_domains = frozenset({"shop.example", "shop-status.pages.dev"})
    assert names(HOSTING_CHECK.run(msg, ctx)) == set()


def test_hacked_page_on_the_from_site_is_not_counted_but_a_foreign_one_is() -> None:
    own = _msg("Log in: https://www.shop.example/wp-content/plugins/booking/form.php", sender="a@shop.example")
    foreign = _msg("Log in: https://www.church.example/wp-content/plugins/x/index.php", sender="a@shop.example")
    assert names(HOSTING_CHECK.run(own, context())) == set()
    assert names(HOSTING_CHECK.run(foreign, context())) == {"URL_HACKED_SITE_PAGE"}


def test_free_hosting_alone_never_holds() -> None:
    msg = _msg("Preview: https://bakery-redesign.pages.dev/ and the shop at https://x.web.app/")
    symbols = HOSTING_CHECK.run(msg, context())
    assert names(symbols) == {"URL_FREE_HOSTING"}
    assert not assess(symbols, settings().verdict).holds(settings().thresholds.quarantine)


# ------------------------------------------------------------------------------------------------ QR codes

LURES = [
    "Your password expires today. Scan the QR code with your phone camera to keep access.",
    "Ihr Postfach ist voll. Scannen Sie den QR-Code, um Ihr Konto zu bestätigen.",
    "Votre mot de passe expire aujourd'hui : scannez le code QR avec votre téléphone.",
    "您的密码即将过期，请用手机扫描二维码。",  # noqa: RUF001 - Chinese punctuation
    "비밀번호가 만료됩니다. 휴대폰으로 QR 코드를 스캔하세요.",
    # a second factor to renew before it expires (quishing's sign-in theme without account-threat wording)
    "Uw tweestapsverificatie verloopt vandaag. Scan de QR-code met uw telefoon.",
    "Weryfikacja dwuetapowa wygasa. Zeskanuj kod QR telefonem, aby zachować dostęp do skrzynki.",
    "2단계 인증이 오늘 만료됩니다. 휴대폰 카메라로 QR 코드를 스캔하여 재등록하세요.",
    "Your account has been suspended. Scan the QR code in the attached document to restore your account.",
]


@pytest.mark.parametrize("text", LURES)
def test_qr_lures_with_an_image_are_told(text: str) -> None:
    assert names(QR_CHECK.run(_msg(text, image=True), context())) == {"QR_CODE_LURE"}


def test_qr_lure_in_a_pdf_and_in_html_img() -> None:
    assert names(QR_CHECK.run(_msg(LURES[-1], pdf=True), context())) == {"QR_CODE_LURE"}
    html = "<p>Your password expires today. Scan the QR code below.</p><img src='data:image/png;base64,AAAA'>"
    assert names(QR_CHECK.run(_msg(html, html=True), context())) == {"QR_CODE_LURE"}


@pytest.mark.parametrize(("text", "image"), [
    ("Show the QR code at the door; staff will scan it from your phone.", True),  # a ticket
    ("Scan the QR code on the invoice with your banking app to pay.", True),  # a payment slip
    ("To set up two-factor sign-in, scan this QR code with your authenticator app.", True),  # chosen by the reader
    ("Twee-factor aanmelden instellen? Scan deze QR-code met uw authenticator-app.", True),  # nothing expires
    ("Your password expires today. Scan the QR code with your phone camera.", False),  # nothing to carry a code
    ("Your password expires today. Please change it in the portal.", True),  # no QR code
])
def test_honest_qr_mail_and_lures_without_a_code_are_not(text: str, image: bool) -> None:
    assert names(QR_CHECK.run(_msg(text, image=image), context())) == set()


def test_a_long_letter_that_mentions_a_qr_code_is_not() -> None:
    text = "Your password expires next month. " + "We met the supplier about the spring order. " * 40 + "QR code."
    assert names(QR_CHECK.run(_msg(text, image=True), context())) == set()


def test_qr_lure_alone_never_holds() -> None:
    symbols = QR_CHECK.run(_msg(LURES[0], image=True), _own())
    assert not assess(symbols, settings().verdict).holds(settings().thresholds.quarantine)


# ------------------------------------------------------------------------- a lure whose page lives there

@pytest.mark.parametrize(("url", "strong"), [
    ("https://ipfs.io/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", True),
    ("https://4f2a-203-0-113-9.ngrok-free.app/m365", True),
    ("https://storage.googleapis.com/bkt-8812/index.html", True),
    ("https://www.church.example/wp-content/plugins/akismet/x/webmail/index.php", True),
    ("https://billing-myapp.pages.dev/update", False),  # an app platform young companies run real apps on
    ("https://myapp.web.app/billing", False),
    ("https://quota-upgrade.example/mail", False),  # any other foreign site: LOGIN_LURE alone
])
def test_a_lure_to_a_page_no_honest_service_signs_in_on_is_strong(url: str, strong: bool) -> None:
    from core.detection.checks.login_lure import CHECK as LURE_CHECK

    msg = _msg(f"Your mailbox is full. Sign in within 24 hours to keep your account: {url}")
    symbols = LURE_CHECK.run(msg, _own())
    assert "LOGIN_LURE" in names(symbols)
    assert ("LOGIN_LURE_PHISH_PAGE" in names(symbols)) is strong
    assert assess(symbols, settings().verdict).holds(settings().thresholds.quarantine) is strong


def test_the_same_page_without_a_threat_is_not_a_lure() -> None:
    from core.detection.checks.login_lure import CHECK as LURE_CHECK

    msg = _msg("The photos from Saturday: https://ipfs.io/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgt")
    assert names(LURE_CHECK.run(msg, _own())) == set()
