"""Modern set E: a fifth held-out validation set of outbound mail from a shared-hosting server, written blind.

Its author read neither the detection code nor the other sets' generators, only the message model and the
envelope helpers of bench.modern_mail. Legitimate mail of 2026 (shops, invoices, resets, forms, newsletters,
bookings, letters, replies, invites, tickets, school and club notices, a web host's own notices, SaaS alerts,
payroll, real estate, clinics) and abuse sent from the same server by whoever broke in: a stolen mailbox, a PHP
file dropped into a site, or a cron job. Every host is a reserved name (*.example, RFC 5737 addresses).
Deterministic for a seed; pure Python; never used for training. Read only its aggregate figures:

    .venv/bin/python -m bench.modern_detection --set e
"""

from __future__ import annotations

from bench.modern_mail_e.catalog import generate

__all__ = ["generate"]
