"""One message to very many recipients: in the envelope (a Bcc blast) or listed openly in To and Cc."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

ENVELOPE = "RCPT_EXCESSIVE"
VISIBLE = "RCPT_MANY_VISIBLE"
HEADER_CHARS = 65536  # of To and Cc together
_ADDR = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")


def visible_recipients(msg: ParsedMessage) -> set[str]:
    """Distinct addresses written in the To and Cc headers (lower case)."""
    text = " ".join(msg.header_all("to") + msg.header_all("cc"))[:HEADER_CHARS]
    return {a.lower() for a in _ADDR.findall(text)}


class ExcessiveRecipientsCheck:
    """Thresholds are [checks] max_envelope_recipients and max_visible_recipients."""

    name = "excessive_recipients"
    group = GROUP_SPAM
    description = "Message goes to an excessive number of recipients"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit RCPT_EXCESSIVE (envelope) and/or RCPT_MANY_VISIBLE (To + Cc) with the counts."""
        st = ctx.settings
        out: list[Symbol] = []
        envelope = len({r.lower() for r in ctx.envelope.recipients})
        if envelope >= st.check_param("max_envelope_recipients"):
            out.append(Symbol(name=ENVELOPE, score=st.score(ENVELOPE), description=self.description,
                              options=[f"envelope={envelope}"]))
        visible = len(visible_recipients(msg))
        if visible >= st.check_param("max_visible_recipients"):
            out.append(Symbol(name=VISIBLE, score=st.score(VISIBLE), description=self.description,
                              options=[f"to_cc={visible}"]))
        return out


CHECK = ExcessiveRecipientsCheck()
