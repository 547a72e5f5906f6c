"""Local mode: serve the WHM and cPanel plugins the way cpsrvd would, on loopback, for the demo and the tests.

    python -m workers.plugin_host --demo-insecure --api-socket /tmp/x/state/api.sock --port 8089 [--cpanel-root DIR]

- only the operator may connect: the uid that started the host, or root. The client's uid comes from the kernel
  (the owner of the client's end in /proc/net/tcp, since the host listens on 127.0.0.1 only); any other local user
  gets 403 on every URL, `/` included, and never sees the session token. This emulation has no passwords: whoever
  reaches it is root in WHM and any --user in cPanel, so it must never be reachable by anyone but the operator;
- `/cpsess<10 digits>/cgi/mailward/index.cgi` runs whm_plugin/cgi/index.cgi as root with REMOTE_USER=root and
  cp_security_token (only when the WHM plugin is present);
- `/cpsess<10 digits>/frontend/jupiter/mailward/index.live.py` runs cpanel_plugin/index.live.py AS A REAL SYSTEM
  USER (setpriv --reuid/--regid --clear-groups) with REMOTE_USER, USER, HOME and CPANEL_CONNECT_SOCKET, so the
  API identifies it by SO_PEERCRED; other files under `.../frontend/jupiter/mailward/` are served statically;
- the cPanel user is chosen by `?login=USER` (sets the `mailward_login` cookie, like logging in) or that cookie;
  only the users given with --user may log in;
- a fake LiveAPI socket answers `Chrome::get_dom` with a minimal cPanel-like header and footer;
- a wrong cpsess token is 403, as in cpsrvd. `/` lists the URLs (to the operator).

The command line refuses to start without --demo-insecure (see DEMO_ONLY); the demo and the tests use PluginHost.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookies
import json
import mimetypes
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from workers.peer_identity import tcp_peer_uid

REPO = Path(__file__).resolve().parent.parent
CPANEL_DIR = REPO / "cpanel_plugin"
WHM_CGI = REPO / "whm_plugin" / "cgi" / "index.cgi"
COOKIE = "mailward_login"
MAX_BODY = 1024 * 1024
CGI_TIMEOUT = 60.0
PATH_RX = re.compile(r"/cpsess(\d{10})(/.*)")
SAFE_ENV_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
LISTEN_HOST = "127.0.0.1"
#: Seconds a client may take to send a request head: a stalled connection must not hold a thread for ever.
CLIENT_TIMEOUT = 30.0
DEMO_FLAG = "--demo-insecure"
DEMO_ONLY = (
    f"refusing to start without {DEMO_FLAG}: this is an emulation of cpsrvd for the demo and the browser tests, "
    "not a control panel. It has no passwords: the operator (the uid that starts it, or root) gets root's WHM "
    "and can log in to cPanel as any --user, and the session token is printed on the terminal. Other local users "
    "are refused by their uid, but nothing else protects it. On a cPanel server use the real plugins "
    "(whm_plugin/install.sh, cpanel_plugin/install.sh). Pass --demo-insecure to run it anyway on a machine you "
    "alone administer."
)


def system_python() -> str:
    """The interpreter a cPanel page runs under: the system python3 (stdlib only), else this one."""
    return "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable


# ---------------------------------------------------------------- fake LiveAPI


def chrome_dom(user: str, title: str) -> dict[str, str]:
    """A minimal stand-in for cPanel's Jupiter header and footer."""
    esc = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
    safe_user = "".join(esc.get(c, c) for c in user)
    safe_title = "".join(esc.get(c, c) for c in title)
    header = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>cPanel - ' + safe_title +
              '</title></head><body class="cpanel-jupiter">\n<header id="cp-chrome-header" role="banner" '
              'style="background:#293a4a;color:#fff;padding:8px 16px">cPanel (local mode) &middot; '
              f'<span id="cp-user">{safe_user}</span></header>\n<main id="cp-content" style="padding:12px">\n')
    footer = '</main>\n<footer id="cp-chrome-footer" style="padding:8px 16px;color:#777">cPanel local mode</footer>\n' \
             '</body></html>\n'
    return {"header": header, "footer": footer}


