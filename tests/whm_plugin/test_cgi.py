"""The WHM CGI: who gets in, the page and its URLs, the assets, and the proxy to the API's unix socket."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.whm_plugin.conftest import Recorded, body_json, env
from whm_plugin import cgi_proxy
from whm_plugin.cgi_proxy import MAX_BODY, CgiConfig, handle, load_config

PLUGIN = Path(cgi_proxy.__file__).resolve().parent
NO_BODY = io.BytesIO(b"")


def post(query: str, body: bytes, *, csrf: bool = True, method: str = "POST", **extra: str) -> dict[str, str]:
    """The environment of a proxied request with a JSON body."""
    e = env(method=method, query=query, CONTENT_LENGTH=str(len(body)), CONTENT_TYPE="application/json", **extra)
    if csrf:
        e["HTTP_X_REQUESTED_WITH"] = "mailward"
    return e


# ---------------------------------------------------------------- access
@pytest.mark.parametrize(("user", "status"), [("root", 200), ("boss", 200), ("limited", 200), ("bob", 403),
                                              ("", 403), (None, 403)])
def test_page_access(cfg: CgiConfig, user: str | None, status: int) -> None:
    resp = handle(env(user), NO_BODY, cfg)
    assert resp.status == status
    if status == 403:
        assert b"403 Forbidden" in b"".join(resp.chunks())


@pytest.mark.parametrize("user", ["nolist", "bob", "", None])
def test_api_refused_without_a_privilege(cpanel_root: Path, cfg: CgiConfig, fake_api: tuple[Path, Recorded],
                                         user: str | None) -> None:
    with (cpanel_root / "var/cpanel/resellers").open("a", encoding="utf-8") as f:
        f.write("nolist:create-acct,edit-account\n")  # a reseller, but neither `all` nor `list-accts`
    resp = handle(env(user, query="api=/emails"), NO_BODY, cfg)
    assert resp.status == 403
    assert body_json(resp)["status"] == "forbidden"
    assert fake_api[1].requests == []


def test_reseller_file_missing_means_root_only(tmp_path: Path, fake_api: tuple[Path, Recorded]) -> None:
    cfg = CgiConfig(api_socket=str(fake_api[0]), cpanel_root=str(tmp_path / "nothing"))
    assert handle(env("boss"), NO_BODY, cfg).status == 403
    assert handle(env("root"), NO_BODY, cfg).status == 200


def test_acl_must_be_exactly_all(cpanel_root: Path, cfg: CgiConfig) -> None:
    (cpanel_root / "var/cpanel/resellers").write_text("sneaky:allow-x,call-all\nboss : all \n", encoding="utf-8")
    assert handle(env("sneaky"), NO_BODY, cfg).status == 403
    assert handle(env("boss"), NO_BODY, cfg).status == 200


# ---------------------------------------------------------------- page and assets
def test_page_urls_carry_the_session_token(cfg: CgiConfig) -> None:
    resp = handle(env("root"), NO_BODY, cfg)
    html = b"".join(resp.chunks()).decode()
    assert "{{" not in html
    urls = re.findall(r'(?:href|src|data-base)="([^"#]+)"', html)
    assert urls
    assert all(u.startswith("/cpsess1234567890/cgi/mailward/index.cgi") for u in urls), urls
    for name in ("Quarantine", "Activity Monitor", "Settings", "Statistics"):
        assert f">{name}</a>" in html
    assert "https://" not in html and "http://" not in html


def test_page_without_valid_token_has_no_prefix(cfg: CgiConfig) -> None:
    html = b"".join(handle(env("root", cp_security_token='/cpsess1"><script>'), NO_BODY, cfg).chunks()).decode()
    assert 'data-base="/cgi/mailward/index.cgi"' in html
    assert html.count("<script") == 1


def test_user_name_is_escaped(cpanel_root: Path, cfg: CgiConfig) -> None:
    (cpanel_root / "var/cpanel/resellers").write_text('x"<b>:all\n', encoding="utf-8")
    html = b"".join(handle(env('x"<b>'), NO_BODY, cfg).chunks()).decode()
    assert 'data-user="x&quot;&lt;b&gt;"' in html


@pytest.mark.parametrize(("name", "ctype"), [("mailward.js", "text/javascript"), ("mailward.css", "text/css"),
                                             ("bootstrap.min.css", "text/css"), ("mailward.png", "image/png")])
def test_assets(cfg: CgiConfig, name: str, ctype: str) -> None:
    resp = handle(env("root", query=f"asset={name}"), NO_BODY, cfg)
    assert resp.status == 200
    assert dict(resp.headers)["Content-Type"].startswith(ctype)
    assert b"".join(resp.chunks())


def test_assets_revalidated_not_kept_stale(cfg: CgiConfig) -> None:
    """After an upgrade a page must not mix cached old modules with new ones: every load asks again (no-cache),
    and an unchanged file costs a 304 with no body; a changed file comes back whole."""
    first = handle(env("root", query="asset=mailward.js"), NO_BODY, cfg)
    headers = dict(first.headers)
    assert "no-cache" in headers["Cache-Control"] and "max-age" not in headers["Cache-Control"]
    etag = headers["ETag"]
    again = handle({**env("root", query="asset=mailward.js"), "HTTP_IF_NONE_MATCH": etag}, NO_BODY, cfg)
    assert again.status == 304 and b"".join(again.chunks()) == b""
    other = handle({**env("root", query="asset=mailward.js"), "HTTP_IF_NONE_MATCH": '"stale"'}, NO_BODY, cfg)
    assert other.status == 200 and b"".join(other.chunks()) == b"".join(first.chunks())


@pytest.mark.parametrize("name", ["../cgi_proxy.py", "index.html", "vendor/bootstrap.min.css", "/etc/passwd"])
def test_only_listed_assets(cfg: CgiConfig, name: str) -> None:
    assert handle(env("root", query=f"asset={name}"), NO_BODY, cfg).status == 404


def test_assets_refused_to_others(cfg: CgiConfig) -> None:
    assert handle(env("bob", query="asset=mailward.js"), NO_BODY, cfg).status == 403


def test_shipped_assets_need_nothing_from_elsewhere() -> None:
    scripts = sorted(p.name for p in (PLUGIN / "assets").glob("*.js"))
    for name in ("index.html", "mailward.css", *scripts):
        text = (PLUGIN / "assets" / name).read_text(encoding="utf-8")
        assert not re.search(r"(?:src|href)=\"(?:https?:)?//", text), name
        assert "cdn" not in text.lower(), name
        assert not re.search(r"\bimport\b[^;]*['\"](?:https?:)?//", text), name
    for name in scripts:
        js = (PLUGIN / "assets" / name).read_text(encoding="utf-8")
        assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js, name
    assert (PLUGIN / "assets/vendor/BOOTSTRAP-LICENSE").is_file()
    assert b"Bootstrap v3.4.1" in (PLUGIN / "assets/vendor/bootstrap.min.css").read_bytes()[:200]
    png = (PLUGIN / "assets/mailward.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (48).to_bytes(4, "big") * 2


def test_statistics_come_from_one_stats_call_per_view() -> None:
    """The Statistics tab asks GET /stats once per view; no series rebuilt from /am/stats frames or /emails scans."""
    stats = (PLUGIN / "assets/statistics.js").read_text(encoding="utf-8")  # the Statistics tab's module
    assert stats.count("api('GET'") == 1 and "api('GET', '/stats'" in stats
    assert "/am/stats" not in stats and "/emails" not in stats
    for key in ("held_spam", "held_winexec", "held_virus", "held_other", "ratelimited", "top_senders",
                "incoming_spam", "incoming_ham"):
        assert key in stats, key
    assert "No incoming mail was scanned in this period" in stats
    html = (PLUGIN / "assets/index.html").read_text(encoding="utf-8")
    assert 'id="st-incoming"' in html and "Incoming filtration is not enabled" not in html


def test_settings_accounts_table_shows_expired_last_day() -> None:
    """The accounts table has a column for messages deleted by age in the last day (expired_last_day)."""
    html = (PLUGIN / "assets/index.html").read_text(encoding="utf-8")
    head = html[html.index('id="acc-table"'):html.index("</thead>", html.index('id="acc-table"'))]
    assert "Deleted (age, last day)" in head and head.count("<th scope") == 9
    js = (PLUGIN / "assets/settings.js").read_text(encoding="utf-8")  # the Settings tab's module
    assert "a.expired_last_day" in js and "colspan: 9" in js


# ---------------------------------------------------------------- proxy
def test_get_is_forwarded(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    resp = handle(env("root", query="api=%2Femails&limit=25&offset=50&subject=caf%C3%A9+x"), NO_BODY, cfg)
    assert resp.status == 200
    assert body_json(resp) == {"items": [], "max_count": 0}
    (req,) = fake_api[1].requests
    assert req["method"] == "GET"
    assert req["path"] == "/api/v1/emails?limit=25&offset=50&subject=caf%C3%A9+x"
    assert req["headers"]["X-Mailward-Client"] == "whm"
    assert req["body"] == b""


def test_stats_query_is_forwarded(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    resp = handle(env("root", query="api=%2Fstats&since=24h&bucket=hour&top=10"), NO_BODY, cfg)
    assert resp.status == 200
    assert fake_api[1].requests[0]["path"] == "/api/v1/stats?since=24h&bucket=hour&top=10"


def test_path_info_form(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    resp = handle(env("boss", query="since=1h", PATH_INFO="/api/v1/am/stats"), NO_BODY, cfg)
    assert resp.status == 200
    assert fake_api[1].requests[0]["path"] == "/api/v1/am/stats?since=1h"


@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE"])
def test_write_methods_forward_the_body(cfg: CgiConfig, fake_api: tuple[Path, Recorded], method: str) -> None:
    body = json.dumps({"ids": ["a1", "b2"]}).encode()
    resp = handle(post("api=/emails/release", body, method=method), io.BytesIO(body), cfg)
    assert resp.status == 200
    (req,) = fake_api[1].requests
    assert (req["method"], req["path"], req["body"]) == (method, "/api/v1/emails/release", body)
    assert req["headers"]["Content-Type"] == "application/json"


def test_delete_without_body(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    e = env("root", method="DELETE", query="api=/accounts/bob/emails", HTTP_X_REQUESTED_WITH="mailward")
    assert handle(e, NO_BODY, cfg).status == 200
    assert fake_api[1].requests[0]["method"] == "DELETE"


def test_identity_headers_are_not_forwarded(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    body = b'{"values": ["x@example.com"]}'
    e = post("api=/whitelist/sender", body, HTTP_AUTHORIZATION="Bearer stolen", HTTP_X_FORWARDED_USER="bob",
             HTTP_X_MAILWARD_CLIENT="cpanel", HTTP_COOKIE="whostmgrsession=abc", HTTP_X_REMOTE_USER="bob",
             HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert handle(e, io.BytesIO(body), cfg).status == 200
    sent = {k.lower(): v for k, v in fake_api[1].requests[0]["headers"].items()}
    for name in ("authorization", "x-forwarded-user", "cookie", "x-remote-user", "x-forwarded-for",
                 "x-requested-with"):
        assert name not in sent
    assert sent["x-mailward-client"] == "whm"


def test_a_resellers_requests_name_its_whm_login_and_roots_do_not(cfg: CgiConfig,
                                                                  fake_api: tuple[Path, Recorded]) -> None:
    """The API scopes a reseller by the WHM login cpsrvd set (issue 19): the CGI names it on its root connection, and
    a header of that name the browser sends is never forwarded, for root or for anyone."""
    spoof = {"HTTP_X_MAILWARD_WHM_USER": "boss"}
    for user in ("limited", "root", "boss"):
        assert handle(env(user, query="api=/emails", **spoof), NO_BODY, cfg).status == 200
    sent = [{k.lower(): v for k, v in r["headers"].items()} for r in fake_api[1].requests]
    assert sent[0]["x-mailward-whm-user"] == "limited"
    assert "x-mailward-whm-user" not in sent[1]  # root is the admin: nothing to narrow
    assert sent[2]["x-mailward-whm-user"] == "boss"  # `all`: the API makes it the admin
    body = b'{"ids": ["a"]}'
    e = post("api=/emails/release", body, REMOTE_USER="limited", HTTP_X_MAILWARD_WHM_USER="root")
    assert handle(e, io.BytesIO(body), cfg).status == 200
    assert {k.lower(): v for k, v in fake_api[1].requests[-1]["headers"].items()}["x-mailward-whm-user"] == "limited"


@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE", "PUT"])
def test_csrf_header_required(cfg: CgiConfig, fake_api: tuple[Path, Recorded], method: str) -> None:
    body = b'{"ids": ["a"]}'
    resp = handle(post("api=/emails/remove", body, csrf=False, method=method), io.BytesIO(body), cfg)
    assert resp.status == 403
    assert "X-Requested-With" in body_json(resp)["message"]
    e = post("api=/emails/remove", body, csrf=False, method=method, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert handle(e, io.BytesIO(body), cfg).status == 403
    assert fake_api[1].requests == []


def test_body_size_cap(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    e = post("api=/whitelist/sender", b"")
    e["CONTENT_LENGTH"] = str(MAX_BODY + 1)
    resp = handle(e, io.BytesIO(b"{}"), cfg)
    assert resp.status == 413
    assert body_json(resp)["code"] == 413
    big = json.dumps({"values": ["a" * 100] * 11000}).encode()
    assert len(big) > MAX_BODY
    assert handle(post("api=/whitelist/sender", big), io.BytesIO(big), cfg).status == 413
    assert fake_api[1].requests == []


@pytest.mark.parametrize(("ctype", "body", "status"), [("text/plain", b"{}", 415), ("application/json", b"{nope", 400)])
def test_body_must_be_json(cfg: CgiConfig, fake_api: tuple[Path, Recorded], ctype: str, body: bytes,
                           status: int) -> None:
    e = post("api=/filter-settings", body, method="PATCH")
    e["CONTENT_TYPE"] = ctype
    assert handle(e, io.BytesIO(body), cfg).status == status
    assert fake_api[1].requests == []


def test_short_body(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    e = post("api=/filter-settings", b"{}", method="PATCH")
    e["CONTENT_LENGTH"] = "100"
    assert handle(e, io.BytesIO(b"{}"), cfg).status == 400


@pytest.mark.parametrize("path", ["/../../etc", "/emails/../accounts", "//evil.example/x", "emails",
                                  "/emails?x=1", "/emails%2F..", "/a b"])
def test_bad_api_paths(cfg: CgiConfig, fake_api: tuple[Path, Recorded], path: str) -> None:
    from urllib.parse import urlencode
    resp = handle(env("root", query=urlencode({"api": path})), NO_BODY, cfg)
    assert resp.status == 400
    assert fake_api[1].requests == []


def test_page_refuses_post(cfg: CgiConfig) -> None:
    assert handle(env("root", method="POST"), NO_BODY, cfg).status == 405


def test_api_errors_are_relayed(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    rec = fake_api[1]
    rec.status = 404
    rec.body = b'{"code": 404, "status": "not_found", "message": "no such email", "errors": {}}'
    resp = handle(env("root", query="api=/emails/abc"), NO_BODY, cfg)
    assert resp.status == 404
    assert body_json(resp)["message"] == "no such email"


def test_raw_message_is_relayed(cfg: CgiConfig, fake_api: tuple[Path, Recorded]) -> None:
    rec = fake_api[1]
    rec.content_type = "message/rfc822"
    rec.body = b"Subject: hi\r\n\r\n" + b"x" * 200_000
    resp = handle(env("root", query="api=/emails/abc/raw&account=bob"), NO_BODY, cfg)
    assert dict(resp.headers)["Content-Type"] == "message/rfc822"
    assert b"".join(resp.chunks()) == rec.body
    assert rec.requests[0]["path"] == "/api/v1/emails/abc/raw?account=bob"


def test_api_down_is_503(tmp_path: Path, cpanel_root: Path) -> None:
    cfg = CgiConfig(api_socket=str(tmp_path / "none.sock"), cpanel_root=str(cpanel_root))
    resp = handle(env("root", query="api=/status"), NO_BODY, cfg)
    assert resp.status == 503
    assert body_json(resp)["status"] == "service_unavailable"


# ---------------------------------------------------------------- configuration
def test_config_order(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text('{"api_socket": "/from/file.sock", "cpanel_root": "/file-root"}')
    cfg = load_config({"MAILWARD_API_SOCKET": "/from/env.sock"}, tmp_path)
    assert (cfg.api_socket, cfg.cpanel_root) == ("/from/env.sock", "/file-root")
    assert load_config({}, tmp_path).api_socket == "/from/file.sock"


def test_config_never_reads_mailward_settings(tmp_path: Path) -> None:
    # the CGI runs as root and must not import Mailward's packages; install.sh resolves the settings instead
    conf = tmp_path / "mailward.toml"
    conf.write_text(f'state_dir = "{tmp_path}/state"\n[cpanel]\nroot = "{tmp_path}/cp"\n')
    (tmp_path / "config.json").write_text(json.dumps({"config": str(conf)}))
    cfg = load_config({"MAILWARD_CONFIG": str(conf)}, tmp_path)
    assert (cfg.api_socket, cfg.cpanel_root) == ("/var/lib/mailward/api.sock", "/")


# ---------------------------------------------------------------- the CGI as cpsrvd runs it
def run_cgi(script: Path, environ: dict[str, str], body: bytes = b"") -> tuple[str, dict[str, str], bytes]:
    """Run index.cgi as a CGI process; (status line, headers, body)."""
    full = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environ}
    out = subprocess.run([sys.executable, str(script)], input=body, env=full, capture_output=True, timeout=30,
                         check=True).stdout
    head, _, payload = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return lines[0], headers, payload


def test_cgi_process(cpanel_root: Path, fake_api: tuple[Path, Recorded]) -> None:
    base = env("boss", MAILWARD_CPANEL_ROOT=str(cpanel_root), MAILWARD_API_SOCKET=str(fake_api[0]))
    status, headers, html = run_cgi(PLUGIN / "cgi/index.cgi", base)
    assert status == "Status: 200 OK"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'data-base="/cpsess1234567890/cgi/mailward/index.cgi"' in html
    body = b'{"allow_winexec": true}'
    e = {**base, "REQUEST_METHOD": "PATCH", "QUERY_STRING": "api=/filter-settings", "CONTENT_LENGTH": str(len(body)),
         "CONTENT_TYPE": "application/json", "HTTP_X_REQUESTED_WITH": "mailward"}
    status, _, _ = run_cgi(PLUGIN / "cgi/index.cgi", e, body)
    assert status == "Status: 200 OK"
    assert fake_api[1].requests[-1]["body"] == body
    status, _, _ = run_cgi(PLUGIN / "cgi/index.cgi", {**base, "REMOTE_USER": "bob"})
    assert status == "Status: 403 Forbidden"
