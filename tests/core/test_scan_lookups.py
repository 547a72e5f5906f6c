"""The scan path's table lookups and shortcuts give what a plain walk through the tables gives: the brand of a
domain (first brand in table order), the spam phrases and fraud cues found (first cue of a group in its order),
wallet addresses on word boundaries, the classifier's log-odds and top tokens, A-Z lowering, and the links a
message's bodies hold (found once per message), the tokenizer's and the fingerprint's patterns and shingles."""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from dataclasses import replace

import pytest

from core.detection.brands import brand_of_domain
from core.detection.checks import brand_voice
from core.detection.checks.brand_voice import fold
from core.detection.checks.scam_patterns import CHECK as SCAM
from core.detection.checks.scam_patterns import _wallet
from core.detection.checks.spam_phrases import CHECK as PHRASES_CHECK
from core.detection.checks.spam_phrases import PHRASES, normalize
from core.detection.rule_tables import BRANDS
from core.learning import fingerprint, tokenizer
from core.learning.spam_model import MAX_LEARNED_DELTA, MAX_LOGIT, TOP_TOKENS, SpamModel
from core.mail.html_text import ascii_lower
from core.mail.links import urls, urls_in
from core.mail.mime import parse_message
from tests.core.scan_support import context, settings

BTC = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"  # a valid legacy address (checksum holds)


def _table_walk(domain: str) -> str | None:
    """The brand of a domain as a walk through BRANDS in table order finds it."""
    domain = domain.lower().strip(".")
    for name, domains in BRANDS.items():
        if any(domain == d or domain.endswith("." + d) for d in domains):
            return name
    return None


def test_brand_of_domain_is_the_first_brand_in_table_order() -> None:
    listed = [d for domains in BRANDS.values() for d in domains]
    shared = [d for d in set(listed) if listed.count(d) > 1]
    assert shared, "the table lists some domains under several brands"
    rnd = random.Random(0)
    cases = ["", ".", "..", "com", "co.uk", "xpaypal.com", "paypal.com.evil.example", "a..paypal.com", "PAYPAL.COM."]
    for d in listed:
        cases += [d, "mail." + d, "a.b." + d + ".", "x" + d, d + ".example", d.upper()]
    for _ in range(2000):
        a, b = rnd.choice(listed).split("."), rnd.choice(listed).split(".")
        cases.append(".".join(a[rnd.randrange(len(a)):] + b[:rnd.randrange(len(b))]))
    for case in cases:
        assert brand_of_domain(case) == _table_walk(case), case


def test_every_spam_phrase_is_written_as_normalised_text_reads() -> None:
    # the check looks a phrase up by its first word among the text's words: a phrase must be normalised text
    for phrase in PHRASES:
        assert normalize(phrase) == f" {phrase} ", phrase


def _plain(subject: str, body: str) -> bytes:
    return (f"From: <a@shop.example>\nTo: b@x.example\nSubject: {subject}\n"
            f"Content-Type: text/plain; charset=utf-8\n\n{body}").encode()


@pytest.mark.parametrize(("subject", "body", "found"), [
    ("Act now", "", ["act now"]),
    ("x", "...act,now!!", ["act now"]),
    ("x", "react now", []),
    ("x", "you have won; claim your prize. Act now", ["act now", "you have won", "claim your prize"]),
    ("x", "make money fast make money online", ["make money fast", "make money online"]),
])
def test_spam_phrases_found_in_table_order(subject: str, body: str, found: list[str]) -> None:
    msg = parse_message(_plain(subject, body), settings().scan)
    got = PHRASES_CHECK.run(msg, context())
    assert (got[0].options if got else []) == found


def test_a_fraud_group_reports_its_first_cue_in_table_order_whatever_the_text_order() -> None:
    # "next of kin" comes before "beneficiary" in the advance-fee table's first group
    msg = parse_message(_plain("Hello", "You are named beneficiary, as next of kin. This is strictly confidential."),
                        settings().scan)
    got = {s.name: s.options for s in SCAM.run(msg, context())}
    assert got["SCAM_ADVANCE_FEE"][0] == "next of kin"


