"""Precision first through the whole path: everyday mail of a small shop's cPanel account, submitted with SMTP AUTH
through the private Exim to a real `mailward serve` (real Redis, a Dramatiq worker), is delivered, not held.

The shop is a fresh sender (a new serve: no history, no whitelist) and sends what such a site sends every day:
a two-line order receipt, a plain-text newsletter with List-Unsubscribe / List-Id whose links all stay on the
shop's domain, and a contact-form notification from the site's own address with the visitor's free-mail address
in Reply-To. All three must reach the lab mailbox, and none may be in the quarantine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import formatdate, make_msgid
from pathlib import Path

import pytest

from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import serve_for_everyone, serve_quarantine
from workers.exim_lab import Delivered, EximLab, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

ACCOUNT = "rosebake"
DOMAIN = "rosebakery.example"
PASSING = frozenset({"no action", "add header"})
#: The shop's mailboxes (SMTP AUTH login -> password); each message is submitted as the mailbox in its From.
MAILBOXES = {f"orders@{DOMAIN}": "crumb-7741", f"news@{DOMAIN}": "rye-2203", f"wordpress@{DOMAIN}": "wp-smtp-98"}


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message the shop sends: who authenticates, to whom, and the raw text."""

    name: str
    login: str
    recipients: tuple[str, ...]
    message_id: str
    raw: bytes


def _raw(headers: list[tuple[str, str]], body: str) -> bytes:
    lines = [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode("utf-8")


def order_receipt() -> Outgoing:
    """What a small shop's order system sends after checkout: two lines of text."""
    mid = make_msgid("order-1047", domain=DOMAIN)
    headers = [("From", f"Rose Bakery <orders@{DOMAIN}>"), ("To", "Claire Dubois <claire.dubois@fastmail.test>"),
               ("Subject", "Your order 1047"), ("Date", formatdate(localtime=True)), ("Message-ID", mid),
               ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"),
               ("Content-Transfer-Encoding", "7bit")]
    body = ("Thank you for your order number 1047: one sourdough loaf and two almond croissants, ready Saturday.\n"
            "See you soon at the shop, Rose Bakery\n")
    return Outgoing("order receipt", f"orders@{DOMAIN}", ("claire.dubois@fastmail.test",), mid, _raw(headers, body))


def newsletter() -> Outgoing:
    """The monthly newsletter to a subscriber: plain text, list headers, every link on the shop's own site."""
    mid = make_msgid("news-2026-11", domain=DOMAIN)
    sub = "c9f2e0a1"
    headers = [("From", f"Rose Bakery <news@{DOMAIN}>"), ("To", "peter.hall@mailbox.test"),
               ("Subject", "November at Rose Bakery: stollen is back"), ("Date", formatdate(localtime=True)),
               ("Message-ID", mid), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"),
               ("Content-Transfer-Encoding", "7bit"), ("List-Id", f"Rose Bakery news <news.{DOMAIN}>"),
               ("List-Unsubscribe", f"<https://{DOMAIN}/newsletter/unsubscribe?s={sub}>, "
                                    f"<mailto:news-unsubscribe@{DOMAIN}?subject=unsubscribe>"),
               ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), ("Precedence", "bulk")]
    body = f"""Hello Peter,

the evenings are drawing in, and the ovens are busy. Here is what is new this month.

Stollen is back from 15 November, with marzipan from the deli next door. You can reserve one for pickup:
https://{DOMAIN}/shop/stollen

Our rye starter workshop runs again on Saturday 29 November, 10 am to noon, for eight people. Everyone goes home
with a jar of starter and a loaf they shaped themselves.
https://{DOMAIN}/workshops

From December the shop opens at 7 am on weekdays. Opening hours for the holidays are on the website:
https://{DOMAIN}/visit

Thanks for reading, and for baking with us.
Anna and the team at Rose Bakery

--
You receive this because you signed up for our newsletter at {DOMAIN}.
Unsubscribe: https://{DOMAIN}/newsletter/unsubscribe?s={sub}
"""
    return Outgoing("newsletter", f"news@{DOMAIN}", ("peter.hall@mailbox.test",), mid, _raw(headers, body))


