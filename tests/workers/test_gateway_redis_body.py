"""Issue 15 item 4: when the spool cannot be written (ENOSPC injected), the body travels through Redis and the scan
still happens; a hold that cannot be written is a soft reject; nothing is left in the spool or in Redis.

A real gateway, a real Redis broker and an in-process Dramatiq worker running the real Scanner."""

from __future__ import annotations

import contextlib
import errno
import io
import logging
from collections.abc import Iterator
from pathlib import Path

import dramatiq
import pytest
import redis

from core import keys
from core.models import Action, Envelope, Verdict
from core.scan.scanner import Scanner
from core.settings import load_settings
from core.store.scan_bodies import HELD, READY, TAKEN, MemoryScanBodies, ScanBodies
from core.store.spool import SpoolStore
from tests.cpanel_tree import make_cpanel_tree
from tests.redis_server import RedisServer
from workers.actors import SCAN_QUEUE, build_actors
from workers.broker import make_broker
from workers.gateway import PREAMBLE_WINDOW, ScanGateway
from workers.scan_client import _envelope_lines

GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
ENV = Envelope(sender="a@alice.example", recipients=["x@y.example"], user="alice", queue_id="1abcDE-000001-AB")
SPOOL_ID = "6f1c2a9e-0d7b-4a53-9d6e-3c1b2a4f5e60"


def _message(body: str, subject: str = "hi") -> bytes:
    return f"From: <a@alice.example>\r\nTo: <x@y.example>\r\nSubject: {subject}\r\n\r\n{body}\r\n".encode()


def _request(message: bytes, env: Envelope = ENV) -> bytes:
    head = "\r\n".join(["CHECK RSPAMC/1.3", f"Content-length: {len(message)}", *_envelope_lines(env), "", ""])
    return head.encode() + message


class Rig:
    """A gateway whose spool is full, and a worker (a Dramatiq thread in this process) on the same Redis."""

    def __init__(self, tmp_path: Path, server: RedisServer, client: redis.Redis, *, workers: bool = True,
                 **scan: object) -> None:
        root = make_cpanel_tree(tmp_path / "cpanel", {"alice": "alice.example"})
        self.settings = load_settings(
            environ={"MAILWARD_STATE_DIR": str(tmp_path / "state"), "MAILWARD_REDIS_URL": server.url},
            overrides={"cpanel": {"root": str(root)}, "scan": {"timeout": 3.0, "commit_grace": 1.0, **scan}})
        self.client = client
        self.broker = make_broker(self.settings)
        self.scanner = Scanner(self.settings, client)
        actors = build_actors(self.broker, self.scanner)
        self.gateway = ScanGateway(self.settings, self.broker, actors.scan_message, server.client())
        self.gateway.spool.ensure()
        self.worker = dramatiq.Worker(self.broker, worker_timeout=50, worker_threads=2) if workers else None
        if self.worker is not None:
            self.worker.start()
        self.full = True

        @contextlib.contextmanager
        def create() -> Iterator[tuple[str, io.BufferedWriter]]:
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            with SpoolStore.create(self.gateway.spool) as pair:
                yield pair

        self.gateway.spool.create = create  # type: ignore[method-assign]

    def scan(self, message: bytes) -> Verdict:
        """One request through the gateway's handler; the verdict it answered."""
        out = io.BytesIO()
        self.gateway.handle(io.BytesIO(_request(message)), out)
        text = out.getvalue().decode()
        assert text.startswith("RSPAMD/1.3 0 EX_OK"), text
        action = next(line.split(":", 1)[1].strip() for line in text.split("\r\n") if line.startswith("Action:"))
        return Verdict(Action(action))

    def leftovers(self) -> tuple[list[str], list[bytes]]:
        """Spool files and scan bodies in Redis left behind."""
        return (sorted(p.name for p in self.settings.spool_dir.iterdir()),
                sorted(self.client.scan_iter(match=keys.scan_body("*"))))

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.broker.close()


@pytest.fixture
def rig(tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis) -> Iterator[Rig]:
    r = Rig(tmp_path, redis_server, redis_client)
    yield r
    r.close()


