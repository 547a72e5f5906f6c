"""The list of set E's message families, filled by the writer modules as they are imported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.modern_mail_e.parts import Ctx
from bench.modern_mail_e.submit import Draft, Route

Writer = Callable[[Ctx], tuple[Draft, Route, str]]


@dataclass(frozen=True, slots=True)
class Fam:
    """One family: its label and kind, the accounts that send it, the languages it is written in, how many."""

    name: str
    label: str
    kind: str
    users: tuple[str, ...]
    langs: tuple[str, ...]
    count: int
    write: Writer
    night: bool = False


FAMILIES: list[Fam] = []


def family(name: str, label: str, kind: str, users: str, langs: str, count: int,
           night: bool = False) -> Callable[[Writer], Writer]:
    def register(fn: Writer) -> Writer:
        FAMILIES.append(Fam(name, label, kind, tuple(users.split()), tuple(langs.split()), count, fn, night))
        return fn
    return register
