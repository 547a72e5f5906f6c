"""The interface every check implements: one check per module, each with a name, group and description."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from core.mail.links import site_of, suffix_in
from core.models import Envelope, Sender, Symbol

if TYPE_CHECKING:
    from core.learning.sender_history import HistoryView
    from core.learning.spam_model import LearnedSource
    from core.mail.mime import ParsedMessage
    from core.settings import Settings
    from core.store.campaigns import CampaignView

#: Hosts whose ownership one scan remembers (ScanContext.owns).
OWNS_MEMO = 4096
#: Checks in this group make the message a `winexec` quarantine (unless allowed), whatever the score.
GROUP_WINEXEC = "winexec"
#: Checks in this group add to the spam score.
GROUP_SPAM = "spam"
#: Checks in this group make the message a `virus` quarantine, whatever the score; their `*_ERROR` symbols (an
#: engine that could not look) do not.
GROUP_VIRUS = "virus"


@dataclass(slots=True)
class ScanContext:
    """What a check may know besides the message: settings, envelope, attribution and the time budget."""

    settings: Settings
    envelope: Envelope
    sender: Sender
    allow_winexec: bool = False
    deadline: float = field(default_factory=lambda: time.monotonic() + 2.0)
    learned: LearnedSource | None = None  # what the classifier learned online (None: model file only)
    campaign: CampaignView | None = None  # server-wide counts of the body's fingerprint (None: not counted)
    history: HistoryView | None = None  # the senders' history, this message counted (None: not read)
    # The sending account's domains, when the MTA vouched for the account (SMTP AUTH id or the caller's uid) and
    # it is a cPanel account; empty otherwise. Alignment with these is evidence a compromised account cannot
    # forge onto another account's domains (core.detection.checks.alignment, core.detection.checks.origin).
    own_domains: frozenset[str] = frozenset()
    vouched: bool = False  # the account came from what the MTA vouches for, not from a header
    # the server has cPanel accounts, so outgoing mail none of them sends is unvouched (origin.py, brand_display.py)
    accounts_known: bool = False
    # owns()'s answers, for the own_domains they were given for: the URL checks ask about the same hosts in turn
    _owned: tuple[frozenset[str], dict[str, bool]] = field(default_factory=lambda: (frozenset(), {}),
                                                           init=False, repr=False, compare=False)

    def owns(self, domain: str) -> bool:
        """Whether `domain` (or a parent of it) is one of the sending account's own domains."""
        own = self.own_domains
        if not own:
            return False
        memo = self._owned
        if memo[0] is not own:
            memo = self._owned = (own, {})
        known = memo[1].get(domain)
        if known is None:
            bare = domain.strip(".").lower()
            known = bool(bare) and bool(suffix_in(bare, own))
            if len(memo[1]) < OWNS_MEMO:
                memo[1][domain] = known
        return known

    def internal(self, site: str = "") -> bool:
        """Whether every envelope recipient is on the sending account's own domains (or on `site`): a site's own
        notification to its owner, not mail to the outside world."""
        rcpts = self.envelope.recipients
        return bool(rcpts) and all(self.owns(d) or (site and site_of(d) == site)
                                   for d in (r.rpartition("@")[2].lower() for r in rcpts))

    def out_of_time(self) -> bool:
        return time.monotonic() >= self.deadline


class Check(Protocol):
    """A check looks at a parsed message and returns the symbols it finds (empty if none)."""

    name: str
    group: str
    description: str

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]: ...
