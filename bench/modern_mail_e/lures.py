"""What the intruders need again and again: where a lure's link points, who it is sent to, and how it leaves
the server (a stolen mailbox writes as itself; a dropped script or a cron job writes as anyone)."""

from __future__ import annotations

from bench.modern_mail_e import routes
from bench.modern_mail_e.parts import Ctx
from bench.modern_mail_e.submit import Route
from bench.modern_mail_e.world import MAILHOSTS, person

HACKED_SITES = ("lakeside-bnb.example", "bobsbikes.example", "green-garden.example", "st-anne-choir.example",
                "dr-ferreira.example", "kleingarten-nord.example", "pizzeria-bella.example")


def lure(c: Ctx, brand: str) -> str:
    """A phishing link, in one of the shapes in use: lookalike domains, hacked sites, free hosting and storage of
    big providers, redirectors, shorteners, bare IP addresses."""
    t = c.token(c.rng.randint(6, 14))
    b = brand.lower().replace(" ", "")
    shapes = (
        f"https://{b}-account-verify.example/signin?id={t}",
        f"https://secure-{b}.example/{t}/login",
        f"https://{b}.com.session-{c.num(10, 99)}.example/auth/",
        f"https://xn--{b[:5]}-9za.example/{t}",
        f"https://{c.rng.choice(HACKED_SITES)}/wp-content/uploads/2026/11/{b}/index.php?e={t}",
        f"https://{c.rng.choice(HACKED_SITES)}/.well-known/pki-validation/{t}/",
        f"https://storage.googleapis.example/{t.lower()}/index.html#{t}",
        f"https://{t.lower()}.r2.dev.example/{b}.html",
        f"https://forms.office.example/r/{t}",
        f"https://docs.google.example/forms/d/e/1FAIpQL{t}/viewform",
        f"https://{t.lower()}.ipfs.dweb.example/",
        f"https://{t.lower()}.pages.dev.example/",
        f"https://{t.lower()}-{b}.web.app.example/",
        f"https://www.canva.example/design/{t}/view",
        f"https://www.google.example/url?q=https://{b}-help.example/{t}&sa=D",
        f"https://bit.example/{t[:7]}",
        f"https://tinyurl.example/{t[:8].lower()}",
        f"http://203.0.113.{c.rng.randrange(2, 250)}/{b}/",
        f"https://www.{b}.com.example@198.51.100.{c.rng.randrange(2, 250)}/login",
        f"https://{b}-{c.rng.choice(('support', 'billing', 'service', 'secure'))}."
        f"{c.rng.choice(('top', 'xyz', 'click', 'shop'))}.example/",
    )
    return c.rng.choice(shapes)


def victims(c: Ctx, lo: int = 1, hi: int = 40) -> list[str]:
    n = c.rng.randint(lo, hi)
    return [person(c.rng, c.rng.choice(("en", "en", "de", "fr", "es"))).email for _ in range(n)]


def victim_address(c: Ctx) -> str:
    return f"{c.rng.choice(('info', 'office', 'accounts', 'admin', 'sales', 'hr', 'finance'))}@" + c.rng.choice(
        ("acme-supplies.example", "northwind.example", "contoso.example", "fabrikam.example", *MAILHOSTS))


def send_as(c: Ctx, name: str, forged: str, prefer: str = "any") -> tuple[Route, str, str]:
    """(route, From name, From address). A stolen mailbox sends as itself (with any display name); a script or a
    cron job can write any From. `prefer`: "mailbox", "script" or "any"."""
    kind = prefer if prefer != "any" else c.rng.choice(("mailbox", "mailbox", "script", "script", "cron", "webmail"))
    if kind in ("mailbox", "webmail"):
        idx = c.rng.randrange(len(c.acct.people))
        who = c.who(idx)
        r = routes.stolen_webmail(c, idx) if kind == "webmail" else routes.stolen_mailbox(c, idx)
        return r, name or who[0], who[1]
    env = c.rng.choice(("", forged, f"{c.token(6).lower()}@{c.acct.main_domain}"))
    r = routes.dropped_script(c, env) if kind == "script" else routes.evil_cron(c, env)
    return r, name, forged
