"""How set F's bad mail is put together and how it leaves a broken-into account.

A family is data (subjects, sentence pools per language, link shapes, an optional attachment, a markup habit)
and this module assembles one message from it: random pieces, so no single wording dominates a family.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bench.modern_mail.model import Attachment, Mail
from bench.modern_mail_f import compose
from bench.modern_mail_f.context import Ctx, Draft

# where bad links point: lookalike hosts, other compromised sites, bare documentation IPs, file-sharing lookalikes
LINK_SHAPES = (
    "https://{brand}-{word}.{tld}/{path}?id={tok}",
    "https://{word}-{brand}.{tld}/{path}/{tok}",
    "https://www.{site}/wp-content/uploads/2025/{month}/{word}/index.php?e={email}",
    "http://{ip}/{path}/{tok}.html",
    "https://{tok6}.{host}/{path}#{email}",
    "https://{short}/{tok6}",
    "https://{site}/.well-known/{word}/{path}.php",
    "https://storage.{cloud}/{tok}/{word}.html",
)
_WORDS = ("secure", "verify", "login", "account", "auth", "portal", "update", "review", "docs", "mail", "support",
          "billing", "service", "online", "access", "session", "notice")
_PATHS = ("signin", "auth/v2", "owa", "validate", "doc/view", "track", "pay", "claim", "confirm", "resolve", "en-us")
_TLDS = ("example", "test")
_SITES = ("bella-trattoria.example", "oak-dental.test", "handwerk-mueller.example", "yogaflow.test",
          "greenvalley-farm.example", "smithandco-law.test", "petals-florist.example", "autohaus-beck.test")
_SHORT = ("sh.rt.example", "lnk2.test", "qr-go.example", "tiny-url.test")
_CLOUD = ("blobcloud.example", "filedrop.test", "pages-host.example", "objstore.test")
_HOSTS = ("weebly-like.example", "sitebuilder.test", "workers-dev.example", "ngrok-free.test", "glitch-app.example")


def bad_link(c: Ctx, brand: str, email: str = "") -> str:
    shape = c.rng.choice(LINK_SHAPES)
    return shape.format(brand=brand, word=c.rng.choice(_WORDS), tld=c.rng.choice(_TLDS), path=c.rng.choice(_PATHS),
                        tok=c.token(c.rng.randint(10, 30)), tok6=c.token(6).lower(), site=c.rng.choice(_SITES),
                        month=f"{c.rng.randint(1, 12):02d}", ip=f"198.51.100.{c.rng.randint(2, 250)}",
                        email=email.replace("@", "%40"), short=c.rng.choice(_SHORT), cloud=c.rng.choice(_CLOUD),
                        host=c.rng.choice(_HOSTS))


@dataclass(frozen=True, slots=True)
class Text:
    """One language's sentence pools of a bad family."""

    subjects: tuple[str, ...]
    openers: tuple[str, ...]
    cores: tuple[str, ...]
    actions: tuple[str, ...]  # the call to act; {link}, {phone}, {amount}, {wallet} may appear
    closers: tuple[str, ...] = ("",)
    buttons: tuple[str, ...] = ("Open",)


@dataclass(frozen=True, slots=True)
class BadFamily:
    name: str
    kind: str  # phishing, scam, malware, bulk
    texts: dict[str, Text]
    brands: tuple[str, ...]  # display names the message claims to come from ("" = the stolen mailbox's owner)
    slug: str = "acct"  # the brand word in lookalike links
    html: float = 0.5  # share written as HTML
    via: tuple[str, ...] = ("intruder", "php", "cron")  # how it leaves, picked at random
    attach: Callable[[Ctx, str], Attachment] | None = None
    inline: Callable[[Ctx], Attachment] | None = None  # an inline image (QR code, logo)
    blast: bool = False  # Bcc blast to many recipients
    extra: tuple[str, ...] = field(default_factory=tuple)  # notes


_SCRIPTS = ("/wp-content/uploads/2025/11/cache.php", "/wp-content/plugins/wp-file-manager/lib/php/mailer.php",
            "/wp-includes/css/dist/block-library/about.php", "/images/stories/ups.php", "/tmp/sess_mail.php",
            "/wp-content/themes/astra/inc/lof.php", "/.well-known/acme-challenge/index.php",
            "/modules/mod_ajax/wso.php",
            "/wp-admin/includes/class-wp-mailer-x.php", "/uploads/a/leaf.php")


def _first(address: str) -> str:
    """The given name a kit guesses from an address (laura.molina12@ -> Laura)."""
    return address.split("@")[0].split(".")[0].rstrip("0123456789").capitalize()


