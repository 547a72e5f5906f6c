"""cpanel_plugin/index.live.py without cPanel: the proxy against a fake API socket, LiveAPI chrome, the page."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

import pytest

from workers.plugin_host import FakeLiveApi, parse_cgi_output

PLUGIN = Path(__file__).resolve().parents[2] / "cpanel_plugin"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mailward_index_live", PLUGIN / "index.live.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


live = load()


class UnixServer(ThreadingHTTPServer):
    address_family = socket.AF_UNIX

    def server_bind(self) -> None:
        self.socket.bind(self.server_address)

    def get_request(self) -> tuple[socket.socket, tuple[str, int]]:
        conn, _ = self.socket.accept()
        return conn, ("local", 0)


@pytest.fixture
def fake_api(tmp_path: Path) -> Iterator[tuple[str, list[dict]]]:
    """A unix-socket HTTP server recording what the page forwards."""
    seen: list[dict] = []

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a: object) -> None:
            pass

        def handle_one(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                         "body": self.rfile.read(n).decode() if n else None})
            out = b"raw mail" if self.path.endswith("/raw") else json.dumps({"ok": True}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "message/rfc822" if self.path.endswith("/raw") else "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        do_GET = do_POST = do_DELETE = do_PATCH = handle_one

    path = str(tmp_path / "api.sock")
    srv = UnixServer(path, H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield path, seen
    finally:
        srv.shutdown()
        srv.server_close()


def run(env: dict[str, str], body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    out = io.BytesIO()
    live.main(env, io.BytesIO(body), out)
    status, headers, data = parse_cgi_output(out.getvalue())
    return status, dict(headers), data


def test_proxy_forwards_without_any_user_name(fake_api: tuple[str, list[dict]]) -> None:
    sock, seen = fake_api
    env = {"MAILWARD_API_SOCKET": sock, "REQUEST_METHOD": "GET", "REMOTE_USER": "alice",
           "QUERY_STRING": "api=/emails&limit=5&subject=x"}
    status, _, data = run(env)
    assert status == 200 and json.loads(data) == {"ok": True}
    assert seen[0]["path"] == "/api/v1/emails?limit=5&subject=x"
    assert seen[0]["headers"]["X-Mailward-Client"] == "cpanel"
    assert "alice" not in json.dumps(seen)


def test_post_needs_the_csrf_header(fake_api: tuple[str, list[dict]]) -> None:
    sock, seen = fake_api
    env = {"MAILWARD_API_SOCKET": sock, "REQUEST_METHOD": "POST", "QUERY_STRING": "api=/emails/abc/release",
           "cp_security_token": "/cpsess0123456789"}
    assert run(env)[0] == 403 and not seen
    env["HTTP_X_MAILWARD_CSRF"] = "cpsess0123456789"
    assert run(env)[0] == 200 and seen[0]["method"] == "POST"


@pytest.mark.parametrize(("method", "api"), [("PATCH", "/accounts/alice/emails"), ("GET", "/whitelist/sender"),
                                             ("GET", "/../admin"), ("DELETE", "/accounts/alice/emails"),
                                             ("GET", "/emails/a/b/c"), ("PATCH", "/quarantine-defaults"),
                                             ("PATCH", "/emails/abc")])
def test_only_the_page_resources_are_forwarded(fake_api: tuple[str, list[dict]], method: str, api: str) -> None:
    sock, seen = fake_api
    env = {"MAILWARD_API_SOCKET": sock, "REQUEST_METHOD": method, "QUERY_STRING": f"api={api}",
           "HTTP_X_MAILWARD_CSRF": "mailward"}
    assert run(env)[0] == 404 and not seen


def test_patch_forwards_the_owners_digest_and_incoming_choices_only(fake_api: tuple[str, list[dict]]) -> None:
    sock, seen = fake_api
    env = {"MAILWARD_API_SOCKET": sock, "REQUEST_METHOD": "PATCH", "QUERY_STRING": "api=/accounts/alice",
           "cp_security_token": "/cpsess0123456789"}

    def patch(body: bytes, csrf: str = "cpsess0123456789") -> int:
        return run({**env, "HTTP_X_MAILWARD_CSRF": csrf, "CONTENT_LENGTH": str(len(body))}, body)[0]

    good = json.dumps({"digest": "hourly", "digest_address": "me@alice.example"}).encode()
    assert patch(good, csrf="wrong") == 403 and not seen
    for bad in (b"", b"not json", b"[]", b"{}", b'"digest"', json.dumps({"digest": "off", "state": "active"}).encode(),
                json.dumps({"releases_limit": 500}).encode(),
                json.dumps({"incoming": False, "state": "block"}).encode()):
        assert patch(bad) == 403, bad
    assert not seen
    assert patch(good) == 200
    (call,) = seen
    assert (call["method"], call["path"]) == ("PATCH", "/api/v1/accounts/alice")
    assert json.loads(call["body"]) == {"digest": "hourly", "digest_address": "me@alice.example"}
    assert call["headers"]["X-Mailward-Client"] == "cpanel" and "alice" not in json.dumps(call["headers"])
    # incoming filtration goes through; the API allows it only with [incoming] accounts_may_turn_off (issue 18)
    assert patch(json.dumps({"incoming": False}).encode()) == 200
    assert json.loads(seen[-1]["body"]) == {"incoming": False}


def test_body_is_bounded(fake_api: tuple[str, list[dict]]) -> None:
    sock, seen = fake_api
    env = {"MAILWARD_API_SOCKET": sock, "REQUEST_METHOD": "POST", "QUERY_STRING": "api=/emails/release",
           "HTTP_X_MAILWARD_CSRF": "mailward", "CONTENT_LENGTH": str(live.MAX_BODY + 1)}
    assert run(env)[0] == 413 and not seen


def test_raw_mail_is_served_as_plain_text(fake_api: tuple[str, list[dict]]) -> None:
    sock, _ = fake_api
    status, headers, data = run({"MAILWARD_API_SOCKET": sock, "QUERY_STRING": "api=/emails/abc/raw"})
    assert status == 200 and data == b"raw mail" and headers["Content-Type"].startswith("text/plain")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_api_down_is_503_in_words_for_the_customer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, data = run({"MAILWARD_API_SOCKET": str(tmp_path / "none.sock"), "QUERY_STRING": "api=/whoami"})
    doc = json.loads(data)
    assert status == 503 and doc["status"] == "service_unavailable"
    assert "contact your hosting provider" in doc["message"] and "Error" not in doc["message"]  # no exception name
    assert "none.sock" in capsys.readouterr().err, "the cause goes to cpsrvd's error log"


def test_socket_from_install_config(tmp_path: Path) -> None:
    assert live.api_socket({}, str(tmp_path)) == live.DEFAULT_SOCKET
    (tmp_path / "mailward.json").write_text(json.dumps({"api_socket": "/run/x/api.sock"}))
    assert live.api_socket({}, str(tmp_path)) == "/run/x/api.sock"
    assert live.api_socket({"MAILWARD_API_SOCKET": "/y.sock"}, str(tmp_path)) == "/y.sock"


def test_page_plain_and_inside_cpanel_chrome(tmp_path: Path) -> None:
    status, _, data = run({"REQUEST_METHOD": "GET", "cp_security_token": "/cpsess0123456789"})
    assert status == 200 and data.startswith(b"<!DOCTYPE html>") and b'data-csrf="cpsess0123456789"' in data
    assert b"assets/vendor/bootstrap.min.css" in data and b"//cdn" not in data
    fake = FakeLiveApi(tmp_path / "live.sock", {os.getuid(): "alice"})
    try:
        status, _, data = run({"REQUEST_METHOD": "GET", "CPANEL_CONNECT_SOCKET": str(fake.path)})
    finally:
        fake.close()
    assert status == 200 and b'<span id="cp-user">alice</span>' in data and b"cp-chrome-footer" in data
    assert fake.calls[0]["module"] == "Chrome" and fake.calls[0]["func"] == "get_dom"


def test_every_asset_url_carries_its_files_hash(tmp_path: Path) -> None:
    """After an upgrade a browser must not mix cached old modules with new ones: each module and style sheet is
    asked for as assets/<name>?v=<hash of its content>, and the import map sends the modules' relative imports
    (./common.js) to those same URLs."""
    _, _, data = run({"REQUEST_METHOD": "GET"})
    page = data.decode()
    modules = sorted(p.name for p in (PLUGIN / "assets").glob("*.js"))
    assert len(modules) >= 5
    importmap = json.loads(page.split('<script type="importmap">', 1)[1].split("</script>", 1)[0])["imports"]
    assert sorted(importmap) == [f"./assets/{m}" for m in modules]
    for name in [*modules, "mailward.css", "vendor/bootstrap.min.css"]:
        digest = hashlib.sha256((PLUGIN / "assets" / name).read_bytes()).hexdigest()[:12]
        assert f"assets/{name}?v={digest}" in page
    assert '<script type="module" src="assets/mailward.js?v=' in page
    assert page.index('type="importmap"') < page.index('type="module"')


def test_a_changed_module_gets_a_new_url_and_the_others_keep_theirs(tmp_path: Path) -> None:
    for name in ("mailward.js", "common.js", "page.js", "mailward.css"):
        (tmp_path / "assets").mkdir(exist_ok=True)
        (tmp_path / "assets" / name).write_text(f"// {name} v1\n")
    before = live.asset_versions(str(tmp_path))
    (tmp_path / "assets" / "common.js").write_text("// common.js v2\n")
    after = live.asset_versions(str(tmp_path))
    assert after["common.js"] != before["common.js"]
    assert {k: v for k, v in after.items() if k != "common.js"} == {k: v for k, v in before.items() if k != "common.js"}
    assert "vendor/bootstrap.min.css" not in after  # unreadable: asked for without a version, the page still loads
    head, script = live.asset_tags(after)
    assert 'href="assets/vendor/bootstrap.min.css"' in head and f"assets/common.js?v={after['common.js']}" in head
    assert script == f'<script type="module" src="assets/mailward.js?v={after["mailward.js"]}"></script>'


def test_page_without_liveapi_answer_falls_back(tmp_path: Path) -> None:
    status, _, data = run({"REQUEST_METHOD": "GET", "CPANEL_CONNECT_SOCKET": str(tmp_path / "gone.sock")})
    assert status == 200 and data.startswith(b"<!DOCTYPE html>")


def test_install_json_is_a_valid_link_entry() -> None:
    (entry,) = json.loads((PLUGIN / "install.json").read_text())
    assert entry["type"] == "link" and entry["id"] == "mailward" and entry["group_id"] == "security"
    assert entry["uri"] == "mailward/index.live.py" and entry["icon"].endswith(".svg")
    assert (PLUGIN / entry["icon"]).is_file() and entry["featuremanager"] is True


def test_page_script_is_stdlib_only() -> None:
    text = (PLUGIN / "index.live.py").read_text()
    imports = {line.split()[1].split(".")[0] for line in text.splitlines() if line.startswith(("import ", "from "))}
    stdlib = {"__future__", "contextlib", "hashlib", "html", "http", "json", "os", "pwd", "re", "socket", "sys",
              "typing", "urllib"}
    assert imports <= stdlib
    for script in (PLUGIN / "assets").glob("*.js"):  # the page's ES modules
        assert "innerHTML" not in script.read_text(), script.name


# ---------------------------------------------------------------- pinned to the page's own account (issue 19)


def pinned(method: str, target: str, query: list[tuple[str, str]] | None = None, body: object = None,
           env: dict[str, str] | None = None) -> tuple[list[tuple[str, str]], object]:
    raw = json.dumps(body).encode() if body is not None else None
    rest, out = live.pin(env or {}, method, target, query or [], raw, "alice")
    return rest, (json.loads(out) if out else None)


@pytest.mark.parametrize(("target", "key"), [("/emails", "account"), ("/emails/abc", "account"),
                                             ("/emails/abc/raw", "account"), ("/emails/abc/release", "account"),
                                             ("/stats", "account"), ("/audit", "account"),
                                             ("/am/stats", "account_name"), ("/am/contained", "account_name")])
def test_listings_and_messages_name_the_pages_own_account(target: str, key: str) -> None:
    """A reseller's uid has reseller scope in the API; its cPanel page still shows its own account only."""
    rest, _ = pinned("GET", target, [("limit", "5"), (key, "cust-b"), ("account_only", "true")])
    assert dict(rest)[key] == "alice" and ("limit", "5") in rest and [k for k, _ in rest].count(key) == 1


