"""URL_RANDOM_HOST: a page link on a machine-made domain name, in mail that does not link its sender's own site."""

from __future__ import annotations

import pytest

from core.detection.checks import url_random_host
from core.detection.checks.url_random_host import machine_token, random_part
from core.mail.mime import parse_message
from tests.core.scan_support import context, names, settings

pytestmark = pytest.mark.timeout(60)
ST = settings()


def _run(body: str, headers: str = "") -> set[str]:
    lines = ["From: Alice <alice@shop.example>", "To: bob@customer.example", "Subject: s"]
    lines += [h for h in headers.split("\n") if h]
    raw = ("\n".join(lines) + "\n\n" + body).encode("utf-8")
    return names(url_random_host.CHECK.run(parse_message(raw, ST.scan), context(ST)))


@pytest.mark.parametrize("label", ["secure-ksw80qt0", "63lkk7h8-billing", "login-v1a48171", "qod4a7ey",
                                   # twice beside a lure word
                                   "secure-ufbeo2tr", "b3ysdrou-billing"])
def test_generated_tokens(label: str) -> None:
    assert machine_token(label)


@pytest.mark.parametrize("label", ["web2print", "area51shop", "us02web", "365daysofyoga", "b2b", "shop-2024",
                                   "bakery", "x7k2", "ufbeo2tr", "secure-mail24", "bqrmeav9-login"])
def test_names_people_choose(label: str) -> None:
    assert not machine_token(label)


def test_only_the_registrable_name_or_a_free_page_name() -> None:
    assert random_part("secure-ksw80qt0.site") == "ksw80qt0"
    assert random_part("pay.63lkk7h8-billing.com") == "63lkk7h8"
    # tracking and CDN services put random labels below their own name
    assert not random_part("u7k2x9q3.ct.sendgrid.net")
    assert not random_part("d1a2b3c4d5.cloudfront.net")
    assert not random_part("192.0.2.7")
    # a site builder's page: a machine-made page name counts, a business's own site name does not
    assert random_part("xf49rx6m.weebly.com") == "xf49rx6m"
    assert not random_part("mybakery2024.wixsite.com")


def test_fires_on_a_pay_link() -> None:
    assert _run("Invoice overdue, pay now: https://pay-x7k29qm4.site/pay/1\n") == {"URL_RANDOM_HOST"}


def test_quiet_on_images_lists_replies_and_own_links() -> None:
    assert not _run('<img src="https://x7k29qm4.example/logo.png">\n')
    assert not _run("News: https://x7k29qm4.example/a\n", "List-Unsubscribe: <https://shop.example/u>")
    assert not _run("See https://x7k29qm4.example/a\n", "In-Reply-To: <a@b.example>")
    assert not _run("See https://x7k29qm4.example/a and https://shop.example/order/1\n")
