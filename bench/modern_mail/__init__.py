"""A generated, held-out set of modern outbound mail for the detection benchmark (never used for training).

Legitimate mail of today's shapes (receipts, order confirmations, shipping notices, invoices with a PDF,
password resets, sign-up confirmations, contact-form notifications, newsletters with List-Unsubscribe, booking
reminders, personal and business letters, replies, forwards) and bad mail sent from compromised cPanel accounts
or scripts dropped into their sites (phishing, scams, malware, bulk spam), in eight languages (en, de, fr, es,
ar, he, ja, zh), with the envelope Exim would hand the scanner. Every sentence and template was written for
this project; the businesses are invented and live on reserved domains (*.example).

    from bench.modern_mail import accounts_of, envelope_of, generate
    messages = generate(seed=0)
    accounts = accounts_of(messages)          # core.identity.cpanel.MemoryCpanelAccounts
    for m in messages:
        verdict, _ = pipeline.evaluate(m.raw, envelope_of(m), policy)

    .venv/bin/python -m bench.modern_mail --summary [--seed N] [--write DIR]

The set is deterministic for a seed (dates, ids and choices come from random.Random seeded by strings, never
from hash() or set order).
"""

from __future__ import annotations

from bench.modern_mail.catalog import FAMILIES, Family, generate
from bench.modern_mail.envelopes import accounts_of, envelope_of
from bench.modern_mail.model import ModernMessage
from bench.modern_mail.output import counts, read_set, summarize, write_set

__all__ = ["FAMILIES", "Family", "ModernMessage", "accounts_of", "counts", "envelope_of", "generate", "read_set",
           "summarize", "write_set"]
