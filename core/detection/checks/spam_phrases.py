"""Classic spam and phishing phrases in the subject and bodies, scored by how many distinct ones appear."""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.word_sets import WordSets
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

LOW = "SPAM_PHRASES_LOW"  # 1-2 distinct phrases: promotional mail uses some of these too
MEDIUM = "SPAM_PHRASES_MEDIUM"  # 3-5
HIGH = "SPAM_PHRASES_HIGH"  # 6 or more
MEDIUM_AT, HIGH_AT = 3, 6

#: Written as they read after normalisation: lower case, apostrophes dropped, punctuation as spaces.
PHRASES = (
    # money and "opportunity"
    "make money fast", "make money online", "earn money from home", "earn extra cash", "work from home",
    "double your income", "double your money", "get rich quick", "financial freedom", "guaranteed income",
    "guaranteed profit", "guaranteed returns", "investment opportunity", "bitcoin investment",
    "no credit check", "bad credit ok", "consolidate your debt", "eliminate your debt", "cash bonus",
    "extra income", "be your own boss", "million dollars", "100% free", "100% guaranteed", "risk free",
    "no strings attached", "no hidden fees", "no catch", "act now", "limited time offer",
    "once in a lifetime opportunity", "you will not believe", "this is not spam", "this is not a scam",
    # prizes and lotteries
    "you have been selected", "you have won", "youve won", "congratulations you have won", "claim your prize",
    "claim your reward", "click here to claim", "cash prize", "lottery winner", "won the lottery",
    "winning notification",
    # advance-fee fraud
    "dear beneficiary", "next of kin", "million united states dollars", "urgent business proposal",
    "strictly confidential", "transfer the sum", "consignment box", "atm card",
    # pharmacy and adult
    "cheap viagra", "buy viagra", "online pharmacy", "no prescription needed", "without prescription",
    "lose weight fast", "weight loss pills", "miracle cure", "penis enlargement", "hot singles",
    "meet singles",
    # account phishing
    "verify your account", "your account has been suspended", "your account will be suspended",
    "confirm your password", "update your payment information", "unusual sign in activity",
    "your mailbox is full", "validate your email account",
)
#: Each phrase padded as it is looked for in the normalised text (words between single spaces).
_PADDED = tuple(f" {p} " for p in PHRASES)
#: Every word of each phrase: all of them must be among the text's words for the phrase to be in it.
_NEEDS = tuple(frozenset(p.split()) for p in PHRASES)
#: The phrases by one of their words: a message's words pick the few phrases whose words it all has.
_SETS = WordSets(_NEEDS)


_APOSTROPHES = "'\u2019`"
_NON_WORD = re.compile(r"[^\w%]+")
#: The runs between _NON_WORD's: _NON_WORD.sub(" ", text).split() in one pass (no character is both a word character
#: and white space to str.split).
_WORDS = re.compile(r"[\w%]+")


#: _NON_WORD's verdict on each Latin-1 character as a bytes.translate table: word characters (and "%") kept, every
#: other one made a space; with the ASCII apostrophes deleted, the same as the regex path below on Latin-1 text.
_LATIN1_WORDS = bytes(c if not _NON_WORD.fullmatch(chr(c)) else 32 for c in range(256))
_LATIN1_APOSTROPHES = bytes(ord(c) for c in _APOSTROPHES if ord(c) < 256)
#: Text with more characters beyond Latin-1 than this is split by the regex (the encoder calls back per run of them).
MAX_BEYOND_LATIN1 = 64


