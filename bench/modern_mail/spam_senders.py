"""How bad mail leaves a shared server: a stolen mailbox password, or a mailer script dropped into a site.

Both are the account's own mail as far as the MTA knows: a stolen login authenticates as the mailbox (and
the intruder may write any From:), an uploaded script runs as the account's user. Links point anywhere but
the account's own domains: look-alike domains, hacked third-party sites, free hosting, shorteners, bare IPs.
"""

from __future__ import annotations

from bench.modern_mail.context import Ctx
from bench.modern_mail.model import Mail, Person
from bench.modern_mail.transport import Submission, php_mail, smtp_auth

# intruders' clients: addresses from the documentation ranges (IPv4 and IPv6), HELOs of bulk tools
_INTRUDER_NETS = ("203.0.113.", "198.51.100.", "192.0.2.")
_INTRUDER_HELOS = ("User", "WIN-{t}", "localhost", "[{ip}]", "mail.{t}.example", "DESKTOP-{t}", "ylmf-pc", "{ip}")
# paths intruders drop mailers at
DROPPED = ("/wp-content/uploads/{y}/0{m}/{r}.php", "/wp-includes/css/{r}.php", "/.well-known/pki-validation/{r}.php",
           "/images/{r}.php", "/wp-content/plugins/{r}/{r}.php", "/tmp/{r}.php", "/cgi-bin/{r}.php",
           "/wp-admin/css/colors/{r}/index.php")
HACKED_SITES = ("bellavista-ristorante.example", "kinderhaus-sonnenschein.example", "autohaus-weber.example",
                "fitnesswerk.example", "pousada-do-sol.example", "cabinet-veterinaire-leroy.example",
                "lakeside-church.example", "fotostudio-licht.example")


def intruder_ip(ctx: Ctx) -> str:
    """An address of the intruder's client (sometimes IPv6)."""
    if ctx.chance(0.15):
        return f"2001:db8:{ctx.hex(4)}::{ctx.hex(3)}"
    return f"{ctx.pick(_INTRUDER_NETS)}{ctx.rng.randint(2, 254)}"


def victims(ctx: Ctx, low: int = 1, high: int = 1, lang: str | None = None) -> list[Person]:
    """Recipients from a harvested list (sorted, without duplicates)."""
    people = {p.email: p for p in (ctx.person(lang) for _ in range(ctx.rng.randint(low, high)))}
    return [people[k] for k in sorted(people)]


def random_local(ctx: Ctx) -> str:
    """A mailer's random-looking local part: qz7k2m, info83812, noreply-xk2j."""
    return ctx.pick((ctx.token(ctx.rng.randint(5, 10), "abcdefghijklmnopqrstuvwxyz0123456789"),
                     f"info{ctx.digits(5)}", f"noreply-{ctx.token(4, 'abcdefghijkmnpqrstuvwxyz')}",
                     f"{ctx.token(3, 'abcdefghijklmnopqrstuvwxyz')}.{ctx.token(6, 'abcdefghijklmnopqrstuvwxyz')}"))


def mailbox(ctx: Ctx) -> str:
    """The account mailbox whose password leaked (a person's, or info@/admin@)."""
    if ctx.chance(0.5):
        return ctx.staff(ctx.rng.randrange(len(ctx.account.people)))[1]
    return f"{ctx.pick(('info', 'admin', 'office', 'contact', 'sales'))}@{ctx.pick(ctx.account.domains)}"


def stolen_login(ctx: Ctx, rcpts: list[str], *, box: str = "") -> Submission:
    """SMTP AUTH with a leaked mailbox password, from the intruder's address."""
    ip = intruder_ip(ctx)
    helo = ctx.pick(_INTRUDER_HELOS).format(t=ctx.token(6).upper(), ip=ip)
    return smtp_auth(ctx.rng, box or mailbox(ctx), rcpts, ip=ip, helo=helo, tls=ctx.chance(0.7))


def dropped_script(ctx: Ctx, rcpts: list[str], *, mail_from: str = "") -> Submission:
    """A PHP mailer uploaded into one of the account's sites, run over HTTP by the intruder."""
    path = ctx.pick(DROPPED).format(y=ctx.when.year, m=ctx.rng.randint(1, 9), r=ctx.token(ctx.rng.randint(4, 9),
                                                                                       "abcdefghijklmnopqrstuvwxyz0123456789"))
    host = f"{ctx.pick(('www.', ''))}{ctx.pick(ctx.account.domains)}"
    return php_mail(ctx.rng, ctx.account, rcpts, script=path, host=host, visitor_ip=intruder_ip(ctx),
                    mail_from=mail_from, originating=ctx.chance(0.8))


def send(ctx: Ctx, mail: Mail, targets: list[Person], *, bcc: bool | None = None,
         own_from: bool | None = None) -> Submission:
    """Address the mail and pick how it leaves: own mailbox or forged From, Bcc blast or one per message.

    `own_from`: the From: is the compromised mailbox itself (True), the address the builder forged (False),
    or either (None).
    """
    rcpts = [p.email for p in targets]
    via_login = ctx.chance(0.55)
    box = mailbox(ctx)
    if ctx.chance(0.5) if own_from is None else own_from:
        mail.from_addr = box if via_login else f"{random_local(ctx)}@{ctx.pick(ctx.account.domains)}"
    if len(targets) > 1 if bcc is None else bcc:
        style = ctx.pick(("undisclosed", "self", "first"))
        if style == "undisclosed":
            mail.to_header = "undisclosed-recipients:;"
        else:
            mail.to = [("", mail.from_addr if style == "self" else rcpts[0])]
    elif not mail.to:
        mail.to = [("", rcpts[0])]
    if via_login:
        return stolen_login(ctx, rcpts, box=box)
    return dropped_script(ctx, rcpts, mail_from=mail.from_addr if ctx.chance(0.4) else "")
