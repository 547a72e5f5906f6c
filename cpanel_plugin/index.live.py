#!/usr/bin/python3
"""Mailward's cPanel page: runs as the cPanel user, serves the page and forwards `?api=` calls to the API socket.

Standard library only (it runs under the system python3 of a cPanel server). The API identifies the caller by
SO_PEERCRED on its unix socket, so this script never sends a user name: it only forwards the request as the uid
cpsrvd started it with. The socket path comes from MAILWARD_API_SOCKET, else `mailward.json` next to this file
(written by install.sh), else /var/lib/mailward/api.sock.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import http.client
import json
import os
import pwd
import re
import socket
import sys
from typing import BinaryIO
from urllib.parse import parse_qsl, urlencode

DEFAULT_SOCKET = "/var/lib/mailward/api.sock"
CONFIG_NAME = "mailward.json"
MAX_BODY = 64 * 1024
MAX_ANSWER = 32 * 1024 * 1024
TIMEOUT = 60.0
CSRF_HEADER = "HTTP_X_MAILWARD_CSRF"
#: The API resources the cPanel page may reach (the API still decides what this uid may see).
ALLOWED = (
    ("GET", re.compile(r"/whoami|/version|/health|/quarantine-defaults|/filter-settings|/am/stats|/stats"
                       r"|/am/server-settings|/audit|/accounts|/accounts/[A-Za-z0-9._-]{1,64}")),
    ("GET", re.compile(r"/emails|/emails/[A-Za-z0-9._-]{1,128}|/emails/[A-Za-z0-9._-]{1,128}/raw")),
    ("GET", re.compile(r"/am/contained|/accounts/[A-Za-z0-9._-]{1,64}/release-policy")),
    ("POST", re.compile(r"/emails/[A-Za-z0-9._-]{1,128}/release|/emails/release|/emails/remove")),
    ("POST", re.compile(r"/am/contain|/am/uncontain")),
    ("DELETE", re.compile(r"/emails/[A-Za-z0-9._-]{1,128}")),
    ("PATCH", re.compile(r"/accounts/[A-Za-z0-9._-]{1,64}")),
)
#: The only fields a PATCH from the page may carry: the owner's digest choices and its incoming filtration (the API,
#: which knows the caller by its uid, refuses the rest, `incoming` unless the admin allows it, and other accounts;
#: this keeps the page from forwarding admin edits at all).
PATCH_FIELDS = frozenset({"digest", "digest_address", "incoming"})
HERE = os.path.dirname(os.path.abspath(__file__))
#: Pinning (issue 19): the page acts for the account it runs as, and nothing else. A reseller's own cPanel page runs
#: with the reseller's uid, which the API gives reseller scope (every account it owns); this page is about the
#: reseller's own account only, so every call names it: listings and messages (`account` / `account_name`), account
#: paths, bulk bodies, and containments (by type and name under this account; lifting only one of its own).
PIN_ACCOUNT_QUERY = re.compile(r"/emails|/emails/[A-Za-z0-9._-]{1,128}(/raw|/release)?|/stats|/audit")
PIN_ACCOUNT_NAME_QUERY = re.compile(r"/am/stats|/am/contained")
ACCOUNT_PATH = re.compile(r"/accounts/([A-Za-z0-9._-]{1,64})(/release-policy)?")


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over the API's AF_UNIX socket."""

    def __init__(self, path: str, timeout: float = TIMEOUT) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        """Connect to the unix socket instead of TCP."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def api_socket(env: dict[str, str], here: str = HERE) -> str:
    """Where the API listens: the environment, the install-time config file, or the default."""
    if env.get("MAILWARD_API_SOCKET"):
        return env["MAILWARD_API_SOCKET"]
    try:
        with open(os.path.join(here, CONFIG_NAME), encoding="utf-8") as fh:
            value = json.load(fh).get("api_socket")
        if isinstance(value, str) and value.startswith("/"):
            return value
    except (OSError, ValueError, AttributeError):
        pass
    return DEFAULT_SOCKET


def allowed(method: str, path: str) -> bool:
    """Whether the page may forward method+path (a path of the API under /api/v1)."""
    return any(m == method and rx.fullmatch(path) for m, rx in ALLOWED)


def owner_edit(body: bytes | None) -> bool:
    """Whether a PATCH body is a JSON object of the owner's own fields only."""
    try:
        doc = json.loads(body or b"")
    except ValueError:
        return False
    return isinstance(doc, dict) and bool(doc) and set(doc) <= PATCH_FIELDS


