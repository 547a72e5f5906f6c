"""Replies (In-Reply-To, References, the quoted original) and forwards, typed by people at the accounts."""

from __future__ import annotations

import email.utils
from datetime import timedelta

from bench.modern_mail.attachments import make_pdf
from bench.modern_mail.blocks import Block, P, Quote
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.ham_forms import VISITOR
from bench.modern_mail.ham_letters import business_signature, letter_slots
from bench.modern_mail.languages import (
    FORWARD_HEADER,
    FORWARD_PREFIX,
    QUOTE_HEADER,
    REPLY_PREFIX,
    SIGNOFF,
    greet,
    long_date,
)
from bench.modern_mail.letter_phrases import BUSINESS, PARTNERS, PERSONAL
from bench.modern_mail.model import Attachment, Person
from bench.modern_mail.rendering import encode_words
from bench.modern_mail.thread_phrases import ANSWER, CHAT, FORWARD_NOTE
from bench.modern_mail.writer import foreign_message_id, person_mail, quoted

_GROUP = {"shop": "shop", "clinic": "book", "hotel": "book", "restaurant": "book", "firm": "quote",
          "agency": "quote", "club": "join", "school": "join", "personal": "quote"}
_ENQUIRY = {"en": "Enquiry", "de": "Anfrage", "fr": "Demande", "es": "Consulta", "ar": "استفسار", "he": "שאלה",
            "ja": "お問い合わせ", "zh": "咨询"}


def _original(ctx: Ctx, shape: str) -> tuple[Person, str, str]:
    """The message being answered or forwarded: (its author, subject, text)."""
    if shape == "friend":
        friend = ctx.person()
        subject, body = ctx.pick(PERSONAL[ctx.lang])
        me = ctx.staff()[0]
        text = body.format(**letter_slots(ctx, friend))
        return friend, subject, f"{greet(ctx.lang, me.split()[0], me)}\n\n{text}\n\n{friend.first}"
    if shape == "partner":
        p = ctx.person()
        domain = ctx.pick(PARTNERS[ctx.lang])
        author = Person(p.name, p.email.split("@")[0] + "@" + domain, p.lang, p.first)
        subject, body = ctx.pick([(s, b) for _tags, s, b in BUSINESS[ctx.lang]])
        text = body.format(**letter_slots(ctx, author))
        return author, subject, f"{text}\n\n{ctx.pick(SIGNOFF[ctx.lang])}\n{author.name}"
    customer = ctx.person()
    texts = VISITOR[ctx.lang]
    text = ctx.pick(texts.get(_GROUP[ctx.account.sector], texts["quote"])).format(n=ctx.rng.randint(1001, 9999))
    return customer, _ENQUIRY[ctx.lang], f"{text}\n\n{customer.name}"


def _outlook_block(ctx: Ctx, author: Person, to: str, subject: str, sent: str) -> str:
    _sep, lf, ld, ls, lt = FORWARD_HEADER[ctx.lang]
    return f"{lf}: {author.name} <{author.email}>\n{ld}: {sent}\n{lt}: {to}\n{ls}: {subject}"


def reply(ctx: Ctx) -> Built:
    """A reply to a customer, a friend or a business contact, quoting the message it answers."""
    shape = ctx.pick(("customer", "customer", "friend", "partner"))
    author, orig_subject, orig_text = _original(ctx, shape)
    name, addr = ctx.human()
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
    signature = business_signature(ctx, name) if shape != "friend" and ctx.chance(0.6) else [name.split()[0]]
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
    author, orig_subject, orig_text = _original(ctx, shape)
    people = ctx.account.people
    name, addr = ctx.staff(ctx.rng.randrange(len(people)))
    others = [ctx.staff(i) for i in range(len(people)) if ctx.staff(i)[1] != addr]
    # to a colleague, else to one's own freemail box or an adviser
    target = ctx.pick(others) if others and ctx.chance(0.6) else (name, ctx.person().email)
    sent = ctx.when - timedelta(hours=ctx.rng.randint(1, 120))
    sep, lf, ld, ls, lt = FORWARD_HEADER[ctx.lang]
    stamp = email.utils.format_datetime(sent) if ctx.chance(0.5) else long_date(sent, ctx.lang, time=True)
    block = "\n".join([sep, f"{lf}: {author.name} <{author.email}>", f"{ld}: {stamp}", f"{ls}: {orig_subject}",
                       f"{lt}: {addr}", "", orig_text])
    note = ctx.pick(FORWARD_NOTE[ctx.lang])
    paragraphs = [note] if ctx.chance(0.6) else [greet(ctx.lang, target[0].split()[0], target[0]), note]
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
