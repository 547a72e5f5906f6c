"""ie-config on a default install (issue 18): enable-incoming needs no [incoming] listen (item 16), and status exits
with a documented non-zero code when the service is degraded or down (item 19)."""

from __future__ import annotations

import http.server
import json
import os
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.workers.test_exim_hook import EXIM, _cpanel_root, have_exim
from workers import ie_config


@pytest.fixture
def default_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings as a fresh install has them (no [incoming] listen), a state dir, a fake cPanel root."""
    for key in list(os.environ):
        if key.startswith("MAILWARD_"):
            monkeypatch.delenv(key)
    state = tmp_path / "state"
    state.mkdir()
    monkeypatch.setenv("MAILWARD_STATE_DIR", str(state))
    monkeypatch.setenv("MAILWARD_EXIM__RELEASE_USER", "nobody")
    monkeypatch.setenv("MAILWARD_EXIM__EXIM_BINARY", EXIM)
    return _cpanel_root(tmp_path)


@have_exim
def test_enable_incoming_works_on_a_default_install_and_says_where(default_install: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = default_install
    base = ["--root", str(root), "--noreload"]
    assert ie_config.main(["enable", *base]) == 0
    capsys.readouterr()
    assert ie_config.main(["enable-incoming", *base]) == 0
    out = capsys.readouterr().out
    sock = str(tmp_path / "state" / "incoming.sock")
    assert out.startswith("incoming enabled (cpanel)"), out
    assert f"note: incoming mail is scanned on {sock} (the default: [incoming] listen is empty" in out, out
    assert sock in (root / "etc/exim.conf").read_text()
    assert ie_config.main(["status", "--root", str(root), "--noservice"]) == 0
    assert "incoming: on" in capsys.readouterr().out.splitlines()


class _StatusHandler(http.server.BaseHTTPRequestHandler):
    body: dict[str, Any] = {}

    def do_GET(self) -> None:
        data = json.dumps(self.body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


class _UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def get_request(self) -> Any:
        conn, _ = super().get_request()
        return conn, ("local", 0)


@pytest.fixture
def status_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[type[_StatusHandler]]:
    """A stand-in for the service's GET /api/v1/status on MAILWARD_API_SOCKET; set .body to what it answers."""
    path = tmp_path / "api.sock"
    handler = type("Handler", (_StatusHandler,), {"body": {}})
    server = _UnixServer(str(path), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("MAILWARD_API_SOCKET", str(path))
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


def test_status_exit_codes_tell_monitoring_what_is_wrong(default_install: Path, status_api: type[_StatusHandler],
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    args = ["status", "--root", str(default_install)]  # the hook absent: consistent, yet mail is not filtered
    status_api.body = {"status": "ok", "components": [{"name": "workers", "ok": True, "detail": "1"}]}
    assert ie_config.main(args) == 0
    assert "service: ok" in capsys.readouterr().out

    status_api.body = {"status": "degraded", "components": [
        {"name": "exim_hook", "ok": False, "detail": "host: the Exim hook is not installed"}]}
    assert ie_config.main(args) == ie_config.EXIT_DEGRADED == 3
    out = capsys.readouterr().out
    assert "service: degraded" in out and "exim_hook: FAIL" in out
    assert ie_config.main([*args, "--json"]) == 3
    assert json.loads(capsys.readouterr().out)["exit_code"] == 3

    monkeypatch.setenv("MAILWARD_API_SOCKET", str(tmp_path / "nobody-listens.sock"))
    assert ie_config.main(args) == ie_config.EXIT_DOWN == 4
    assert "service: down" in capsys.readouterr().out
    assert ie_config.main([*args, "--noservice"]) == 0, "--noservice: only the hook"


def test_status_reports_the_worst_of_hook_and_service(default_install: Path, status_api: type[_StatusHandler],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    f = default_install / "usr/local/cpanel/etc/exim/acls/ACL_OUTGOING_SMTP_CHECKALL_BLOCK/mailward_scan_smtp"
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text("# partly installed\n")
    status_api.body = {"status": "ok", "components": []}
    assert ie_config.main(["status", "--root", str(default_install)]) == ie_config.EXIT_ERROR == 1
    status_api.body = {"status": "degraded", "components": []}
    assert ie_config.main(["status", "--root", str(default_install)]) == 3
    capsys.readouterr()
