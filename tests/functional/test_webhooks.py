"""Webhooks end to end: a real `mailward serve` posts signed events to a local receiver, retrying 5xx."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis

from core.net.webhooks import verify
from core.store.webhooks import WebhookStore
from tests.functional.test_serve import ENV, SPAM, _toml
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]


class Receiver:
    """A stdlib HTTP server on 127.0.0.1 that answers `fail_first` POSTs with 500, then 200, and keeps them."""

    def __init__(self, fail_first: int = 0) -> None:
        self.posts: list[tuple[int, dict[str, str], bytes]] = []
        self.fail_first = fail_first
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                code = 500 if len(owner.posts) < owner.fail_first else 200
                owner.posts.append((code, {k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait(self, n: int, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.posts) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.posts) >= n, f"{len(self.posts)} of {n} POSTs arrived"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServeProcess]:
    state = tmp_path / "state"
    proc = ServeProcess(state, _toml(state, **{"webhooks.allow_private": "true", "webhooks.min_backoff_ms": "200",
                                               "webhooks.max_backoff_ms": "1000", "webhooks.max_retries": "3",
                                               "webhooks.timeout": "5.0"}))
    proc.start()
    yield proc
    proc.stop()


def _client(serve: ServeProcess) -> redis.Redis:
    return redis.Redis(unix_socket_path=str(serve.state_dir / "redis" / "redis.sock"))


def test_quarantine_posts_a_signed_event_and_5xx_is_retried(serve: ServeProcess) -> None:
    good, flaky = Receiver(), Receiver(fail_first=2)
    try:
        store = WebhookStore(_client(serve), allow_private=True)
        hook = store.create(good.url, ["email.quarantined"])
        retried = store.create(flaky.url, ["email.quarantined"])
        reply = check_legacy(serve.tcp, SPAM, ENV)
        assert reply.action == "quarantine"
        good.wait(1)
        _code, headers, body = good.posts[0]
        assert headers["x-mailward-event"] == "email.quarantined"
        assert verify(hook.secret, headers["x-mailward-timestamp"], body, headers["x-mailward-signature"])
        event = json.loads(body)
        assert event["type"] == "email.quarantined" and event["data"]["recipients"] == 2
        assert headers["x-mailward-delivery"] == f"{event['id']}/{hook.id}"
        flaky.wait(3)
        assert [c for c, _, _ in flaky.posts] == [500, 500, 200]
        assert all(b == flaky.posts[0][2] for _, _, b in flaky.posts)  # the same event each time
        deadline = time.monotonic() + 5
        while store.status(retried.id)["delivered"] < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        status = store.status(retried.id)
        assert status["delivered"] == 1 and status["last_delivery"]["status"] == 200
        time.sleep(0.5)
        assert len(good.posts) == 1  # dispatched once
    finally:
        good.close()
        flaky.close()
