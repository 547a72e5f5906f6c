"""Half-sent requests on the 0666 API socket of a real `mailward serve` (real gunicorn) stall nobody else.

A uid that is no account (mwt-stranger) is refused as it connects, before any HTTP is read; an account (mwt-alice)
gets api.max_connections_per_uid connections and api.header_timeout seconds per request head. Meanwhile root and
the account itself are still answered. The clients run as those uids through setpriv, so SO_PEERCRED is real.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import SocketApi, SystemUser, as_user_argv, lab_dir, serve_for_everyone
from tests.functional.conn_holder import Holder
from tests.functional.unix_http import UnixHTTPConnection
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

#: A request head that never ends: what a slow or hostile client leaves on the socket.
HALF_REQUEST = "GET /api/v1/whoami HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
#: Generous: each call below is answered in milliseconds unless something holds the API's threads.
PROMPT_S = 20.0
CAP = 3


@pytest.fixture(scope="module")
def api(system_users: dict[str, SystemUser]) -> Iterator[tuple[ServeProcess, dict[str, SystemUser]]]:
    """A serve with mwt-alice as a cPanel account; one API worker, so the per-uid cap is exact."""
    alice = system_users["mwt-alice"]
    tree_dir = Path(lab_dir("mailward-dos-cpanel-"))
    try:
        tree = make_cpanel_tree(tree_dir / "cpanel", {"mwt-alice": {"domain": "alice.example", "uid": alice.uid}})
        with serve_for_everyone({"cpanel.root": json.dumps(str(tree)), "api.workers": "1", "api.threads": "4",
                                 "api.max_connections_per_uid": str(CAP), "api.header_timeout": "3.0"},
                                prefix="mailward-dos-") as serve:
            yield serve, system_users
    finally:
        shutil.rmtree(tree_dir, ignore_errors=True)


def _whoami_as_root(serve: ServeProcess) -> dict[str, Any]:
    """GET /whoami as root with a short client timeout: it fails if the API's threads are all held."""
    conn = UnixHTTPConnection(serve.info["api_socket"], timeout=PROMPT_S)
    try:
        conn.request("GET", "/api/v1/whoami")
        answer = conn.getresponse()
        assert answer.status == 200
        return json.loads(answer.read())
    finally:
        conn.close()


def _http_status(reply: str) -> int:
    return int(reply.split(" ", 2)[1]) if reply.startswith("HTTP/1.") else 0


def test_a_uid_that_is_no_account_is_refused_at_accept(api: tuple[ServeProcess, dict[str, SystemUser]]) -> None:
    """60 connections from mwt-stranger (half with a half-sent request, half silent) each get the 403 at once and
    hold no thread: root and the account are answered while they stay open."""
    serve, users = api
    stranger, alice = users["mwt-stranger"], users["mwt-alice"]
    holder = Holder(as_user_argv(stranger), serve.info["api_socket"], n=60, closed=60, wait=PROMPT_S,
                    payload=HALF_REQUEST, send=range(0, 60, 2))
    try:
        assert _whoami_as_root(serve)["role"] == "admin"
        assert SocketApi(serve.info["api_socket"], alice).get("/whoami").json["account"] == "mwt-alice"
        for r in holder.results:
            assert r["closed"] and _http_status(r["reply"]) == 403, r
            body = json.loads(r["reply"].split("\r\n\r\n", 1)[1])
            assert body == {"code": 403, "status": "forbidden", "errors": {},
                            "message": f"uid {stranger.uid} is neither root nor a cPanel account"}
        # an ordinary client as the stranger still reads the refusal (sent before its request, kept a moment)
        reply = SocketApi(serve.info["api_socket"], stranger).get("/whoami")
        assert reply.status == 403 and reply.message == f"uid {stranger.uid} is neither root nor a cPanel account"
    finally:
        holder.close()
    assert f"api: refused connection from uid={stranger.uid} (uid {stranger.uid} is neither" in serve.log()


def test_an_account_gets_its_cap_and_a_head_deadline(api: tuple[ServeProcess, dict[str, SystemUser]]) -> None:
    """mwt-alice opens 12 half-sent requests: CAP are taken (and cut once api.header_timeout passes), the rest are
    refused at once with 503; root is answered meanwhile, and alice again once hers are gone."""
    serve, users = api
    alice = users["mwt-alice"]
    holder = Holder(as_user_argv(alice), serve.info["api_socket"], n=12, closed=12 - CAP, wait=PROMPT_S,
                    payload=HALF_REQUEST, send=range(12))
    try:
        assert _whoami_as_root(serve)["role"] == "admin"
        refused = [r for r in holder.results if r["closed"]]
        held = [r for r in holder.results if not r["closed"]]
        assert len(held) == CAP and all(r["reply"] == "" for r in held), holder.results
        assert len(refused) == 12 - CAP, holder.results
        for r in refused:
            assert _http_status(r["reply"]) == 503 and "api.max_connections_per_uid=3" in r["reply"], r
    finally:
        holder.close()
    # A head that never ends is cut by the deadline, whoever sends it (here root, whom no cap limits).
    slow = UnixHTTPConnection(serve.info["api_socket"], timeout=PROMPT_S)
    try:
        slow.connect()
        assert slow.sock is not None
        slow.sock.sendall(HALF_REQUEST.encode())
        started = time.monotonic()
        assert slow.sock.recv(4096) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - started < PROMPT_S
    finally:
        slow.close()
    log = serve.log()
    assert "api.max_connections_per_uid=3" in log and "not complete within 3s (api.header_timeout)" in log
    assert SocketApi(serve.info["api_socket"], alice).get("/whoami").json["account"] == "mwt-alice"
