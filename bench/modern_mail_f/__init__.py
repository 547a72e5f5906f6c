"""Modern validation set F: a sixth held-out set, written blind (without reading the detection code or the other
sets' generators).

One imagined shared-hosting server in winter 2026 (cp07.alpinehost.example) with 34 cPanel accounts: a dental
clinic, a freight forwarder, a translation agency, a football club, a law office, a bakery, an online course
seller, a parish, a hotel, a software consultancy, a farm shop, a photographer, tea and bicycle shops, a language
school, a travel agency, a yoga studio, an accounting office, a garage, a carpet workshop, a florist, a brewery, a
surf school, a vet, a PTA, a plumber, a coworking space, a choir, two personal domains, a bookkeeper, an estate
agent, a kindergarten and a seed shop, on reserved names (*.example, *.test) and RFC 5737 addresses.

Legitimate mail (order, shipping, invoice, booking, account, form, newsletter, club and personal mail) and the
bad mail a broken-into server sends (phishing, fraud, malware, bulk spam), as Exim hands them to the scanner:
SMTP AUTH from mail clients and webmail, PHP scripts of the sites, cron jobs. Every sentence was written for this
set.

    from bench.modern_mail_f import generate
    messages = generate(seed=0)
"""

from __future__ import annotations

from bench.modern_mail_f.catalog import FAMILIES, generate

__all__ = ["FAMILIES", "generate"]
