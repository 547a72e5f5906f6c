"""Replies (In-Reply-To, References, the quoted original) and forwards, typed by people at the accounts."""

from __future__ import annotations

import email.utils
from datetime import timedelta

from bench.modern_mail.attachments import make_pdf
from bench.modern_mail.blocks import Block, P, Quote
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.ham_forms import visitor_text
from bench.modern_mail.ham_letters import business_signature, letter_slots
from bench.modern_mail.languages import (
    FORWARD_HEADER,
    FORWARD_PREFIX,
    FREEMAIL,
    QUOTE_HEADER,
    REPLY_PREFIX,
    SIGNOFF,
    first_name,
    greet,
    long_date,
)
from bench.modern_mail.letter_phrases import BUSINESS, PARTNERS, PERSONAL
from bench.modern_mail.model import Attachment, Person
from bench.modern_mail.rendering import encode_words
from bench.modern_mail.thread_phrases import ANSWER, CHAT, FORWARD_NOTE
from bench.modern_mail.writer import foreign_message_id, person_mail, quoted

_ENQUIRY = {"en": "Enquiry", "de": "Anfrage", "fr": "Demande", "es": "Consulta", "ar": "استفسار", "he": "שאלה",
            "ja": "お問い合わせ", "zh": "咨询"}


def _original(ctx: Ctx, shape: str, me: str) -> tuple[Person, str, str]:
    """The message being answered or forwarded, written to `me`: (its author, subject, text)."""
    if shape == "friend":
        friend = ctx.person()
        subject, body = ctx.pick(PERSONAL[ctx.lang])
        text = body.format(**letter_slots(ctx, friend))
        return friend, subject, f"{greet(ctx.lang, first_name(me, ctx.lang), me)}\n\n{text}\n\n{friend.first}"
    if shape == "partner":
        p = ctx.person()
        domain = ctx.pick(PARTNERS[ctx.lang])
        author = Person(p.name, p.email.split("@")[0] + "@" + domain, p.lang, p.first)
        subject, body = ctx.pick([(s, b) for _tags, s, b in BUSINESS[ctx.lang]])
        text = body.format(**letter_slots(ctx, author))
        return author, subject, f"{text}\n\n{ctx.pick(SIGNOFF[ctx.lang])}\n{author.name}"
    customer = ctx.person()
    text = visitor_text(ctx)
    return customer, _ENQUIRY[ctx.lang], f"{text}\n\n{customer.name}"


def _outlook_block(ctx: Ctx, author: Person, to: str, subject: str, sent: str) -> str:
    _sep, lf, ld, ls, lt = FORWARD_HEADER[ctx.lang]
    return f"{lf}: {author.name} <{author.email}>\n{ld}: {sent}\n{lt}: {to}\n{ls}: {subject}"