def _fill(s: str, c: Ctx, link: str, victim: str) -> str:
    wallet = "bc1q" + c.token(38).lower()
    return s.format(link=link, phone=f"+1 8{c.rng.randint(0, 8)}{c.rng.randint(0, 9)} 555 0{c.rng.randint(100, 199)}",
                    amount=c.rng.choice(("$1,499.00", "€389.99", "$749.95", "£620.00", "$2,350.00", "€96.40")),
                    wallet=wallet, email=victim, name=_first(victim), ref=c.number("", 8),
                    day=c.day(c.rng.randint(1, 3)), gb=str(c.rng.choice((49.8, 99.2, 4.9, 14.7))),
                    btc=str(c.rng.choice((1650, 1900, 2200, 1350))), pct=str(c.rng.choice((8, 12, 15, 21, 35))),
                    usd=f"{c.rng.choice((4.5, 7.2, 10.5, 12.8))} million")


def build(c: Ctx, fam: BadFamily) -> Draft:
    """One message of family `fam` from a broken-into account of the server."""
    lang = c.use(fam.texts)
    t = fam.texts[lang]
    victim = c.person(lang if lang != "en" else c.rng.choice(("en", "en", "de", "fr", "es", "nl")))
    via = c.rng.choice(fam.via)
    brand = c.rng.choice(fam.brands)
    link = bad_link(c, fam.slug, victim.email)
    pieces = [c.rng.choice(t.openers), c.rng.choice(t.cores), c.rng.choice(t.actions), c.rng.choice(t.closers)]
    text = "\n\n".join(_fill(p, c, link, victim.email) for p in pieces if p)
    subject = _fill(c.rng.choice(t.subjects), c, link, victim.email)
    # who it claims to be: the stolen mailbox itself, or a brand name over an address of the account's domain
    owner = c.box(c.rng.randint(0, len(c.account.people) - 1), c.rng.randint(0, 1))
    if via in ("intruder", "webmail"):
        from_name, from_addr = (brand or owner[0]), owner[1]
    else:
        local = c.rng.choice(("noreply", "support", "admin", "info", "security", "billing", "notification",
                              "service", owner[1].split("@")[0]))
        from_name, from_addr = (brand or owner[0]), f"{local}@{c.rng.choice(c.account.domains)}"
    atts: list[Attachment] = []
    if fam.attach is not None:
        atts.append(fam.attach(c, victim.email))
    html_part = None
    if c.rng.random() < fam.html or fam.inline is not None:
        inner = compose.paras_html("\n\n".join(_fill(p, c, link, victim.email) for p in pieces[:2]))
        if fam.inline is not None:
            img = fam.inline(c)
            atts.append(img)
            inner += f'<p><img src="cid:{img.content_id}" width="200" height="200" alt="QR"></p>'
        if "{link}" in "".join(t.actions) or c.rng.random() < 0.5:
            inner += compose.button(link, c.rng.choice(t.buttons), c.rng.choice(("#0067b8", "#d93025", "#ffcc00",
                                                                                  "#1a73e8", "#2e7d32")))
        rest = [p for p in pieces[2:] if p]
        inner += compose.paras_html("\n\n".join(_fill(p, c, link, victim.email) for p in rest
                                                if "{link}" not in p))
        html_part = compose.page(c.rng, lang, inner, subject, brand or "", "", "")
    plain = text + ("\n" if not text.endswith("\n") else "")
    if html_part is not None and c.rng.random() < 0.45:
        plain = None  # HTML only, as many kits send
    to = [(victim.name if c.rng.random() < 0.4 else "", victim.email)]
    bcc: list[str] = []
    to_header = ""
    if fam.blast or (via == "intruder" and c.rng.random() < 0.35):
        bcc = [c.person(lang).email for _ in range(c.rng.randint(8, 45))]
        if c.rng.random() < 0.5:
            to, to_header = [], "undisclosed-recipients:;"
        else:
            to = [("", from_addr)]
    agent = {"intruder": c.rng.choice(("outlook", "thunderbird", "bulkmailer", "python")), "webmail": "roundcube",
             "php": c.rng.choice(("bulkmailer", "phpmailer", "php")),
             "cron": c.rng.choice(("python", "cron", "php"))}[via]
    mail = Mail(subject=subject, from_name=from_name, from_addr=from_addr, to=to, to_header=to_header, text=plain,
                html=html_part, lang=lang, agent=agent, attachments=atts)
    if c.rng.random() < 0.3 and via != "intruder":
        mail.reply_to = ("", f"{c.rng.choice(('help', 'desk', 'claims', 'agent'))}{c.rng.randint(1, 99)}@"
                             f"{c.rng.choice(('freemail.example', 'inbox.example', 'post.test'))}")
    if via == "php":
        return Draft(mail, "php", c.rng.choice(_SCRIPTS), bcc=bcc,
                     mail_from=from_addr if c.rng.random() < 0.5 else "")
    if via == "cron":
        return Draft(mail, "cron", bcc=bcc, mail_from=from_addr if c.rng.random() < 0.5 else "")
    return Draft(mail, via, bcc=bcc, sender_box=owner[1])