def contact_form() -> Outgoing:
    """A WordPress contact form's notification: from the site's own address, Reply-To the visitor at Gmail."""
    mid = make_msgid("wpcf7", domain=DOMAIN)
    headers = [("Date", formatdate(localtime=True)), ("To", "anna.rose.bakes@outlook.test"),
               ("From", f"Rose Bakery <wordpress@{DOMAIN}>"), ("Reply-To", "Sam Turner <samturner.84@gmail.com>"),
               ("Subject", "Rose Bakery \"Birthday cake for Saturday\""), ("Message-ID", mid),
               ("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)"), ("MIME-Version", "1.0"),
               ("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit")]
    body = f"""From: Sam Turner <samturner.84@gmail.com>
Subject: Birthday cake for Saturday

Message Body:
Hi, my daughter turns six on Saturday and she would love a chocolate cake with strawberries, big enough for
about twelve children. Could I pick it up around 11? She can't have nuts, so please let me know if that is
possible. My phone number is 07700 900418 if it is easier to call.

Thanks,
Sam

--
This e-mail was sent from a contact form on Rose Bakery (https://{DOMAIN})
"""
    return Outgoing("contact form", f"wordpress@{DOMAIN}", ("anna.rose.bakes@outlook.test",), mid,
                    _raw(headers, body))


@pytest.fixture
def shop_stack(tmp_path: Path, exim_lab: Callable[..., EximLab]) -> Iterator[tuple[ServeProcess, EximLab]]:
    """A serve whose cPanel tree maps DOMAIN to ACCOUNT, behind a fail-closed lab Exim knowing MAILBOXES."""
    tree = make_cpanel_tree(tmp_path / "cpanel", {ACCOUNT: DOMAIN, "otheruser": "other.example"})
    values = {"scan.timeout": "20.0", "cpanel.root": json.dumps(str(tree))}
    with serve_for_everyone(values, prefix="mailward-precision-") as serve:
        poll(lambda: "worker 0 ready" in serve.log(), 60, "the worker ready")
        # closed: a scan that fails defers (451) instead of delivering unscanned mail that would pass this test
        yield serve, exim_lab(serve.tcp, "closed", users=MAILBOXES)


def scan_line(serve: ServeProcess, queue_id: str) -> str:
    """The serve log's scan line for one Exim queue id ("" until the worker logged it)."""
    return next((ln for ln in serve.log().splitlines() if f" scan queue_id={queue_id} " in ln), "")


def test_receipt_newsletter_and_contact_form_from_an_authenticated_account_are_delivered(
        shop_stack: tuple[ServeProcess, EximLab]) -> None:
    serve, lab = shop_stack
    outgoing = [order_receipt(), newsletter(), contact_form()]
    queue_ids: dict[str, str] = {}
    for out in outgoing:
        sender = out.login  # envelope sender = the authenticated mailbox, as a mail client or WP SMTP plugin sends
        r = lab.send_smtp_auth(sender, list(out.recipients), message=out.raw, user=out.login,
                               password=MAILBOXES[out.login])
        assert r.data_code == 250 and r.queue_id, (out.name, r.transcript[-1500:])
        queue_ids[out.name] = r.queue_id

    lines = {name: poll(lambda q=qid: scan_line(serve, q), 30, f"the scan of the {name}")
             for name, qid in queue_ids.items()}
    report = "\n".join(f"{name}: {line}" for name, line in lines.items())
    for name, line in lines.items():
        assert f" account={ACCOUNT} " in line and " how=auth " in line, (name, report)
        assert " verdict=no_action " in line or " verdict=add_header " in line, (name, report)

    def arrived(out: Outgoing) -> Callable[[Delivered], bool]:
        return lambda d: d.headers("Message-ID") == [out.message_id]

    for out in outgoing:
        try:
            (copy,) = lab.wait_delivered(arrived(out), timeout=30, count=len(out.recipients))
        except TimeoutError:
            pytest.fail(f"the {out.name} was not delivered\n{report}\n{lab.mainlog()[-2000:]}")
        assert copy.headers("X-ImunifyEmail-Filter-Action")[0] in PASSING, (out.name, report)
        assert copy.headers("Envelope-to") == list(out.recipients), (out.name, copy.headers("Envelope-to"))

    lab.wait_queue_empty()
    items, total = serve_quarantine(serve).list(None, limit=100)
    assert total == 0, ([(r.subject, r.reasons, r.symbols) for r in items], report)
