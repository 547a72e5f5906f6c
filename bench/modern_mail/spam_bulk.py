"""Unsolicited bulk mail: pharmacy, dating, SEO and link-building pitches."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

from bench.modern_mail.blocks import Button, Doc, Img, P, Small, to_html
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.model import Mail, Person
from bench.modern_mail.spam_links import ip_url, scam_site, shortened
from bench.modern_mail.spam_senders import HACKED_SITES, send, victims

PHARMA: dict[str, list[tuple[str, str]]] = {
    "en": [("Your order is ready - 80% off", "V1agra from $0.89 per pill\nC1alis from $1.05 per pill\nNo prescription "
            "needed, discreet worldwide shipping.\n\n{link}"),
           ("lose 12kg in 4 weeks", "Doctors hate this: the keto gummies everyone is talking about.\nOrder today "
            "and get 2 bottles FREE.\n{link}"),
           ("Re: your prescription", "Hi,\n\nyour meds are waiting. Tramadol, Xanax, Ambien: overnight delivery, no "
            "doctor visit.\n\n{link}\n\nTo stop receiving: reply STOP"),
           ("Men's health - discreet", "Be a real man again tonight. Licensed online pharmacy, 100% discreet.\n"
            "{link}")],
    "de": [("Abnehmen ohne Diät", "Bis zu 10 kg in einem Monat, ganz ohne Diät. Nur heute 50 % Rabatt.\n{link}")],
    "fr": [("Pharmacie en ligne -70%", "Médicaments sans ordonnance, livraison discrète en 48 h.\n{link}")],
}
DATING: dict[str, list[tuple[str, str]]] = {
    "en": [("hi there :)", "Hi! I'm Anna, 27. I saw your profile and I think you're cute. I'm new in town and a "
            "bit lonely. My photos are here, write to me: {link}"),
           ("Are you free tonight?", "Hey, it's Kate. We matched last week but you never wrote back... I'm online "
            "now: {link}"),
           ("3 women near you want to meet", "3 women within 5 km of you sent you a message. See who they are: "
            "{link}")],
    "de": [("Hallo Fremder", "Hallo, ich bin Lena (29) und suche jemanden für schöne Abende. Meine Bilder: {link}")],
    "fr": [("coucou", "Coucou, c'est Julie, 26 ans. Je cherche une rencontre sérieuse. Mes photos : {link}")],
    "es": [("Hola guapo", "Hola, soy Laura, 28 años. Te vi en la web y me gustaste. Escríbeme aquí: {link}")],
    "ja": [("はじめまして", "はじめまして、ゆいです。プロフィールを見て気になってメールしました。\n"
            "よかったらこちらでお話しませんか？\n{link}")],
}
SEO: dict[str, list[tuple[str, str]]] = {
    "en": [("{site} - page 1 of Google?", "Hi,\n\nI was looking at {site} and noticed it isn't on the first page of "
            "Google for your main keywords. We can fix that in 30 days or you don't pay.\n\nShall I send you a free "
            "audit? Just reply YES.\n\nBest,\n{name}\nSenior SEO Consultant"),
           ("Guest post on {site}", "Hello,\n\nWe are a content agency and would like to publish a guest post on "
            "{site}. We pay $80 per do-follow article. Please share your price list.\n\nThanks,\n{name}"),
           ("Backlinks: 500 high DA links for $99", "Boost your rankings fast! 500 high authority backlinks (DA 50+), "
            "100% manual, Google safe.\n\nOrder here: {link}\n\nReply 'remove' to unsubscribe."),
           ("Website redesign proposal", "Hi,\n\nI came across {site} and I think the design looks a bit dated and is "
            "not mobile friendly. We build modern websites from $299. Can I send you some samples?\n\n{name}\n"
            "Web Designer"),
           ("Re: {site} collaboration", "Hi,\n\nJust following up on my previous email. Would you be interested in "
            "a link exchange? We have 40 sites in your niche.\n\n{name}")],
    "de": [("{site} – Platz 1 bei Google?", "Hallo,\n\nIhre Website {site} ist bei Google kaum zu finden. Wir bringen "
            "Sie in 30 Tagen auf Seite 1, sonst zahlen Sie nichts. Soll ich Ihnen eine kostenlose Analyse "
            "schicken?\n\n{name}")],
    "fr": [("Référencement de {site}", "Bonjour,\n\nVotre site {site} n'apparaît pas en première page de Google. "
            "Nous pouvons y remédier rapidement. Puis-je vous envoyer un audit gratuit ?\n\n{name}")],
    "es": [("Posicionamiento de {site}", "Hola,\n\nHe visto que {site} no aparece en la primera página de Google. "
            "¿Te envío un análisis gratuito?\n\n{name}")],
}
_SEO_NAMES = ("Rahul Sharma", "Jessica Miller", "Mike Anderson", "Priya Singh", "David Wilson", "Sarah Brown")
_TARGETS = ("info@kaffeehaus-mitte.example", "contact@la-boulangerie.example", "hello@mountainbikes.example",
            "office@zahnarzt-berg.example", "info@hotel-seeblick.example", "sales@printshop.example")


def _link(ctx: Ctx, kind: str) -> str:
    return ctx.pick((scam_site(ctx, kind), shortened(ctx), ip_url(ctx, f"{kind}/?id={ctx.digits(5)}"),
                     f"https://{ctx.pick(HACKED_SITES)}/wp-content/uploads/{ctx.token(6).lower()}.html"))


def _bulk(ctx: Ctx, table: dict[str, list[tuple[str, str]]], kind: str, notes: str, display: str) -> Built:
    targets = victims(ctx, 5, 90) if ctx.chance(0.7) else [ctx.person()]
    link = _link(ctx, kind)
    subject, body = (t.format(link=link, site="", name="") for t in ctx.pick(table[ctx.lang]))
    mail = Mail(subject=subject, from_name=display, from_addr=f"{ctx.token(8).lower()}@{ctx.pick(HACKED_SITES)}",
                to=[], text=body + "\n", lang=ctx.lang,
                agent=ctx.pick(("old_phpmailer", "bare_php", "bulk_tool", "none")))
    if ctx.chance(0.4):  # an image-heavy variant: one picture, one link
        doc = Doc([Img(f"https://{ctx.pick(HACKED_SITES)}/img/{ctx.token(6).lower()}.jpg", subject, 500, link),
                   P(body.split("\n")[0]), Button(ctx.pick(("ORDER NOW", "Click here", "Chat now")), link),
                   Small(f"unsubscribe: {shortened(ctx)}")], ctx.lang, subject, "#cc0000")
        mail.html = to_html(doc, "simple")
    return Built(mail, send(ctx, mail, targets), notes)


def pharma(ctx: Ctx) -> Built:
    """Pills and diet products: short, a shortened or IP link, misspelled drug names."""
    return _bulk(ctx, PHARMA, "pharma", "pharmacy spam", ctx.pick(("Online Pharmacy", "Health Shop", "Dr. Martin",
                                                                   "")))


def dating(ctx: Ctx) -> Built:
    """A 'lonely girl' message with a link to a dating or webcam site."""
    names = {"de": ("Lena ❤", "Lena"), "fr": ("Julie", ""), "es": ("Laura", ""), "ja": ("ゆい", "")}
    return _bulk(ctx, DATING, "dating", "dating spam", ctx.pick(names.get(ctx.lang, ("Anna", "Kate", ""))))


def seo_spam(ctx: Ctx) -> Built:
    """SEO, link-building and web-design pitches to site owners, from the sender's own mailbox."""
    target = ctx.pick(_TARGETS)
    site = target.split("@")[1]
    name = ctx.pick(_SEO_NAMES)
    subject, body = (t.format(site=site, name=name, link=_link(ctx, "seo")) for t in ctx.pick(SEO[ctx.lang]))
    many = ctx.chance(0.5)
    rcpts = sorted({target, *(ctx.pick(_TARGETS) for _ in range(ctx.rng.randint(3, 12)))}) if many else [target]
    mail = Mail(subject=subject, from_name=name, from_addr="", to=[("", target)], text=body + "\n", lang=ctx.lang,
                agent=ctx.pick(("outlook", "bulk_tool", "phpmailer")))
    mail.from_addr = f"{name.split()[0].lower()}@{ctx.pick(ctx.account.domains)}"
    people = [Person("", r, ctx.lang, "") for r in rcpts]
    return Built(mail, send(ctx, mail, people, bcc=many, own_from=ctx.chance(0.5)), "SEO / web-design pitch")
