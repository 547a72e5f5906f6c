"""Bulk-mailing software's traces: forged headers (ratware_headers) and random tokens / redirecting HTML
(hash_buster). Each rule must fire on what spam tools write and stay quiet on what mail programs and web
applications write today."""

from __future__ import annotations

import pytest

from core.detection.checks import hash_buster, ratware_headers
from core.detection.checks.hash_buster import script_redirect
from core.detection.checks.ratware_headers import bulk_mailer, date_forged, forged_mua
from core.mail.mime import parse_message
from tests.core.scan_support import context, names, parse_fixture, settings


def _parse(text: str):
    return parse_message(text.replace("\n", "\r\n").encode(), settings().scan)


def _msg(headers: str, body: str = "Hello,\n\nsee you on Monday.\n\nAlice\n"):
    return _parse(headers + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body)


@pytest.mark.parametrize("date", ["Wed, 11 Sep 2002 09:41:51 -1900", "Fri, 30 Aug 02 21:48:08 Eastern Daylight Time",
                                  "Fri, 30 Aug 02 21:48:08 +0000", "Mon, 26 Aug 2002 02:29:35 +0775"])
def test_impossible_dates_are_forged(date: str) -> None:
    assert date_forged(date)


@pytest.mark.parametrize("date", ["Mon, 04 May 2026 10:00:00 +1400", "Mon, 04 May 2026 10:00:00 -1200",
                                  "Mon, 4 May 2026 10:00:00 +0530 (IST)", "4 May 2026 10:00:00 -0000",
                                  "Mon, 26 Aug 2002 22:57:34 -0400 (EDT)", "Mon, 04 May 2026 10:00:00 GMT",
                                  "Mon, 04 May 2026 10:00:00", ""])
def test_real_dates_are_not(date: str) -> None:
    assert date_forged(date) == ""


def test_outlook_named_on_a_relay_message_id_is_forged() -> None:
    assert forged_mua("Microsoft Outlook Express 6.00.2600.0000", "<200208231641.g7NGfZZ32185@relay.example>")
    assert forged_mua("Microsoft Outlook IMO Build 9.0.2416 (9.0.2910.0)", "<E17k2hm-00016W-00@byron.example>")


@pytest.mark.parametrize(("mailer", "msgid"), [
    ("Microsoft Outlook Express 6.00.2900.5931", "<000801c2a3b4$5e6f7a80$0201a8c0@shop.example>"),
    # Outlook 2007 and later may leave through Exchange, which writes its own Message-ID
    ("Microsoft Outlook 16.0", "<E1qWxYz-000123-AB@mail.shop.example>"),
    ("Microsoft Outlook Express Macintosh Edition - 4.5 (0410)", "<E18JXQ0-0006PU-00@rhenium>"),
    ("PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)", "<200208231641.g7NGfZZ32185@shop.example>"),
])
def test_real_clients_are_not_forged(mailer: str, msgid: str) -> None:
    assert not forged_mua(mailer, msgid)


@pytest.mark.parametrize("mailer", ["eGroups Message Poster", "Microsoft Outlook Express 6.00.2600.0000 DM",
                                    "AOL 7.0 for Windows US sub 118", "QuickSender 1.05", "ArHANIFlSSF9GzAMo"])
def test_bulk_mailers(mailer: str) -> None:
    assert bulk_mailer(_msg(f"From: a@b.example\nX-Mailer: {mailer}\n"), mailer)


@pytest.mark.parametrize("mailer", ["PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)", "PHP/8.2.7",
                                    "Microsoft Outlook 16.0", "iPhone Mail (21E236)", "Apple Mail (2.3774.500.171.1.1)",
                                    "Sendy (https://sendy.co)", "Thunderbird", "WooCommerce", "MailChimpMailer",
                                    "Mail2000Pro", "ZohoMail4Business"])
def test_mail_programs_are_not_bulk_mailers(mailer: str) -> None:
    assert bulk_mailer(_msg(f"From: a@b.example\nX-Mailer: {mailer}\n"), mailer) == ""


def test_encoded_word_in_an_address_but_not_in_a_display_name() -> None:
    check = ratware_headers.CHECK
    forged = _msg("From: =?iso-2022-jp?B?am9rb0Bycy4xMjgubmUuanA=?=@relay.example\nTo: x@y.example\n")
    honest = _msg("From: =?utf-8?B?0JDQu9C40YHQsA==?= <alice@shop.example>\nTo: x@y.example\n")
    assert "HEADER_ADDR_ENCODED" in names(check.run(forged, context()))
    assert names(check.run(honest, context())) == set()


