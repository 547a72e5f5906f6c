"""The fraud-script check (core.detection.checks.scam_patterns): cue groups, detector cues, wallets and their
checksums."""

from __future__ import annotations

import pytest

from core.detection.checks.scam_patterns import _ANYWHERE, _ANYWHERE_HINT, _ANYWHERE_HINTED, _FAMILIES, CHECK, _wallet
from core.mail.mime import parse_message
from tests.core.scan_support import context, names, settings

BTC = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"  # a valid legacy address (checksum holds)
BECH32 = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"


def _run(body: str, subject: str = "Hello") -> dict[str, list[str]]:
    raw = f"From: <a@shop.example>\nTo: b@x.example\nSubject: {subject}\nContent-Type: text/plain; charset=utf-8\n\n"
    msg = parse_message((raw + body).encode(), settings().scan)
    return {s.name: s.options for s in CHECK.run(msg, context())}


@pytest.mark.parametrize(("text", "found"), [
    (f"pay to {BTC} now", BTC), (BECH32, BECH32), ("0x" + "ab" * 20, "0x" + "ab" * 20),
    (BTC[:-1] + "3", ""),  # one character off: the checksum fails
    ("ref 3aouzKr6RGL1abcdefghijkmnopq", ""),  # base58-shaped, not an address
    (BECH32[:-1] + "p", ""),
])
def test_wallets_need_their_checksum(text: str, found: str) -> None:
    assert _wallet(text) == found


def test_a_wallet_completes_extortion_a_wallet_alone_is_not_a_family() -> None:
    assert set(_run(f"Send it to {BTC}.")) == {"CRYPTO_WALLET"}
    got = _run(f"I recorded you with your webcam. Send it to {BTC}.")
    assert got["SCAM_EXTORTION"] == ["your webcam", BTC]  # cue groups in their order: claim, payment
    assert "SCAM_FULL_SCRIPT" not in got  # two of three groups


def test_a_large_sum_only_completes_a_family_another_group_began() -> None:
    assert _run("Our revenue passed USD 12,500,000 this year.") == {}
    got = _run("A sum of USD 12,500,000 awaits you. This is strictly confidential.")
    assert got["SCAM_ADVANCE_FEE"] == ["USD 12,500,000", "strictly confidential"]


def test_word_cues_sit_on_word_boundaries_and_cjk_cues_anywhere() -> None:
    assert _run("The subbitcoinx and xlotteryx are words of nothing.") == {}
    got = _run("\u606d\u559c\u60a8\u4e2d\u5956\u4e86\uff0c\u8bf7\u652f\u4ed8\u624b\u7eed\u8d39\u3002")  # Chinese
    assert "SCAM_PRIZE" in got


def test_two_groups_are_content_evidence_every_group_of_a_strong_family_is_strong() -> None:
    assert names(CHECK.run(parse_message(b"Subject: x\n\nYour computer is infected. Call our support now.\n",
                                         settings().scan), context())) == {"SCAM_TECH_SUPPORT"}
    got = _run("Your computer is infected. Call our support now or you will be charged.")
    # "call our ... will be charged" is also two groups of callback phishing (content evidence only)
    assert set(got) == {"SCAM_TECH_SUPPORT", "SCAM_FULL_SCRIPT", "SCAM_CALLBACK"}
    assert got["SCAM_FULL_SCRIPT"] == ["tech_support"]


def test_callback_phishing_is_content_evidence_never_a_full_script() -> None:
    got = _run("Your plan has been renewed automatically. If you did not authorize this, call our billing "
               "department to get a refund.")
    assert set(got) == {"SCAM_CALLBACK"} and len(got["SCAM_CALLBACK"]) == 3


def test_sextortion_opening_with_a_wallet_and_a_deadline_is_the_whole_script() -> None:
    got = _run("I know your password and I sent this from your own account. Pay 900 USD to my bitcoin address "
               "You have two days.")
    assert {"SCAM_EXTORTION", "SCAM_FULL_SCRIPT"} <= set(got)


def test_a_password_reset_with_bitcoin_words_is_not_extortion() -> None:
    assert "SCAM_EXTORTION" not in _run("Your password was changed. Your bitcoin deposit arrives within two days.")


def test_every_anywhere_cue_is_looked_for_when_its_hint_is_in_the_text() -> None:
    """A cue without spaces is only looked for in a text holding its hint character: each cue has its hint, and
    the hint regex finds that character (else the cue would never be looked for)."""
    assert len(_ANYWHERE_HINTED) == len(_ANYWHERE)
    for family, g, k, hint in _ANYWHERE_HINTED:
        cue = _FAMILIES[family][g][k][0]
        assert hint and hint in cue and _ANYWHERE_HINT.fullmatch(hint)
        assert set(_ANYWHERE_HINT.findall("\u00e9 " + cue)) >= {hint}


def test_cjk_scam_script_found_inside_other_non_ascii_text() -> None:
    """A Chinese advance-fee script in a message that also has accented Latin text is still found."""
    raw = ("From: a@example.org\r\nTo: b@example.net\r\nSubject: =?utf-8?b?6YCa55+l?=\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           "Caf\u00e9 cr\u00e8me.\r\n\u60a8\u7684\u90ae\u7bb1\u4e2d\u5956\uff0c\u8bf7\u652f\u4ed8\u624b\u7eed\u8d39"
           "\u9886\u53d6\u5956\u91d1\u3002\r\n").encode()
    msg = parse_message(raw, settings().scan)
    assert "SCAM_PRIZE" in [s.name for s in CHECK.run(msg, context())]
