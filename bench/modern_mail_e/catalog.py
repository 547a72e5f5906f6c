"""Generating set E: every family's messages, each from an account of the imagined server, reproducibly."""

from __future__ import annotations

import random

from bench.modern_mail.model import ModernMessage
from bench.modern_mail_e import ham_people, ham_places, ham_services, ham_trade, spam_fraud, spam_phish  # noqa: F401
from bench.modern_mail_e.parts import Ctx
from bench.modern_mail_e.registry import FAMILIES
from bench.modern_mail_e.submit import submit
from bench.modern_mail_e.world import ACCOUNTS, BY_USER, person


def generate(seed: int = 0) -> list[ModernMessage]:
    """Every message of set E for `seed`: the same seed gives the same bytes."""
    out: list[ModernMessage] = []
    for fam in FAMILIES:
        rng = random.Random(f"set-e/{seed}/{fam.name}")
        users = [u for u in fam.users if u in BY_USER] if fam.users != ("*",) else [a.user for a in ACCOUNTS]
        if fam.label == "ham":
            users = [u for u in users if set(BY_USER[u].langs) & set(fam.langs)]
        rng.shuffle(users)
        for i in range(fam.count):
            acct = BY_USER[users[i % len(users)]]
            if fam.label == "ham":
                options = [x for x in acct.langs if x in fam.langs]
                lang = options[0] if rng.random() < 0.75 else rng.choice(options)
            else:
                lang = rng.choice(fam.langs)
            ctx = Ctx(rng, acct, lang, person(rng, lang))
            draft, route, notes = fam.write(ctx)
            out.append(submit(draft, route, acct, rng, name=f"e-{fam.name}-{i:02d}", label=fam.label,
                              family=fam.name, kind=fam.kind, notes=notes, night=fam.night and rng.random() < 0.6))
    return out
