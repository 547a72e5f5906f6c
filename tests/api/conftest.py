"""The API in-process (Flask test client) on a real Redis, with identities chosen per call by the test."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from werkzeug.test import TestResponse

from api.app import create_app
from core.identity.caller import Identity, account, admin
from core.mail.exim_reinject import ReinjectError
from core.models import QuarantineRecord, ScriptHeader
from core.settings import Settings
from core.store.quarantine import QuarantineStore
from core.store.spool import SpoolStore
from tests.cpanel_tree import memory_accounts

ENV_KEY = "mailward.test.identity"


@dataclass
class StubReinjector:
    """Records what would have been re-injected; `fail` makes the next calls raise as Exim would."""

    sent: list[tuple[QuarantineRecord, bytes]] = field(default_factory=list)
    fail: str = ""

    def reinject(self, record: QuarantineRecord, message: bytes) -> None:
        if self.fail:
            raise ReinjectError(self.fail)
        self.sent.append((record, message))


class Caller:
    """Calls the app as one identity."""

    def __init__(self, app: Flask, who: Identity) -> None:
        self.client = app.test_client()
        self.who = who

    def __call__(self, method: str, path: str, **kw: Any) -> TestResponse:
        kw.setdefault("environ_base", {})[ENV_KEY] = self.who
        kw.setdefault("headers", {}).setdefault("X-Mailward-Client", "pytest")
        return self.client.open("/api/v1" + path, method=method, **kw)


@dataclass
class ApiEnv:
    app: Flask
    settings: Settings
    store: QuarantineStore
    spool: SpoolStore
    reinjector: StubReinjector
    client: redis.Redis

    def as_(self, who: Identity) -> Caller:
        return Caller(self.app, who)

    @property
    def admin(self) -> Caller:
        return self.as_(admin(0))

    def hold(self, acct: str, *, subject: str = "cheap pills", sender: str = "a@shop.example",
             recipients: tuple[str, ...] = ("b@x.example", "hidden-bcc@y.example"), received: float = 0.0,
             reasons: tuple[str, ...] = ("spam",), body: bytes | None = None, direction: str = "outgoing",
             script: ScriptHeader | None = None) -> str:
        """Put one message in the quarantine as a scan would; returns its id."""
        raw = body or (f"From: <{sender}>\r\nTo: <{recipients[0]}>\r\nSubject: {subject}\r\n"
                       "Content-Type: text/html\r\n\r\n<p>Buy <b>now</b></p>\r\n").encode()
        sid = self.spool.write(raw)
        rec = QuarantineRecord(email_id=str(uuid.uuid4()), account=acct, received=received or time.time(),
                               sender=sender, recipients=list(recipients), subject=subject, reasons=list(reasons),
                               score=9.5, symbols=["GTUBE"], size=0, direction=direction,
                               script=script or ScriptHeader())
        self.store.hold(self.spool.path(sid), rec)
        return rec.email_id


@pytest.fixture
def api_env(settings: Settings, redis_client: redis.Redis, tmp_path: Path) -> Iterator[ApiEnv]:
    """An app whose callers are whoever the test says (environ key set by Caller only)."""
    accounts = memory_accounts({"alice": "alice.example", "bob": "bob.example"})
    stub = StubReinjector()

    def identify(environ: dict[str, Any]) -> Identity:
        return environ[ENV_KEY]

    app = create_app(settings, identify=identify, reinjector=stub, accounts=accounts, client=redis_client)
    store = app.extensions["mailward.services"].quarantine
    spool = SpoolStore(settings.spool_dir)
    spool.ensure()
    yield ApiEnv(app, settings, store, spool, stub, redis_client)


@pytest.fixture
def alice(api_env: ApiEnv) -> Caller:
    return api_env.as_(account("alice", 1001))


@pytest.fixture
def bob(api_env: ApiEnv) -> Caller:
    return api_env.as_(account("bob", 1002))
