"""One message to many people who cannot see each other: several envelope recipients, on several domains, none
of them named in To or Cc.

A hijacked mailbox or a dropped mailer sends its lure to a list of strangers in Bcc, each on another provider, and
writes itself (or nobody) in To. People write to several others openly (To, Cc); lists and newsletters say what
they are (List-Id, List-Unsubscribe) and send each reader a copy of their own. The Bcc blast under the
excessive-recipients threshold ([checks] max_envelope_recipients, RCPT_EXCESSIVE) is what this check sees.
"behaviour" evidence: a club's secretary writes to the members in Bcc too, so it never holds mail alone.

"Several domains" stands for "not one organisation's colleagues": a company's staff share its domain. A free-mail
provider is no organisation, so each free-mail address counts as a party of its own: six strangers at gmail.com and
yandex.com are as much a blast as six at three providers (and a small business's Bcc to five customers, or a
teacher's to the parents, was one already whenever their providers differed: behaviour evidence, never alone).

RCPT_ROLE_BLAST is the cold pitch's variant, below that count: three or more hidden recipients, each the role
mailbox (info@, contact@, sales@, office@...) of another business, none of them free mail. People Bcc people;
what writes to the front desks of unrelated businesses at once without a list's headers is an SEO, web-design or
"partnership" pitch (or a hijacked account's lure to a bought list of business addresses). A supplier's notice
to its customers' front desks does it too: behaviour evidence, never alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.excessive_recipients import visible_recipients
from core.detection.checks.sender_mismatch import in_thread, is_list_mail
from core.detection.rule_tables import FREEMAIL_DOMAINS
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "RCPT_BCC_BLAST"
ROLE_SYMBOL = "RCPT_ROLE_BLAST"
#: Hidden role mailboxes, on as many business domains, from which a send is a cold pitch's blast.
MIN_ROLE_DOMAINS = 3
#: Local parts of businesses' shared front-desk mailboxes, in the languages of the scam tables.
ROLE_MAILBOXES = frozenset({
    "info", "contact", "contacts", "hello", "hi", "sales", "office", "admin", "support", "service", "mail", "email",
    "enquiries", "enquiry", "inquiries", "inquiry", "booking", "bookings", "reservations", "reception",
    "marketing", "press", "billing", "accounts", "team", "webmaster", "shop", "store", "orders", "hr", "jobs",
    "kontakt", "hallo", "vertrieb", "buero", "büro", "verwaltung", "empfang", "anfrage", "bonjour", "accueil",
    "ventes", "commercial", "hola", "contacto", "ventas", "oficina", "reservas", "contatto", "contatti", "vendite",
    "ufficio", "prenotazioni", "contato", "vendas", "verkoop", "biuro", "iletisim", "satis",
})
#: Hidden recipients, and the distinct parties they belong to (organisations' domains; each free-mail address its
#: own), from which a send is a blast.
MIN_HIDDEN = 5
MIN_DOMAINS = 3


def parties(addresses: set[str]) -> int:
    """How many unrelated parties the addresses belong to: one per organisation's domain, one per free-mail address
    (a provider's users are strangers to each other, not colleagues)."""
    domains = set()
    freemail = 0
    for address in addresses:
        domain = address.rpartition("@")[2]
        if domain in FREEMAIL_DOMAINS:
            freemail += 1
        else:
            domains.add(domain)
    return len(domains) + freemail


class BccBlastCheck:
    """Envelope recipients missing from To and Cc, on several domains."""

    name = "bcc_blast"
    group = GROUP_SPAM
    description = "Sent in Bcc to several unrelated people, none named in To or Cc"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit RCPT_BCC_BLAST with the counts."""
        rcpts = {r.strip("<> ").lower() for r in ctx.envelope.recipients}
        if len(rcpts) < MIN_ROLE_DOMAINS or len(rcpts) >= ctx.settings.check_param("max_envelope_recipients"):
            return []
        if is_list_mail(msg):
            return []
        visible = visible_recipients(msg)
        hidden = {r for r in rcpts if r not in visible}
        if len(hidden) < len(rcpts) - 1:
            return []
        domains = {r.rpartition("@")[2] for r in hidden}
        if len(hidden) >= MIN_HIDDEN and parties(hidden) >= MIN_DOMAINS:
            return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                           options=[f"hidden={len(hidden)}", f"domains={len(domains)}"])]
        if self._role_blast(hidden, msg, ctx):
            return [Symbol(name=ROLE_SYMBOL, score=ctx.settings.score(ROLE_SYMBOL),
                           description="Sent in Bcc to the front desks (info@, sales@...) of several businesses",
                           options=[f"hidden={len(hidden)}", f"domains={len(domains)}"])]
        return []

    @staticmethod
    def _role_blast(hidden: set[str], msg: ParsedMessage, ctx: ScanContext) -> bool:
        """Every hidden recipient a business's role mailbox, on MIN_ROLE_DOMAINS or more domains not the sender's;
        not a reply (a thread the recipients took part in)."""
        if in_thread(msg):
            return False
        domains = set()
        for rcpt in hidden:
            local, _, domain = rcpt.rpartition("@")
            if local not in ROLE_MAILBOXES or domain in FREEMAIL_DOMAINS or ctx.owns(domain):
                return False
            domains.add(domain)
        return len(domains) >= MIN_ROLE_DOMAINS


CHECK = BccBlastCheck()
