"""A stdlib-only HTTP client for the API's unix socket, also runnable as a script under another uid.

Functional tests run it as `setpriv --reuid=U ... python -I unix_http.py` so the API sees that uid through
SO_PEERCRED: the script reads {"socket": path, "requests": [...]} as JSON on stdin and prints one reply per
request. It imports nothing but the standard library, so any uid can run it from a 0644 file.
"""

from __future__ import annotations

import http.client
import json
import socket
import sys
from typing import Any

TIMEOUT = 60.0


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over an AF_UNIX stream socket."""

    def __init__(self, path: str, timeout: float = TIMEOUT) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def request(conn: http.client.HTTPConnection, method: str, path: str, *, headers: dict[str, str] | None = None,
            body: Any = None) -> dict[str, Any]:
    """Send one request (body: JSON-able or None) and return {"status", "body"} (body as text)."""
    hdrs = dict(headers or {})
    payload = None
    if body is not None:
        payload = json.dumps(body).encode("utf-8")
        hdrs.setdefault("Content-Type", "application/json")
    try:
        conn.request(method, path, body=payload, headers=hdrs)
        answer = conn.getresponse()
        return {"status": answer.status, "body": answer.read().decode("utf-8", "replace")}
    finally:
        conn.close()


def run(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every request of spec on its own connection to spec["socket"]."""
    out = []
    for r in spec["requests"]:
        conn = UnixHTTPConnection(spec["socket"])
        out.append(request(conn, r["method"], r["path"], headers=r.get("headers"), body=r.get("body")))
    return out


if __name__ == "__main__":
    json.dump(run(json.load(sys.stdin)), sys.stdout)