@pytest.mark.parametrize(("text", "found"), [
    (BTC, BTC), (f" {BTC} ", BTC), (f"({BTC})", BTC), (f"x{BTC}", ""), (f"/{BTC}", ""), (f"_{BTC}", ""),
    (f"{BTC}/", ""), (f"{BTC}x", ""), ("a 0x" + "ab" * 20, "0x" + "ab" * 20), ("a0x" + "ab" * 20, ""),
])
def test_wallets_stand_on_word_boundaries(text: str, found: str) -> None:
    assert _wallet(text) == found


def test_model_score_adds_token_weights_in_order_and_names_the_top_tokens() -> None:
    rnd = random.Random(1)
    vocab = [f"t{i}" for i in range(400)]
    model = SpamModel(bias=0.3, weights={t: rnd.uniform(-2, 2) for t in vocab[:300] if rnd.random() < 0.9})
    for _ in range(50):
        tokens = rnd.sample(vocab, 150)
        for learned in (None, {}, {t: rnd.uniform(-9, 9) for t in rnd.sample(vocab, 60)}):
            extra = learned or {}
            weights = [model.weights.get(t, 0.0) + max(-MAX_LEARNED_DELTA, min(MAX_LEARNED_DELTA, extra.get(t, 0.0)))
                       for t in tokens]
            z = model.bias
            for w in weights:
                z += w
            z = max(-MAX_LOGIT, min(MAX_LOGIT, z))
            top = sorted(((w, t) for w, t in zip(weights, tokens, strict=True) if w > 0), reverse=True)[:TOP_TOKENS]
            got = model.score(tokens, learned)
            assert got is not None
            assert got.logit == z and model.logit(tokens, learned) == z
            assert got.top == [(t, round(w, 3)) for w, t in top]


def test_ascii_lower_lowers_a_to_z_only_and_keeps_the_length() -> None:
    table = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
    rnd = random.Random(2)
    alphabet = "AZaz09<>/ \u00c9\u00e9\u00a0\u00df\u0130\u0131\u212a\u017f\u4e2d\U0001f600"
    for text in ["", "ABC", "<A HREF='X'>", "\u00c9COLE <B>", "\u0130STANBUL", "\u212aELVIN", "\U0001f600 <P>"] + [
            "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(40))) for _ in range(3000)]:
        assert ascii_lower(text) == text.translate(table), text


def test_urls_are_found_once_per_message_and_a_copy_with_other_bodies_finds_its_own() -> None:
    raw = (b"From: <a@shop.example>\nTo: b@x.example\nSubject: x\nMIME-Version: 1.0\n"
           b"Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
           b"see https://a.example/x, and ftp://files.example/f.\n--b\nContent-Type: text/html\n\n"
           b"<a href=\"http://b.example/y\">y</a>\n--b--\n")
    msg = parse_message(raw, settings().scan)
    everything = ["https://a.example/x", "ftp://files.example/f", "http://b.example/y"]
    assert urls(msg) == everything
    assert urls(msg, 2) == everything[:2] and urls(msg, 0) == []
    text_only = replace(msg, html="")  # shares msg.views
    assert urls(text_only) == everything[:2] == urls_in(msg.text)
    assert urls(msg) == everything


# The tokenizer's patterns as first written (case-insensitive with re.I, led by \b): the oracle of the rewritten ones.
_ORIGINAL_PATTERNS = {
    "_URL": re.compile(r"(?:https?|ftp)://[^\s\"'<>()\\]{1,400}|www\.[a-z0-9-]{1,63}\.[^\s\"'<>()\\]{1,300}", re.I),
    "_CAPS_RUN": re.compile(r"(?:\b[A-Z]{2,}\b[ ,.!]+){3,}"),
    "_CLICK_HERE": re.compile(r"\b(?:click|visit) here\b", re.I),
    "_TOLL_FREE": re.compile(r"\b(?:1[-. ]?)?\(?8(?:00|88|77|66|55)\)?[-. ]?\d{3}[-. ]?\d{4}\b"),
}


@pytest.mark.parametrize("name", sorted(_ORIGINAL_PATTERNS))
def test_tokenizer_patterns_match_what_their_first_form_matched(name: str) -> None:
    original, pattern = _ORIGINAL_PATTERNS[name], getattr(tokenizer, name)
    pieces = ["click", "CLICK", "cl\u0130c\u212a", "visit", "V\u0131\u017fIT", " here", " HERE", "xclick here", "_",
              " ", ",", ".", "!", "AB", "ABC", "A", "\u00c9", "a", "http://", "HTTP\u017f://", "www.",
              "WwW.a\u0130-b.c", "ftp://x", "1-800-555-1234", "(888) 555 1234", "8005551234", "x800 555 1234", "1"]
    rnd = random.Random(3)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 25)))
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in original.finditer(text)], text
        if name == "_TOLL_FREE":
            assert bool(tokenizer._TOLL_FREE_CODE.search(text)) or not original.search(text), text