def test_message_id_without_at_or_brackets() -> None:
    msg = _msg("From: a@b.example\nMessage-Id: PM200011:12:45 AM\n")
    assert "HEADER_MSGID_INVALID" in names(ratware_headers.CHECK.run(msg, context()))
    for msgid in ("<form-8812.03aa@shop.example>", "<39895881_74317521>"):  # a clumsy script's is no forgery
        ok = _msg(f"From: a@b.example\nMessage-ID: {msgid}\n")
        assert names(ratware_headers.CHECK.run(ok, context())) == set()


@pytest.mark.parametrize("body", [
    "Come and see me.\n\n\n\n\n\n\nmcmfkhcpedgetqj\n",
    "Come and see me.\n\n\n\n\n\ngcoakgwnibgafjecarccjbjiiqlluijseublait\n\n-- \nList footer\n",
    "Premium access for $14.95!\n\nhttp://isp.example/\n3442BvLB9-565fAFx0200Lbck9-698onqh7l33\n",
])
def test_hash_busters(body: str) -> None:
    assert "BODY_HASH_BUSTER" in names(hash_buster.CHECK.run(_msg("From: a@b.example\n", body), context()))


@pytest.mark.parametrize("body", [
    "Thank you for your order.\n\n\n\n\n\ninternationalization\n",  # a real word, however long
    "Your reference:\n\n\n\n\nINV-2026-0004711-SHOP-EXAMPLE\n",
    "Reset your password:\n\nhttps://shop.example/reset?token=9fK2mQ7xL1pZ4rT8vB3nW6yH\n",
    "Your tracking number\n\n\n\n\n1Z999AA10123456784\n",
    "Transaction\n\n\n\n\n3f9a2b7c1d0e4f5a6b7c8d9e\n",
    "Enter this code to reset your password:\n\naZ3kP9qL2mX7vB4nR8tY1wE6-Hq_5\n",
    "Regards,\nAlice\n\n\n\n\nwww.shop.example\n",
])
def test_ordinary_text_has_no_hash_buster(body: str) -> None:
    assert names(hash_buster.CHECK.run(_msg("From: a@b.example\n", body), context())) == set()


def test_script_redirect() -> None:
    assert script_redirect('<body onload="Go()"><script>function Go(){window.location="http://x.example/";}'
                           "</script></body>")
    assert script_redirect('<meta http-equiv="refresh" content="0; url=http://x.example/">')
    assert not script_redirect('<p>Your location: <a href="https://maps.example/location">map</a></p>')
    assert not script_redirect('<meta http-equiv="refresh" content="30">')


def test_fixtures() -> None:
    assert {"HEADER_ADDR_ENCODED", "HEADER_DATE_FORGED", "HEADER_FORGED_MUA", "HEADER_BULK_MAILER"} <= names(
        ratware_headers.CHECK.run(parse_fixture("spam_ratware_headers.eml"), context()))
    msg = parse_fixture("ham_outlook_express.eml")
    assert names(ratware_headers.CHECK.run(msg, context()) + hash_buster.CHECK.run(msg, context())) == set()


_SCRIPT = "X-PHP-Script: www.site.example/images/czb2fazm.php for 203.0.113.3\n"


@pytest.mark.parametrize("client", ["X-Mailer: Microsoft Outlook 16.0", "X-Mailer: iPhone Mail (22D72)",
                                    "User-Agent: Mozilla Thunderbird"])
def test_a_php_script_claiming_a_desktop_client_is_forged(client: str) -> None:
    msg = _msg(f"From: a@site.example\nTo: x@elsewhere.example\n{_SCRIPT}{client}\n")
    assert "HEADER_FORGED_MUA" in names(ratware_headers.CHECK.run(msg, context()))


def test_a_php_script_as_itself_or_a_desktop_client_without_script_is_not() -> None:
    php = _msg(f"From: a@site.example\n{_SCRIPT}X-Mailer: PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)\n")
    outlook = _msg("From: a@site.example\nX-Mailer: Microsoft Outlook 16.0\n"
                   "Message-ID: <000801c2a3b4$5e6f7a80$0201a8c0@site.example>\n")
    for msg in (php, outlook):
        assert "HEADER_FORGED_MUA" not in names(ratware_headers.CHECK.run(msg, context()))


def test_a_site_form_mailing_its_owner_as_outlook_is_left_alone() -> None:
    from core.models import Envelope

    ctx = context()
    ctx.envelope = Envelope(recipients=["owner@site.example"])
    ctx.own_domains = frozenset({"site.example"})
    msg = _msg(f"From: visitor@gmail.example\n{_SCRIPT}X-Mailer: Microsoft Office Outlook, Build 11.0.5510\n")
    assert "HEADER_FORGED_MUA" not in names(ratware_headers.CHECK.run(msg, ctx))
