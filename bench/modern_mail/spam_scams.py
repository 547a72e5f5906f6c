"""Scams sent through a compromised account: advance fee, investment, sextortion, lottery, gift cards, renewals."""

from __future__ import annotations

from bench.modern_mail.attachments import make_pdf
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail.scam_phrases import ADVANCE_FEE, CRYPTO, GIFT_CARD, LOTTERY, SEXTORTION, TECH_SUPPORT
from bench.modern_mail.spam_links import scam_site
from bench.modern_mail.spam_senders import random_local, send, victims

_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_SCAMMERS = ("Grace Mensah", "Dr. Peter Obi", "Mr. Tan Wei Ming", "Barrister James Cole", "Mrs. Aisha Bello",
             "Dr. Robert Kline", "Mr. Henri Dubois")
_DROPS = ("gmail.com", "outlook.com", "yahoo.com", "proton.me", "hotmail.com")


def _wallet(ctx: Ctx) -> str:
    return "bc1q" + ctx.token(38, _BECH32)


def _drop(ctx: Ctx) -> tuple[str, str]:
    """A freemail box the scammer reads replies at."""
    return "", f"{random_local(ctx)}{ctx.rng.randint(1, 99)}@{ctx.pick(_DROPS)}"


def _slots(ctx: Ctx, first: str, victim: str) -> dict[str, str]:
    ref = f"{ctx.token(2, 'ABCDEFGHKLMNPRSTUVWXYZ')}/{ctx.digits(6)}/{ctx.digits(2)}"
    return {"name": ctx.pick(_SCAMMERS), "ref": ref,
            "btc": ctx.pick(("$1450", "$1650", "$2000", "€1.500", "1,200 USD")), "wallet": _wallet(ctx),
            "link": "", "first": first, "victim": victim, "date": f"{ctx.later(3).date().isoformat()}",
            "phone": f"+1 (8{ctx.rng.randint(33, 88)}) 555-0{ctx.rng.randint(100, 199)}", "boss": ctx.staff()[0]}


def _scam(ctx: Ctx, table: dict[str, list[tuple[str, str]]], notes: str, *, link_kind: str = "",
          bulk: float = 0.6, display: str | None = None, from_victim: bool = False,
          agent: str = "") -> tuple[Mail, Built]:
    """`display`: the From: name (None: one of the scammers' invented names, or none)."""
    many = ctx.chance(bulk)
    targets = victims(ctx, 10, 80) if many else [ctx.person()]
    victim = targets[0]
    slots = _slots(ctx, victim.first if not many else "", victim.email)
    if link_kind:
        slots["link"] = scam_site(ctx, link_kind)
    subject, body = (t.format(**slots) for t in ctx.pick(table[ctx.lang]))
    if many:
        body = body.replace(" ,", ",").replace("Hi ,", "Hi,").replace("Dear ,", "Dear Sir/Madam,")
    name = display if display is not None else slots["name"] if ctx.chance(0.8) else ""
    mail = Mail(subject=subject, from_name=name, from_addr=f"{random_local(ctx)}@{ctx.pick(_DROPS)}", to=[],
                text=body + "\n", lang=ctx.lang,
                agent=agent or ctx.pick(("old_phpmailer", "bare_php", "bulk_tool", "none", "outlook")))
    own = None
    if from_victim and not many:
        mail.from_addr, mail.from_name, own = victim.email, "", False  # "I sent this from your own account"
    sub = send(ctx, mail, targets, own_from=own)
    return mail, Built(mail, sub, notes)


def advance_fee(ctx: Ctx) -> Built:
    """A 419 letter: a fortune to share, reply to a freemail box."""
    mail, built = _scam(ctx, ADVANCE_FEE, "advance-fee fraud", bulk=0.8)
    mail.reply_to = _drop(ctx)
    return built


def crypto_investment(ctx: Ctx) -> Built:
    """An investment or giveaway scam with a link to the scheme's site."""
    display = ctx.pick(("Finance Daily", "Crypto Insider", ctx.person().name, ""))
    return _scam(ctx, CRYPTO, "crypto investment scam", link_kind="crypto", bulk=0.7, display=display)[1]


def sextortion(ctx: Ctx) -> Built:
    """Sextortion with a bitcoin address; often 'from' the victim's own address."""
    return _scam(ctx, SEXTORTION, "sextortion with a bitcoin wallet", bulk=0.4, display="",
                 from_victim=ctx.chance(0.5))[1]


def lottery(ctx: Ctx) -> Built:
    """A lottery win to claim through an agent."""
    mail, built = _scam(ctx, LOTTERY, "lottery scam", bulk=0.8,
                        display=ctx.pick(("International Lottery Board", "Euro Claims Office", "Promotion Manager")))
    if ctx.chance(0.7):
        mail.reply_to = _drop(ctx)
    return built


def gift_card(ctx: Ctx) -> Built:
    """CEO fraud: the boss's own mailbox asks a contact to buy gift cards; replies go to a freemail box."""
    boss, box = ctx.human()
    target = ctx.person()
    subject, body = (t.format(**_slots(ctx, target.first, target.email)) for t in ctx.pick(GIFT_CARD[ctx.lang]))
    mail = Mail(subject=subject, from_name=boss, from_addr=box, to=[("", target.email)], text=body + "\n",
                lang=ctx.lang, agent=ctx.pick(("iphone", "outlook", "none")))
    if ctx.chance(0.7):
        mail.reply_to = (boss, f"{box.split('@')[0].replace('.', '')}.office{ctx.digits(2)}@"
                         f"{ctx.pick(('gmail.com', 'outlook.com'))}")
    return Built(mail, send(ctx, mail, [target], own_from=False), "gift-card CEO fraud")


def tech_support(ctx: Ctx) -> Built:
    """A fake antivirus renewal 'invoice' with a phone number to call for the refund."""
    mail, built = _scam(ctx, TECH_SUPPORT, "fake renewal, call-back scam", bulk=0.5,
                        display=ctx.pick(("Norton Billing", "Billing Department", "Geek Squad", "Support Team")))
    if ctx.chance(0.4):
        lines = [line for line in mail.text.splitlines() if line.isascii()][:8] if mail.text else []
        mail.attachments.append(Attachment(f"Invoice_{ctx.digits(8)}.pdf", "application/pdf",
                                           make_pdf(lines or ["Invoice"], title="Invoice")))
    return built
