"""Personal and business letters typed by people at the accounts, sent from their mail clients."""

from __future__ import annotations

from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.languages import (
    FAMILY,
    GIVEN,
    SIGNOFF,
    first_name,
    full_name,
    greet,
    long_date,
    money,
    weekday_name,
)
from bench.modern_mail.letter_phrases import BUSINESS, DISCLAIMER, PARTNERS, PERSONAL, ROLES
from bench.modern_mail.model import Person
from bench.modern_mail.writer import person_mail

_DAYS_AHEAD = (2, 3, 5, 6, 8, 9)


def letter_slots(ctx: Ctx, recipient: Person) -> dict[str, str]:
    """The values a letter template's slots take for this message."""
    d = ctx.later(ctx.pick(_DAYS_AHEAD))
    weekday = weekday_name(d, ctx.lang)
    amount = ctx.rng.randint(4, 90) * (1000 if ctx.account.currency == "JPY" else 50)
    return {"first": recipient.first, "me": "", "day": weekday, "date": long_date(d, ctx.lang),
            "biz": ctx.account.name, "amount": money(float(amount), ctx.account.currency, ctx.lang)}


def personal_letter(ctx: Ctx) -> Built:
    """A note to a friend or relative: short, informal, from a phone or a desktop client."""
    friend = ctx.person()
    name, addr = ctx.human()
    subject, body = ctx.pick(PERSONAL[ctx.lang])
    paragraphs = [greet(ctx.lang, friend.first, friend.name), *body.format(**letter_slots(ctx, friend)).split("\n\n")]
    first = first_name(name, ctx.lang)
    mail, sub = person_mail(ctx, sender=(name, addr), to=[(friend.name if ctx.chance(0.5) else "", friend.email)],
                            subject=subject, paragraphs=paragraphs, signature=[first])
    return Built(mail, sub, "personal letter")


def _partner(ctx: Ctx) -> Person:
    given, g_rom = ctx.pick(GIVEN[ctx.lang])
    family, f_rom = ctx.pick(FAMILY[ctx.lang])
    domain = ctx.pick(PARTNERS[ctx.lang])
    local = ctx.pick((f"{g_rom}.{f_rom}", f"{g_rom[0]}.{f_rom}", g_rom))
    return Person(full_name(ctx.lang, given, family), f"{local}@{domain}", ctx.lang, given)


def business_letters(ctx: Ctx) -> list[tuple[str, str]]:
    """The business letters (subject, body) someone at this account would write."""
    letters = BUSINESS[ctx.lang]
    fitting = [(s, b) for tags, s, b in letters if ctx.account.sector in tags]
    return fitting + [(s, b) for tags, s, b in letters if "any" in tags]


def business_signature(ctx: Ctx, name: str) -> list[str]:
    """A business signature block: name, role, company, address, phone, web, maybe a disclaimer."""
    a = ctx.account
    lines = [name, ctx.pick(ROLES[ctx.lang]), a.name, a.address, a.phone, f"https://{ctx.site()}"]
    if a.tax_id and ctx.chance(0.4):
        lines.append(a.tax_id)
    if ctx.lang in DISCLAIMER and ctx.chance(0.4):
        lines += ["", DISCLAIMER[ctx.lang]]
    return [x for x in lines if x is not None]


def business_letter(ctx: Ctx) -> Built:
    """A letter to a supplier, client or adviser: quote, meeting, schedule, list of open items."""
    partner = _partner(ctx) if ctx.chance(0.7) else ctx.person()
    name, addr = ctx.human()
    subject, body = ctx.pick(business_letters(ctx))
    paragraphs = [greet(ctx.lang, partner.first, partner.name, formal=ctx.chance(0.7)),
                  *body.format(**letter_slots(ctx, partner)).split("\n\n"), ctx.pick(SIGNOFF[ctx.lang])]
    mail, sub = person_mail(ctx, sender=(name, addr), to=[(partner.name, partner.email)], subject=subject,
                            paragraphs=paragraphs, signature=business_signature(ctx, name),
                            agent=ctx.pick(("outlook", "outlook", "thunderbird", "apple_mail", "roundcube")))
    if ctx.chance(0.25):
        colleague = ctx.staff(ctx.rng.randrange(len(ctx.account.people)))
        if colleague[1] != addr:
            mail.cc = [colleague]
            sub.recipients.append(colleague[1])
    return Built(mail, sub, "business letter")
