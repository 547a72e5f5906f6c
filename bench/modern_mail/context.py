"""What a family builder gets: a seeded random source, the account, the language, the time, and id helpers."""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TypeVar

from bench.modern_mail.accounts import ROLE_NAMES
from bench.modern_mail.languages import FAMILY, FREEMAIL, GIVEN, full_name
from bench.modern_mail.model import Account, Mail, Person
from bench.modern_mail.transport import Submission

T = TypeVar("T")
_ALNUM = string.ascii_letters + string.digits


def tzinfo(offset: str) -> timezone:
    """A fixed-offset timezone from "+0100" / "-0700"."""
    sign = -1 if offset.startswith("-") else 1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))


@dataclass(slots=True)
class Ctx:
    """One message being built: everything random in it comes from `rng`."""

    rng: random.Random
    account: Account
    lang: str
    when: datetime  # the Date: of the message, in the account's timezone

    def pick(self, items: Sequence[T]) -> T:
        """One item of `items`."""
        return items[self.rng.randrange(len(items))]

    def chance(self, p: float) -> bool:
        """True with probability `p`."""
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        """`n` random decimal digits (the first not 0)."""
        return str(self.rng.randint(1, 9)) + "".join(str(self.rng.randrange(10)) for _ in range(n - 1))

    def hex(self, n: int) -> str:
        """`n` random lowercase hex digits."""
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def token(self, n: int, alphabet: str = _ALNUM) -> str:
        """`n` random characters (letters and digits unless told otherwise)."""
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def later(self, days: float) -> datetime:
        """A moment `days` after the message date (for appointments and deadlines)."""
        return self.when + timedelta(days=days)

    def person(self, lang: str | None = None) -> Person:
        """A correspondent with a freemail address in the style of `lang` (default: the message's)."""
        lg = lang or self.lang
        given, g_rom = self.pick(GIVEN[lg])
        family, f_rom = self.pick(FAMILY[lg])
        local = self.pick([f"{g_rom}.{f_rom}", f"{g_rom}{f_rom[0]}", f"{g_rom[0]}{f_rom}",
                           f"{g_rom}.{f_rom}{self.rng.randint(1, 99)}", f"{g_rom}_{f_rom}",
                           f"{f_rom}.{g_rom}{self.rng.randint(70, 99)}"])
        return Person(full_name(lg, given, family), f"{local}@{self.pick(FREEMAIL[lg])}", lg, given)

    def staff(self, index: int | None = None) -> tuple[str, str]:
        """A (name, address) of someone at the account's main domain; the owner unless `index` says."""
        people = self.account.people
        name, local = people[index if index is not None else 0]
        return name, f"{local}@{self.account.main_domain}"

    def human(self) -> tuple[str, str]:
        """A (name, address) of a person (not a shared role mailbox) at the account."""
        people = [i for i, (name, _) in enumerate(self.account.people) if name not in ROLE_NAMES]
        return self.staff(self.pick(people or [0]))

    def site(self) -> str:
        """The account's web site host name."""
        return f"www.{self.account.main_domain}"

    def url(self, path: str = "") -> str:
        """An https URL on the account's own site."""
        return f"https://{self.site()}/{path.lstrip('/')}"


@dataclass(slots=True)
class Built:
    """A family builder's result: the content and how it left the server."""

    mail: Mail
    submission: Submission
    notes: str = ""

