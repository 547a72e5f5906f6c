"""Modern validation set D: a fourth generator of today's outbound mail from a shared-hosting server, written without
reading the detection code or sets A, B and C, and used only as a held-out measurement (aggregates only).

    generate(seed) -> list[ModernMessage]

Legitimate mail as the server's cPanel accounts send it (shops, firms, clinics, clubs, a web host, a SaaS app,
people) through SMTP AUTH, webmail, PHP scripts and cron; and spam, phishing, scams and malware as compromised
mailboxes and hacked scripts of the same server send them. Every message carries the envelope Exim would hand
over (bench.modern_mail.envelope_of / accounts_of read it). Same seed, same bytes.
"""

from __future__ import annotations

from bench.modern_mail.model import ModernMessage
from bench.modern_mail_d import ham_business, ham_notices, ham_people, ham_shop, spam_lures, spam_payloads
from bench.modern_mail_d.compose import REGISTRY
from bench.modern_mail_d.sending import Ctx

_MODULES = (ham_shop, ham_business, ham_notices, ham_people, spam_lures, spam_payloads)  # imported to register


def generate(seed: int = 0) -> list[ModernMessage]:
    """Every message of set D for `seed`, legitimate first, in a fixed order."""
    ctx = Ctx(seed)
    for label, name, kind, count, fn in REGISTRY:
        ctx.family, ctx.label, ctx.kind = name, label, kind
        for i in range(count):
            fn(ctx, i)
    return ctx.out


__all__ = ["ModernMessage", "generate"]
