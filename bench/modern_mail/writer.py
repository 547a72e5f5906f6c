"""Mail a person writes in a mail client or webmail: text or HTML by client, signatures, the SMTP login."""

from __future__ import annotations

from bench.modern_mail.blocks import Block, Doc, P, to_html
from bench.modern_mail.context import Ctx
from bench.modern_mail.model import Mail
from bench.modern_mail.transport import Submission, smtp_auth, webmail

SENT_FROM_IPHONE = {"en": "Sent from my iPhone", "de": "Von meinem iPhone gesendet", "fr": "Envoyé de mon iPhone",
                    "es": "Enviado desde mi iPhone", "ar": "أُرسلت من الـ iPhone الخاص بي",
                    "he": "נשלח מה-iPhone שלי", "ja": "iPhoneから送信", "zh": "发自我的iPhone"}
CLIENTS = ("thunderbird", "thunderbird", "apple_mail", "iphone", "outlook", "outlook", "roundcube", "roundcube")


def foreign_message_id(ctx: Ctx, addr: str) -> str:
    """A Message-ID as the correspondent's own provider would have written it."""
    domain = addr.rpartition("@")[2]
    if domain == "gmail.com":
        return f"<CA{ctx.token(2)}+{ctx.token(38)}@mail.gmail.com>"
    if domain.startswith(("outlook.", "hotmail.")):
        box = f"{ctx.pick(('AM0PR', 'DB9PR', 'PA4PR'))}{ctx.digits(2)}MB{ctx.digits(4)}"
        return f"<{box}{ctx.token(20).upper()}@{box}.eurprd0{ctx.rng.randint(1, 9)}.prod.outlook.com>"
    return f"<{ctx.hex(8)}-{ctx.hex(4)}-{ctx.hex(4)}-{ctx.hex(12)}@{domain}>"


def person_mail(ctx: Ctx, *, sender: tuple[str, str], to: list[tuple[str, str]], subject: str,
                paragraphs: list[str], signature: list[str], quote: str = "", quote_html: Block | None = None,
                agent: str = "") -> tuple[Mail, Submission]:
    """A message a person types: paragraphs, their signature, an optional quoted part below.

    `quote` is the quoted part as the text/plain shows it; `quote_html` how the HTML part shows it.
    """
    agent = agent or ctx.pick(CLIENTS)
    sig = list(signature)
    if agent == "iphone":
        sig = [SENT_FROM_IPHONE[ctx.lang]]
    text = "\n\n".join(paragraphs)
    text += ("\n\n-- \n" if agent in ("thunderbird", "roundcube") and len(sig) > 1 else "\n\n") + "\n".join(sig)
    if quote:
        text += "\n\n" + quote
    mail = Mail(subject=subject, from_name=sender[0], from_addr=sender[1], to=to, text=text.rstrip() + "\n",
                lang=ctx.lang, agent=agent)
    html_share = {"thunderbird": 0.4, "apple_mail": 0.8, "iphone": 0.6, "outlook": 0.9, "roundcube": 0.3}[agent]
    if ctx.chance(html_share):
        style = {"thunderbird": "thunderbird", "outlook": "outlook", "roundcube": "simple"}.get(agent, "gmail")
        blocks: list[Block] = [P(p) for p in paragraphs]
        if quote:
            blocks.append(P("\n".join(sig)))
            blocks.append(quote_html or P(quote))
        mail.html = to_html(Doc(blocks, ctx.lang, subject, signature=[] if quote else sig), style)
        if agent == "apple_mail" and ctx.chance(0.3):
            mail.text = None  # Apple Mail sends some messages as HTML only
    recipients = [a for _, a in to]
    sub = webmail(ctx.rng, sender[1], recipients) if agent == "roundcube" else smtp_auth(ctx.rng, sender[1], recipients)
    return mail, sub


def quoted(text: str) -> str:
    """`text` quoted with "> " the way mail clients quote a reply."""
    return "\n".join(">" if not line else f"> {line}" for line in text.rstrip("\n").split("\n"))