class FakeLiveApi:
    """A unix socket speaking LiveAPI framing (`<len>\\n<payload>`); answers Chrome::get_dom."""

    def __init__(self, path: Path, user_of_uid: dict[int, str]) -> None:
        self.path = path
        self.user_of_uid = user_of_uid
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(path))
        os.chmod(path, 0o666)
        self.sock.listen(16)
        self.calls: list[dict] = []
        threading.Thread(target=self._accept, daemon=True, name="liveapi").start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    @staticmethod
    def _frames(conn: socket.socket) -> Sequence[str]:
        buf = b""
        while True:
            while b"\n" in buf:
                head, rest = buf.split(b"\n", 1)
                if not head.isdigit():
                    return
                size = int(head)
                if len(rest) < size:
                    break
                yield rest[:size].decode("utf-8", "replace")
                buf = rest[size:]
            chunk = conn.recv(65536)
            if not chunk:
                return
            buf += chunk

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(30)
            creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
            uid = int.from_bytes(creds[4:8], sys.byteorder)
            user = self.user_of_uid.get(uid, str(uid))
            try:
                for payload in self._frames(conn):
                    if payload.startswith("<cpanelxml shutdown"):
                        return
                    if not payload.startswith("<cpanelaction>"):
                        continue
                    call = json.loads(payload[len("<cpanelaction>"):].replace("</cpanelaction>", ""))
                    self.calls.append(call)
                    if (call.get("module"), call.get("func")) == ("Chrome", "get_dom"):
                        title = str((call.get("args") or {}).get("page_title", ""))
                        result = {"status": 1, "errors": None, "data": chrome_dom(user, title)}
                    else:
                        result = {"status": 0, "errors": ["not emulated"], "data": None}
                    conn.sendall(b"<cpanelresult>" + json.dumps({"result": result}).encode() + b"</cpanelresult>")
            except (OSError, ValueError):
                return

    def close(self) -> None:
        """Stop listening and remove the socket."""
        self.sock.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


# ---------------------------------------------------------------- the host


@dataclass
class HostConfig:
    """What the emulated cpsrvd serves and to whom."""

    api_socket: str
    token: str = field(default_factory=lambda: "".join(secrets.choice("0123456789") for _ in range(10)))
    users: tuple[str, ...] = ()
    cpanel_dir: Path = CPANEL_DIR
    whm_cgi: Path = WHM_CGI
    cpanel_root: str = ""
    runtime_dir: Path | None = None
    liveapi: bool = True
    #: the WHM login the WHM CGI runs for (cpsrvd's REMOTE_USER): root, or a reseller's login (issue 19)
    whm_user: str = "root"
    #: uids that may connect: the operator who started the host, and root (who can be anyone anyway).
    operators: frozenset[int] = field(default_factory=lambda: frozenset({0, os.geteuid()}))


