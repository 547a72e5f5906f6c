"""Where bad mail points: look-alike domains, hacked sites, free hosting, IPFS, shorteners and bare IPs."""

from __future__ import annotations

import urllib.parse

from bench.modern_mail.context import Ctx
from bench.modern_mail.spam_senders import HACKED_SITES

LOOKALIKES: dict[str, tuple[str, ...]] = {
    "paypal": ("paypa1-secure.example", "paypal.com.resolution-center.example", "secure-paypai-login.example",
               "pp-account-review.example"),
    "microsoft": ("micros0ft-365-login.example", "office365.verify-account.example", "login-microsoftonline.example",
                  "outlook-sharepoint-docs.example"),
    "netflix": ("netflix-billing-update.example", "netfl1x-account.example"),
    "bank_en": ("secure-bank-verification.example", "chase-online-verify.example", "lloyds-payee-check.example"),
    "bank_de": ("sicherheit-onlinebanking.example", "sparkasse-pushtan-update.example"),
    "bank_fr": ("acces-client-banque.example", "ca-securite-compte.example"),
    "bank_es": ("bbva-seguridad-clientes.example",),
    "bank_ar": ("alrajhi-update.example",), "bank_he": ("poalim-secure-login.example",),
    "bank_zh": ("icbc-cert-upgrade.example",),
    "amazon": ("amazon-co-jp.account-update.example", "amaz0n-billing.example", "amazon-order-check.example"),
    "smbc": ("smbc-card-check.example",), "etc": ("etc-meisai-login.example",), "taobao": ("taobao-refund.example",),
    "apple": ("apple-id-locked.example", "icloud-verify-support.example"),
    "dhl": ("dhl-parcel-redelivery.example", "dhl.de.paket-zoll.example", "dhl-express-tracking.example"),
    "royalmail": ("royalmail-redelivery.example",), "laposte": ("laposte-colis-suivi.example",),
    "correos": ("correos-envio-pendiente.example",), "japanpost": ("japanpost-redelivery.example",),
    "sf": ("sf-express-parcel.example",), "aramex": ("aramex-shipment-fee.example",),
    "webmail": ("mail-quota-upgrade.example", "webmail-portal-secure.example", "cpanel-mailbox-verify.example"),
    "crypto": ("quantum-ai-trading.example", "bitprofit-pro.example", "elon-crypto-giveaway.example"),
    "pharma": ("cheap-meds-online.example", "rx-pharmacy-24.example"),
    "dating": ("lonely-hearts-chat.example", "hot-singles-near-you.example"),
    "seo": ("rank-boost-seo.example", "cheap-backlinks-pro.example"),
    "prize": ("winners-claim-center.example", "lotto-international-claims.example"),
}


def _hosting(ctx: Ctx) -> str:
    name = ctx.token(ctx.rng.randint(8, 14), "abcdefghijklmnopqrstuvwxyz0123456789")
    return ctx.pick((f"https://{name}.web.app/", f"https://storage.googleapis.com/{name}/index.html",
                     f"https://{name}.pages.dev/", f"https://ipfs.io/ipfs/Qm{ctx.token(44)}",
                     f"https://pub-{ctx.hex(32)}.r2.dev/{name}.html", f"https://{name}.firebaseapp.com/login"))


def shortened(ctx: Ctx) -> str:
    """A URL shortener link."""
    return ctx.pick((f"https://bit.ly/{ctx.token(7)}", f"https://tinyurl.com/{ctx.token(8).lower()}",
                     f"https://is.gd/{ctx.token(6)}", f"https://t.ly/{ctx.token(5)}"))


def ip_url(ctx: Ctx, path: str = "login.php") -> str:
    """A link to a bare IP address."""
    port = ctx.pick(("", "", ":8080", ":8443"))
    scheme = "http" if not port or port == ":8080" else "https"
    return f"{scheme}://{ctx.pick(('203.0.113.', '198.51.100.'))}{ctx.rng.randint(2, 254)}{port}/{path}"


def phish_url(ctx: Ctx, brand: str, victim: str = "") -> str:
    """Where a credential phish sends the victim: look-alike, hacked site, free hosting, shortener or IP."""
    kind = ctx.pick(("lookalike", "lookalike", "hacked", "hosting", "short", "ip"))
    label = brand.split("_")[0]
    tail = f"?email={urllib.parse.quote(victim)}" if victim and ctx.chance(0.5) else ""
    if kind == "lookalike":
        host = ctx.pick(LOOKALIKES.get(brand, LOOKALIKES["webmail"]))
        path = ctx.pick(("signin", "verify", "account/update", "session"))
        return f"https://{ctx.pick(('', 'www.', 'secure.', 'login.'))}{host}/{path}/{ctx.token(12)}{tail}"
    if kind == "hacked":
        folder = ctx.pick(("uploads/2024/11", "plugins/akismet/x", "themes/twentyten/.cache"))
        return f"https://{ctx.pick(('www.', ''))}{ctx.pick(HACKED_SITES)}/wp-content/{folder}/{label}/index.php{tail}"
    if kind == "hosting":
        return _hosting(ctx) + (f"#{victim}" if victim and ctx.chance(0.5) else "")
    if kind == "short":
        return shortened(ctx)
    return ip_url(ctx, f"{label}/{ctx.pick(('login.php', 'index.html', 'verify/'))}")


def scam_site(ctx: Ctx, kind: str) -> str:
    """The landing page of a scam (crypto, pharma, dating, prize): its own domain or a shortener."""
    if ctx.chance(0.3):
        return shortened(ctx)
    return f"https://{ctx.pick(LOOKALIKES[kind])}/{ctx.pick(('', 'join', 'claim', 'offer'))}?ref={ctx.token(8)}"
