"""The WHM plugin's CGI: access check, the single-page app, its assets, and a proxy to the API's unix socket.

cpsrvd runs the CGI as root with REMOTE_USER (the WHM login) and cp_security_token (`/cpsessNNNNNNNNNN`). The
CGI lets in root and resellers whose `/var/cpanel/resellers` line has the `all` ACL, then:

- GET without `api` (or PATH_INFO `/api/v1/...`): the page, every URL in it prefixed with the cpsess token;
- GET `?asset=NAME`: one of the plugin's own files (a fixed list; nothing is fetched from elsewhere);
- `?api=/emails&limit=25...` or PATH_INFO `/api/v1/emails`: the request forwarded to the API's unix socket. The CGI
  connects as root, so the API sees the admin; only the method, path, query and a JSON body are forwarded, plus
  `X-Mailward-Client: whm`. Non-GET requests need `X-Requested-With: mailward` (a cross-site form cannot set it).
- A reseller without `all` (but with `list-accts`) gets in too: the CGI then adds `X-Mailward-Whm-User: <REMOTE_USER>`
  from cpsrvd's environment (never from the browser: no request header is forwarded), which the API believes only on
  a root connection and which narrows the admin to that reseller's accounts (api.auth.whm_identity).

Standard library only, and it never imports Mailward's own packages: installed, it runs as root from a root-owned
prefix under `python3 -I -S` (index.cgi checks that prefix first), so a checkout or venv that another user can
write never runs as root. Configuration, first match wins: environment (MAILWARD_API_SOCKET, MAILWARD_CPANEL_ROOT),
`config.json` next to the CGI (install.sh resolves Mailward's settings into it at install time), then the built-in
defaults.
"""

from __future__ import annotations

import hashlib
import html
import http.client
import json
import os
import re
import socket
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import parse_qsl, urlencode

HERE = Path(__file__).resolve().parent
DEFAULT_SOCKET = "/var/lib/mailward/api.sock"
CGI_PATH = "/cgi/mailward/index.cgi"
MAX_BODY = 1 << 20  # bytes of a request body the proxy accepts
API_TIMEOUT = 120.0  # a bulk release re-injects up to 500 messages through Exim
CSRF_HEADER = "HTTP_X_REQUESTED_WITH"
CSRF_VALUE = "mailward"
#: The header naming the WHM login on the proxy's own root connection (the API's api.auth.WHM_USER_HEADER).
WHM_USER_HEADER = "X-Mailward-Whm-User"
#: A reseller needs one of these to get in: `all` (root-equivalent: the admin's view) or `list-accts` (its accounts).
RESELLER_ACLS = frozenset({"all", "list-accts"})
USER_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
TOKEN_RE = re.compile(r"^/cpsess[0-9]{1,32}$")
API_PATH_RE = re.compile(r"^/[A-Za-z0-9_.\-/]{0,200}$")
METHODS = frozenset({"GET", "POST", "PATCH", "DELETE", "PUT"})
#: The page's ES modules (assets/*.js, no build step): mailward.js, the entry, imports the others as
#: `./index.cgi?asset=NAME`; common.js is the cPanel page's module too.
SCRIPTS = ("mailward.js", "common.js", "dom.js", "api.js", "ui.js", "tabs.js", "me.js", "quarantine.js", "activity.js",
           "settings.js", "statistics.js")
#: Files the CGI serves with ?asset=NAME: name -> (path under the assets dir, content type).
ASSETS = {
    **{name: (name, "text/javascript; charset=utf-8") for name in SCRIPTS},
    "mailward.css": ("mailward.css", "text/css; charset=utf-8"),
    "bootstrap.min.css": ("vendor/bootstrap.min.css", "text/css; charset=utf-8"),
    "mailward.png": ("mailward.png", "image/png"),
}
STATUS_WORDS = {400: "invalid_argument", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                411: "length_required", 413: "payload_too_large", 415: "unsupported_media_type",
                500: "internal_error", 502: "bad_gateway", 503: "service_unavailable"}
