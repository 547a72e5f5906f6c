"""Mailward's own mail (digests, alerts) handed to Exim as an ordinary local submission, scanned like any other.

Never the release path: no `-oMr` marker and not the release user, so Exim's ACL scans this mail (and may hold it)
as it does mail from any local sender. A digest quotes subjects and senders of held mail; it must not carry them
past the filter, nor reach anyone the filter would not let an account mail.
"""

from __future__ import annotations

import os
import pwd

from core.mail.exim_reinject import ReinjectError, run_sendmail, safe_address
from core.models import QuarantineRecord
from core.settings import EximSettings


def submit_argv(exim: EximSettings, record: QuarantineRecord) -> list[str]:
    """The sendmail command line for one of Mailward's own messages (no marker, recipients explicit, no shell)."""
    if not record.recipients:
        raise ReinjectError("the message has no envelope recipients")
    sender = "<>" if record.sender in ("", "<>") else safe_address(record.sender, "sender")
    rcpts = [safe_address(r, "recipient") for r in record.recipients]
    # -oep: errors go to our stderr (and into the notifier's log), never as a bounce.
    return [exim.sendmail, "-oi", "-odi", "-oep", "-f", sender, "--", *rcpts]


class SendmailSubmitter:
    """`sendmail` as this process's own user: the Reinjector signature, so the notifier's Mailer takes it."""

    def __init__(self, exim: EximSettings) -> None:
        self.exim = exim

    def reinject(self, record: QuarantineRecord, message: bytes) -> None:
        """Submit message to record.recipients from record.sender; ReinjectError with Exim's words if refused."""
        argv = submit_argv(self.exim, record)
        try:
            release_uid = pwd.getpwnam(self.exim.release_user).pw_uid
        except KeyError:
            release_uid = None
        if os.geteuid() == release_uid:
            # Exim's ACL refuses anything the release user sends without the marker: say why here instead.
            raise ReinjectError(f"Mailward's own mail is not sent as the release user {self.exim.release_user}; "
                                "run the service as root")
        run_sendmail(self.exim, argv, message, None)
