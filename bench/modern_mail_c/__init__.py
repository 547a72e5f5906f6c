"""Modern validation set C: a third, independent generator of today's outbound mail (never used for training).

Written without reading the detection code or the texts of sets A and B, as a held-out measurement of mail no rule
was shaped by: other accounts (*.test) and another server, other languages (en, es, de, sv, cs, ru, he (right-to-
left), ja (CJK)) in the charsets their senders use (UTF-8, ISO-8859-1/2/15, windows-1250/1251/1252/1255, KOI8-R,
ISO-2022-JP, Shift_JIS), its own byte-level MIME writer, other sentences and senders. Legitimate mail: orders,
shipping with carrier tracking, invoices and quotes with a PDF, password resets, sign-ups, sign-in alerts, contact
forms (Reply-To = visitor), newsletters with List-Unsubscribe, appointment reminders, bookings and invitations with
an .ics, receipts in a dozen currencies, personal and business letters, replies and forwards with quoted text,
school/club/parish notices, SaaS notifications, helpdesk replies, job applications with a CV, photos, minutes,
out-of-office replies. Bad mail: credential phishing (mailbox quota, shared document, voicemail, MFA, payroll, tax
refund, parcel fee, bank, brand, QR code), BEC and gift cards, changed bank details, advance fee, inheritance,
crypto, sextortion, tech-support and callback scams, jobs, loans, prizes, SEO, pharmacy, malware attachments
(.iso/.img/.lnk/.zip with .js, HTML smuggling, macro documents, password-protected zip) and malware links.

    from bench.modern_mail_c import generate
    messages = generate(seed=0)      # list[bench.modern_mail.model.ModernMessage]

Like set B, read its aggregate figures only (python -m bench.modern_detection --set c): looking at its individual
misses while writing rules would make it one more set the rules were fitted to.
"""

from __future__ import annotations

import random

from bench.modern_mail.model import ModernMessage
from bench.modern_mail_c import ham, spam
from bench.modern_mail_c.world import ACCOUNTS, Acct, Hop, by_role
from bench.modern_mail_c.writer import Note, render

__all__ = ["generate"]


def _message(name: str, label: str, family: str, kind: str, a: Acct, built: tuple[Note, Hop, list[str]],
             rng: random.Random) -> ModernMessage:
    note, hop, rcpts = built
    raw = render(note, hop, rcpts, rng)
    return ModernMessage(name=name, label=label, family=family, kind=kind, lang=note.lang, raw=raw,  # type: ignore[arg-type]
                         mail_from=hop.mail_from, recipients=list(rcpts), auth_user=hop.auth_user,
                         local_user=hop.local_user, account=a.user, account_domains=list(a.domains), ip=hop.ip,
                         helo=hop.helo, account_uid=a.uid)


def generate(seed: int = 0) -> list[ModernMessage]:
    """Every message of set C for `seed`: deterministic (string-seeded random.Random, no hash() or set order)."""
    out: list[ModernMessage] = []
    for family, kind, count, roles, langs, build in ham.FAMILIES:
        pool = [a for a in by_role(*roles) if a.lang in langs]
        for i in range(count):
            rng = random.Random(f"c:{seed}:{family}:{i}")
            a = pool[i % len(pool)] if i < len(pool) else rng.choice(pool)
            out.append(_message(f"c-ham-{family[2:]}-{i:03d}", "ham", family, kind, a, build(rng, a), rng))
    for family, kind, count, build in spam.FAMILIES:
        for i in range(count):
            rng = random.Random(f"c:{seed}:{family}:{i}")
            a = spam.compromised(rng)
            out.append(_message(f"c-spam-{family[2:]}-{i:03d}", "spam", family, kind, a, build(rng, a), rng))
    return out


def account_count() -> int:
    return len(ACCOUNTS)