REASONS = {200: "OK", 304: "Not Modified", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 411: "Length Required", 413: "Payload Too Large", 415: "Unsupported Media Type",
           500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


@dataclass(frozen=True, slots=True)
class CgiConfig:
    """Where the CGI finds the API socket, cPanel's files and its own assets."""

    api_socket: str = DEFAULT_SOCKET
    cpanel_root: str = "/"
    assets_dir: Path = HERE / "assets"


@dataclass(slots=True)
class Response:
    """A CGI answer: status, headers and a body (bytes, or chunks streamed from the API)."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | Iterable[bytes] = b""

    def chunks(self) -> Iterator[bytes]:
        """The body as chunks."""
        if isinstance(self.body, bytes):
            yield self.body
        else:
            yield from self.body


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over an AF_UNIX stream socket."""

    def __init__(self, path: str, timeout: float = API_TIMEOUT) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        """Connect to the unix socket instead of a TCP host."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def load_config(environ: Mapping[str, str], cgi_dir: Path = HERE) -> CgiConfig:
    """The CGI's configuration: environment, then config.json beside the CGI, then the defaults."""
    stored: dict[str, Any] = {}
    try:
        stored = json.loads((cgi_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    sock = environ.get("MAILWARD_API_SOCKET") or str(stored.get("api_socket") or "")
    root = environ.get("MAILWARD_CPANEL_ROOT") or str(stored.get("cpanel_root") or "")
    assets = cgi_dir / "assets"
    return CgiConfig(api_socket=sock or DEFAULT_SOCKET, cpanel_root=root or "/",
                     assets_dir=assets if assets.is_dir() else HERE / "assets")


def reseller_acls(cpanel_root: str, user: str) -> set[str] | None:
    """The ACLs of a reseller from var/cpanel/resellers (`user:acl1,acl2`), or None when not a reseller."""
    path = Path(cpanel_root) / "var/cpanel/resellers"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        name, sep, acls = line.partition(":")
        if sep and name.strip() == user:
            return {a.strip() for a in acls.split(",") if a.strip()}
    return None


def allowed(environ: Mapping[str, str], cfg: CgiConfig) -> bool:
    """Root, or a reseller holding `all` or `list-accts` (the API scopes the latter to its accounts); nobody else."""
    user = environ.get("REMOTE_USER", "").strip()
    if not user:
        return False
    if user == "root":
        return True
    acls = reseller_acls(cfg.cpanel_root, user)
    return acls is not None and bool(acls & RESELLER_ACLS)


def security_token(environ: Mapping[str, str]) -> str:
    """The session prefix (`/cpsessNNN`) cpsrvd set, or "" when missing or malformed."""
    token = environ.get("cp_security_token", "").strip()
    return token if TOKEN_RE.match(token) else ""


def error(status: int, message: str, errors: dict[str, Any] | None = None) -> Response:
    """An error in the API's shape."""
    doc = {"code": status, "status": STATUS_WORDS.get(status, "error"), "message": message, "errors": errors or {}}
    return Response(status, [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                    json.dumps(doc).encode("utf-8"))


def forbidden_page(user: str) -> Response:
    """The 403 page a WHM user without the `all` ACL gets."""
    who = html.escape(user or "(nobody)")
    body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mailward: access denied</title>"
            "</head><body><h1>403 Forbidden</h1><p>Mailward is for the server administrator and resellers: the WHM "
            f"user <strong>{who}</strong> needs the <code>all</code> or <code>list-accts</code> privilege."
            "</p></body></html>")
    return Response(403, [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                    body.encode("utf-8"))


def page(environ: Mapping[str, str], cfg: CgiConfig) -> Response:
    """The single-page app, with the cpsess prefix baked into every URL."""
    base = security_token(environ) + CGI_PATH
    template = (cfg.assets_dir / "index.html").read_text(encoding="utf-8")
    text = template.replace("{{BASE}}", html.escape(base, quote=True))
    text = text.replace("{{USER}}", html.escape(environ.get("REMOTE_USER", ""), quote=True))
    return Response(200, [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                          ("X-Frame-Options", "SAMEORIGIN"), ("X-Content-Type-Options", "nosniff")],
                    text.encode("utf-8"))


def asset(name: str, cfg: CgiConfig, if_none_match: str = "") -> Response:
    """One of the plugin's own files, by its name in ASSETS.

    The browser keeps a copy but asks again every time (no-cache + ETag: a 304 when nothing changed), so right
    after an upgrade a page never mixes old and new modules, as an hour-long max-age could."""
    entry = ASSETS.get(name)
    if entry is None:
        return error(404, f"no asset {name!r}")
    try:
        data = (cfg.assets_dir / entry[0]).read_bytes()
    except OSError:
        return error(404, f"asset {name!r} is missing from the install")
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    headers = [("Content-Type", entry[1]), ("Cache-Control", "private, no-cache"), ("ETag", etag),
               ("X-Content-Type-Options", "nosniff")]
    if etag in (tag.strip() for tag in if_none_match.split(",")):
        return Response(304, headers, b"")
    return Response(200, headers, data)


def api_target(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(API path under /api/v1, forwarded query) of a proxy request, or None when it is not one."""
    pairs = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    path_info = environ.get("PATH_INFO", "")
    api = None
    if path_info.startswith("/api/v1/"):
        api = path_info[len("/api/v1"):]
    rest = []
    for key, value in pairs:
        if key == "api" and api is None:
            api = value
        elif key != "api":
            rest.append((key, value))
    if api is None:
        return None
    return api, urlencode(rest)


def valid_api_path(path: str) -> bool:
    """A plain absolute path: no dot segments, no empty segments, no scheme or host."""
    if not API_PATH_RE.match(path) or "//" in path:
        return False
    return all(seg not in (".", "..") for seg in path.split("/"))


def read_body(environ: Mapping[str, str], stdin: BinaryIO) -> bytes | Response:
    """The request body (at most MAX_BODY bytes, JSON or empty), or the error to answer."""
    raw_len = environ.get("CONTENT_LENGTH", "").strip()
    if not raw_len:
        return b""
    if not raw_len.isdigit():
        return error(400, "Content-Length is not a number")
    length = int(raw_len)
    if length > MAX_BODY:
        return error(413, f"request body over {MAX_BODY} bytes")
    if length == 0:
        return b""
    ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        return error(415, "request bodies must be application/json")
    body = stdin.read(length)
    if len(body) != length:
        return error(400, "request body shorter than Content-Length")
    try:
        json.loads(body)
    except ValueError:
        return error(400, "request body is not valid JSON")
    return body


def forward(method: str, path: str, query: str, body: bytes, cfg: CgiConfig, user: str = "root") -> Response:
    """Send one request to the API's unix socket as root and relay its answer; for a WHM login other than root, name
    it in WHM_USER_HEADER so the API answers as that reseller."""
    headers = {"X-Mailward-Client": "whm", "Accept": "application/json, message/rfc822, */*"}
    if user != "root":
        headers[WHM_USER_HEADER] = user
    if body:
        headers["Content-Type"] = "application/json"
    target = "/api/v1" + path + ("?" + query if query else "")
    conn = UnixHTTPConnection(cfg.api_socket)
    try:
        conn.request(method, target, body=body or None, headers=headers)
        answer = conn.getresponse()
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        return error(503, f"the Mailward API is not answering on {cfg.api_socket}: {exc}")
    out = [("Content-Type", answer.getheader("Content-Type") or "application/octet-stream"),
           ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
    disposition = answer.getheader("Content-Disposition")
    if disposition:
        out.append(("Content-Disposition", disposition))

    def stream() -> Iterator[bytes]:
        try:
            while chunk := answer.read(65536):
                yield chunk
        finally:
            conn.close()

    return Response(answer.status, out, stream())


def handle(environ: Mapping[str, str], stdin: BinaryIO, cfg: CgiConfig) -> Response:
    """Answer one CGI request."""
    method = environ.get("REQUEST_METHOD", "GET").upper()
    target = api_target(environ)
    if not allowed(environ, cfg):
        if target is not None:
            return error(403, "Mailward is for root and resellers with the `all` or `list-accts` privilege")
        return forbidden_page(environ.get("REMOTE_USER", ""))
    if target is None:
        if method not in ("GET", "HEAD"):
            return error(405, "the page answers GET only")
        pairs = dict(parse_qsl(environ.get("QUERY_STRING", "")))
        if "asset" in pairs:
            return asset(pairs["asset"], cfg, environ.get("HTTP_IF_NONE_MATCH", ""))
        return page(environ, cfg)
    path, query = target
    if method not in METHODS:
        return error(405, f"method {method} is not proxied")
    if method != "GET" and environ.get(CSRF_HEADER, "") != CSRF_VALUE:
        return error(403, f"{method} requests need the header X-Requested-With: {CSRF_VALUE}")
    if not valid_api_path(path):
        return error(400, "invalid API path", {"api": [path[:200]]})
    body = read_body(environ, stdin) if method != "GET" else b""
    if isinstance(body, Response):
        return body
    user = environ.get("REMOTE_USER", "").strip()
    if user != "root" and not USER_RE.match(user):
        return error(403, "the WHM user name is not one the API can scope")
    return forward(method, path, query, body, cfg, user)


def write(resp: Response, out: BinaryIO) -> None:
    """Write a CGI response (Status header first) to out."""
    head = [f"Status: {resp.status} {REASONS.get(resp.status, 'Status')}"]
    head += [f"{k}: {v}" for k, v in resp.headers]
    out.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1", "replace"))
    for chunk in resp.chunks():
        out.write(chunk)
    out.flush()


def main(environ: Mapping[str, str] | None = None) -> int:
    """CGI entry point: read the request from the environment and stdin, answer on stdout."""
    env = dict(os.environ if environ is None else environ)
    try:
        cfg = load_config(env, Path(sys.argv[0]).resolve().parent if sys.argv and sys.argv[0] else HERE)
        resp = handle(env, sys.stdin.buffer, cfg)
    except Exception as exc:  # the admin gets the API's error shape, never a traceback page
        resp = error(500, f"the WHM plugin failed: {type(exc).__name__}")
    write(resp, sys.stdout.buffer)
    return 0