def normalize_words(text: str) -> list[str]:
    """The words of normalize(text), in order."""
    text = text.lower()
    if "\u0307" in text:  # "İ".lower() is "i" + a combining dot above, which would split "İstanbul" into "i stanbul"
        text = text.replace("i\u0307", "i")
    try:  # most mail is Latin-1 after lower-casing: one bytes.translate instead of a regex substitution per run
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        for c in _APOSTROPHES:  # str.replace: far cheaper than str.translate with a dict on long text
            if c in text:
                text = text.replace(c, "")
        # Latin text with a few characters beyond Latin-1 ("\u2014", "\u20ac", "\u2022"): when none of those is a word
        # character they are spaces to the split, so encoding them as spaces gives _WORDS.findall's runs (no word
        # character is white space to str.split) several times quicker; else (other scripts) the regex.
        if len(text) - len(text.encode("latin-1", "ignore")) <= MAX_BEYOND_LATIN1:
            try:
                data = text.encode("latin-1", _SEPARATOR_SPACES)
            except UnicodeEncodeError:
                return _WORDS.findall(text)
            return data.translate(_LATIN1_WORDS, _LATIN1_APOSTROPHES).decode("latin-1").split()
        return _WORDS.findall(text)
    return data.translate(_LATIN1_WORDS, _LATIN1_APOSTROPHES).decode("latin-1").split()


def _separator_spaces(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a run of characters beyond Latin-1 as spaces if none is a word character."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    run = exc.object[exc.start:exc.end]
    if _NON_WORD.fullmatch(run) is None:  # a word character beyond Latin-1 (another script): not this way
        raise exc
    return " " * len(run), exc.end


_SEPARATOR_SPACES = "mailward.spam_phrases.separator_spaces"
codecs.register_error(_SEPARATOR_SPACES, _separator_spaces)


def normalize(text: str) -> str:
    """Lower case, apostrophes removed, every run of punctuation or space made one space, padded."""
    return " " + " ".join(normalize_words(text)) + " "


def message_text(msg: ParsedMessage, budget: int) -> str:
    """Subject and bodies (each body up to `budget` characters) as one text; built once per message."""
    key = f"text:{budget}"
    text = msg.views.get(key)
    if text is None:
        text = msg.views[key] = " \n ".join((msg.subject[:1000], msg.text[:budget], msg.html_text[:budget]))
    return text


def normalized_text(msg: ParsedMessage, budget: int) -> str:
    """message_text normalised (core.detection.checks.spam_phrases.normalize); computed once per message."""
    key = f"normalized:{budget}"
    text = msg.views.get(key)
    if text is None:
        words = normalize_words(message_text(msg, budget))
        text = msg.views[key] = " " + " ".join(words) + " "
        msg.views[f"words:{budget}"] = frozenset(words)
    return text


def normalized_words(msg: ParsedMessage, budget: int) -> frozenset[str]:
    """The distinct words of normalized_text; computed once per message."""
    key = f"words:{budget}"
    words = msg.views.get(key)
    if words is None:
        normalized_text(msg, budget)  # keeps the words too
        words = msg.views.get(key)
        if words is None:  # the text was kept by other means
            words = msg.views[key] = frozenset(normalized_text(msg, budget).split())
    return words


class SpamPhrasesCheck:
    """Count distinct curated phrases, matched on word boundaries, case-insensitively."""

    name = "spam_phrases"
    group = GROUP_SPAM
    description = "Message uses classic spam or phishing phrases"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit one of SPAM_PHRASES_LOW/MEDIUM/HIGH with the phrases found as options."""
        budget = ctx.settings.scan.max_text_bytes
        text = normalized_text(msg, budget)
        words = normalized_words(msg, budget)
        found: list[str] = []
        block = -1
        for i in _SETS.within(words):
            if i // 16 != block:  # the deadline looked at once per 16 phrases, as when every phrase was tried
                block = i // 16
                if ctx.out_of_time():
                    break
            if _PADDED[i] in text:
                found.append(PHRASES[i])
        if not found:
            return []
        symbol = HIGH if len(found) >= HIGH_AT else MEDIUM if len(found) >= MEDIUM_AT else LOW
        return [Symbol(name=symbol, score=ctx.settings.score(symbol), description=self.description,
                       options=found[:10])]


CHECK = SpamPhrasesCheck()