def reply(ctx: Ctx) -> Built:
    """A reply to a customer, a friend or a business contact, quoting the message it answers."""
    shape = ctx.pick(("customer", "customer", "friend", "partner"))
    name, addr = ctx.human()
    author, orig_subject, orig_text = _original(ctx, shape, name)
    sent = ctx.when - timedelta(hours=ctx.rng.randint(1, 70))
    orig_id = foreign_message_id(ctx, author.email)
    answer = ctx.pick(CHAT[ctx.lang] if shape == "friend" else ANSWER[ctx.lang])
    agent = ctx.pick(("thunderbird", "apple_mail", "iphone", "outlook", "roundcube"))
    quote_html: Block
    if agent == "outlook":
        quote = "\n".join(["_" * 32, _outlook_block(ctx, author, f"{name} <{addr}>", orig_subject,
                                                     long_date(sent, ctx.lang, time=True)), "", orig_text])
        quote_html = P(quote)
    else:
        header = QUOTE_HEADER[ctx.lang].format(date=long_date(sent, ctx.lang, time=True), name=author.name,
                                               addr=author.email)
        quote = header + "\n" + quoted(orig_text)
        quote_html = Quote(header, orig_text)
    signature = business_signature(ctx, name) if shape != "friend" and ctx.chance(0.6) else [first_name(name, ctx.lang)]
    paragraphs = [greet(ctx.lang, author.first, author.name, formal=shape != "friend" and ctx.chance(0.5)),
                  answer]
    if shape != "friend":
        paragraphs.append(ctx.pick(SIGNOFF[ctx.lang]))
    subject = REPLY_PREFIX[ctx.lang] + orig_subject if ctx.lang in ("de", "he", "ar", "zh") or ctx.chance(0.7) \
        else "Re: " + orig_subject
    mail, sub = person_mail(ctx, sender=(name, addr), to=[(author.name, author.email)], subject=subject,
                            paragraphs=paragraphs, signature=signature, quote=quote, quote_html=quote_html,
                            agent=agent)
    refs = [orig_id]
    if ctx.chance(0.4):  # a longer thread: the original was itself an answer to us
        refs.insert(0, f"<{ctx.hex(12)}@{ctx.account.main_domain}>")
    mail.headers += [("In-Reply-To", orig_id), ("References", " ".join(refs))]
    if agent == "outlook":
        mail.headers.append(("Thread-Topic", encode_words(orig_subject, "utf-8", ctx.rng, "Thread-Topic")))
    return Built(mail, sub, f"reply to a {shape}")


def forward(ctx: Ctx) -> Built:
    """A forward of an enquiry or a business letter to a colleague, the owner's own address or an adviser."""
    shape = ctx.pick(("customer", "partner"))
    people = ctx.account.people
    name, addr = ctx.staff(ctx.rng.randrange(len(people)))
    author, orig_subject, orig_text = _original(ctx, shape, name)
    others = [ctx.staff(i) for i in range(len(people)) if ctx.staff(i)[1] != addr]
    to_self = False
    if others and ctx.chance(0.6):
        target = ctx.pick(others)  # a colleague
    elif ctx.chance(0.5):
        adviser = ctx.person()
        target = (adviser.name, adviser.email)
    else:  # one's own freemail box
        to_self = True
        target = (name, f"{addr.split('@')[0]}.{ctx.account.user}@{ctx.pick(FREEMAIL[ctx.lang])}")
    sent = ctx.when - timedelta(hours=ctx.rng.randint(1, 120))
    sep, lf, ld, ls, lt = FORWARD_HEADER[ctx.lang]
    stamp = email.utils.format_datetime(sent) if ctx.chance(0.5) else long_date(sent, ctx.lang, time=True)
    block = "\n".join([sep, f"{lf}: {author.name} <{author.email}>", f"{ld}: {stamp}", f"{ls}: {orig_subject}",
                       f"{lt}: {addr}", "", orig_text])
    note = FORWARD_NOTE[ctx.lang][0] if to_self else ctx.pick(FORWARD_NOTE[ctx.lang])  # [0] is "for the record"
    paragraphs = [note] if to_self or ctx.chance(0.5) else [greet(ctx.lang, first_name(target[0], ctx.lang),
                                                                  target[0]), note]
    mail, sub = person_mail(ctx, sender=(name, addr), to=[("", target[1])], subject=FORWARD_PREFIX[ctx.lang]
                            + orig_subject, paragraphs=paragraphs, signature=[name], quote=block)
    if shape == "partner" and ctx.chance(0.4):
        pdf = make_pdf([author.email, orig_subject if orig_subject.isascii() else "Offer", "see attached"],
                       title="Offer")
        word = {"de": "Angebot", "fr": "Devis", "es": "Presupuesto"}.get(ctx.lang, "Quote")
        mail.attachments.append(Attachment(f"{word}_{ctx.digits(4)}.pdf", "application/pdf", pdf))
    if ctx.chance(0.3):
        mail.headers.append(("References", foreign_message_id(ctx, author.email)))
    return Built(mail, sub, f"forward of a {shape} message")
