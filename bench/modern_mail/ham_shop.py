"""Shop mail to customers: short receipts, order confirmations, shipping notices."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

from bench.modern_mail.blocks import Block, Button, Doc, Link, P, Small, Table, to_html, to_text
from bench.modern_mail.context import Built, Ctx
from bench.modern_mail.languages import NO_REPLY, SIGNOFF, greet, money, short_date
from bench.modern_mail.model import Mail, Person
from bench.modern_mail.shop_phrases import ORDER, RECEIPT, SHIPPING
from bench.modern_mail.shops import PRODUCTS, STREETS, carriers_for, tracking_code
from bench.modern_mail.sites import accent, footer, site_from, site_submission
from bench.modern_mail.transport import smtp_auth


def _basket(ctx: Ctx, most: int = 4) -> list[tuple[str, int, float]]:
    items = PRODUCTS[ctx.account.user]
    chosen = ctx.rng.sample(items, k=min(len(items), ctx.rng.randint(1, most)))
    return [(name, ctx.rng.choice((1, 1, 1, 2, 3)), price) for name, price in chosen]


def _order_no(ctx: Ctx) -> str:
    return ctx.pick((str(ctx.rng.randint(1001, 1400)), str(ctx.rng.randint(10000, 48000)),
                     f"{ctx.when.year}-{ctx.rng.randint(100, 999)}"))


def _slots(ctx: Ctx, person: Person, order: str, total: float) -> dict[str, str]:
    cur = ctx.account.currency
    return {"shop": ctx.account.name, "order": order, "total": money(total, cur, ctx.lang), "first": person.first,
            "name": person.name, "owner": ctx.staff()[0], "card": ctx.digits(4)}


def receipt_short(ctx: Ctx) -> Built:
    """A two- or three-line receipt, as a small shop sends it from its own mailbox or its site."""
    person = ctx.person()
    basket = _basket(ctx, 2)
    order = _order_no(ctx)
    slots = _slots(ctx, person, order, sum(q * p for _, q, p in basket))
    subject, body = (t.format(**slots) for t in ctx.pick(RECEIPT[ctx.lang]))
    if ctx.chance(0.5):
        name, addr = ctx.staff(ctx.rng.randrange(len(ctx.account.people)))
        agent = ctx.pick(("apple_mail", "iphone", "thunderbird", "outlook", "roundcube"))
        sub = smtp_auth(ctx.rng, addr, [person.email])
        name = ctx.account.name if ctx.chance(0.5) else name
    else:
        name, addr, agent = site_from(ctx)
        sub = site_submission(ctx, [person.email], addr)
    mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[("", person.email)], text=body + "\n",
                lang=ctx.lang, agent=agent)
    if ctx.chance(0.2):  # some shop systems send even this as a tiny HTML page
        mail.html = to_html(Doc([P(line) for line in body.split("\n")], ctx.lang, subject), "simple")
        mail.text = None if ctx.chance(0.5) else mail.text
    return Built(mail, sub, "two-line receipt")


def _order_blocks(ctx: Ctx, person: Person, order: str,
                  basket: list[tuple[str, int, float]]) -> tuple[list[Block], str, dict[str, str]]:
    a = ctx.account
    ph = ORDER[ctx.lang]
    lb = ph["labels"]
    sub_total = sum(q * p for _, q, p in basket)
    ship = 0.0 if sub_total > 60 * (150 if a.currency == "JPY" else 1) else ctx.pick((3.95, 4.9, 5.5, 6.9))
    if a.currency == "JPY":
        ship = 0.0 if sub_total > 5000 else 660.0
    slots = _slots(ctx, person, order, sub_total + ship)
    pay = ctx.pick(ph["pay"]).format(**slots)
    cur = a.currency

    def m(v: float) -> str:
        return money(v, cur, ctx.lang)

    rows = tuple((name, f"× {q}", m(q * p)) for name, q, p in basket)
    totals = ((lb[3], m(sub_total)), (lb[4], m(ship)), (lb[5], m(sub_total + ship)))
    view = {"woocommerce": f"my-account/view-order/{order}/",
            "prestashop": f"index.php?controller=order-detail&id_order={order}"}.get(a.platform,
                                                                                      f"account/orders/{order}")
    blocks: list[Block] = [P(greet(ctx.lang, person.first, person.name, formal=ctx.chance(0.5), customer=True)),
                           P(ctx.pick(ph["intro"]).format(**slots)),
                           Table(rows, (lb[0], lb[1], lb[2])), Table(totals),
                           P(f"{lb[6]}: {pay}"),
                           P(f"{lb[7]}:\n{person.name}\n{ctx.pick(STREETS[ctx.lang])}"),
                           Button(lb[8], ctx.url(view))]
    if pay == "PayPal" and ctx.chance(0.6):
        txn = ctx.token(17, "ABCDEFGHJKLMNPRSTUVWXY0123456789")
        blocks.append(Link(txn, f"https://www.paypal.com/myaccount/transactions/details/{txn}", "PayPal:"))
    elif ctx.chance(0.2):
        blocks.append(Link("Stripe", f"https://pay.stripe.com/receipts/payment/{ctx.token(40)}"))
    blocks.append(P(ctx.pick(ph["outro"])))
    return blocks, ctx.pick(ph["subject"]).format(**slots), slots


def order_confirmation(ctx: Ctx) -> Built:
    """A shop system's order confirmation: items, totals, addresses, a link to the order, the legal footer."""
    person = ctx.person()
    order = _order_no(ctx)
    blocks, subject, _ = _order_blocks(ctx, person, order, _basket(ctx))
    name, addr, agent = site_from(ctx)
    doc = Doc(blocks + footer(ctx, social=ctx.chance(0.6)), ctx.lang, subject, accent(ctx))
    style = "woo" if ctx.account.platform == "woocommerce" else ctx.pick(("builder", "simple"))
    html = to_html(doc, style)
    text = to_text(doc) if ctx.chance(0.6) else None
    mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[(person.name, person.email)], text=text,
                html=html, lang=ctx.lang, agent=agent)
    if ctx.chance(0.3):
        mail.reply_to = (ctx.account.name, ctx.staff(len(ctx.account.people) - 1)[1])
    return Built(mail, site_submission(ctx, [person.email], addr), "order confirmation")


