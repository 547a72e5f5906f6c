"""GET over the API's unix socket (core.net.unix_http) and ie-config's service report built on it."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from core.net import unix_http
from workers import ie_config


class _UnixServer(ThreadingHTTPServer):
    address_family = socket.AF_UNIX
    daemon_threads = True

    def server_bind(self) -> None:
        self.socket.bind(self.server_address)

    def get_request(self) -> tuple[socket.socket, tuple[str, int]]:
        conn, _ = self.socket.accept()
        return conn, ("local", 0)


class _Api(BaseHTTPRequestHandler):
    """Answers /api/v1/status with a fixed report, everything else 404; records the request headers."""

    seen: list[dict[str, str]] = []

    def log_message(self, fmt: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).seen.append({"path": self.path, **dict(self.headers.items())})
        if self.path == "/api/v1/status":
            code, doc = 200, {"status": "ok", "components": [{"name": "gateway", "ok": True, "detail": "up"}]}
        else:
            code, doc = 404, {"code": 404, "status": "not_found", "message": "no such resource"}
        body = json.dumps(doc).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def api_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "api.sock"
    _Api.seen = []
    server = _UnixServer(str(path), _Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield path
    finally:
        server.shutdown()
        server.server_close()


def test_get_returns_status_and_body_and_sends_headers(api_socket: Path) -> None:
    code, body = unix_http.get(api_socket, "/api/v1/status", timeout=5.0, headers={"X-Mailward-Client": "t"})
    assert code == 200 and json.loads(body)["status"] == "ok"
    assert _Api.seen[-1]["path"] == "/api/v1/status" and _Api.seen[-1]["X-Mailward-Client"] == "t"
    assert unix_http.get(api_socket, "/api/v1/nope", timeout=5.0)[0] == 404


def test_get_raises_oserror_when_nothing_listens(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        unix_http.get(tmp_path / "absent.sock", "/api/v1/health", timeout=1.0)


def test_service_status_reports_running_and_down(api_socket: Path, tmp_path: Path) -> None:
    assert ie_config.service_status(api_socket) == {
        "running": True, "status": "ok", "detail": "",
        "components": [{"name": "gateway", "ok": True, "detail": "up"}]}
    assert _Api.seen[-1]["X-Mailward-Client"] == "ie-config"
    down = ie_config.service_status(tmp_path / "absent.sock", timeout=1.0)
    assert down["running"] is False and down["status"] == "down" and down["components"] == []
    assert "is `mailward serve` running?" in down["detail"]
