"""Body fingerprints: copies of one mail merge share band keys, different texts do not; bounded and deterministic."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from core.learning.fingerprint import (
    BANDS,
    BINS,
    MAX_TEXT_CHARS,
    MAX_WORDS,
    MIN_WORDS,
    Fingerprint,
    band_keys,
    fingerprint_message,
    fingerprint_text,
    normalize,
    own_text,
    personal_words,
    signature,
)
from core.mail.mime import parse_message
from tests.core.scan_support import settings

MIN_BANDS = 3  # defaults.toml [checks] campaign_min_bands

TEMPLATE = """Dear {name},

We are pleased to tell you that your account {email} qualifies for our spring loyalty programme. Members get
early access to new collections, free shipping on every order and a personal advisor who helps them choose.
Your reference number is {ref}. To join, open {url} before the end of the month and enter the reference.
If you have any questions, {first}, our team answers every day from {hours} at {phone}.

Kind regards,
the customer team
"""

OTHER = """Hi all, the minutes of Tuesday's planning meeting are attached. We agreed to move the release to the
second week of June, to keep the database migration in a separate change, and to ask the support team for the
list of customers who still run the old client. Please add anything I missed before Friday so that the notes
can go to the steering group with the budget request for the new build servers."""


def merge(name: str, email: str, ref: int, url: str, phone: str, hours: str = "9:00 to 18:00") -> str:
    return TEMPLATE.format(name=name, first=name.split()[0], email=email, ref=ref, url=url, phone=phone,
                           hours=hours)


def fp(text: str, recipients: tuple[str, ...] = ()) -> Fingerprint:
    found = fingerprint_text(text, personal_words(recipients))
    assert found is not None
    return found


def test_mail_merge_copies_share_every_band() -> None:
    a = fp(merge("Maria Silva", "maria.silva@mail.example", 88213, "https://shop.example/join?id=88213&t=a1",
                 "+351 21 000 1122"), ("maria.silva@mail.example",))
    b = fp(merge("John Parker", "jparker77@post.example", 10442, "https://www.shop.example/join?id=10442&t=zz",
                 "(555) 010-9999", hours="10:00 to 19:00"), ("John Parker <jparker77@post.example>",))
    assert a.bands == b.bands
    assert a.similarity(b) == 1.0


def test_near_identical_bodies_share_enough_bands() -> None:
    base = merge("Maria Silva", "m@x.example", 1, "https://shop.example/j/1", "1")
    variant = base.replace("spring loyalty programme", "summer loyalty club").replace("every day", "on weekdays")
    a, b = fp(base), fp(variant)
    assert a.shared_bands(b) >= MIN_BANDS
    assert a.similarity(b) >= 0.6


def test_a_rotated_link_host_changes_little() -> None:
    a = fp(merge("Ann", "a@x.example", 1, "https://offers-one.example/r/abc", "1"))
    b = fp(merge("Ann", "a@x.example", 1, "https://offers-two.example/r/xyz", "1"))
    assert a.shared_bands(b) >= MIN_BANDS


def test_different_texts_share_no_band() -> None:
    a = fp(merge("Maria Silva", "m@x.example", 1, "https://shop.example/", "1"))
    b = fp(OTHER)
    assert a.shared_bands(b) == 0
    assert a.similarity(b) < 0.2


def test_unrelated_texts_of_the_same_vocabulary_share_no_band() -> None:
    rng = random.Random(7)
    words = OTHER.split()
    texts = [" ".join(rng.choice(words) for _ in range(120)) for _ in range(30)]
    fps = [fp(t) for t in texts]
    for i, x in enumerate(fps):
        for y in fps[i + 1:]:
            assert x.shared_bands(y) < MIN_BANDS


def test_personalisation_is_removed() -> None:
    personal = personal_words(["Maria Silva <maria.silva@mail.example>", "bob@x.example, carol@y.example"])
    assert {"maria", "silva", "bob", "carol"} <= personal
    assert "mail" not in personal and "example" not in personal  # domains are shared, not personal
    words = normalize("Dear Mr Jonathan, see https://www.shop.example/p?id=77 or write to help@shop.example "
                      "about order 12345, Maria", personal)
    assert words == ["dear", "mr", "see", "shop", "example", "or", "write", "to", "about", "order"]


def test_greeting_name_is_dropped_even_when_the_address_gives_it() -> None:
    with_name = normalize("Dear Maria, your order shipped", personal_words(["maria@x.example"]))
    other_name = normalize("Dear Joana, your order shipped", personal_words(["jsilva@x.example"]))
    assert with_name == other_name == ["dear", "your", "order", "shipped"]


FOOTER = """
_______________________________________________
Gardeners mailing list
gardeners@lists.example
https://lists.example/listinfo/gardeners
You receive this because you subscribed to the list. To unsubscribe, send a message with the word unsubscribe
in the subject to the list's request address, or change your options on the list's web page.
"""


def test_signature_footer_and_quotes_are_not_the_senders_text() -> None:
    own = "Thanks, the seedlings arrived today and look great. I will bring some to the swap on Saturday."
    body = f"{own}\n\nOn Mon, 4 May 2026 Ann wrote:\n> are they alive?\n> ann\n-- \nBob Example\n{FOOTER}"
    assert own_text(body).strip() == own
    inline = f"> quoted question\n{own}\n> another quoted line\n"
    assert own_text(inline).strip() == own
    forwarded = f"{own}\n\n-----Original Message-----\nFrom: x\n" + "quoted words " * 200
    assert own_text(forwarded).strip() == own
    # a long block after a separator is content (a newsletter's next section), not a footer
    sections = f"{own}\n----------\n" + "more news about the garden " * 30
    assert own_text(sections) == sections


def test_short_replies_sharing_a_footer_do_not_match() -> None:
    a = fingerprint_text(f"Sorry for the duplicate, my mistake.\n{FOOTER}")
    b = fingerprint_text(f"Does anyone know a good tomato variety for pots?\n{FOOTER}")
    assert a is None and b is None  # what is left of each is too short to fingerprint


def test_short_bodies_get_no_fingerprint() -> None:
    assert fingerprint_text("Please see the attached invoice. Thanks!") is None
    assert fingerprint_text(" ".join(["word"] * (MIN_WORDS - 1))) is None
    assert fingerprint_text("12345 67890 " * 200) is None  # numbers only: nothing a person reads as words


def test_fingerprint_of_a_message_prefers_plain_text_and_falls_back_to_html() -> None:
    body = merge("Ann Lee", "ann@x.example", 5, "https://shop.example/a", "1")
    html = "<html><body><p>" + body.replace("\n", "<br>") + "</p></body></html>"
    plain_msg = parse_message(f"To: ann@x.example\nSubject: s\n\n{body}".encode(), settings().scan)
    html_msg = parse_message(f"To: ann@x.example\nSubject: s\nContent-Type: text/html\n\n{html}".encode(),
                             settings().scan)
    a, b = fingerprint_message(plain_msg), fingerprint_message(html_msg)
    assert a is not None and b is not None
    assert a.shared_bands(b) >= MIN_BANDS


def test_signature_shape() -> None:
    sig = signature(normalize(OTHER))
    assert len(sig) == BINS
    keys = band_keys(sig)
    assert len(keys) == BANDS == len(set(keys))
    assert all(k.startswith("v1.") for k in keys)
    assert signature([]) == () and band_keys(()) == ()


def test_deterministic_across_processes() -> None:
    """No per-process hash seed: another interpreter (another worker host) computes the same keys."""
    code = ("from core.learning.fingerprint import fingerprint_text; import sys; "
            "print(','.join(fingerprint_text(sys.stdin.read()).bands))")
    runs = {subprocess.run([sys.executable, "-c", code], input=OTHER, capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2")}
    assert runs == {",".join(fp(OTHER).bands)}


HOSTILE = {
    "no spaces with at signs": "a@" * 300_000,
    "no spaces, no at": "x" * 1_000_000,
    "one long url": "https://" + "a" * 500_000,
    "urls back to back": "http://a.example/" * 50_000,
    "digits": "1234567890" * 100_000,
    "greeting flood": "dear " * 200_000,
    "many words": "lorem ipsum dolor sit amet " * 100_000,
    "unicode": "ünïcödé wörds ☃ " * 100_000,
    "at in every word": "a@b c@d " * 100_000,
    "separator lines": "-----\nword\n" * 100_000,
    "quoted lines": "> quoted\n" * 100_000,
    "almost a reply header": ("On " + "x" * 198 + "\n") * 5_000,
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_bodies_are_bounded(name: str) -> None:
    text = HOSTILE[name]
    words = normalize(text)
    assert len(words) <= MAX_WORDS
    assert sum(len(w) for w in words) <= MAX_TEXT_CHARS
    found = fingerprint_text(text)
    assert found is None or len(found.bands) == BANDS


def test_ascii_words_are_the_regex_words() -> None:
    """The ASCII fast path finds exactly the words the Unicode regex finds, from any position."""
    from core.learning.fingerprint import _WORD, _words

    rng = random.Random(7)
    alphabet = "abcXYZ019_ -'\t\n\x1c\x1f@./:;!?\x00\x7f"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        for pos in (0, 3, len(text)):
            assert _words(text, pos) == _WORD.findall(text, pos)
    for text in ("Grüße aus Köln, 2x ½ and ² and x²y", "naïve café_au_lait", "\u017ftraße KELVIN \u212a"):
        assert _words(text) == _WORD.findall(text)


def test_band_keys_of_wide_values() -> None:
    """Band keys of values past 64 bits are those of their 9-byte encoding, as for every other value."""
    import hashlib

    sig = [2**64 + 5, 7, 2**70] + [i << 33 for i in range(BINS - 3)]
    first = b"".join(v.to_bytes(9, "big") for v in sig[:3])
    assert band_keys(sig)[0] == f"v1.0.{hashlib.blake2b(first, digest_size=8).hexdigest()}"
    assert band_keys([*sig[:3], *range(3, BINS)])[1:] == band_keys(list(range(BINS)))[1:]


PINNED_BODY = (
    "Hello Maria, your parcel 4411 from www.shop.example is waiting at https://track.example/p/77?id=9 for "
    "maria.silva@mail.example; please confirm the delivery address and the time that suits you before Friday, "
    "or the parcel goes back to the sender after seven days. Thank you for shopping with us again this year.\n")
PINNED_BANDS = ("v1.0.b48e03e06629876b", "v1.1.1582e41aef78e4e6", "v1.2.eee08a2d6ee45edd", "v1.3.c5f16b91b5fb5e71",
                "v1.4.257311ae145b29cb", "v1.5.3b76846c0adb1015", "v1.6.cb9bc1ee0fe8a018", "v1.7.90b2f3764d658e6a")
PINNED_NON_ASCII = ("v1.0.4839c095feaa9cdd", "v1.1.6a7009f156659a23", "v1.2.a81a7ac0b8d9412c", "v1.3.c5f16b91b5fb5e71",
                    "v1.4.257311ae145b29cb", "v1.5.189a205993e2b9f9", "v1.6.cb9bc1ee0fe8a018",
                    "v1.7.90b2f3764d658e6a")


@pytest.mark.parametrize("tail", [
    "",
    "\n=-=-=-=-\nUnsubscribe at any time from the list settings page.\n",  # a separator of mixed characters
    "\nON MON, 3 MAY 2021, BOB WROTE:\nolder text that is not the sender's own\n",  # a reply header in capitals
    "\n---------- Forwarded message ----------\nfrom someone else entirely\n",
])
def test_band_keys_are_pinned(tail: str) -> None:
    """Band keys are shared between hosts and kept in Redis: the same body gives the same keys in every release
    of FINGERPRINT_VERSION 1 (these were computed before the speed-ups; a change here needs a version bump)."""
    personal = personal_words(["Maria Silva <maria.silva@mail.example>"])
    fp = fingerprint_text(PINNED_BODY + tail, personal)
    assert fp is not None and fp.words == 46 and fp.bands == PINNED_BANDS
    other = fingerprint_text(PINNED_BODY.replace("parcel", "paquet é") + "\n__\nSignature \u017f\n", personal)
    assert other is not None and other.words == 50 and other.bands == PINNED_NON_ASCII
