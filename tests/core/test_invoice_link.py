"""URL_INVOICE_FOREIGN (issue 13): an invoice's pay or view link on a host that is neither the sender's nor a payment
service's; the honest invoice that looks most like it is left alone."""

from __future__ import annotations

import pytest

from core.detection.checks.invoice_link import CHECK, pay_links
from core.mail.mime import parse_message
from core.verdict_policy import assess
from tests.core.scan_support import context, names, settings


def _msg(body: str, *, html: bool = True, subject: str = "Invoice 1043", sender: str = "billing@shop.example"):
    ctype = "text/html" if html else "text/plain"
    raw = (f"From: {sender}\nTo: maria@customer.example\nSubject: {subject}\nMIME-Version: 1.0\n"
           f"Content-Type: {ctype}; charset=utf-8\n\n{body}\n")
    return parse_message(raw.encode(), settings().scan)


@pytest.mark.parametrize(("body", "html"), [
    ('<p>Invoice 1043 is overdue.</p><a href="https://doc-share.example/v/1043">View invoice</a>', True),
    ('<p>Ihre Rechnung ist fällig.</p><a href="https://zahlung-portal.example/r">Jetzt bezahlen</a>', True),
    ("Votre facture est disponible. Voir la facture : https://factures-en-ligne.example/f/88", False),
    ("您的发票已开具。查看发票：https://fapiao-view.example/1043", False),  # noqa: RUF001 - Chinese punctuation
])
def test_pay_link_to_a_foreign_host_is_told(body: str, html: bool) -> None:
    assert names(CHECK.run(_msg(body, html=html), context())) == {"URL_INVOICE_FOREIGN"}


@pytest.mark.parametrize(("body", "html", "subject"), [
    # payment services and the sender's own site
    ('<p>Invoice 1043.</p><a href="https://invoice.stripe.com/i/acct_1/x">Pay now</a>', True, "Invoice 1043"),
    ('<p>Invoice 1043.</p><a href="https://in.xero.com/abc">View invoice</a>', True, "Invoice 1043"),
    ('<p>Invoice 1043.</p><a href="https://www.shop.example/invoices/1043">View invoice</a>', True, "Invoice 1043"),
    # a foreign link that is not the pay call
    ('<p>Invoice 1043 attached.</p><a href="https://www.instagram.com/shop">Follow us</a>', True, "Invoice 1043"),
    ("Invoice 1043 attached.\n\nOur new blog post: https://medium.example/shop-news", False, "Invoice 1043"),
    # a pay call in a message that is not about an invoice
    ('<p>Tickets for Saturday.</p><a href="https://tickets.example/buy">Pay now</a>', True, "Tickets"),
])
def test_honest_invoices_and_other_links_are_not(body: str, html: bool, subject: str) -> None:
    assert names(CHECK.run(_msg(body, html=html, subject=subject), context())) == set()


def test_the_accounts_own_domains_count_as_the_senders() -> None:
    msg = _msg('<p>Invoice 1043.</p><a href="https://pay.shop-payments.example/1043">Pay now</a>')
    ctx = context()
    ctx.own_domains = frozenset({"shop.example", "shop-payments.example"})
    assert names(CHECK.run(msg, ctx)) == set()


def test_plain_text_link_counts_only_right_after_the_call() -> None:
    far = "Invoice 1043. Pay now by bank transfer, details below." + " x" * 100 + " https://far.example/z"
    assert pay_links(_msg(far, html=False)) == []


def test_alone_it_never_holds() -> None:
    symbols = CHECK.run(_msg('<p>Invoice overdue.</p><a href="https://x.example/v">View invoice</a>'), context())
    assert names(symbols) == {"URL_INVOICE_FOREIGN"}
    assert not assess(symbols, settings().verdict).holds(settings().thresholds.quarantine)
