"""Fixtures of the WHM plugin tests: a cPanel tree with resellers and a recording HTTP server on a unix socket."""

from __future__ import annotations

import http.server
import json
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from whm_plugin.cgi_proxy import CgiConfig


@dataclass
class Recorded:
    """What the fake API saw of each request."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    content_type: str = "application/json"
    body: bytes = b'{"items": [], "max_count": 0}'


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    record: Recorded


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        rec = self.server.record
        rec.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers.items()),
                             "body": body})
        self.send_response(rec.status)
        self.send_header("Content-Type", rec.content_type)
        self.send_header("Content-Length", str(len(rec.body)))
        self.end_headers()
        self.wfile.write(rec.body)

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _answer

    def address_string(self) -> str:
        return "unix"

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def fake_api(tmp_path: Path) -> Iterator[tuple[Path, Recorded]]:
    """A small HTTP server on a unix socket that records every request and answers Recorded's reply."""
    path = tmp_path / "api.sock"
    server = _Server(str(path), _Handler)
    server.record = Recorded()
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield path, server.record
    server.shutdown()
    server.server_close()


@pytest.fixture
def cpanel_root(tmp_path: Path) -> Path:
    """A cPanel root with two resellers: one with `all`, one without."""
    root = tmp_path / "cpanel"
    (root / "var/cpanel").mkdir(parents=True)
    (root / "var/cpanel/resellers").write_text("boss:list-accts,all\nlimited:list-accts,create-acct\n",
                                               encoding="utf-8")
    return root


@pytest.fixture
def cfg(cpanel_root: Path, fake_api: tuple[Path, Recorded]) -> CgiConfig:
    """The CGI's configuration on the fake tree and the fake API."""
    return CgiConfig(api_socket=str(fake_api[0]), cpanel_root=str(cpanel_root))


def env(user: str | None = "root", method: str = "GET", query: str = "", **extra: str) -> dict[str, str]:
    """A CGI environment as cpsrvd sets it."""
    out = {"REQUEST_METHOD": method, "QUERY_STRING": query, "cp_security_token": "/cpsess1234567890",
           "SCRIPT_NAME": "/cgi/mailward/index.cgi", "GATEWAY_INTERFACE": "CGI/1.1"}
    if user is not None:
        out["REMOTE_USER"] = user
    out.update(extra)
    return out


def body_json(resp: Any) -> Any:
    """A CGI response's body as JSON."""
    return json.loads(b"".join(resp.chunks()))