def test_a_full_spool_still_scans_clean_mail_and_holds_spam(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mailward.gateway"):
        clean = rig.scan(_message("Hello Bob, the invoice is attached to our portal."))
    assert clean.action == Action.ACCEPT
    assert "No space left on device" in caplog.text and "goes through Redis" in caplog.text
    held = rig.scan(_message(GTUBE, "spam"))
    assert held.action == Action.QUARANTINE
    records = rig.scanner.quarantine.list(None)[0]
    assert [r.subject for r in records] == ["spam"]
    assert rig.scanner.quarantine.read_message(records[0]).endswith(f"{GTUBE}\r\n".encode())
    assert rig.leftovers() == ([], [])


def test_a_hold_the_quarantine_cannot_write_is_a_soft_reject(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> list[str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rig.scanner.quarantine, "hold", full)
    assert rig.scan(_message(GTUBE)).action == Action.DEFER  # Exim answers 451; never the fail mode's delivery
    assert rig.scan(_message("Hello Bob.")).action == Action.ACCEPT
    assert rig.scanner.quarantine.list(None)[1] == 0
    assert rig.leftovers() == ([], [])


def test_a_body_over_the_redis_cap_gets_the_fail_mode_and_the_log_says_why(
        tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis,
        caplog: pytest.LogCaptureFixture) -> None:
    rig = Rig(tmp_path, redis_server, redis_client, redis_body_max_bytes=1000)
    try:
        with caplog.at_level(logging.WARNING, logger="mailward.gateway"):
            verdict = rig.scan(_message(GTUBE + " " + "padding " * 200))
        assert verdict.action == Action.UNSCANNED  # fail_mode open
        assert "redis_body_max_bytes=1000" in caplog.text and "No space left" in caplog.text
        assert rig.leftovers() == ([], [])
    finally:
        rig.close()


def test_a_spool_that_fills_up_past_the_memory_window_is_read_to_the_end_and_answered(
        tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis,
        caplog: pytest.LogCaptureFixture) -> None:
    rig = Rig(tmp_path, redis_server, redis_client)
    rig.full = False
    real_create = SpoolStore.create

    @contextlib.contextmanager
    def fills_up(spool: SpoolStore) -> Iterator[tuple[str, object]]:
        with real_create(spool) as (sid, fh):
            class Filling:
                written = 0

                def write(self, data: bytes) -> int:
                    if self.written + len(data) > PREAMBLE_WINDOW:
                        raise OSError(errno.ENOSPC, "No space left on device")
                    self.written += len(data)
                    return fh.write(data)

            yield sid, Filling()

    rig.gateway.spool.create = lambda: fills_up(rig.gateway.spool)  # type: ignore[method-assign]
    try:
        big = _message(GTUBE + "\r\n" + "x" * (3 * PREAMBLE_WINDOW))
        with caplog.at_level(logging.WARNING, logger="mailward.gateway"):
            assert rig.scan(big).action == Action.UNSCANNED
        assert "over scan.redis_body_max_bytes" in caplog.text
        assert rig.leftovers() == ([], [])  # the half-written spool file is gone too
    finally:
        rig.close()


def test_no_verdict_in_time_takes_the_body_back_from_redis_before_the_fail_mode(
        tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis,
        caplog: pytest.LogCaptureFixture) -> None:
    rig = Rig(tmp_path, redis_server, redis_client, workers=False, timeout=0.3, commit_grace=0.2)
    try:
        assert rig.scan(_message(GTUBE)).action == Action.UNSCANNED  # nobody scanned it in time: fail mode open
        assert rig.leftovers() == ([], [])
        # a worker that finds the job later changes nothing: its claim was abandoned, its body is gone
        rig.worker = dramatiq.Worker(rig.broker, worker_timeout=50, worker_threads=1)
        with caplog.at_level(logging.INFO, logger="mailward.scan"):
            rig.worker.start()
            # Worker.join only waits for what the worker already fetched: wait until Redis has nothing queued or
            # unacknowledged on the scan queue (with a deadline), then for the worker's own queues
            rig.broker.join(SCAN_QUEUE, timeout=30_000)
            rig.worker.join()
        assert "skipped: the gateway no longer waits for it" in caplog.text
        assert rig.scanner.quarantine.list(None)[1] == 0
    finally:
        rig.close()


@pytest.mark.parametrize(("state", "want"), [(READY, Action.UNSCANNED), (HELD, Action.QUARANTINE),
                                             (TAKEN, Action.DEFER), (None, Action.DEFER)])
def test_at_the_deadline_the_bodys_state_decides_the_answer(tmp_path: Path, redis_server: RedisServer,
                                                          redis_client: redis.Redis, state: str | None,
                                                          want: Action) -> None:
    rig = Rig(tmp_path, redis_server, redis_client, workers=False)
    try:
        bodies = rig.gateway.bodies
        if state is not None:
            bodies.put(SPOOL_ID, b"body", 10_000)
        if state in (TAKEN, HELD):
            assert bodies.take(SPOOL_ID) == b"body"
        if state == HELD:
            bodies.held(SPOOL_ID)
        verdict = rig.gateway._fail_unless_held(ENV, SPOOL_ID, "test", in_redis=True)
        assert verdict.action == want
        assert not redis_client.exists(keys.scan_body(SPOOL_ID))
    finally:
        rig.close()


@pytest.fixture(params=["redis", "memory"])
def bodies(request: pytest.FixtureRequest, redis_client: redis.Redis) -> ScanBodies | MemoryScanBodies:
    return ScanBodies(redis_client) if request.param == "redis" else MemoryScanBodies()


def test_one_owner_at_a_time(bodies: ScanBodies | MemoryScanBodies) -> None:
    bodies.put(SPOOL_ID, b"message", 10_000)
    assert bodies.read(SPOOL_ID, 4) == b"mess"
    assert bodies.take(SPOOL_ID) == b"message"
    assert bodies.take(SPOOL_ID) is None  # a second hold (a retry) cannot take it while the first holds
    bodies.give_back(SPOOL_ID)  # the first hold failed
    assert bodies.take(SPOOL_ID) == b"message"
    bodies.held(SPOOL_ID)
    assert bodies.read(SPOOL_ID, 100) is None  # held: the body is no longer kept
    assert bodies.settle(SPOOL_ID) == HELD
    assert bodies.settle(SPOOL_ID) is None
    bodies.put(SPOOL_ID, b"again", 10_000)
    assert bodies.settle(SPOOL_ID) == READY
    assert bodies.take(SPOOL_ID) is None  # the gateway answered first: no worker can hold it now
    bodies.give_back(SPOOL_ID)
    bodies.held(SPOOL_ID)
    assert bodies.settle(SPOOL_ID) is None


def test_a_body_expires_after_its_lifetime(redis_client: redis.Redis) -> None:
    ScanBodies(redis_client).put(SPOOL_ID, b"message", 20_000)
    assert 0 < redis_client.pttl(keys.scan_body(SPOOL_ID)) <= 20_000


def test_a_workers_hold_from_redis_gives_the_body_back_when_it_fails(
        tmp_path: Path, redis_client: redis.Redis, redis_server: RedisServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    rig = Rig(tmp_path, redis_server, redis_client, workers=False)
    try:
        scanner = rig.scanner
        scanner.spool.bodies.put(SPOOL_ID, _message(GTUBE), 10_000)  # type: ignore[union-attr]
        scanner.claims.open(SPOOL_ID, 10_000)

        def full(*args: object, **kwargs: object) -> list[str]:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(scanner.quarantine, "hold", full)
        verdict = scanner.scan_spooled(SPOOL_ID, ENV, claimed=True)
        assert verdict is not None and verdict.action == Action.DEFER
        assert scanner.spool.bodies.settle(SPOOL_ID) == READY  # type: ignore[union-attr]
    finally:
        rig.close()


def test_mailwards_own_scans_take_the_redis_path_too(rig: Rig) -> None:
    """A frozen local submission or a forwarded copy, scanned while the spool is full: scanned, not the fail mode."""
    from workers.direct_scan import scan_bytes

    assert scan_bytes(rig.gateway, _message(GTUBE, "frozen spam"), ENV).action == Action.QUARANTINE
    assert scan_bytes(rig.gateway, _message("Hello Bob."), ENV).action == Action.ACCEPT
    assert [r.subject for r in rig.scanner.quarantine.list(None)[0]] == ["frozen spam"]
    assert rig.leftovers() == ([], [])
