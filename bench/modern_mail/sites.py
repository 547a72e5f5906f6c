"""How an account's web site sends mail: its From address, software, script path, envelope, footer."""

from __future__ import annotations

from bench.modern_mail.blocks import Block, Links, Small
from bench.modern_mail.context import Ctx
from bench.modern_mail.languages import PRIVACY, RIGHTS
from bench.modern_mail.transport import Submission, php_mail, smtp_auth

SERVER_IP = "192.0.2.10"  # the shared server's own address: what a site's SMTP plugin connects from

_PALETTE = ("#7b4b2a", "#2f6f4e", "#1f5fa8", "#b03a2e", "#6b4c9a", "#c27c0e", "#0f766e", "#374151")
_PRIVACY_PATH = {"en": "privacy-policy/", "de": "datenschutz/", "fr": "confidentialite/", "es": "privacidad/"}
_SCRIPTS = {
    "woocommerce": ("/index.php", "/wp-admin/admin-ajax.php", "/wp-admin/post.php", "/wp-cron.php"),
    "wordpress": ("/index.php", "/wp-admin/admin-ajax.php", "/wp-login.php", "/wp-cron.php"),
    "prestashop": ("/index.php", "/admin742kqz/index.php"),
    "custom": ("/shop/checkout.php", "/includes/mailer.php", "/booking/confirm.php", "/cron/reminders.php"),
}


def accent(ctx: Ctx) -> str:
    """The account's brand colour (stable per account)."""
    return _PALETTE[ctx.account.uid % len(_PALETTE)]


def slug(ctx: Ctx) -> str:
    """The account's name on social networks (its main domain's first label)."""
    return ctx.account.main_domain.split(".")[0].replace("-", "")


def site_from(ctx: Ctx, local: str = "") -> tuple[str, str, str]:
    """(From name, From address, agent) of mail the site's software sends."""
    a = ctx.account
    if a.platform in ("woocommerce", "wordpress"):
        box = local or ctx.pick(("wordpress", "wordpress", "shop", "info", "noreply"))
        return a.name, f"{box}@{a.main_domain}", ctx.pick(("wordpress", "wordpress", "phpmailer", "mailpoet"))
    if a.platform == "prestashop":
        return a.name, f"{local or 'commandes'}@{a.main_domain}", "symfony"
    return a.name, f"{local or ctx.pick(('noreply', 'info', 'no-reply'))}@{a.main_domain}", \
        ctx.pick(("custom_php", "phpmailer", "javamail"))


def site_submission(ctx: Ctx, recipients: list[str], from_addr: str, *, script: str = "",
                    admin: bool = False) -> Submission:
    """Envelope of site mail: PHP mail() as the account's user, or the site's SMTP plugin logging in."""
    a = ctx.account
    if ctx.chance(0.3):
        # WP Mail SMTP & co: SMTP AUTH as the From mailbox, from the server itself
        return smtp_auth(ctx.rng, from_addr, recipients, ip=SERVER_IP, helo=f"www.{a.main_domain}")
    scripts = _SCRIPTS.get(a.platform, _SCRIPTS["custom"])
    path = script or (scripts[2] if admin and len(scripts) > 2 else ctx.pick(scripts[:2]))
    # WordPress passes no -f: the envelope is the login at the server; other software sets -f to From
    mail_from = "" if a.platform in ("woocommerce", "wordpress") and ctx.chance(0.6) else from_addr
    return php_mail(ctx.rng, a, recipients, script=path, mail_from=mail_from, originating=ctx.chance(0.7))


def footer(ctx: Ctx, *, social: bool = True, extra: list[Block] | None = None) -> list[Block]:
    """The boilerplate under site mail: address, phone, tax id, privacy and social links."""
    a = ctx.account
    lines = [x for x in (a.name, a.address, a.phone, a.tax_id) if x]
    out: list[Block] = list(extra or [])
    out.append(Small("\n".join(lines)))
    links = [(PRIVACY[ctx.lang], ctx.url(_PRIVACY_PATH.get(ctx.lang, "privacy/")))]
    if social:
        links += [("Facebook", f"https://www.facebook.com/{slug(ctx)}"),
                  ("Instagram", f"https://www.instagram.com/{slug(ctx)}/")]
    out.append(Links(tuple(links)))
    if ctx.chance(0.4):
        out.append(Small(f"© {ctx.when.year} {a.name}. {RIGHTS[ctx.lang]}"))
    return out