def test_bulk_bodies_name_the_pages_own_account() -> None:
    _, body = pinned("POST", "/emails/release", body={"ids": ["a"], "account": "cust-b"})
    assert body == {"ids": ["a"], "account": "alice"}
    with pytest.raises(live.Refused):
        pinned("POST", "/emails/remove", body=["a"])


def test_account_paths_and_containments_of_another_account_are_refused() -> None:
    for target in ("/accounts/cust-b", "/accounts/cust-b/release-policy"):
        with pytest.raises(live.Refused) as exc:
            pinned("GET", target)
        assert exc.value.status == 403
    assert pinned("GET", "/accounts/alice/release-policy") == ([], None)
    own = {"so_type": "script", "account_name": "alice", "name": "alice.example/x.php", "action": "hold"}
    assert pinned("POST", "/am/contain", body=own)[1] == own
    for bad in ({**own, "account_name": "cust-b"}, {"id": "7f0c6d1e-0000-5000-8000-000000000000"},
                {**own, "id": "7f0c6d1e-0000-5000-8000-000000000000"}):
        with pytest.raises(live.Refused) as exc:
            pinned("POST", "/am/contain", body=bad)
        assert exc.value.status == 403


def test_uncontain_lifts_only_one_of_the_pages_own_containments(tmp_path: Path) -> None:
    """The page asks the API (as its own uid) for its account's containments before forwarding a lift."""
    seen: list[str] = []

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:
            seen.append(self.path)
            out = json.dumps({"items": [{"id": "own-id"}], "max_count": 1}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

    path = str(tmp_path / "api.sock")
    srv = UnixServer(path, H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        env = {"MAILWARD_API_SOCKET": path}
        assert pinned("POST", "/am/uncontain", body={"id": "own-id"}, env=env)[1] == {"id": "own-id"}
        with pytest.raises(live.Refused) as exc:
            pinned("POST", "/am/uncontain", body={"id": "another-id"}, env=env)
        assert exc.value.status == 404
        assert seen and all(p.startswith("/api/v1/am/contained?account_name=alice") for p in seen)
    finally:
        srv.shutdown()
        srv.server_close()


def test_root_is_never_pinned() -> None:
    """cpsrvd never runs a cPanel page as root; root is the admin, so nothing is narrowed or refused."""
    assert live.pin({}, "GET", "/emails", [("limit", "1")], None, None) == ([("limit", "1")], None)
