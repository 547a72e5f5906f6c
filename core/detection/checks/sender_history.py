"""Sender history: attenuation for a sender with a long clean history, anomalies against its own baseline.

The check only reads: the history is read once per scan before the checks (the Scanner's policy binds
core.store.sender_history), so ctx.history already counts this message in the sliding hour. Without it (history
off, incoming mail, a scan without Redis) the check finds nothing. The rules are core.learning.sender_history's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.learning.sender_history import history_symbols
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage


class SenderHistoryCheck:
    """SENDER_ESTABLISHED, or the SENDER_* anomalies of this message against its senders' baselines."""

    name = "sender_history"
    group = GROUP_SPAM
    description = "The sender's own history: long and clean, or suddenly different"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Symbols from the history read before the checks."""
        return history_symbols(ctx.history, ctx.settings)


CHECK = SenderHistoryCheck()
