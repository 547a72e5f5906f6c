"""HTTP over the API's unix socket: the connection ie-cli, `mailward serve` (waiting for its API) and ie-config use."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Mapping
from pathlib import Path


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over an AF_UNIX stream socket (the Host header is a formality)."""

    def __init__(self, path: str | Path, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = str(path)

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


def get(socket_path: str | Path, path: str, *, timeout: float,
        headers: Mapping[str, str] | None = None) -> tuple[int, bytes]:
    """GET path on the socket; (status, body). Raises OSError or http.client.HTTPException when nothing answers."""
    conn = UnixHTTPConnection(socket_path, timeout)
    try:
        conn.request("GET", path, headers=dict(headers or {}))
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()
