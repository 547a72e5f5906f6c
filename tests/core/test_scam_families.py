"""Fraud families of issue 13's fourth round (core/detection/scam_tables.py): CEO-fraud openers, SEO outreach naming the
recipient's site, lotteries that "draw" an e-mail address, AI-trading investment fraud, dating lures. Each caught by
its mechanism, each beside the honest message that looks most like it."""

from __future__ import annotations

import pytest

from core.detection.checks.scam_patterns import CHECK, recipient_site
from core.mail.mime import parse_message
from core.models import Envelope
from tests.core.scan_support import context, settings


def _run(body: str, subject: str = "Hello", rcpt: str = "info@bakery.example") -> dict[str, list[str]]:
    raw = f"From: <a@shop.example>\nTo: {rcpt}\nSubject: {subject}\nContent-Type: text/plain; charset=utf-8\n\n"
    msg = parse_message((raw + body).encode(), settings().scan)
    ctx = context()
    ctx.envelope = Envelope(sender="a@shop.example", recipients=[rcpt])
    return {s.name: s.options for s in CHECK.run(msg, ctx)}


@pytest.mark.parametrize("text", [
    "Are you at your desk? Reply to this email only, I have a task for you.",
    "Are you available? I need you to do something for me quickly. I'm in a meeting and can't take calls.",
    "Hallo Lena, bist du gerade erreichbar? Ich brauche dringend einen Gefallen, kann aber nicht telefonieren.",
    "Bonjour Chloé, es-tu disponible ? Je suis en réunion, j'ai une tâche urgente pour toi.",
    "Hola Lucía, ¿estás disponible? Necesito que me hagas un favor urgente, estoy en una reunión.",
])
def test_ceo_fraud_openers_are_content_evidence_never_a_full_script(text: str) -> None:
    got = _run(text)
    assert "SCAM_BEC" in got
    assert "SCAM_FULL_SCRIPT" not in got


def test_one_cue_of_the_opener_is_nothing() -> None:
    assert "SCAM_BEC" not in _run("Are you available for a call on Thursday about the catering order?")
    assert "SCAM_BEC" not in _run("I'm in a meeting until three, the invoice is attached.")


def test_seo_outreach_naming_the_recipients_site() -> None:
    got = _run("We would like to publish a guest post on bakery.example. Please share your price list.")
    assert got["SCAM_SEO"][:2] == ["guest post", "bakery.example"]
    # the recipient's free-mail provider is not "their site"
    assert recipient_site("write about gmail.com", ["someone@gmail.com"]) == ""
    assert recipient_site("your shop bakery.example", ["info@www.bakery.example"]) == "bakery.example"


def test_naming_the_recipients_site_alone_is_nothing() -> None:
    assert _run("Your order from bakery.example is ready for collection.") == {}


def test_lottery_that_draws_an_email_address() -> None:
    got = _run("Congratulations! Your email address has won 850,000 EUR. Ref no: LT/4471. Contact our agent.")
    assert len(got["SCAM_PRIZE"]) == 3
    assert "SCAM_FULL_SCRIPT" not in got  # prize is never a full script: shops run real raffles


def test_ai_trading_fraud_and_the_exchange_newsletter() -> None:
    assert "SCAM_CRYPTO_INVESTMENT" in _run("The AI trading app earns while you sleep. Registration closes tonight.")
    honest = _run("Our trading app now supports Ethereum, 24 hours per day. Register now for our risk webinar.")
    assert honest == {}


def test_a_strong_familys_full_script_still_needs_its_promise() -> None:
    # crypto words and a deadline, without a promised profit: no full script
    got = _run("Bitcoin trading platform: withdraw before Friday, minimum deposit 100.")
    assert "SCAM_FULL_SCRIPT" not in got


def test_dating_lure_and_a_dating_sites_honest_notice() -> None:
    assert "SCAM_DATING" in _run("3 women within 5 km of you sent you a message. See who they are.")
    assert "SCAM_DATING" not in _run("Your profile got 3 new views this week. Update your photos in the app.")


def test_money_mule_recruitment_needs_the_money_to_pass_on() -> None:
    got = _run("Work from home as a payment processing agent: receive payments and transfer the funds to our partners.")
    assert "SCAM_MULE" in got
    assert "SCAM_FULL_SCRIPT" not in got
    assert "SCAM_MULE" not in _run("Remote position, work from home, no experience required; salary paid monthly.")


@pytest.mark.parametrize("text", [
    "我是一家银行的审计经理，有一笔无人认领的资金。我可以将您安排为受益人，所得按五五分成。请回复我的私人邮箱。",  # noqa: RUF001
    "Un cliente mío falleció sin herederos y dejó 7.200.000 euros. Podemos presentarle como beneficiario.",
    "Je souhaite faire don de la somme de 850 000 € à une personne honnête. Répondez avec votre nom complet.",
])
def test_advance_fee_in_more_languages(text: str) -> None:
    assert "SCAM_ADVANCE_FEE" in _run(text)


def test_an_honest_notarys_letter_is_not_advance_fee() -> None:
    text = ("Le informamos de que figura usted como beneficiario en el testamento de su tía. Llame a la notaría "
            "para concertar una cita y traiga su DNI.")
    assert "SCAM_ADVANCE_FEE" not in _run(text)


def test_overpayment_needs_the_money_sent_on() -> None:
    got = _run("I mistakenly sent you more than the price. Please refund the difference to my shipping agent.")
    assert "SCAM_OVERPAYMENT" in got
    assert "SCAM_OVERPAYMENT" not in _run("I paid order 1043 twice, could you refund the difference to my card?")


def test_domain_listing_notice_and_an_honest_renewal_reminder() -> None:
    got = _run("DOMAIN NAME EXPIRATION NOTICE. Your search engine listing expires. We do not register or renew "
               "domain names.")
    assert "SCAM_DOMAIN_LISTING" in got
    honest = _run("Your domain will expire on 10 June. Renew it in your account. This is not an invoice.")
    assert "SCAM_DOMAIN_LISTING" not in honest


def test_fund_recovery_offer() -> None:
    assert "SCAM_RECOVERY" in _run("Lost money to an investment scam? Our recovery specialists recover your funds.")
    assert "SCAM_RECOVERY" not in _run("Our data recovery service restores deleted photos from your phone.")
    assert "SCAM_FULL_SCRIPT" not in _run("Scam victims: we recover your funds for a small fee.")