def parse_cgi_output(raw: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """Split a CGI answer into status, headers and body."""
    sep = raw.find(b"\r\n\r\n")
    cut = 4
    if sep < 0 or (0 <= raw.find(b"\n\n") < sep):
        sep, cut = raw.find(b"\n\n"), 2
    if sep < 0:
        return 502, [("Content-Type", "text/plain")], b"CGI answered without headers\n"
    status = 200
    headers = []
    for line in raw[:sep].decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "status":
            status = int(value.strip().split()[0])
        elif name.strip():
            headers.append((name.strip(), value.strip()))
    return status, headers, raw[sep + cut:]


class Handler(BaseHTTPRequestHandler):
    """One request to the emulated cpsrvd."""

    server_version = "cpsrvd-local"
    timeout = CLIENT_TIMEOUT
    host: PluginHost
    peer_uid: int | None = None

    def setup(self) -> None:
        """Ask the kernel who connected before reading a byte of the request."""
        super().setup()
        # The client's end of a loopback connection is a socket owned by its uid in /proc/net/tcp; None when the
        # entry is gone (the client hung up), which is refused like any stranger.
        self.peer_uid = tcp_peer_uid(self.connection.getsockname()[:2], self.client_address[:2])

    def parse_request(self) -> bool:
        """Refuse anyone but the operator, whatever the method or URL (`/` and its token included)."""
        if not super().parse_request():
            return False
        if self.peer_uid in self.host.config.operators:
            return True
        self.close_connection = True
        self.host.log.append(f"refused uid={self.peer_uid} {self.command} {self.path[:200]}")
        del self.host.log[:-200]
        self.reply(403, (f"Forbidden: this local-mode cpsrvd serves only its operator (uid "
                         f"{', '.join(map(str, sorted(self.host.config.operators)))}); your connection comes "
                         f"from uid {self.peer_uid}.\n").encode())
        return False

    def log_message(self, fmt: str, *args: object) -> None:
        """Quiet by default; the host keeps the last lines for post-mortems."""
        self.host.log.append(fmt % args)
        del self.host.log[:-200]

    def do_GET(self) -> None:
        """GET."""
        self.dispatch()

    def do_POST(self) -> None:
        """POST."""
        self.dispatch()

    def do_DELETE(self) -> None:
        """DELETE."""
        self.dispatch()

    def do_PATCH(self) -> None:
        """PATCH."""
        self.dispatch()

    def reply(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8",
              headers: Sequence[tuple[str, str]] = ()) -> None:
        """Send an answer."""
        self.send_response(status)
        names = {n.lower() for n, _ in headers}
        if "content-type" not in names:
            self.send_header("Content-Type", ctype)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def dispatch(self) -> None:
        """Route like cpsrvd: session token first, then WHM CGI, cPanel page, or static file."""
        cfg = self.host.config
        url = urlsplit(self.path)
        if url.path == "/":
            self.reply(200, self.host.index_text().encode(), "text/plain; charset=utf-8")
            return
        m = PATH_RX.fullmatch(url.path)
        if not m or not secrets.compare_digest(m.group(1), cfg.token):
            self.reply(403, b"Forbidden: invalid or expired security token\n")
            return
        rest = m.group(2)
        if rest.startswith("/cgi/mailward/"):
            self.whm(rest, url.query)
        elif rest.startswith("/frontend/jupiter/mailward/"):
            self.cpanel(rest[len("/frontend/jupiter/mailward/"):], url.query)
        else:
            self.reply(404, b"Not found\n")

    def body(self) -> bytes | None:
        """The request body, or None (after answering 413) when too large."""
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.reply(413, b"Request body too large\n")
            return None
        return self.rfile.read(length) if length else b""

    def cgi_env(self, script: Path, script_name: str, query: str, path_info: str, body: bytes) -> dict[str, str]:
        """Standard CGI variables plus the request's HTTP_* headers."""
        env = {"GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1", "SERVER_SOFTWARE": "cpsrvd-local",
               "REQUEST_METHOD": self.command, "QUERY_STRING": query, "PATH_INFO": path_info,
               "SCRIPT_NAME": script_name, "SCRIPT_FILENAME": str(script), "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": str(self.server.server_address[1]), "REMOTE_ADDR": self.client_address[0],
               "HTTPS": "off", "PATH": SAFE_ENV_PATH, "LC_ALL": "C.UTF-8",
               "cp_security_token": f"/cpsess{self.host.config.token}",
               "MAILWARD_API_SOCKET": self.host.config.api_socket}
        if body:
            env["CONTENT_LENGTH"] = str(len(body))
        if self.headers.get("Content-Type"):
            env["CONTENT_TYPE"] = self.headers["Content-Type"]
        for name, value in self.headers.items():
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH", "HTTP_PROXY"):
                env[key] = value
        return env

    def run_cgi(self, argv: list[str], env: dict[str, str], body: bytes, cwd: str) -> None:
        """Run a CGI and relay its answer."""
        try:
            proc = subprocess.run(argv, input=body, env=env, capture_output=True, timeout=CGI_TIMEOUT, cwd=cwd)
        except subprocess.TimeoutExpired:
            self.reply(504, b"CGI timed out\n")
            return
        if proc.returncode != 0 and not proc.stdout:
            self.host.log.append(proc.stderr.decode("utf-8", "replace")[-2000:])
            self.reply(500, b"CGI failed\n")
            return
        status, headers, out = parse_cgi_output(proc.stdout)
        self.reply(status, out, headers=headers)

    def whm(self, rest: str, query: str) -> None:
        """WHM: the CGI runs as root, logged in as root (or as the configured reseller login)."""
        cfg = self.host.config
        name = rest[len("/cgi/mailward/"):]
        script, _, path_info = name.partition("/")
        if script != "index.cgi" or not cfg.whm_cgi.is_file():
            self.reply(404, b"Not found (the WHM plugin is not installed)\n")
            return
        body = self.body()
        if body is None:
            return
        env = self.cgi_env(cfg.whm_cgi, "/cgi/mailward/index.cgi", query, "/" + path_info if path_info else "", body)
        env.update({"REMOTE_USER": cfg.whm_user, "USER": "root", "HOME": "/root"})
        if cfg.cpanel_root:
            env["MAILWARD_CPANEL_ROOT"] = cfg.cpanel_root
        self.run_cgi([sys.executable, str(cfg.whm_cgi)], env, body, str(cfg.whm_cgi.parent))

    def login(self, query: str) -> tuple[str | None, str | None]:
        """(user, cookie to set) from `?login=` or the login cookie."""
        wanted = dict(parse_qsl(query)).get("login")
        if wanted:
            return (wanted, wanted) if wanted in self.host.config.users else (None, None)
        jar = http.cookies.SimpleCookie(self.headers.get("Cookie", ""))
        user = jar[COOKIE].value if COOKIE in jar else None
        return (user if user in self.host.config.users else None), None

    def cpanel(self, name: str, query: str) -> None:
        """cPanel: the page runs as the logged-in system user; other files are static."""
        cfg = self.host.config
        user, set_cookie = self.login(query)
        if user is None:
            self.reply(401, b"Not logged in: add ?login=USER (one of the host's --user)\n")
            return
        if set_cookie:
            rest = urlencode([(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "login"])
            target = self.path.split("?", 1)[0] + ("?" + rest if rest else "")
            self.reply(303, b"", headers=[("Location", target),
                                          ("Set-Cookie", f"{COOKIE}={set_cookie}; Path=/; HttpOnly; SameSite=Strict")])
            return
        if name == "index.live.py":
            self.cpanel_page(user, query)
            return
        if self.command != "GET":
            self.reply(405, b"Method not allowed\n")
            return
        base = cfg.cpanel_dir.resolve()
        target = (base / name).resolve()
        if base not in target.parents or not target.is_file() or target.suffix in (".py", ".sh", ".json"):
            self.reply(404, b"Not found\n")
            return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.reply(200, target.read_bytes(), ctype)

    def cpanel_page(self, user: str, query: str) -> None:
        """Run index.live.py as user, as cpsrvd does for *.live.py pages."""
        cfg = self.host.config
        body = self.body()
        if body is None:
            return
        ent = pwd.getpwnam(user)
        script = cfg.cpanel_dir / "index.live.py"
        env = self.cgi_env(script, "/frontend/jupiter/mailward/index.live.py", query, "", body)
        env.update({"REMOTE_USER": user, "USER": user, "HOME": ent.pw_dir})
        if self.host.liveapi is not None:
            env["CPANEL_CONNECT_SOCKET"] = str(self.host.liveapi.path)
        argv = [system_python(), "-I", str(script)]
        if os.geteuid() == 0 and ent.pw_uid != 0:
            argv = ["setpriv", f"--reuid={ent.pw_uid}", f"--regid={ent.pw_gid}", "--clear-groups", "--", *argv]
        self.run_cgi(argv, env, body, "/")


class PluginHost:
    """The emulated cpsrvd: a threaded HTTP server on loopback plus the fake LiveAPI socket."""

    def __init__(self, config: HostConfig, port: int = 0) -> None:
        self.config = config
        self.log: list[str] = []
        self._own_runtime = config.runtime_dir is None
        self.runtime = Path(config.runtime_dir or tempfile.mkdtemp(prefix="mailward-cpsrvd-"))
        os.chmod(self.runtime, 0o755)
        users = {pwd.getpwnam(u).pw_uid: u for u in config.users}
        self.liveapi = FakeLiveApi(self.runtime / "liveapi.sock", users) if config.liveapi else None
        handler = type("BoundHandler", (Handler,), {"host": self})
        # Loopback only: the peer check reads the client's uid from this host's socket table.
        self.httpd = ThreadingHTTPServer((LISTEN_HOST, port), handler)
        self.httpd.daemon_threads = True
        self.thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port the host listens on."""
        return int(self.httpd.server_address[1])

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT/cpsessNNNNNNNNNN"""
        return f"http://{LISTEN_HOST}:{self.port}/cpsess{self.config.token}"

    def whm_url(self) -> str:
        """The WHM plugin's page."""
        return f"{self.base}/cgi/mailward/index.cgi"

    def cpanel_url(self, user: str | None = None) -> str:
        """The cPanel plugin's page (logging user in when given)."""
        return f"{self.base}/frontend/jupiter/mailward/index.live.py" + (f"?login={user}" if user else "")

    def index_text(self) -> str:
        """What `/` shows the operator: the plugin URLs (with the session token)."""
        lines = ["Mailward local mode (emulated cpsrvd)", f"WHM (root): {self.whm_url()}"]
        lines += [f"cPanel ({u}): {self.cpanel_url(u)}" for u in self.config.users]
        return "\n".join(lines) + "\n"

    def start(self) -> PluginHost:
        """Serve in a background thread."""
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True, name="plugin-host")
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and remove the runtime files."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.liveapi is not None:
            self.liveapi.close()
        if self._own_runtime:
            shutil.rmtree(self.runtime, ignore_errors=True)

    def __enter__(self) -> PluginHost:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the host until interrupted."""
    p = argparse.ArgumentParser(prog="python -m workers.plugin_host", description=__doc__.split("\n")[0])
    p.add_argument("--api-socket", help="the API's unix socket (default: <state-dir>/api.sock)")
    p.add_argument("--state-dir", help="mailward serve's state dir, to find api.sock")
    p.add_argument("--port", type=int, default=8089)
    p.add_argument("--user", action="append", default=[], help="a system user that may log in to cPanel")
    p.add_argument("--token", help="the 10-digit cpsess token (random by default; a given one shows in ps, "
                                   "which is why the host checks the client's uid rather than trusting the token)")
    p.add_argument("--cpanel-root", default="", help="the fake cPanel tree the WHM CGI reads (resellers)")
    p.add_argument(DEMO_FLAG, action="store_true",
                   help="required: acknowledge that this passwordless emulation is for demos and tests only")
    args = p.parse_args(argv)
    if not args.demo_insecure:
        p.error(DEMO_ONLY)
    sock = args.api_socket or (str(Path(args.state_dir) / "api.sock") if args.state_dir else "")
    if not sock:
        p.error("give --api-socket or --state-dir")
    for user in args.user:
        try:
            pwd.getpwnam(user)
        except KeyError:
            p.error(f"--user {user}: no such system user")
    if args.token and not re.fullmatch(r"\d{10}", args.token):
        p.error("--token must be 10 digits")
    cfg = HostConfig(api_socket=sock, users=tuple(args.user), cpanel_root=args.cpanel_root)
    if args.token:
        cfg.token = args.token
    host = PluginHost(cfg, args.port).start()
    print(host.index_text(), flush=True)
    print(f"Only uid {', '.join(map(str, sorted(cfg.operators)))} may connect; other local users get 403.", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    host.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
