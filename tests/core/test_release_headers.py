"""Mailward's own verdict headers never leave through the release path, whatever the held copy carries."""

from __future__ import annotations

import os
import pwd
from dataclasses import replace
from pathlib import Path

from core.mail.exim_reinject import SendmailReinjector, strip_own_headers
from core.models import QuarantineRecord
from core.settings import Settings

FORGED = (b"Subject: hello\r\n"
          b"X-ImunifyEmail-Filter-Action: no action\r\n"
          b"x-imunifyemail-filter-score :\r\n -100\r\n"
          b"To: <to@x.example>\r\n"
          b"X-Mailward-Spam: no\r\n"
          b"X-ImunifyEmail-Filter-Verdict: clean\r\n"
          b"X-Mailward-Notification: 1\r\n"
          b"\r\n"
          b"X-ImunifyEmail-Filter-Action: a body line stays\r\n")


def test_own_headers_go_every_other_byte_stays() -> None:
    assert strip_own_headers(FORGED) == (b"Subject: hello\r\nTo: <to@x.example>\r\nX-Mailward-Notification: 1\r\n"
                                         b"\r\nX-ImunifyEmail-Filter-Action: a body line stays\r\n")
    plain = b"Subject: s\n\nbody\n"
    assert strip_own_headers(plain) == plain
    assert strip_own_headers(b"X-ImunifyEmail-Filter-Score: 1\nSubject: s\n") == b"Subject: s\n"  # no body at all
    assert strip_own_headers(b"") == b""


def _sent_through_sendmail(tmp_path: Path, settings: Settings, message: bytes, spam_header: str = "") -> bytes:
    """What a stand-in sendmail received on stdin when SendmailReinjector released message."""
    got = tmp_path / "stdin"
    fake = tmp_path / "sendmail"
    fake.write_text(f"#!/bin/sh\ncat >{got}\n")
    fake.chmod(0o755)
    exim = replace(settings.exim, sendmail=str(fake), release_user=pwd.getpwuid(os.geteuid()).pw_name)
    rec = QuarantineRecord(email_id="6f1c2a9e-0d7b-4a53-9d6e-3c1b2a4f5e60", account="alice", received=1.0,
                           sender="a@alice.example", recipients=["to@x.example"], subject="hello", reasons=["spam"],
                           score=9.0, symbols=[], size=1)
    SendmailReinjector(exim, spam_header).reinject(rec, message)
    return got.read_bytes()


def test_sendmail_gets_the_message_without_them(tmp_path: Path, settings: Settings) -> None:
    sent = _sent_through_sendmail(tmp_path, settings, FORGED)
    assert b"X-ImunifyEmail-Filter-Action: no action" not in sent and b"-100" not in sent
    assert b"X-Mailward-Spam" not in sent and sent.startswith(b"Subject: hello\r\nTo: <to@x.example>\r\n")


def test_a_renamed_incoming_spam_header_goes_too(tmp_path: Path, settings: Settings) -> None:
    message = b"Subject: hello\r\nx-host-spam: no\r\nX-Host-Spammy: 1\r\n\r\nbody\r\n"
    sent = _sent_through_sendmail(tmp_path, settings, message, "X-Host-Spam")
    assert sent == b"Subject: hello\r\nX-Host-Spammy: 1\r\n\r\nbody\r\n"
