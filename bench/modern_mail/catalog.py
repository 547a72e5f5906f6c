"""The families of the set (how many of each, in which languages, from which accounts) and the generator."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bench.modern_mail import (
    ham_account,
    ham_booking,
    ham_forms,
    ham_invoice,
    ham_letters,
    ham_newsletter,
    ham_shop,
    ham_threads,
    spam_bulk,
    spam_malware,
    spam_phishing,
    spam_scams,
)
from bench.modern_mail.accounts import account, accounts_for
from bench.modern_mail.context import Built, Ctx, tzinfo
from bench.modern_mail.model import Label, ModernMessage
from bench.modern_mail.rendering import render

#: Accounts whose passwords or sites the intruders in the spam families got hold of.
COMPROMISED = ("busybee", "greenfing", "radhaus", "acbabel", "lavande", "tanakamk", "royaloud", "huawen",
               "oldblog", "promobst", "maplecafe", "amisvl", "dancohen", "qingfeng", "physweber")


@dataclass(frozen=True, slots=True)
class Family:
    """One template family: its label and kind, how many messages, their languages and senders."""

    name: str
    label: Label
    kind: str
    count: int
    langs: tuple[str, ...]  # cycled over the count (repeat a language to weight it)
    sectors: tuple[str, ...]  # account sectors that send it; () = the compromised accounts
    build: Callable[[Ctx], Built]
    platforms: tuple[str, ...] = ()  # only accounts whose site runs one of these


SHOPS = ("shop",)
SITES = ("shop", "club", "school", "clinic", "hotel", "restaurant", "agency")
ANYONE = ("shop", "club", "school", "clinic", "hotel", "restaurant", "agency", "firm", "personal")
WP = ("wordpress", "woocommerce")
ALL = ("en", "en", "en", "de", "de", "fr", "es", "ar", "he", "ja", "zh")
HAM: tuple[Family, ...] = (
    Family("receipt_short", "ham", "receipt", 24, ALL, SHOPS, ham_shop.receipt_short),
    Family("order_confirmation", "ham", "order", 28, ALL, SHOPS, ham_shop.order_confirmation),
    Family("shipping_notice", "ham", "shipping", 24, ALL, SHOPS, ham_shop.shipping_notice),
    Family("invoice_pdf", "ham", "invoice", 24, ALL, ("firm", "agency", "hotel", "school", "shop"),
           ham_invoice.invoice_pdf),
    Family("password_reset", "ham", "password_reset", 22, ALL, SITES, ham_account.password_reset),
    Family("signup_confirmation", "ham", "signup", 20, ALL, SITES, ham_account.signup_confirmation),
    Family("site_notification", "ham", "site_notice", 20, ALL, ANYONE, ham_account.site_notification, WP),
    Family("contact_form", "ham", "contact_form", 28, ALL, (*SITES, "firm"), ham_forms.contact_form),
    Family("newsletter", "ham", "newsletter", 30, ALL, SITES, ham_newsletter.newsletter),
    Family("booking_reminder", "ham", "reminder", 26, ALL, ("clinic", "hotel", "restaurant"),
           ham_booking.booking_reminder),
    Family("personal_letter", "ham", "personal", 24, ALL, ANYONE, ham_letters.personal_letter),
    Family("business_letter", "ham", "business", 26, ALL, ANYONE[:-1], ham_letters.business_letter),
    Family("reply", "ham", "reply", 30, ALL, ANYONE, ham_threads.reply),
    Family("forward", "ham", "forward", 16, ALL, ANYONE, ham_threads.forward),
)
EN = ("en",)
SPAM: tuple[Family, ...] = (
    Family("phish_paypal", "spam", "phishing", 12, ("en", "en", "en", "en", "de", "fr", "es", "ja"), (),
           spam_phishing.phish_paypal),
    Family("phish_bank", "spam", "phishing", 12, ("en", "en", "de", "de", "fr", "es", "ar", "he", "zh"), (),
           spam_phishing.phish_bank),
    Family("phish_streaming", "spam", "phishing", 8, ("en", "en", "en", "de", "fr", "es"), (),
           spam_phishing.phish_streaming),
    Family("phish_account", "spam", "phishing", 10, ("en", "en", "en", "ja", "ja", "ja", "zh", "de"), (),
           spam_phishing.phish_account),
    Family("phish_m365", "spam", "phishing", 14, ("en", "en", "en", "en", "en", "de", "de", "fr", "es", "ja"), (),
           spam_phishing.phish_m365),
    Family("phish_webmail", "spam", "phishing", 12, ("en", "en", "en", "en", "de", "fr", "es", "zh", "ar", "he"), (),
           spam_phishing.phish_webmail),
    Family("phish_delivery", "spam", "phishing", 12, ("en", "en", "de", "de", "fr", "es", "ja", "zh", "ar"), (),
           spam_phishing.phish_delivery),
    Family("advance_fee", "spam", "scam", 12, ("en", "en", "en", "en", "en", "en", "en", "fr", "es", "ar", "de", "zh"),
           (), spam_scams.advance_fee),
    Family("crypto_investment", "spam", "scam", 10, ("en", "en", "en", "en", "de", "es", "fr", "ja", "zh", "ar"), (),
           spam_scams.crypto_investment),
    Family("sextortion", "spam", "scam", 10, ("en", "en", "en", "en", "de", "fr", "es", "ja", "he"), (),
           spam_scams.sextortion),
    Family("lottery", "spam", "scam", 8, ("en", "en", "en", "es", "fr", "de", "ar", "zh"), (), spam_scams.lottery),
    # CEO fraud goes out in the owner's own language from the owner's own mailbox: any account can be hit
    Family("gift_card", "spam", "scam", 8, ("en", "en", "en", "en", "en", "de", "fr", "es"), ANYONE[:-1],
           spam_scams.gift_card),
    Family("tech_support", "spam", "scam", 8, ("en", "en", "en", "en", "en", "en", "de", "fr"), (),
           spam_scams.tech_support),
    Family("malware_attachment", "spam", "malware", 16,
           ("en", "en", "en", "en", "en", "en", "en", "en", "de", "de", "de", "fr", "es", "ja", "zh", "ar"), (),
           spam_malware.malware_attachment),
    Family("pharma", "spam", "spam", 8, ("en", "en", "en", "en", "en", "en", "de", "fr"), (), spam_bulk.pharma),
    Family("dating", "spam", "spam", 8, ("en", "en", "en", "en", "de", "fr", "es", "ja"), (), spam_bulk.dating),
    Family("seo_spam", "spam", "spam", 10, ("en", "en", "en", "en", "en", "en", "en", "de", "fr", "es"), (),
           spam_bulk.seo_spam),
)
FAMILIES = HAM + SPAM


def base_date(seed: int) -> datetime:
    """The first day of the set's two-and-a-half-month window (late winter to spring), derived from the seed."""
    return datetime(2025, 2, 3) + timedelta(days=random.Random(f"modern-mail:base:{seed}").randrange(0, 40))


