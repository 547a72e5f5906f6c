"""FROM_ROLE_CLAIM: a From name claiming a security, IT or mail-administration role its address does not back."""

from __future__ import annotations

import pytest

from core.detection.checks import from_role
from core.detection.checks.from_role import role_claimed
from core.mail.mime import parse_message
from core.models import Envelope
from tests.core.scan_support import context, names, settings

pytestmark = pytest.mark.timeout(60)
ST = settings()


@pytest.mark.parametrize(("display", "address"), [
    ("IT Security", "info@northwind-cycles.example"),
    ("Mail Administrator", "sekretariat@szkola.example"),
    ("ING Security", "pieter@fietsen-vandam.example"),
    ("KB국민은행 Security", "desk@hanbit-dental.example"),
    ("IT Service Desk", "mia@lakeside-yoga.example"),
    ("Sécurité du compte", "contact@boulangerie.example"),
    ("Dział IT", "biuro@ksiegarnia.example"),
])
def test_claims_the_address_does_not_back(display: str, address: str) -> None:
    assert role_claimed(display, address)


@pytest.mark.parametrize(("display", "address"), [
    ("Security Team", "security@bank.example"),  # the role mailbox
    ("Acme Security", "info@acme-security.example"),  # the business's own name
    ("Jane Smith, IT Security", "jane.smith@corp.example"),  # a person's name
    ("CNET Virus Security Newsletter", "online@newsletter.example"),  # a publication's topic
    ("Lakeside Yoga Studio", "hello@lakeside-yoga.example"),  # no role
    ("Support Team", "hello@shop.example"),  # a shop's help desk: not a role it claims over others
    ("Helpdesk", "support@shop.example"),
    ("WordPress", "wordpress@bakery.example"),
])
def test_names_the_address_backs_or_no_role(display: str, address: str) -> None:
    assert not role_claimed(display, address)


def _run(frm: str, headers: str = "", recipients: tuple[str, ...] = ("bob@customer.example",)) -> set[str]:
    raw = f"From: {frm}\nTo: bob@customer.example\nSubject: s\n{headers}\nYour mailbox is full.\n".encode()
    ctx = context(ST)
    ctx.envelope = Envelope(sender="info@shop.example", recipients=list(recipients))
    return names(from_role.CHECK.run(parse_message(raw, ST.scan), ctx))


def test_the_check() -> None:
    assert _run("IT Security <info@shop.example>") == {"FROM_ROLE_CLAIM"}
    assert not _run("IT Security <info@shop.example>", "List-Unsubscribe: <https://shop.example/u>\n")
    assert not _run("IT Security <info@shop.example>", "In-Reply-To: <a@b.example>\n")
    assert not _run("Shop Example <info@shop.example>")


def test_an_it_department_writing_to_its_colleagues_is_not_looked_at() -> None:
    raw = b"From: IT Security <info@shop.example>\nTo: staff@shop.example\nSubject: s\n\nPlease update.\n"
    ctx = context(ST)
    ctx.envelope = Envelope(sender="info@shop.example", recipients=["staff@shop.example"])
    ctx.own_domains = frozenset({"shop.example"})
    assert not from_role.CHECK.run(parse_message(raw, ST.scan), ctx)
    ctx.envelope = Envelope(sender="info@shop.example", recipients=["bob@customer.example"])
    assert names(from_role.CHECK.run(parse_message(raw, ST.scan), ctx)) == {"FROM_ROLE_CLAIM"}
