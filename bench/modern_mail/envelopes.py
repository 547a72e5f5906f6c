"""The scanner's view of a generated message: its Exim envelope and the server's account map."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bench.modern_mail.model import ModernMessage
from core.identity.cpanel import MemoryCpanelAccounts
from core.models import Direction, Envelope

_QUEUE_ID = re.compile(rb"\n\tid (\S+)")


def envelope_of(msg: ModernMessage) -> Envelope:
    """The Envelope Exim would pass with this message: SMTP AUTH id + client IP, or the local caller's login."""
    found = _QUEUE_ID.search(msg.raw[:4096])
    return Envelope(sender=msg.mail_from, recipients=list(msg.recipients),
                    queue_id=found.group(1).decode("ascii") if found else "", helo=msg.helo, ip=msg.ip,
                    user=msg.auth_user or msg.local_user, direction=Direction.OUTGOING)


def accounts_of(messages: Iterable[ModernMessage]) -> MemoryCpanelAccounts:
    """The cPanel accounts (login, domains, uid) of every account the messages come from."""
    accounts = MemoryCpanelAccounts()
    seen: dict[str, ModernMessage] = {}
    for m in messages:
        seen.setdefault(m.account, m)
    for user in sorted(seen):
        m = seen[user]
        main, *others = m.account_domains
        accounts.add_account(user, main, domains=others, uid=m.account_uid or None)
    return accounts
