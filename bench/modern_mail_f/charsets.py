"""Which charsets and transfer encodings a message of set F is written in, by language and by program."""

from __future__ import annotations

import random

# the charsets mail programs still pick for each language in 2026 (utf-8 dominates, legacy ones remain)
BY_LANG: dict[str, tuple[str, ...]] = {
    "en": ("utf-8", "utf-8", "us-ascii", "iso-8859-1", "windows-1252"),
    "de": ("utf-8", "utf-8", "iso-8859-1", "iso-8859-15", "windows-1252"),
    "fr": ("utf-8", "utf-8", "iso-8859-15", "iso-8859-1", "windows-1252"),
    "es": ("utf-8", "utf-8", "iso-8859-1", "windows-1252"),
    "it": ("utf-8", "utf-8", "iso-8859-15", "windows-1252"),
    "nl": ("utf-8", "utf-8", "iso-8859-1", "windows-1252"),
    "pt": ("utf-8", "utf-8", "iso-8859-1", "windows-1252"),
    "pl": ("utf-8", "utf-8", "iso-8859-2", "windows-1250"),
    "cs": ("utf-8", "iso-8859-2", "windows-1250"),
    "ru": ("utf-8", "utf-8", "koi8-r", "windows-1251"),
    "tr": ("utf-8", "utf-8", "iso-8859-9", "windows-1254"),
    "el": ("utf-8", "iso-8859-7", "windows-1253"),
    "ar": ("utf-8", "windows-1256", "windows-1256", "iso-8859-6"),
    "he": ("utf-8", "utf-8", "windows-1255", "iso-8859-8"),
    "ja": ("utf-8", "iso-2022-jp", "iso-2022-jp", "shift_jis", "euc-jp"),
    "zh": ("utf-8", "gb2312", "gbk", "gb18030", "big5"),
    "ko": ("utf-8", "euc-kr", "euc-kr", "ks_c_5601-1987"),
}


def fits(text: str, charset: str) -> bool:
    try:
        text.encode(charset)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def pick(rng: random.Random, lang: str, texts: list[str], wanted: str = "") -> str:
    """A charset for the message: `wanted` if it fits, else one of the language's that fits, else utf-8."""
    joined = "".join(texts)
    if wanted and fits(joined, wanted):
        return wanted
    options = [c for c in BY_LANG.get(lang, BY_LANG["en"]) if fits(joined, c)]
    if not joined.isascii():
        options = [c for c in options if c != "us-ascii"]
    return rng.choice(options) if options else "utf-8"


def transfer(rng: random.Random, charset: str, data: str, wanted: str = "") -> str:
    """The Content-Transfer-Encoding of a text part."""
    if charset == "iso-2022-jp":
        return wanted if wanted in ("7bit", "base64") else rng.choice(("7bit", "7bit", "base64"))
    long_line = any(len(line) > 900 for line in data.splitlines())
    if data.isascii():
        if wanted:
            return wanted
        return "quoted-printable" if long_line else rng.choice(("7bit", "7bit", "quoted-printable"))
    if wanted and not (long_line and wanted in ("7bit", "8bit")) and wanted != "7bit":
        return wanted
    return rng.choice(("base64", "quoted-printable") if long_line else ("base64", "quoted-printable", "8bit"))
