"""An account's digest goes only to its own domains or its cPanel contact addresses, and Mailward's own mail is an
ordinary submission Exim scans, never the release path's bypass (real Redis; a recording sendmail)."""

from __future__ import annotations

import json
import os
import stat
import time
import uuid
from pathlib import Path

import pytest
import redis

from core import keys
from core.errors import ValidationError
from core.mail.exim_reinject import SendmailReinjector
from core.mail.exim_submit import SendmailSubmitter, submit_argv
from core.models import QuarantineRecord
from core.notify.digests import Mailer, Notifier
from core.settings import NotificationSettings, Settings
from core.store.digest_prefs import DigestPrefs, DigestPrefsStore, MemoryDigestPrefs, digest_address_allowed
from core.store.quarantine import QuarantineStore
from tests.api.conftest import StubReinjector
from tests.cpanel_tree import memory_accounts

SPEC = {"alice": {"domain": "alice.example", "addon_domains": ["shop.example.net"],
                  "settings": {"CONTACTEMAIL": "Owner@Gmail.example; second@contact.example",
                               "CONTACTEMAIL2": "backup@other.example"}},
        "bob": "bob.example"}


@pytest.mark.parametrize("twin", ["redis", "memory"])
def test_the_address_must_be_the_accounts_own(twin: str, redis_client: redis.Redis) -> None:
    accounts = memory_accounts(SPEC)
    prefs = DigestPrefsStore(redis_client, accounts=accounts) if twin == "redis" else MemoryDigestPrefs(
        accounts=accounts)
    for own in ("me@alice.example", "me@ALICE.example", "sales@shop.example.net", "Owner@Gmail.example",
                "second@contact.example", "backup@other.example"):
        assert prefs.set("alice", address=own).address == own
    for stranger in ("me@bob.example", "victim@elsewhere.example", "me@sub.alice.example", "me@alice.example.evil",
                     "owner@gmail.example.evil"):
        with pytest.raises(ValidationError, match="not on a domain of account alice"):
            prefs.set("alice", address=stranger)
    assert prefs.get("alice") == DigestPrefs(address="backup@other.example")  # refused: nothing written
    assert prefs.set("alice", address="").address == ""  # back to the contact address: always allowed
    assert prefs.set("root", address="postmaster@anywhere.example").address  # the admin's own bucket


def test_a_stored_stranger_address_is_never_mailed(tmp_path: Path, redis_client: redis.Redis) -> None:
    # Written before the rule existed (or the domain has left the account since).
    redis_client.hset(keys.notify_prefs(), "alice", json.dumps({"address": "victim@elsewhere.example"}))
    redis_client.hset(keys.notify_prefs(), "bob", json.dumps({"address": "ops@bob.example"}))
    stub = StubReinjector()
    n = NotificationSettings(enabled=True, sender="mailward@host.example", digest="daily", burst_threshold=0)
    store = QuarantineStore(tmp_path / "q", redis_client, default_limit_bytes=10**9, default_releases_limit=5)
    for account in ("alice", "bob"):
        spool = tmp_path / f"spool-{uuid.uuid4()}"
        spool.write_bytes(b"Subject: x\r\n\r\nbody\r\n")
        store.hold(spool, QuarantineRecord(email_id=str(uuid.uuid4()), account=account, received=time.time() - 60,
                                           sender="s@x.example", recipients=["r@y.example"], subject="held",
                                           reasons=["spam"], score=9.0, symbols=[], size=0))
    r = Notifier(store, memory_accounts(SPEC), Mailer(redis_client, stub, n), n).run()
    assert r.digests == 2
    assert sorted(rec.recipients[0] for rec, _ in stub.sent) == ["Owner@Gmail.example", "ops@bob.example"]
    assert not digest_address_allowed("victim@elsewhere.example", "alice", memory_accounts(SPEC))


def test_mailwards_own_mail_never_takes_the_release_path(tmp_path: Path, settings: Settings,
                                                         redis_client: redis.Redis) -> None:
    with pytest.raises(TypeError, match="release path"):
        Mailer(redis_client, SendmailReinjector(settings.exim), settings.notifications)
    log = tmp_path / "argv.json"
    fake = tmp_path / "sendmail"
    fake.write_text(f"#!/bin/sh\ncat > /dev/null\nprintf '%s\\n' \"$(id -u)\" \"$@\" > {log}\n")
    fake.chmod(stat.S_IRWXU)
    exim = type(settings.exim)(**{**{f: getattr(settings.exim, f) for f in settings.exim.__slots__},
                                  "sendmail": str(fake)})
    n = NotificationSettings(enabled=True, sender="mailward@host.example")
    assert Mailer(redis_client, SendmailSubmitter(exim), n).send("owner@alice.example", "digest", "text\n")
    uid, *argv = log.read_text().splitlines()
    assert int(uid) == os.geteuid()  # this process's own user, not the release user
    assert "-oMr" not in argv and exim.release_protocol not in argv
    assert argv == ["-oi", "-odi", "-oep", "-f", "mailward@host.example", "--", "owner@alice.example"]
    rec = QuarantineRecord(email_id=str(uuid.uuid4()), account="root", received=0.0, sender="", recipients=["a@b"],
                           subject="", reasons=[], score=0.0, symbols=[], size=0)
    assert submit_argv(exim, rec)[:1] == [str(fake)] and "-oMr" not in submit_argv(exim, rec)
