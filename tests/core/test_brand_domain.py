"""FROM_BRAND_DOMAIN (core/detection/checks/brand_display.py): outgoing mail "From" a brand's own mail domain that
the sending account does not own; never a free-mail domain, a shared namespace, incoming mail or a server without
accounts."""

from __future__ import annotations

import pytest

from core.detection.brands import brand_sender_domain
from core.detection.checks.brand_display import BRAND_DOMAIN, CHECK
from core.mail.mime import parse_message
from core.models import Direction, Envelope, Sender
from tests.core.scan_support import context


@pytest.mark.parametrize(("domain", "brand"), [
    ("paypal.com", "paypal"), ("e.paypal.com", "paypal"), ("PayPal.COM.", "paypal"), ("chase.com", "chase"),
    ("dhl.de", "dhl"), ("amazon.co.uk", "amazon"),
])
def test_a_brands_own_mail_domain_and_its_subdomains(domain: str, brand: str) -> None:
    assert brand_sender_domain(domain) == brand


@pytest.mark.parametrize("domain", [
    "yahoo.com", "aol.com", "mail.yahoo.com",  # free mail: anyone has an address there
    "parish-council.gov.uk", "contoso.onmicrosoft.com", "lists.googlegroups.com",  # shared namespaces
    "paypal.de", "paypal-secure.example",  # the brand's name elsewhere is other checks' business
    "shop.example", "",
])
def test_free_mail_shared_namespaces_and_lookalikes_are_no_brand_domain(domain: str) -> None:
    assert brand_sender_domain(domain) is None


RAW = (b"From: PayPal <service@paypal.com>\r\nTo: someone@customer.example\r\nSubject: Receipt\r\n"
       b"Message-ID: <r1@shop.example>\r\n\r\nYou sent 1,249.00 USD.\r\n")


def _run(*, direction: Direction = Direction.OUTGOING, accounts_known: bool = True,
         own: frozenset[str] = frozenset({"shop.example"}), raw: bytes = RAW) -> list[str]:
    ctx = context()
    ctx.accounts_known = accounts_known
    ctx.vouched = bool(own)
    ctx.own_domains = own
    ctx.sender = Sender(account="shop", how="auth")
    ctx.envelope = Envelope(sender="alice@shop.example", recipients=["someone@customer.example"],
                            user="alice@shop.example", ip="192.0.2.1", direction=direction)
    return [s.name for s in CHECK.run(parse_message(raw, ctx.settings.scan), ctx)]


def test_an_account_sending_from_paypal_com_is_flagged_with_the_brand() -> None:
    assert _run() == [BRAND_DOMAIN]


def test_unvouched_mail_on_a_cpanel_server_is_flagged_too() -> None:
    assert _run(own=frozenset()) == [BRAND_DOMAIN]


def test_incoming_mail_from_the_brand_itself_is_not_flagged() -> None:
    assert _run(direction=Direction.INCOMING) == []


def test_a_server_without_cpanel_accounts_tells_nothing() -> None:
    assert _run(accounts_known=False, own=frozenset()) == []


def test_an_account_that_owns_the_domain_is_not_flagged() -> None:
    assert _run(own=frozenset({"paypal.com"})) == []


def test_the_display_name_check_still_comes_first() -> None:
    raw = RAW.replace(b"service@paypal.com", b"service@pp-billing.example")
    assert _run(raw=raw) == ["FROM_BRAND_MISMATCH"]
