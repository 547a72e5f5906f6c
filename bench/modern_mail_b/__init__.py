"""Modern validation set B: a second, independent generator of today's outbound mail (never used for training).

Written separately from set A (bench.modern_mail) so that rules tuned while looking at set A's misses can be
checked on mail they were not shaped by: other accounts and domains (*.test), other languages (en, it, pt, nl,
pl, tr, fa (right-to-left), ko (CJK)), other sentences, another MIME writer (the standard library's
EmailMessage), other senders and structures. Legitimate mail: orders, shipping, invoices with a PDF, a genuine
change of bank details, password resets, sign-up and sign-in notices, contact forms, newsletters, bookings with an
.ics, tickets with a QR code, file-share links, personal and business letters, replies, forwards, helpdesk, webinar
invitations, review requests, school notices, renewal reminders. Bad mail: mailbox-quota, brand, document-share,
HTML-attachment and QR-code phishing, fake invoices with a payment link, payment redirection (BEC), callback
scams, malware links to file hosts and malware attachments, parcel fees, advance fee, sextortion, crypto, gift
cards, money-mule jobs, loans, prizes, pharmacy, tax refunds, copyright-appeal phishing.

    from bench.modern_mail_b import generate
    messages = generate(seed=0)      # list[bench.modern_mail.model.ModernMessage]

Use its aggregate figures only (python -m bench.modern_detection --set b): looking at its individual misses while
writing rules would make it one more set the rules were fitted to.
"""

from __future__ import annotations

import random

from bench.modern_mail.model import ModernMessage
from bench.modern_mail_b import ham, spam
from bench.modern_mail_b.render import render
from bench.modern_mail_b.world import ACCOUNTS, SiteAccount, accounts_tagged

__all__ = ["generate"]


def _language(raw_lang: str) -> str:
    return raw_lang


def _message(name: str, label: str, family: str, kind: str, acct: SiteAccount, built: ham.Built,
             rng: random.Random) -> ModernMessage:
    draft, route, rcpts = built
    raw = render(draft, route, rcpts, rng)
    return ModernMessage(name=name, label=label, family=family, kind=kind, lang=acct.lang, raw=raw,  # type: ignore[arg-type]
                         mail_from=route.mail_from, recipients=rcpts, auth_user=route.auth_user,
                         local_user=route.local_user, account=acct.user, account_domains=list(acct.domains),
                         ip=route.ip, helo=route.helo, account_uid=acct.uid)


def generate(seed: int = 0) -> list[ModernMessage]:
    """Every message of set B for `seed`: deterministic (string-seeded random.Random, no hash() or set order)."""
    out: list[ModernMessage] = []
    for family, kind, count, tags, build in ham.FAMILIES:
        pool = accounts_tagged(*tags)
        for i in range(count):
            rng = random.Random(f"b:{seed}:{family}:{i}")
            acct = pool[i % len(pool)] if i < len(pool) else rng.choice(pool)
            out.append(_message(f"b-ham-{family[2:]}-{i:03d}", "ham", family, kind, acct, build(rng, acct), rng))
    for family, kind, count, build in spam.FAMILIES:
        for i in range(count):
            rng = random.Random(f"b:{seed}:{family}:{i}")
            acct = spam.compromised(rng)
            out.append(_message(f"b-spam-{family[2:]}-{i:03d}", "spam", family, kind, acct, build(rng, acct), rng))
    return out


def account_count() -> int:
    return len(ACCOUNTS)