def shipping_notice(ctx: Ctx) -> Built:
    """A shipping notice with a link to the carrier's own tracking page."""
    a = ctx.account
    person = ctx.person()
    order = _order_no(ctx)
    carrier, url, pattern = ctx.pick(carriers_for(a.currency, ctx.lang))
    code = tracking_code(pattern, ctx.rng)
    ph = SHIPPING[ctx.lang]
    slots = {"shop": a.name, "order": order, "carrier": carrier, "code": code,
             "eta": short_date(ctx.later(ctx.rng.randint(1, 4)), ctx.lang)}
    subject = ctx.pick(ph["subject"]).format(**slots)
    blocks: list[Block] = [P(greet(ctx.lang, person.first, person.name, formal=ctx.chance(0.5), customer=True)),
                           P(ctx.pick(ph["body"]).format(**slots)),
                           Button(ph["track"][0], url.format(code=code)),
                           P(ctx.pick(ph["eta"]).format(**slots))]
    if ctx.chance(0.5):
        blocks.append(Table(tuple((n, f"× {q}") for n, q, _ in _basket(ctx, 3))))
    if ctx.chance(0.5):
        blocks.append(P(ctx.pick(SIGNOFF[ctx.lang]) + "\n" + a.name))
    blocks += footer(ctx, social=ctx.chance(0.5), extra=[Small(NO_REPLY[ctx.lang])] if ctx.chance(0.5) else None)
    doc = Doc(blocks, ctx.lang, subject, accent(ctx))
    name, addr, agent = site_from(ctx)
    plain_only = a.platform == "custom" and ctx.chance(0.5)
    mail = Mail(subject=subject, from_name=name, from_addr=addr, to=[(person.name, person.email)],
                text=to_text(doc) if plain_only or ctx.chance(0.5) else None,
                html=None if plain_only else to_html(doc, "woo" if a.platform == "woocommerce" else "builder"),
                lang=ctx.lang, agent=agent)
    return Built(mail, site_submission(ctx, [person.email], addr, admin=True), f"shipping notice via {carrier}")
