"""The real transports against small local HTTP servers: unix socket, TCP with a bearer token, and failures."""

from __future__ import annotations

import json
import socket
import socketserver
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from cli.api_client import ApiError, TcpTransport, UnixSocketTransport, segment, transport_from_env
from cli.ie_cli import main


class Recorder(BaseHTTPRequestHandler):
    """Answers every request with a JSON echo of what it received."""

    seen: list[dict[str, Any]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = {"method": self.command, "path": self.path, "headers": dict(self.headers),
                "body": json.loads(body) if body else None}
        type(self).seen.append(seen)
        status = 403 if self.path.startswith("/api/v1/denied") else 200
        payload = {"code": 403, "status": "forbidden", "message": "no"} if status == 403 else seen
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_DELETE = _answer

    def log_message(self, format: str, *args: Any) -> None:  # quiet, and unix peers have no address
        return

    def address_string(self) -> str:
        return "local"


class UnixHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def get_request(self) -> tuple[socket.socket, Any]:
        conn, _ = super().get_request()
        return conn, ("local", 0)  # BaseHTTPRequestHandler wants a (host, port) client address


@pytest.fixture
def unix_server(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "api.sock"
    server = UnixHTTPServer(str(path), Recorder)
    Recorder.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield path
    server.shutdown()
    server.server_close()


@pytest.fixture
def tcp_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_unix_socket_transport_sends_json_query_and_the_client_header(unix_server: Path) -> None:
    answer = UnixSocketTransport(unix_server).request("POST", "/api/v1/emails/release", query={"a": "b c"},
                                                      body={"ids": ["0001"]})
    assert answer.status == 200 and answer.headers["content-type"] == "application/json"
    seen = json.loads(answer.body)
    assert seen["path"] == "/api/v1/emails/release?a=b+c" and seen["body"] == {"ids": ["0001"]}
    assert seen["headers"]["X-Mailward-Client"] == "ie-cli"
    assert seen["headers"]["Content-Type"] == "application/json"
    assert "Authorization" not in seen["headers"]


def test_tcp_transport_adds_the_bearer_token_and_keeps_a_path_prefix(tcp_server: str) -> None:
    answer = TcpTransport(tcp_server + "/mw/", token="s3cret").request("GET", "/api/v1/whoami")
    seen = json.loads(answer.body)
    assert seen["path"] == "/mw/api/v1/whoami"
    assert seen["headers"]["Authorization"] == "Bearer s3cret" and seen["headers"]["X-Mailward-Client"] == "ie-cli"


def test_the_environment_chooses_the_transport(tmp_path: Path) -> None:
    tcp = transport_from_env({"MAILWARD_API_URL": "http://127.0.0.1:8025", "MAILWARD_API_TOKEN": "t",
                              "MAILWARD_API_SOCKET": "/ignored.sock"})
    assert isinstance(tcp, TcpTransport) and tcp.token == "t" and tcp.port == 8025
    unix = transport_from_env({"MAILWARD_API_SOCKET": "/run/x.sock"})
    assert isinstance(unix, UnixSocketTransport) and unix.path == "/run/x.sock"
    default = transport_from_env({"MAILWARD_STATE_DIR": str(tmp_path), "MAILWARD_API_TOKEN": "unused"})
    assert isinstance(default, UnixSocketTransport) and default.path == str(tmp_path / "api.sock")
    with pytest.raises(ApiError, match="MAILWARD_API_URL must look like"):
        transport_from_env({"MAILWARD_API_URL": "ftp://x"})


def test_ie_cli_end_to_end_over_the_socket_from_the_environment(
        unix_server: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MAILWARD_API_SOCKET", str(unix_server))
    monkeypatch.delenv("MAILWARD_API_URL", raising=False)
    assert main(["emails", "list", "--subject", "a b", "--json"]) == 0
    assert Recorder.seen[0]["path"] == "/api/v1/emails?limit=25&since=30d&offset=0&subject=a+b"
    capsys.readouterr()


def test_unreachable_api_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nobody.sock"
    monkeypatch.setenv("MAILWARD_API_SOCKET", str(missing))
    monkeypatch.delenv("MAILWARD_API_URL", raising=False)
    assert main(["emails", "list"]) == 1
    assert capsys.readouterr().err == (
        f"ie-cli: error: cannot reach the Mailward API at {missing}: is `mailward serve` running?\n")
    # a socket file nobody listens on: connection refused, same message
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(missing))
    dead.close()
    assert main(["accounts", "list"]) == 1
    assert "is `mailward serve` running?" in capsys.readouterr().err
    assert main(["version"]) == 0  # needs no API


def test_broken_settings_only_matter_to_commands_that_talk_to_the_api(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("MAILWARD_API_SOCKET", raising=False)
    monkeypatch.delenv("MAILWARD_API_URL", raising=False)
    monkeypatch.setenv("MAILWARD_FAIL_MODE", "sideways")
    assert main(["version"]) == 0
    assert main(["emails", "list"]) == 1
    assert capsys.readouterr().err.endswith("ie-cli: error: fail_mode must be 'open' or 'closed', got 'sideways'\n")


def test_tcp_refused_and_error_answers(tcp_server: str) -> None:
    with pytest.raises(ApiError) as caught:
        TcpTransport("http://127.0.0.1:1").request("GET", "/api/v1/whoami")
    assert "cannot reach the Mailward API at http://127.0.0.1:1" in caught.value.message
    answer = TcpTransport(tcp_server).request("GET", "/api/v1/denied")
    assert answer.status == 403


def test_path_segments_are_encoded() -> None:
    assert segment("a/b c") == "a%2Fb%20c"
    assert segment("..") == "%2E%2E" and segment("a.b") == "a.b"
