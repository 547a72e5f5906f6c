"""Display names that claim a brand (FROM_BRAND_MISMATCH's table): the national banks, posts and public services of
the other languages served, a platform's "Business" team; and names that only share a word with a brand."""

from __future__ import annotations

import pytest

from core.detection.brands import belongs_to, brand_in_display


@pytest.mark.parametrize(("display", "brand"), [
    ("Millennium BCP", "millennium bcp"),
    ("Caixa Geral de Depósitos", "caixa geral de depositos"),
    ("Banco do Brasil Atendimento", "banco do brasil"),
    ("Poste Italiane Assistenza Clienti", "poste italiane"),
    ("Rabobank Klantenservice", "rabobank"),
    ("ING Bank", "ing"),
    ("PKO BP Bezpieczeństwo", "pko bp"),
    ("InPost", "inpost"),
    ("İş Bankası", "is bankası"),  # noqa: RUF001 - Turkish dotless i
    ("Сбербанк Онлайн", "сбербанк"),
    ("Meta Business Support", "meta"),
    ("PayPal Business", "paypal"),
    # tax authorities and posts of more countries, a brand's sign-in app (session 28: set C's misses)
    ("Agenzia delle Entrate", "agenzia delle entrate"),
    ("Bundeszentralamt für Steuern", "bundeszentralamt fur steuern"),
    ("Skatteverket", "skatteverket"),
    ("【日本郵便】", "日本郵便"),
    ("PostNord Kundservice", "postnord"),
    ("Canada Post", "canada post"),
    ("Microsoft Authenticator", "microsoft"),
])
def test_brand_display_names(display: str, brand: str) -> None:
    assert brand_in_display(display) == brand


@pytest.mark.parametrize("display", [
    "Acme via Shopify", "John from Stripe", "Sarah from PayPal", "Samsung Store Lisbon", "Apple Store Lisboa",
    "Santander Rowing Club", "Business Club Porto", "Dipl.-Ing. Hans Müller", "ING", "Millennium", "Meta",
    "Google Business Profile", "Poste", "Allotment Business Team Riverside",
    # a regional office's full name, a bare acronym, an everyday word
    "Urząd Skarbowy w Krakowie", "BZSt", "AEAT", "Posten",
])
def test_names_that_only_share_a_word_with_a_brand(display: str) -> None:
    assert brand_in_display(display) is None


def test_the_brands_own_domains() -> None:
    assert belongs_to("e.millenniumbcp.pt", "millennium bcp")
    assert belongs_to("info.rabobank.nl", "rabobank")
    assert belongs_to("ing.de", "ing")
    assert belongs_to("poste.it", "poste italiane")
    assert not belongs_to("ksiegarnia.example", "millennium bcp")
    assert belongs_to("kas.gov.pl", "urzad skarbowy")
    assert belongs_to("noreply.skatteverket.se", "skatteverket")
    assert not belongs_to("panaderia-soler.example", "agencia tributaria")
