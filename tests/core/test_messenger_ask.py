"""CONTACT_MESSENGER from a request in words to continue on a messenger, with no number written, in each language the
product serves; and what must not raise it (a business's "contact us", words that only contain a messenger's name)."""

from __future__ import annotations

import pytest

from core.detection.checks import contact_channel
from core.detection.checks.spam_phrases import normalize, normalize_words
from core.mail.mime import parse_message
from core.models import Envelope, Sender
from tests.core.scan_support import context, settings


def _found(text: str) -> str:
    return contact_channel.messenger(text, [], normalize(text), frozenset(normalize_words(text)))


ASKS = {
    "en": "Good news, the job is yours. Contact me on Telegram for the next steps.",
    "en-handle": "Earn from home in two hours a day. Send me your WhatsApp and I will explain.",
    "de": "Für die Einzelheiten schreiben Sie mir bitte über WhatsApp.",
    "fr": "Pour plus d'informations, contactez-moi sur WhatsApp.",
    "es": "Para los detalles escríbeme por Telegram, es más rápido.",
    "pt": "Comissão de 10% por cada transferência. Responda com o seu WhatsApp.",
    "pt-br": "Tenho uma proposta para você, me chame no WhatsApp.",
    "it": "Per i dettagli scrivimi su WhatsApp al più presto.",
    "nl": "Stuur me een bericht via WhatsApp voor meer informatie.",
    "pl": "Szczegóły podam prywatnie, napisz do mnie na WhatsAppie.",
    "tr": "Detaylar için bana WhatsApp'tan yazın.",  # noqa: RUF001
    "ru": "Все подробности расскажу, напишите мне в Телеграм.",  # noqa: RUF001
    "ar": "للمزيد من التفاصيل تواصل معي عبر واتساب",
    "zh": "详情请加我微信，我会一一解答。",  # noqa: RUF001
    "ja": "詳しくはテレグラムで連絡してください。",
    "ko": "자세한 내용은 텔레그램으로 연락 주세요.",
}


@pytest.mark.parametrize("lang", sorted(ASKS))
def test_a_request_to_move_to_a_messenger_in_each_language(lang: str) -> None:
    assert _found(ASKS[lang]).startswith("ask:"), lang


@pytest.mark.parametrize("text", [
    "Contact us on WhatsApp for table bookings, our line is open 9 to 5.",  # a business's customer service
    "The signal on the line was weak; I will send the file online tonight.",
    "Kontaktieren Sie uns gerne per WhatsApp oder telefonisch.",  # "uns": the firm
    "Entre em contato conosco pelo WhatsApp da loja.",
    "オンラインで連絡してください。",  # "online", which holds LINE's katakana name
    "We sent a verification code to your phone.",
])
def test_no_request_in_words(text: str) -> None:
    assert _found(text) == ""


def _ctx():
    ctx = context()
    ctx.accounts_known = True
    ctx.vouched = True
    ctx.own_domains = frozenset({"shop.example"})
    ctx.sender = Sender(account="shop", how="auth")
    ctx.envelope = Envelope(sender="carla@shop.example", recipients=["maria@customer.example"],
                            user="carla@shop.example", ip="192.0.2.1")
    return ctx


def _msg(body: str):
    raw = (f"From: Carla <carla@shop.example>\nTo: maria@customer.example\nSubject: Oferta\nMIME-Version: 1.0\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}\n")
    return parse_message(raw.encode(), settings().scan)


def test_the_check_emits_the_request_unless_the_mail_is_the_senders_business() -> None:
    found = contact_channel.CHECK.run(_msg(ASKS["pt"]), _ctx())
    assert [s.name for s in found] == ["CONTACT_MESSENGER"]
    assert found[0].options[0].startswith("ask:responda com o seu whatsapp")
    # the same words beside a link to the sender's own site: a shop's own channel
    assert contact_channel.CHECK.run(_msg(ASKS["pt"] + " https://shop.example/loja"), _ctx()) == []