def test_fingerprint_pieces_match_their_plain_forms() -> None:
    url = re.compile(r"(?:https?|ftp)://(?:[^\s/@<>\"']{0,64}@)?([^\s/?#:<>\"']{1,253})[^\s<>\"']{0,2048}", re.I)
    pieces = ["http://", "HTTP\u017f://", "hTtPs://", "ftp://", "FTP://", "fhttp://", "u:p@", "a.example", "/x?y",
              " ", "\"", "h", "f", "Dear", "Mr", "bob", "hello", "world"]
    rnd = random.Random(4)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 20)))
        assert [m.groups() for m in fingerprint._URL.finditer(text)] == [m.groups() for m in url.finditer(text)]
    words = [rnd.choice(["alpha", "beta", "gamma", "x" * 30, "dear", "mr", "bob"]) for _ in range(3000)]
    joined = [w.encode() for w in words]
    assert fingerprint.shingles(words) == {
        (zlib.crc32(b" ".join(joined[i:i + 3])) * fingerprint._MIX) & fingerprint._M64 for i in range(len(words) - 2)}
    assert fingerprint.shingles(["a", "b"]) == set()
    for text in ("Dear Bob, the offer", "the offer for bob " * 700, "Hello Mr Bob Smith, hi", "x" * 30 + " a b c"):
        assert fingerprint.normalize(text, frozenset({"bob"})) == _plain_normalize(text, frozenset({"bob"}))


def _plain_normalize(text: str, personal: frozenset[str]) -> list[str]:
    """core.learning.fingerprint.normalize's word loop as first written, greeting or not."""
    text = fingerprint._URL.sub(lambda m: " " + fingerprint._WWW.sub("", m.group(1)) + " ", text[:10_000])
    out: list[str] = []
    after_greeting = False
    for word in fingerprint._WORD.findall(text.casefold()):
        if len(word) > fingerprint.MAX_WORD_CHARS:
            continue
        if after_greeting and word not in fingerprint._TITLES:
            after_greeting = False
            continue
        if word in personal:
            continue
        after_greeting = word in fingerprint._GREETINGS or (after_greeting and word in fingerprint._TITLES)
        out.append(word)
        if len(out) >= fingerprint.MAX_WORDS:
            break
    return out


def test_normalize_and_fold_drop_apostrophes_as_their_translate_tables_did() -> None:
    phrases_table = {ord(c): None for c in "'\u2019`"}
    fold_table = {ord(c): None for c in "'\u2019`\u00b4"} | {0x131: "i"}
    rnd = random.Random(5)
    alphabet = "aZ '`\u2019\u00b4\u0131\u0130I.!%\u00e9\u4e2d"
    for text in ["", "You\u2019ve WON!", "D\u0131\u015eI'''"] + [
            "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(30))) for _ in range(5000)]:
        lowered = text.lower().replace("i\u0307", "i")  # "İ": one letter (test_shared_views)
        assert normalize(text) == " " + re.sub(r"[^\w%]+", " ", lowered.translate(phrases_table)).strip() + " "
        assert fold(text) == _plain_fold(text, fold_table)


def _plain_fold(text: str, table: dict[int, str | None]) -> str:
    text = text.lower().translate(table)
    if text.isascii():
        return text
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return brand_voice._CJK.sub(r" \g<0> ", unicodedata.normalize("NFC", bare))
