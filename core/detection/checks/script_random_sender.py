"""Mail sent by a PHP script (X-PHP-Script / X-PHP-Originating-Script) from a random-looking address: the
mark of a mailer script uploaded to a hacked site, which invents a new sender for every batch."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage
    from core.settings import Settings

SYMBOL = "PHP_SCRIPT_RANDOM_SENDER"
SCRIPT_HEADERS = ("x-php-script", "x-php-originating-script")
LOCAL_MAX = 128
_TOKEN = re.compile(r"[a-z0-9]+")
_RUNS = re.compile(r"[a-z]+|[0-9]+")
_VOWELS = frozenset("aeiouy")


def random_token(local_part: str, st: Settings) -> str:
    """The first token of an address's local part that looks machine-made ('' if none does)."""
    # Machine-made: letters and digits switching back and forth ("we9boig3l9689"), or a consonant run no
    # language writes ("smgrdphcv"); the lengths and counts are [checks] random_local_*.
    min_len = st.check_param("random_local_min_length")
    switches = st.check_param("random_local_digit_switches")
    max_run = st.check_param("random_local_consonant_run")
    for tok in _TOKEN.findall(local_part[:LOCAL_MAX].lower()):
        if len(tok) < min_len:
            continue
        if tok.isalpha():
            run = 0
            for c in tok:
                run = 0 if c in _VOWELS else run + 1
                if run >= max_run:
                    return tok
        elif not tok.isdigit() and len(_RUNS.findall(tok)) - 1 >= switches:
            return tok
    return ""


def sent_by_script(msg: ParsedMessage, ctx: ScanContext) -> bool:
    """True when attribution found a PHP script, or the message carries PHP's script headers."""
    return bool(ctx.sender.script.raw) or any(msg.header(h) for h in SCRIPT_HEADERS)


class ScriptRandomSenderCheck:
    """A PHP script's mail whose From or envelope sender local part looks random."""

    name = "script_random_sender"
    group = GROUP_SPAM
    description = "PHP script mail from a random-looking sender address"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit PHP_SCRIPT_RANDOM_SENDER with the random-looking token."""
        if not sent_by_script(msg, ctx):
            return []
        for address in (msg.from_addr, ctx.envelope.sender):
            token = random_token(address.rpartition("@")[0], ctx.settings) if "@" in address else ""
            if token:
                return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                               options=[address[:100]])]
        return []


CHECK = ScriptRandomSenderCheck()