def _languages(fam: Family, seed: int) -> list[str]:
    langs = [fam.langs[i % len(fam.langs)] for i in range(fam.count)]
    random.Random(f"modern-mail:{seed}:{fam.name}:langs").shuffle(langs)
    return langs


def _when(rng: random.Random, base: datetime, tz: str, spam: bool) -> datetime:
    day = base + timedelta(days=rng.randrange(0, 75))
    hour = rng.randrange(0, 24) if spam else rng.choice((7, 8, 9, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21))
    return day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60), tzinfo=tzinfo(tz))


def build_family(fam: Family, seed: int) -> list[ModernMessage]:
    """Every message of one family for `seed`."""
    base = base_date(seed)
    out = []
    for i, lang in enumerate(_languages(fam, seed)):
        rng = random.Random(f"modern-mail:{seed}:{fam.name}:{i}")
        pool = accounts_for(fam.sectors, lang) if fam.sectors else [account(u) for u in COMPROMISED]
        if fam.platforms:
            pool = [a for a in pool if a.platform in fam.platforms]
        if not pool:
            raise LookupError(f"no account of {fam.sectors} writes {lang} for family {fam.name}")
        acct = pool[rng.randrange(len(pool))]
        when = _when(rng, base, acct.tz, fam.label == "spam")
        built = fam.build(Ctx(rng, acct, lang, when))
        sub = built.submission
        raw = render(built.mail, sub, when, rng)
        out.append(ModernMessage(
            name=f"{fam.label}-{fam.name}-{i:03d}", label=fam.label, family=fam.name, kind=fam.kind, lang=lang,
            raw=raw, mail_from=sub.mail_from, recipients=list(sub.recipients), auth_user=sub.auth_user,
            local_user=sub.local_user, account=acct.user, account_domains=list(acct.domains), ip=sub.ip,
            helo=sub.helo, account_uid=acct.uid, notes=built.notes))
    return out


def generate(seed: int = 0) -> list[ModernMessage]:
    """The whole set for `seed`: ham families first, then spam, each in a stable order."""
    return [m for fam in FAMILIES for m in build_family(fam, seed)]
