"""Account mail from web sites: password resets, sign-up confirmations, notices to the site's owner."""

from __future__ import annotations

from bench.modern_mail.account_phrases import OWNER, RESET, SIGNUP
from bench.modern_mail.blocks import Block, Button, Code, Doc, P, Small, to_html, to_text
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.languages import FREEMAIL, NO_REPLY, greet, money
from bench.modern_mail.model import Mail, Person
from bench.modern_mail.shops import PRODUCTS
from bench.modern_mail.sites import accent, footer, site_from, site_submission
from bench.modern_mail.transport import home_ip

_WP_LOCALE = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "ar": "ar", "he": "he_IL", "ja": "ja",
              "zh": "zh_CN"}


def _user(person: Person) -> str:
    return person.email.split("@")[0]


def _slots(ctx: Ctx, person: Person) -> dict[str, str]:
    return {"site": ctx.account.name, "user": _user(person), "email": person.email, "ip": home_ip(ctx.rng),
            "mins": str(ctx.pick((15, 30, 60, 60, 1440 // 24))), "name": person.name}


def _transactional(ctx: Ctx, person: Person, subject: str, blocks: list[Block], *, notes: str,
                   wp_plain: bool) -> Built:
    name, addr, agent = site_from(ctx)
    doc = Doc(blocks + footer(ctx, social=ctx.chance(0.3)), ctx.lang, subject, accent(ctx))
    plain = wp_plain and ctx.account.platform in ("wordpress", "woocommerce") and ctx.chance(0.6)
    html = None if plain else to_html(doc, ctx.pick(("builder", "simple", "woo")))
    text = to_text(Doc(blocks, ctx.lang)) if plain else (to_text(doc) if ctx.chance(0.7) else None)
    mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[("", person.email)], text=text, html=html,
                lang=ctx.lang, agent=agent)
    return Built(mail, site_submission(ctx, [person.email], addr, script=ctx.pick(("/wp-login.php", "/index.php"))
                                       if ctx.account.platform != "custom" else "/account/reset.php"), notes)


def password_reset(ctx: Ctx) -> Built:
    """A password reset link or a one-time code from a site the recipient has an account on."""
    person = ctx.person()
    slots = _slots(ctx, person)
    subject, intro, label, closing = (t.format(**slots) for t in ctx.pick(RESET[ctx.lang]))
    if ctx.account.platform in ("wordpress", "woocommerce"):
        link = ctx.url(f"wp-login.php?action=rp&key={ctx.token(20)}&login={slots['user']}"
                       f"&wp_lang={_WP_LOCALE[ctx.lang]}")
    else:
        link = ctx.url(f"account/reset-password?token={ctx.token(48)}")
    blocks: list[Block] = [P(greet(ctx.lang, person.first, person.name, customer=True)), P(intro)]
    blocks.append(Button(label, link) if label else Code(ctx.digits(6)))
    blocks.append(P(closing))
    if ctx.chance(0.5):
        blocks.append(Small(NO_REPLY[ctx.lang]))
    return _transactional(ctx, person, subject, blocks, notes="password reset", wp_plain=True)


def signup_confirmation(ctx: Ctx) -> Built:
    """A double opt-in or account activation with a confirmation link on the site's own domain."""
    person = ctx.person()
    slots = _slots(ctx, person)
    subject, intro, label, closing = (t.format(**slots) for t in ctx.pick(SIGNUP[ctx.lang]))
    if ctx.account.platform in ("wordpress", "woocommerce") and ctx.chance(0.5):
        link = ctx.url(f"?mailpoet_page=subscriptions&action=confirm&data={ctx.token(60)}")
    else:
        link = ctx.pick((ctx.url(f"activate/{ctx.token(32)}"), ctx.url(f"my-account/?verify={ctx.hex(40)}")))
    blocks: list[Block] = [P(greet(ctx.lang, person.first, person.name, customer=True)), P(intro), Button(label, link),
                           P(closing)]
    built = _transactional(ctx, person, subject, blocks, notes="sign-up confirmation", wp_plain=False)
    built.mail.headers.append(("Auto-Submitted", "auto-generated"))
    return built


def site_notification(ctx: Ctx) -> Built:
    """A note from the site software to its owner: new order, new user, comment to moderate, update, backup."""
    a = ctx.account
    owner_name, owner_box = ctx.staff()
    # many owners read their site's mail in a freemail box
    owner_addr = owner_box if ctx.chance(0.5) else f"{owner_box.split('@')[0]}.{a.user}@{ctx.pick(FREEMAIL[ctx.lang])}"
    person = ctx.person()
    items = PRODUCTS.get(a.user, [("", 40.0)])
    slots = {**_slots(ctx, person), "order": str(ctx.rng.randint(1001, 9000)),
             "total": money(sum(p for _, p in items[:2]), a.currency, ctx.lang),
             "author": person.name, "post": ctx.pick(("Opening hours", "Summer news", "Our new menu", "FAQ")),
             "version": ctx.pick(("6.7.1", "6.7.2", "6.8")), "home": ctx.url(""),
             "url": ctx.url(ctx.pick((f"wp-admin/post.php?post={ctx.rng.randint(100, 9999)}&action=edit",
                                      "wp-admin/edit-comments.php?comment_status=moderated", "wp-admin/")))}
    templates = OWNER[ctx.lang]
    if a.sector != "shop":
        templates = [t for t in templates if "{order}" not in t[0]] or templates
    subject, body = (t.format(**slots) for t in ctx.pick(templates))
    name, addr, agent = site_from(ctx, "wordpress" if a.platform in ("wordpress", "woocommerce") else "")
    mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[("", owner_addr)], text=body + "\n",
                lang=ctx.lang, agent=agent)
    if a.platform == "woocommerce" and "{order}" in ctx.pick(templates)[0] and ctx.chance(0.5):
        mail.html = to_html(Doc([P(x) for x in body.split("\n")], ctx.lang, subject, accent(ctx)), "woo")
    sub = site_submission(ctx, [owner_addr], addr, script=ctx.pick(("/wp-cron.php", "/index.php")))
    return Built(mail, sub, f"site notice to the owner ({owner_name})")
