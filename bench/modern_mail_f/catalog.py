"""Set F's families (who sends each, how many) and the generator that turns them into ModernMessages."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from bench.modern_mail.model import Account, Label, ModernMessage
from bench.modern_mail_f import (
    ham_accounts,
    ham_bookings,
    ham_commerce,
    ham_community,
    ham_forms,
    ham_letters,
    spam_bulk,
    spam_malware,
    spam_phishing,
    spam_scams,
)
from bench.modern_mail_f.context import Ctx, Draft
from bench.modern_mail_f.mime import render
from bench.modern_mail_f.server import ACCOUNTS, BY_USER
from bench.modern_mail_f.spam_build import BadFamily, build
from bench.modern_mail_f.transport import Submission, cron_job, mail_client, php_script, webmail


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    label: Label
    kind: str
    write: Callable[[Ctx], Draft]
    senders: tuple[str, ...]  # cPanel logins that send it ("*" = any)
    count: int
    langs: tuple[str, ...] = ()  # bad families: the languages they are written in


SHOPS = ("espiga", "groenhoe", "formosab", "anadolu", "rozana", "fjordgar", "midorich")
FIRMS = ("cargobr", "polybrid", "kanzberg", "nordbyte", "lichtkr", "alnoor", "kellyplm", "brightln", "hivemil",
         "inmosol", "hualv", "ulipy")
SITES = tuple(a.user for a in ACCOUNTS if a.platform != "none")
CLUBS = ("svgruen", "stmarks", "riverpta", "sonnenb", "mistral")

_HAM: tuple[tuple[str, str, Callable[[Ctx], Draft], tuple[str, ...]], ...] = (
    ("order_html", "order", ham_commerce.order_html, SHOPS),
    ("order_text", "order", ham_commerce.order_text, ("midorich", "anadolu", "espiga", "fjordgar", "formosab",
                                                      "petrovav", "rozana")),
    ("shipping_notice", "shipping", ham_commerce.shipping, SHOPS),
    ("invoice_pdf", "invoice", ham_commerce.invoice_pdf, (*FIRMS, "petrovav")),
    ("invoice_run", "invoice", ham_commerce.invoice_run, ("skillfor", "nordbyte", "hivemil", "hualv", "hanbit",
                                                          "brightln")),
    ("payment_reminder", "invoice", ham_commerce.payment_reminder, ("kellyplm", "nordbyte", "kanzberg", "cargobr",
                                                                    "dentlum", "brightln", "lichtkr")),
    ("quote_pdf", "quote", ham_commerce.quote_pdf, ("cargobr", "polybrid", "nordbyte", "kellyplm", "lichtkr",
                                                    "anadolu", "hualv", "ulipy")),
    ("refund", "receipt", ham_commerce.refund, SHOPS),
    ("pickup_ready", "order", ham_commerce.pickup_ready, ("espiga", "groenhoe", "rozana", "midorich", "formosab")),
    ("review_request", "marketing", ham_commerce.review_request, ("aurorasr", "anadolu", "fjordgar", "ondaazul",
                                                                  "midorich", "shanti", "formosab")),
    ("b2b_order", "letter", ham_commerce.b2b_order, ("cargobr", "espiga", "ulipy")),
    ("vat_checklist", "letter", ham_commerce.filing_checklist, ("alnoor",)),
    ("password_reset", "account", ham_accounts.password_reset, SITES),
    ("signup_confirm", "account", ham_accounts.signup_confirm, ("skillfor", "hanbit", "shanti", "hivemil",
                                                                "fjordgar", "midorich", "hualv", "nordbyte")),
    ("login_code", "account", ham_accounts.login_code, ("skillfor", "hanbit", "hualv", "nordbyte")),
    ("ticket_ack", "support", ham_accounts.ticket_ack, ("nordbyte", "skillfor", "polybrid", "hualv", "hanbit",
                                                        "hivemil", "cargobr")),
    ("ticket_reply", "support", ham_accounts.ticket_reply, ("nordbyte", "skillfor", "espiga", "fjordgar", "inmosol")),
    ("course_welcome", "account", ham_accounts.course_welcome, ("skillfor", "hanbit")),
    ("renewal_notice", "account", ham_accounts.renewal_notice, ("shanti", "hivemil", "skillfor", "brightln",
                                                                "pawsvet")),
    ("hotel_booking", "booking", ham_bookings.hotel_booking, ("aurorasr",)),
    ("appointment_reminder", "booking", ham_bookings.appointment_reminder, ("dentlum", "pawsvet", "petrovav", "shanti",
                                                                            "alnoor", "kellyplm")),
    ("calendar_invite", "calendar", ham_bookings.calendar_invite, ("polybrid", "nordbyte", "kanzberg", "hivemil",
                                                                   "midorich", "alnoor", "brightln")),
    ("table_booking", "booking", ham_bookings.table_booking, ("ulipy",)),
    ("class_schedule", "notice", ham_bookings.class_schedule, ("ondaazul", "shanti", "hanbit", "skillfor")),
    ("booking_cancelled", "booking", ham_bookings.cancellation, ("dentlum", "aurorasr", "petrovav", "pawsvet",
                                                                 "hivemil")),
    ("vet_booster", "booking", ham_bookings.vet_vaccination, ("pawsvet",)),
    ("workshop_seat", "booking", ham_bookings.workshop_seat, ("shanti",)),
    ("contact_form", "form", ham_forms.contact_form, SITES),
    ("quote_request_form", "form", ham_forms.quote_request, ("cargobr", "kellyplm", "lichtkr", "polybrid", "inmosol",
                                                             "espiga", "nordbyte")),
    ("callback_form", "form", ham_forms.callback_request, ("kanzberg", "kellyplm", "dentlum", "inmosol", "petrovav",
                                                           "alnoor")),
    ("job_application_form", "form", ham_forms.job_application, ("pawsvet", "kellyplm", "brightln", "cargobr",
                                                                 "skillfor")),
    ("form_copy_to_visitor", "form", ham_forms.order_form_copy, SITES),
    ("newsletter", "newsletter", ham_community.newsletter, (*SHOPS, "fjordgar", "lichtkr", "nordbyte", "aurorasr",
                                                            "hivemil", "hualv", "hanbit", "shanti", "alnoor",
                                                            "polybrid",
                                                            "mistral", "ulipy", "ondaazul", "skillfor")),
    ("club_fixture", "notice", ham_community.club_fixture, ("svgruen",)),
    ("church_rota", "notice", ham_community.church_rota, ("stmarks",)),
    ("school_letter", "notice", ham_community.school_letter, ("sonnenb", "riverpta")),
    ("choir_rehearsal", "notice", ham_community.choir_rehearsal, ("mistral",)),
    ("membership_fee", "notice", ham_community.membership_fee, ("svgruen", "stmarks", "mistral")),
    ("promo_images", "marketing", ham_community.promo_images, (*SHOPS, "aurorasr", "hualv", "hanbit", "alnoor",
                                                              "shanti")),
    ("volunteer_call", "notice", ham_community.volunteer_call, CLUBS),
    ("personal_letter", "letter", ham_letters.personal_letter, ("kowalcz", "papadak", "lichtkr", "fjordgar",
                                                                "shanti", "alnoor", "midorich", "hanbit", "hualv",
                                                                "petrovav", "anadolu")),
    ("business_letter", "letter", ham_letters.business_letter, FIRMS),
    ("reply_quoted", "letter", ham_letters.reply_quoted, FIRMS),
    ("forward_note", "letter", ham_letters.forward_note, FIRMS),
    ("translation_delivery", "letter", ham_letters.translation_delivery, ("polybrid",)),
    ("payroll_notice", "payroll", ham_letters.payroll_notice, ("brightln",)),
    ("cron_backup_report", "system", ham_letters.cron_report, ("*",)),
    ("gallery_delivery", "letter", ham_letters.gallery_delivery, ("lichtkr",)),
    ("meeting_minutes", "letter", ham_letters.minutes, ("svgruen", "brightln", "nordbyte", "hivemil", "kanzberg")),
    ("season_greeting", "letter", ham_letters.season_greeting, ("*",)),
    ("legal_documents", "letter", ham_letters.legal_documents, ("kanzberg",)),
    ("freight_status", "shipping", ham_letters.freight_status, ("cargobr",)),
)

_BAD: tuple[BadFamily, ...] = (*spam_phishing.FAMILIES, *spam_scams.FAMILIES, *spam_malware.FAMILIES,
                               *spam_bulk.FAMILIES)


def _bad_writer(fam: BadFamily) -> Callable[[Ctx], Draft]:
    return lambda ctx: build(ctx, fam)


FAMILIES: tuple[Family, ...] = (
    *(Family(name, "ham", kind, write, senders, 9) for name, kind, write, senders in _HAM),
    *(Family(f.name, "spam", f.kind, _bad_writer(f), ("*",), 7, tuple(f.texts)) for f in _BAD),
)

START = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


def _tz(account: Account) -> timezone:
    sign = -1 if account.tz.startswith("-") else 1
    return timezone(sign * timedelta(hours=int(account.tz[1:3]), minutes=int(account.tz[3:5])))


def _lang(rng: random.Random, account: Account, fam: Family) -> str:
    if fam.label == "spam":
        others = [lang for lang in fam.langs if lang != "en"]
        return rng.choice(others) if others and rng.random() < 0.45 else "en"
    return account.langs[0] if rng.random() < 0.8 or len(account.langs) == 1 else rng.choice(account.langs[1:])


def _submission(rng: random.Random, draft: Draft, account: Account) -> Submission:
    m = draft.mail
    rcpts = [a for _, a in m.to] + [a for _, a in m.cc] + draft.bcc
    box = draft.sender_box or m.from_addr
    if draft.via in ("client", "webmail", "intruder"):
        if box.rsplit("@", 1)[1] not in account.domains:
            raise ValueError(f"{box} is not a mailbox of {account.user}")
        if draft.via == "webmail":
            return webmail(box, rcpts)
        if draft.via == "intruder":
            return mail_client(rng, box, rcpts, far=True, helo=rng.choice(("User", "WIN-SRV", "localhost",
                                                                          "[127.0.0.1]",
                                                                          "ylmf-pc", "")))
        return mail_client(rng, box, rcpts)
    if draft.via == "php":
        return php_script(rng, account, rcpts, draft.script, mail_from=draft.mail_from)
    return cron_job(account, rcpts, mail_from=draft.mail_from)


def generate(seed: int = 0) -> list[ModernMessage]:
    """Every message of set F for `seed` (deterministic: every choice comes from a string-seeded Random)."""
    out: list[ModernMessage] = []
    for fam in FAMILIES:
        pool = ACCOUNTS if fam.senders == ("*",) else tuple(BY_USER[u] for u in fam.senders)
        for i in range(fam.count):
            rng = random.Random(f"set-f:{seed}:{fam.name}:{i}")
            account = rng.choice(pool)
            when = (START + timedelta(seconds=rng.randint(0, 86400 * 45))).astimezone(_tz(account))
            ctx = Ctx(rng=rng, account=account, lang=_lang(rng, account, fam), when=when, index=i)
            draft = fam.write(ctx)
            sub = _submission(rng, draft, account)
            raw = render(draft.mail, sub, when, rng)
            out.append(ModernMessage(
                name=f"f-{fam.name}-{i:02d}", label=fam.label, family=fam.name, kind=fam.kind, lang=draft.mail.lang,
                raw=raw, mail_from=sub.mail_from, recipients=list(sub.recipients), auth_user=sub.auth_user,
                local_user=sub.local_user, account=account.user, account_domains=list(account.domains),
                ip=sub.ip, helo=sub.helo, account_uid=account.uid,
                notes=f"{fam.kind} via {draft.via} from {account.name}"))
    return out
