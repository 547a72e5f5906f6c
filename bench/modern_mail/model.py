"""Plain data holders of the modern validation set: the server's accounts and one generated message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Label = Literal["ham", "spam"]


@dataclass(frozen=True, slots=True)
class Account:
    """A cPanel account on the imagined shared server: its login, domains and the business behind it."""

    user: str  # the cPanel login (also the system user of its PHP scripts)
    main_domain: str
    addon_domains: tuple[str, ...]
    name: str  # the business or person, as it signs its mail (may be non-Latin)
    sector: str  # shop, clinic, hotel, club, firm, agency, personal, school, restaurant
    langs: tuple[str, ...]  # languages its mail is written in, main one first
    tz: str  # UTC offset of its Date: headers, "+0100"
    uid: int
    address: str  # postal address line(s) as printed in footers
    phone: str
    tax_id: str  # VAT / company number as the footer prints it ("" if none)
    people: tuple[tuple[str, str], ...]  # (display name, mailbox local part); the owner first
    currency: str  # ISO 4217 code of its prices
    platform: str  # woocommerce, prestashop, wordpress, custom, none: what its scripts look like

    @property
    def domains(self) -> tuple[str, ...]:
        """Every domain of the account, the main one first."""
        return (self.main_domain, *self.addon_domains)


@dataclass(frozen=True, slots=True)
class Person:
    """A correspondent outside the server: a customer, a visitor, a friend."""

    name: str
    email: str
    lang: str
    first: str  # the given name as a greeting uses it


@dataclass(slots=True)
class ModernMessage:
    """One generated message with the envelope Exim would hand to the scanner."""

    name: str
    label: Label
    family: str  # template family, e.g. "receipt_short", "phish_paypal"
    kind: str  # receipt, newsletter, phishing, malware, scam, ...
    lang: str
    raw: bytes
    mail_from: str  # the envelope sender (SMTP MAIL FROM / sendmail -f / Exim's default for the login)
    recipients: list[str]
    auth_user: str  # SMTP AUTH id ("" for local submission)
    local_user: str  # the calling login of a local submission (PHP mail(), sendmail), else ""
    account: str  # the cPanel account the MTA attributes the message to
    account_domains: list[str]
    ip: str = ""  # the SMTP client's address ("" for local submission)
    helo: str = ""
    account_uid: int = 0
    notes: str = ""  # one line on what the message is, for people reading the manifest

    def envelope_dict(self) -> dict[str, Any]:
        """The envelope and labels as JSON-ready data (everything but the raw bytes)."""
        return {
            "name": self.name, "label": self.label, "family": self.family, "kind": self.kind,
            "lang": self.lang, "mail_from": self.mail_from, "recipients": list(self.recipients),
            "auth_user": self.auth_user, "local_user": self.local_user, "ip": self.ip, "helo": self.helo,
            "account": self.account, "account_domains": list(self.account_domains),
            "account_uid": self.account_uid, "notes": self.notes,
        }


@dataclass(slots=True)
class Attachment:
    """A file part: an attachment, or an inline image referenced by Content-ID."""

    filename: str
    content_type: str
    data: bytes
    content_id: str = ""  # set: an inline part of multipart/related


@dataclass(slots=True)
class Mail:
    """The content of a message before it is rendered to bytes."""

    subject: str
    from_name: str
    from_addr: str
    to: list[tuple[str, str]]
    text: str | None = None
    html: str | None = None
    cc: list[tuple[str, str]] = field(default_factory=list)
    reply_to: tuple[str, str] | None = None
    to_header: str = ""  # a literal To: value ("undisclosed-recipients:;"); overrides `to`
    attachments: list[Attachment] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)  # extra headers, already ASCII
    lang: str = "en"
    charset: str = ""  # "" = the renderer picks one that fits the language
    encoding: str = ""  # body Content-Transfer-Encoding; "" = the renderer picks
    message_id: str = ""
    agent: str = "thunderbird"  # the program that wrote it: see bench.modern_mail.agents
