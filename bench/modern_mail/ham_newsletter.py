"""Newsletters: MailPoet or Sendy on the account's own site, List-Unsubscribe and List-Id, tracked links."""

from __future__ import annotations

from collections.abc import Callable

from bench.modern_mail.attachments import make_png
from bench.modern_mail.blocks import Block, Button, Doc, H, Img, Link, Links, P, Small, to_html, to_text
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.languages import SIGNOFF, UNSUBSCRIBE, VIEW_ONLINE, WHY_RECEIVED, month_name
from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail.newsletter_phrases import NEWS, Issue
from bench.modern_mail.sites import SERVER_IP, accent, slug
from bench.modern_mail.transport import php_mail, smtp_auth

_TAG = {"shop": "shop", "clinic": "book", "hotel": "book", "restaurant": "book", "club": "club",
        "school": "school", "agency": "agency", "firm": "agency", "personal": "any"}


def _issue(ctx: Ctx) -> Issue:
    issues = NEWS[ctx.lang]
    tag = _TAG[ctx.account.sector]
    fitting = [i for i in issues if tag in i[0]] or [i for i in issues if "any" in i[0]] or issues
    return ctx.pick(fitting)


def _tracker(ctx: Ctx, tool: str, campaign: str) -> Callable[[str], str]:
    d = ctx.account.main_domain

    def track(path: str) -> str:
        if tool == "mailpoet":
            return ctx.url(f"?mailpoet_router&endpoint=track&action=click&data={ctx.token(44)}")
        if tool == "sendy":
            return f"https://news.{d}/l/{ctx.token(22)}/{ctx.token(22)}"
        return ctx.url(f"{path}?utm_source=newsletter&utm_medium=email&utm_campaign={campaign}")
    return track


def newsletter(ctx: Ctx) -> Built:
    """One subscriber's copy of a newsletter, with the list headers and footer bulk mail carries."""
    a = ctx.account
    _tags, subject_t, pre, sections, cta = _issue(ctx)
    slots = {"biz": a.name, "month": month_name(ctx.when, ctx.lang)}
    subject = subject_t.format(**slots)
    person = ctx.person()
    if a.sector == "club" and ctx.chance(0.3):
        return _club_bcc(ctx, subject, sections, slots)
    tool = "mailpoet" if a.platform in ("wordpress", "woocommerce") else ctx.pick(("sendy", "utm"))
    campaign = f"{month_name(ctx.when, 'en').lower()}{ctx.when.year}"
    track = _tracker(ctx, tool, campaign)
    sub_id = ctx.token(32)
    unsub = (ctx.url(f"?mailpoet_page=subscriptions&action=unsubscribe&data={ctx.token(40)}") if tool == "mailpoet"
             else f"https://news.{a.main_domain}/unsubscribe/{sub_id}")
    blocks: list[Block] = [Link(VIEW_ONLINE[ctx.lang], track("newsletter/"))]
    inline: list[Attachment] = []
    if ctx.chance(0.75):
        blocks.append(Img(ctx.url(f"wp-content/uploads/{ctx.when.year}/02/logo-{slug(ctx)}.png"), a.name, 180,
                          ctx.url("")))
    blocks.append(H(subject))
    for i, (head, text) in enumerate(sections):
        blocks.append(H(head.format(**slots)))
        if i == 0 and ctx.chance(0.5):
            blocks.append(Img(ctx.url(f"wp-content/uploads/{ctx.when.year}/03/{ctx.token(8).lower()}.jpg"), head,
                              560, track("shop/")))
        blocks.append(P(text.format(**slots)))
    blocks.append(Button(cta, track(ctx.pick(("shop/", "booking/", "blog/", "")))))
    blocks.append(Links((("Facebook", f"https://www.facebook.com/{slug(ctx)}"),
                         ("Instagram", f"https://www.instagram.com/{slug(ctx)}/"))))
    blocks.append(Small(WHY_RECEIVED[ctx.lang].format(site=ctx.site())))
    blocks.append(Link(UNSUBSCRIBE[ctx.lang], unsub))
    blocks.append(Small("\n".join(x for x in (a.name, a.address, a.tax_id) if x)))
    doc = Doc(blocks, ctx.lang, subject, accent(ctx), preheader=pre.format(**slots),
              pixel=f"https://news.{a.main_domain}/t/{ctx.token(22)}.gif" if tool == "sendy" else "")
    html = to_html(doc, "builder")
    if ctx.chance(0.25):  # the logo travels inline instead of from the site
        html = html.replace(ctx.url(f"wp-content/uploads/{ctx.when.year}/02/logo-{slug(ctx)}.png"), "cid:logo@news")
        inline.append(Attachment("logo.png", "image/png", make_png(24, 8, (40, 90, 160)), "logo@news"))
    box = ctx.pick(("news", "newsletter", "hello", "info"))
    from_addr = f"{box}@{a.main_domain}"
    mail = Mail(subject=subject, from_name=a.name, from_addr=from_addr, to=[("", person.email)],
                text=to_text(doc) if ctx.chance(0.7) else None, html=html, lang=ctx.lang,
                agent={"mailpoet": "mailpoet", "sendy": "sendy"}.get(tool, "phpmailer"), attachments=inline)
    list_host = f"{ctx.pick(('news', 'list', 'newsletter'))}.{a.main_domain}"
    mail.headers += [("List-Unsubscribe", f"<{unsub}>, <mailto:unsubscribe@{a.main_domain}?subject=unsubscribe>"),
                     ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                     ("List-Id", f"{a.name if a.name.isascii() else slug(ctx)} <{list_host}>")]
    if ctx.chance(0.5):
        mail.headers.append(("Precedence", "bulk"))
    if ctx.chance(0.4):
        mail.headers.append(("Feedback-ID", f"{campaign}:{slug(ctx)}:{tool}"))
    bounce = f"bounces+{ctx.hex(8)}@{a.main_domain}" if ctx.chance(0.5) else from_addr
    if ctx.chance(0.35):
        sub = smtp_auth(ctx.rng, from_addr, [person.email], ip=SERVER_IP, helo=ctx.site(), mail_from=bounce)
    else:
        script = "/wp-cron.php" if tool == "mailpoet" else "/sendy/scheduled.php"
        sub = php_mail(ctx.rng, a, [person.email], script=script, mail_from=bounce, cli=tool != "mailpoet")
    return Built(mail, sub, f"newsletter via {tool}")


def _club_bcc(ctx: Ctx, subject: str, sections: list[tuple[str, str]], slots: dict[str, str]) -> Built:
    """A volunteer secretary sends the club letter from a mail client, members in Bcc."""
    name, addr = ctx.staff()
    text = "\n\n".join(f"{h.format(**slots)}\n{t.format(**slots)}" for h, t in sections)
    body = f"{text}\n\n{ctx.pick(SIGNOFF[ctx.lang])}\n{name}\n{ctx.account.name}\n"
    members = [ctx.person().email for _ in range(ctx.rng.randint(12, 40))]
    mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[(ctx.account.name, addr)], text=body,
                lang=ctx.lang, agent=ctx.pick(("thunderbird", "outlook", "roundcube")))
    return Built(mail, smtp_auth(ctx.rng, addr, sorted(set(members))), "club letter to members in Bcc")
