"""The release command line: explicit recipients after "--", no shell, nothing from a message that can act as a flag."""

from __future__ import annotations

import os
import pwd
from dataclasses import replace
from pathlib import Path

import pytest

from core.mail.exim_reinject import ReinjectError, SendmailReinjector, release_argv
from core.models import QuarantineRecord
from core.settings import Settings


def _rec(sender: str = "shop@alice.example",
         rcpts: tuple[str, ...] = ("to@x.example", "bcc@y.example")) -> QuarantineRecord:
    return QuarantineRecord(email_id="6f1c2a9e-0d7b-4a53-9d6e-3c1b2a4f5e60", account="alice", received=1.0,
                            sender=sender, recipients=list(rcpts), subject="s", reasons=["spam"], score=9.0,
                            symbols=[], size=1)


def test_argv_has_marker_protocol_sender_and_every_envelope_recipient(settings: Settings) -> None:
    argv = release_argv(settings.exim, _rec())
    assert argv == [settings.exim.sendmail, "-oMr", "mailward-release", "-oi", "-odi", "-oep", "-f",
                    "shop@alice.example",
                    "--", "to@x.example", "bcc@y.example"]
    assert "-t" not in argv, "-t would read recipients from headers and lose Bcc"
    assert release_argv(settings.exim, _rec(sender=""))[7] == "<>"


@pytest.mark.parametrize("bad", ["-oMr x", "--", "a@b\n", "a b@c", "a@b;rm", "<a@b>", "a@b@c", "x" * 300, "\x00a@b"])
def test_hostile_addresses_never_reach_sendmail(settings: Settings, bad: str) -> None:
    with pytest.raises(ReinjectError):
        release_argv(settings.exim, _rec(rcpts=("ok@x.example", bad)))
    with pytest.raises(ReinjectError):
        release_argv(settings.exim, _rec(sender=bad))


def test_no_recipients_is_an_error(settings: Settings) -> None:
    with pytest.raises(ReinjectError, match="no envelope recipients"):
        release_argv(settings.exim, _rec(rcpts=()))


def test_sendmail_failure_says_why(tmp_path: Path, settings: Settings) -> None:
    fake = tmp_path / "sendmail"
    fake.write_text("#!/bin/sh\ncat >/dev/null\necho 'exim: spool directory is full' >&2\nexit 75\n")
    fake.chmod(0o755)
    exim = replace(settings.exim, sendmail=str(fake), release_user=pwd.getpwuid(os.geteuid()).pw_name)
    with pytest.raises(ReinjectError, match="exited 75: exim: spool directory is full"):
        SendmailReinjector(exim).reinject(_rec(), b"Subject: s\n\nbody\n")


def test_missing_release_user_is_explained(settings: Settings) -> None:
    exim = replace(settings.exim, release_user="no-such-user-mw")
    with pytest.raises(ReinjectError, match="release user 'no-such-user-mw' does not exist"):
        SendmailReinjector(exim).reinject(_rec(), b"x")