def csrf_token(env: dict[str, str]) -> str:
    """The value non-GET calls must repeat in X-Mailward-CSRF: cpsrvd's session token (a constant without one)."""
    return env.get("cp_security_token", "").strip("/") or "mailward"


def answer(out: BinaryIO, status: int, body: bytes, ctype: str = "application/json",
           extra: dict[str, str] | None = None) -> None:
    """Write one CGI answer."""
    heads = {"Status": f"{status} {http.client.responses.get(status, '')}".strip(), "Content-Type": ctype,
             "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", **(extra or {})}
    out.write("".join(f"{k}: {v}\r\n" for k, v in heads.items()).encode() + b"\r\n" + body)
    out.flush()


def error(out: BinaryIO, status: int, word: str, message: str) -> None:
    """The API's error shape, for refusals made here."""
    body = {"code": status, "status": word, "message": message, "errors": {}}
    answer(out, status, json.dumps(body).encode())


def page_account() -> str | None:
    """The cPanel account this page runs as (its uid's name, from the kernel, never from the request); None for
    root, which has no cPanel page and is the admin anyway, and for a uid without a name."""
    uid = os.getuid()
    if uid == 0:
        return None
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


class Refused(Exception):
    """A call this page does not forward: (status, word, message)."""

    def __init__(self, status: int, word: str, message: str) -> None:
        super().__init__(message)
        self.status, self.word = status, word


def _json_object(body: bytes | None) -> dict[str, object]:
    try:
        doc = json.loads(body or b"")
    except ValueError:
        doc = None
    if not isinstance(doc, dict):
        raise Refused(400, "invalid_argument", "the request body must be a JSON object")
    return doc


def _own_containment(env: dict[str, str], me: str, so_id: object) -> bool:
    """Whether so_id is one of this account's contained objects (asked of the API as this same uid)."""
    conn = UnixHTTPConnection(api_socket(env))
    try:
        conn.request("GET", "/api/v1/am/contained?" + urlencode({"account_name": me, "limit": 10000}),
                     headers={"X-Mailward-Client": "cpanel", "Accept": "application/json"})
        reply = conn.getresponse()
        doc = json.loads(reply.read(MAX_ANSWER) or b"null") if reply.status == 200 else None
    except (OSError, ValueError):
        raise Refused(503, "service_unavailable", "Mailward is not answering right now. Try again in a few "
                      "minutes; if it keeps happening, contact your hosting provider.") from None
    finally:
        conn.close()
    items = doc.get("items") if isinstance(doc, dict) else None
    return isinstance(items, list) and any(isinstance(i, dict) and i.get("id") == so_id for i in items)


def pin(env: dict[str, str], method: str, target: str, rest: list[tuple[str, str]], body: bytes | None,
        me: str | None) -> tuple[list[tuple[str, str]], bytes | None]:
    """The query and body to forward, narrowed to the page's own account `me` (unchanged without one)."""
    if me is None:
        return rest, body
    path = ACCOUNT_PATH.fullmatch(target)
    if path and path.group(1) != me:
        raise Refused(403, "forbidden", f"this page is about account {me} only")
    if PIN_ACCOUNT_QUERY.fullmatch(target):
        rest = [(k, v) for k, v in rest if k not in ("account", "account_only")] + [("account", me)]
    elif PIN_ACCOUNT_NAME_QUERY.fullmatch(target):
        rest = [(k, v) for k, v in rest if k != "account_name"] + [("account_name", me)]
    if method == "POST" and target in ("/emails/release", "/emails/remove"):
        doc = _json_object(body)
        doc["account"] = me
        body = json.dumps(doc).encode()
    elif method == "POST" and target == "/am/contain":
        doc = _json_object(body)
        if "id" in doc or doc.get("account_name") != me:
            raise Refused(403, "forbidden", f"this page contains only account {me}'s own senders, named by so_type, "
                          "account_name and name")
    elif method == "POST" and target == "/am/uncontain":
        doc = _json_object(body)
        if not _own_containment(env, me, doc.get("id")):
            raise Refused(404, "not_found", f"no contained sender of account {me} has this id")
    return rest, body


def proxy(env: dict[str, str], stdin: BinaryIO, out: BinaryIO) -> None:
    """Forward one `?api=` call to the API socket as this process's uid."""
    method = env.get("REQUEST_METHOD", "GET").upper()
    params = parse_qsl(env.get("QUERY_STRING", ""), keep_blank_values=True)
    target = next((v for k, v in params if k == "api"), "")
    rest = [(k, v) for k, v in params if k != "api"]
    if not allowed(method, target):
        error(out, 404, "not_found", f"{method} {target[:100]} is not available here")
        return
    if method != "GET" and env.get(CSRF_HEADER, "") != csrf_token(env):
        error(out, 403, "forbidden", "missing or wrong X-Mailward-CSRF header")
        return
    try:
        length = int(env.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0 or length > MAX_BODY:
        error(out, 413, "invalid_argument", f"request body must be 0..{MAX_BODY} bytes")
        return
    body = stdin.read(length) if length else None
    if method == "PATCH" and not owner_edit(body):
        error(out, 403, "forbidden", f"this page may change only {', '.join(sorted(PATCH_FIELDS))}")
        return
    try:
        rest, body = pin(env, method, target, rest, body, page_account())
    except Refused as exc:
        error(out, exc.status, exc.word, str(exc))
        return
    headers = {"X-Mailward-Client": "cpanel", "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    path = "/api/v1" + target + ("?" + urlencode(rest) if rest else "")
    conn = UnixHTTPConnection(api_socket(env))
    try:
        conn.request(method, path, body=body, headers=headers)
        reply = conn.getresponse()
        data = reply.read(MAX_ANSWER)
        ctype = reply.getheader("Content-Type", "application/json")
        status = reply.status
    except OSError as exc:
        # the customer gets words and a next step; the cause goes to cpsrvd's error log for the hosting provider
        print(f"mailward cPanel page: the API on {api_socket(env)} is not reachable: {exc!r}", file=sys.stderr)
        error(out, 503, "service_unavailable", "Mailward is not answering right now. Try again in a few minutes; "
              "if it keeps happening, contact your hosting provider.")
        return
    finally:
        conn.close()
    if not ctype.startswith("application/json"):
        ctype = "text/plain; charset=utf-8"  # raw mail is shown as text, never rendered
    answer(out, status, data, ctype)


def read_frame_reply(sock: socket.socket, end: bytes = b"</cpanelresult>", limit: int = 4 * 1024 * 1024) -> bytes:
    """Read from LiveAPI until end (or EOF)."""
    buf = b""
    while end not in buf and len(buf) < limit:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buf += chunk
    return buf


def frame(payload: str) -> bytes:
    """One LiveAPI message: `<len>\\n<payload>`."""
    data = payload.encode("utf-8")
    return str(len(data)).encode() + b"\n" + data


def chrome(env: dict[str, str], title: str) -> tuple[str, str] | None:
    """cPanel's page header and footer from LiveAPI `Chrome::get_dom`, or None without LiveAPI."""
    path = env.get("CPANEL_CONNECT_SOCKET")
    if not path:
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(10.0)
    try:
        sock.connect(path)
        sock.sendall(frame('<cpaneljson enable="1">'))
        call = {"module": "Chrome", "func": "get_dom", "apiversion": "uapi", "reqtype": "exec",
                "args": {"page_title": title}}
        sock.sendall(frame("<cpanelaction>\n" + json.dumps(call) + "\n</cpanelaction>"))
        raw = read_frame_reply(sock).decode("utf-8", "replace")
        with_result = re.search(r"<cpanelresult>(.*)</cpanelresult>", raw, re.S)
        doc = json.loads(with_result.group(1) if with_result else raw)
        data = (doc.get("result") or doc).get("data") or {}
        header, footer = data.get("header"), data.get("footer")
        with contextlib.suppress(OSError):
            sock.sendall(frame('<cpanelxml shutdown="1" />'))
        if isinstance(header, str) and isinstance(footer, str):
            return header, footer
    except (OSError, ValueError, AttributeError):
        return None
    finally:
        sock.close()
    return None


CONTENT = """<div id="mailward-app" class="container-fluid mailward" data-csrf="{csrf}">
<h1 class="mailward-title">Mailward <small>mail filter</small></h1>
<ul class="nav nav-tabs" role="tablist">
 <li role="presentation" class="active"><a href="#quarantine" role="tab" id="tab-quarantine"
   aria-controls="quarantine" aria-selected="true">Quarantine</a></li>
 <li role="presentation"><a href="#activity" role="tab" id="tab-activity" aria-controls="activity"
   aria-selected="false" tabindex="-1">Activity Monitor</a></li>
 <li role="presentation"><a href="#statistics" role="tab" id="tab-statistics" aria-controls="statistics"
   aria-selected="false" tabindex="-1">Statistics</a></li>
 <li role="presentation"><a href="#settings" role="tab" id="tab-settings" aria-controls="settings"
   aria-selected="false" tabindex="-1">Settings</a></li>
</ul>
<div id="mailward-alert" class="mw-result" role="status" aria-live="polite" tabindex="-1"></div>
<div class="tab-content">
 <section role="tabpanel" class="tab-pane active" id="quarantine" aria-labelledby="tab-quarantine">
  <p id="release-quota" class="well well-sm">Loading&hellip;</p>
  <details class="mw-filter-box" id="q-filter-box" open><summary>Search and filters</summary>
  <form id="quarantine-filter" class="form-inline mw-filters" role="search" aria-label="Quarantine"
   autocomplete="off">
   <div class="form-group"><label for="q-sender">Sender</label>
    <input id="q-sender" name="sender" class="form-control input-sm" size="18" maxlength="320"></div>
   <div class="form-group"><label for="q-recipient">Recipient</label>
    <input id="q-recipient" name="recipient" class="form-control input-sm" size="18" maxlength="320"></div>
   <div class="form-group"><label for="q-subject">Subject</label>
    <input id="q-subject" name="subject" class="form-control input-sm" size="18" type="search"></div>
   <div class="form-group"><label for="q-reason">Reason</label>
    <select id="q-reason" name="reason" class="form-control input-sm"><option value="">any</option>
    <option value="spam">spam</option><option value="winexec">Windows program (winexec)</option>
    <option value="virus">virus</option><option value="ratelimit">sender limit (ratelimit)</option>
    <option value="contained">contained sender</option></select></div>
   <div class="form-group"><label for="q-direction">Direction</label>
    <select id="q-direction" name="direction" class="form-control input-sm"><option value="">any</option>
    <option value="outgoing">outgoing (sent by you)</option><option value="incoming">incoming (sent to you)</option>
    </select></div>
   <div class="form-group"><label for="q-since">Received</label>
    <select id="q-since" name="since" class="form-control input-sm"><option value="">any time</option>
    <option value="1h">last hour</option><option value="24h">last 24 hours</option>
    <option value="7d">last 7 days</option><option value="30d">last 30 days</option></select></div>
   <button type="submit" class="btn btn-primary btn-sm">Search</button>
   <button type="reset" class="btn btn-default btn-sm" id="q-reset">Reset</button>
  </form>
  </details>
  <table class="table table-condensed mw-cards" id="quarantine-table">
   <caption>Messages held for this account</caption>
   <thead><tr><th scope="col">Received <span class="mw-zone" data-zone></span></th><th scope="col">From</th>
   <th scope="col">To</th>
   <th scope="col">Subject</th><th scope="col">Why it was held</th><th scope="col">Actions</th></tr></thead>
   <tbody></tbody>
  </table>
  <nav aria-label="Quarantine pages" id="q-pager" hidden><ul class="pager">
   <li><button type="button" class="btn btn-default btn-sm" id="q-prev">Previous</button></li>
   <li><span id="q-page"></span></li>
   <li><button type="button" class="btn btn-default btn-sm" id="q-next">Next</button></li>
  </ul></nav>
 </section>
 <section role="tabpanel" class="tab-pane" id="activity" aria-labelledby="tab-activity">
  <form id="am-filter" class="form-inline">
   <label for="am-since">Period</label>
   <select id="am-since" class="form-control input-sm">
    <option value="1h">Last hour</option><option value="24h">Last 24 hours</option>
    <option value="7d">Last 7 days</option></select>
   <button type="submit" class="btn btn-default btn-sm">Show</button>
  </form>
  <div class="mw-scroll">
  <table class="table table-condensed" id="am-table">
   <caption>Messages sent and held, by object</caption>
   <thead><tr><th scope="col">Type</th><th scope="col">Name</th><th scope="col">Sent</th>
   <th scope="col">Held</th><th scope="col">Hourly limit</th><th scope="col">Rate limited</th>
   <th scope="col">Sending history</th><th scope="col">Contained</th></tr></thead>
   <tbody></tbody>
  </table>
  </div>
  <div id="am-result" class="mw-result" role="status" aria-live="polite" tabindex="-1"></div>
  <h2 class="h4">Contained senders</h2>
  <p class="help-block">A contained script, address or domain cannot send: its mail is held in your quarantine (or
   refused) while the rest of your mail keeps flowing.</p>
  <div class="mw-scroll" tabindex="0" role="region" aria-label="Your contained senders (scrolls sideways)">
  <table class="table table-condensed" id="contained-table">
   <caption class="sr-only">Your contained senders</caption>
   <thead><tr><th scope="col">Sender</th><th scope="col">Its mail is</th><th scope="col">Since</th>
   <th scope="col">Actions</th></tr></thead>
   <tbody></tbody>
  </table>
  </div>
 </section>
 <section role="tabpanel" class="tab-pane" id="statistics" aria-labelledby="tab-statistics">
  <form id="st-filter" class="form-inline">
   <label for="st-since">Period</label>
   <select id="st-since" class="form-control input-sm">
    <option value="7d">Last 7 days</option><option value="30d">Last 30 days</option></select>
   <button type="submit" class="btn btn-default btn-sm">Show</button>
  </form>
  <div class="mw-scroll">
  <table class="table table-condensed table-striped" id="st-table">
   <caption>Your mail per day (UTC days)</caption>
   <thead><tr><th scope="col">Day</th><th scope="col" class="text-right">Sent</th>
    <th scope="col" class="text-right">Held (outgoing)</th>
    <th scope="col" class="text-right">Incoming spam</th>
    <th scope="col" class="text-right">Incoming ham</th></tr></thead>
   <tbody></tbody><tfoot></tfoot>
  </table>
  </div>
  <p class="help-block" id="st-note"></p>
 </section>
 <section role="tabpanel" class="tab-pane" id="settings" aria-labelledby="tab-settings">
  <div class="panel panel-default"><div class="panel-heading"><h2 class="panel-title">Quarantine</h2></div>
   <table class="table" id="settings-account"><tbody></tbody></table></div>
  <div class="panel panel-default"><div class="panel-heading"><h2 class="panel-title">Sending limits</h2></div>
   <table class="table" id="settings-limits"><tbody></tbody></table></div>
  <p class="text-muted">Only your hosting provider can change the quarantine and the sending limits.</p>
  <div class="panel panel-default"><div class="panel-heading"><h2 class="panel-title">Incoming mail</h2></div>
   <div class="panel-body">
    <p id="incoming-state">Loading&hellip;</p>
    <form id="incoming-form" hidden>
     <div class="checkbox"><label><input type="checkbox" id="incoming-on"> Filter incoming mail to my addresses
      for spam</label></div>
     <button type="submit" class="btn btn-primary btn-sm" id="incoming-save">Save</button>
     <div id="incoming-result" class="mw-result" role="status" aria-live="polite" tabindex="-1"></div>
    </form>
    <div class="mw-scroll"><table class="table table-condensed" id="settings-incoming">
     <caption>Incoming mail filtered, per day (last 7 UTC days)</caption>
     <thead><tr><th scope="col">Day</th><th scope="col" class="text-right">Spam</th>
      <th scope="col" class="text-right">Not spam</th></tr></thead><tbody></tbody></table></div>
   </div></div>
  <div class="panel panel-default"><div class="panel-heading"><h2 class="panel-title">Digest of held mail</h2></div>
   <div class="panel-body">
    <form id="digest-form" class="form-horizontal">
     <div class="form-group">
      <label for="digest-frequency" class="col-sm-3 control-label">Send a digest</label>
      <div class="col-sm-5"><select id="digest-frequency" class="form-control input-sm">
       <option value="default">As the server does</option><option value="hourly">Every hour</option>
       <option value="daily">Every day</option><option value="weekly">Every week</option>
       <option value="off">Never</option></select></div>
     </div>
     <div class="form-group">
      <label for="digest-address" class="col-sm-3 control-label">Send it to</label>
      <div class="col-sm-5"><input id="digest-address" class="form-control input-sm" type="email" maxlength="254"
       placeholder="your cPanel contact address" aria-describedby="digest-help"></div>
     </div>
     <p id="digest-help" class="help-block col-sm-offset-3 col-sm-9">A digest lists the mail held from this
      account since the previous digest. Leave the address empty to use your cPanel contact address.</p>
     <div class="col-sm-offset-3 col-sm-9">
      <button type="submit" class="btn btn-primary btn-sm" id="digest-save">Save</button></div>
    </form>
    <div id="digest-result" class="mw-result" role="status" aria-live="polite" tabindex="-1"></div>
   </div></div>
 </section>
</div>
<dialog id="message-view" class="mw-dialog" aria-labelledby="mv-title">
 <div class="mw-dialog-head"><h2 id="mv-title" dir="auto">Message</h2>
  <button type="button" class="close" id="mv-x" aria-label="Close">&times;</button></div>
 <dl class="dl-horizontal mw-meta" id="mv-meta"></dl>
 <div class="btn-group" role="group" aria-label="Show the message as">
  <button type="button" class="btn btn-default btn-sm" id="mv-body" aria-pressed="true">Text</button>
  <button type="button" class="btn btn-default btn-sm" id="mv-headers" aria-pressed="false">Headers</button>
  <button type="button" class="btn btn-default btn-sm" id="mv-raw" aria-pressed="false">Raw</button>
 </div>
 <pre id="mv-content" class="mailward-pre" tabindex="0" aria-label="Message content"></pre>
 <iframe id="mv-html" class="mw-html-view" sandbox="" hidden
  title="The message as formatted (links are shown, never opened)"></iframe>
 <div id="mv-result" class="mw-result" role="status" aria-live="polite" tabindex="-1"></div>
 <div class="mw-dialog-foot">
  <button type="button" class="btn btn-primary" id="mv-release">Release</button>
  <button type="button" class="btn btn-danger" id="mv-delete">Delete</button>
  <button type="button" class="btn btn-default" id="mv-close">Close</button>
 </div>
</dialog>
<dialog id="contain-dialog" class="mw-dialog mw-confirm" aria-labelledby="contain-title">
 <h2 id="contain-title" dir="auto">Contain</h2>
 <p>Its mail stops leaving the server at once; the rest of your mail keeps flowing.</p>
 <fieldset><legend class="h5">Its mail is</legend>
  <div class="radio"><label><input type="radio" name="contain-action" id="contain-hold" value="hold" checked>
   held in your quarantine, to release or delete later</label></div>
  <div class="radio"><label><input type="radio" name="contain-action" id="contain-reject" value="reject">
   refused: the sending program gets an error and nothing is kept</label></div>
 </fieldset>
 <div class="form-group"><label for="contain-note">Note (optional)</label>
  <input id="contain-note" class="form-control" type="text" maxlength="200" autocomplete="off"></div>
 <div id="contain-result" class="mw-result" role="status" aria-live="polite" tabindex="-1"></div>
 <div class="mw-dialog-foot">
  <button type="button" class="btn btn-warning" id="contain-ok">Contain</button>
  <button type="button" class="btn btn-default" id="contain-cancel">Cancel</button>
 </div>
</dialog>
<dialog id="confirm" class="mw-dialog mw-confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text">
 <h2 id="confirm-title">Confirm</h2>
 <p id="confirm-text" dir="auto"></p>
 <div class="mw-dialog-foot">
  <button type="button" class="btn btn-primary" id="confirm-ok">OK</button>
  <button type="button" class="btn btn-default" id="confirm-cancel">Cancel</button>
 </div>
</dialog>
</div>
"""

#: The page's style sheets, in order (under assets/, served as static files by cPanel's web server).
STYLES = ("vendor/bootstrap.min.css", "mailward.css")
#: The page's entry ES module; it imports the tab modules beside it (assets/*.js, served as files, no build step).
ENTRY = "mailward.js"


def asset_versions(here: str = HERE) -> dict[str, str]:
    """Each asset file name under assets/ (the ES modules and the style sheets) -> a short hash of its content.

    cPanel's web server serves the assets with its own cache headers and no version in their names, so after an
    upgrade a browser could run a new entry module with an old cached tab module. Every URL the page asks for
    carries its file's hash instead (`?v=`), and an import map sends the modules' own imports (`./common.js`) to
    the same hashed URLs: a changed file is a new URL, an unchanged one stays cached. A file that cannot be read
    gets no version (the browser then asks for it plainly and the page still works)."""
    base = os.path.join(here, "assets")
    names = list(STYLES)
    with contextlib.suppress(OSError):
        names += sorted(n for n in os.listdir(base) if n.endswith(".js"))
    out: dict[str, str] = {}
    for name in names:
        try:
            with open(os.path.join(base, name), "rb") as fh:
                out[name] = hashlib.sha256(fh.read()).hexdigest()[:12]
        except OSError:
            continue
    return out


def asset_url(name: str, versions: dict[str, str]) -> str:
    """The URL the page uses for assets/<name>: with `?v=<hash>` when the file's hash is known."""
    version = versions.get(name)
    return f"assets/{name}" + (f"?v={version}" if version else "")


def asset_tags(versions: dict[str, str]) -> tuple[str, str]:
    """(the <head> tags: style sheets and the import map; the entry module's <script> tag)."""
    links = "".join(f'<link rel="stylesheet" href="{html.escape(asset_url(n, versions))}">\n' for n in STYLES)
    # An import map's keys and addresses must be URL-like ("./..."): a bare "assets/x.js" would be ignored.
    imports = {f"./assets/{n}": "./" + asset_url(n, versions) for n in versions if n.endswith(".js")}
    importmap = json.dumps({"imports": imports}, sort_keys=True).replace("</", "<\\/")
    head = links + f'<script type="importmap">{importmap}</script>\n'
    script = f'<script type="module" src="{html.escape(asset_url(ENTRY, versions))}"></script>'
    return head, script

PLAIN = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{assets}</head><body><main>
{content}</main>{script}
</body></html>
"""


def page(env: dict[str, str]) -> bytes:
    """The page: inside cPanel's chrome when LiveAPI answers, else a plain Bootstrap page."""
    title = "Mailward"
    content = CONTENT.format(csrf=html.escape(csrf_token(env), quote=True))
    assets, script = asset_tags(asset_versions())
    dom = chrome(env, title)
    if dom is None:
        return PLAIN.format(title=title, assets=assets, content=content, script=script).encode("utf-8")
    header, footer = dom
    return (header + assets + content + script + "\n" + footer).encode("utf-8")


def main(env: dict[str, str] | None = None, stdin: BinaryIO | None = None, out: BinaryIO | None = None) -> int:
    """Handle one CGI request."""
    env = dict(os.environ if env is None else env)
    stdin = stdin or sys.stdin.buffer
    out = out or sys.stdout.buffer
    query = parse_qsl(env.get("QUERY_STRING", ""), keep_blank_values=True)
    if any(k == "api" for k, _ in query):
        proxy(env, stdin, out)
    elif env.get("REQUEST_METHOD", "GET").upper() in ("GET", "HEAD"):
        answer(out, 200, page(env), "text/html; charset=utf-8",
               {"Content-Security-Policy": "frame-ancestors 'self'", "X-Frame-Options": "SAMEORIGIN"})
    else:
        error(out, 405, "invalid_argument", "only GET serves the page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
