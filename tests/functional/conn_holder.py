"""A client process, as another uid, that holds many connections to a server and reports what each received.

Tests of the service's bounds (tests/functional/test_gateway_limits.py, test_socket_dos.py) use it to stand in for
a local user who opens connections and never finishes a request: it runs as `setpriv ... python -I -c HOLDER`, so
the server sees that uid through the kernel, and it keeps its connections open until the test lets it go.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

#: Open spec["n"] connections to spec["address"] ("host:port" or a unix socket path), send spec["payload"] on
#: those whose index is in spec["send"], wait until spec["closed"] of them were closed by the server (or spec["wait"]
#: seconds pass), print what each received, and keep the rest open until stdin ends.
HOLDER = r"""
import json, selectors, socket, sys, time
spec = json.loads(sys.stdin.readline())
addr = spec["address"]
def connect():
    if addr.startswith("/"):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(30)
        s.connect(addr)
        return s
    host, _, port = addr.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=30)
socks = [connect() for _ in range(spec["n"])]
for i in spec["send"]:
    try:
        socks[i].sendall(spec["payload"].encode("latin-1"))
    except OSError:
        pass
got = {s: b"" for s in socks}
closed = set()
sel = selectors.DefaultSelector()
for s in socks:
    sel.register(s, selectors.EVENT_READ)
deadline = time.monotonic() + spec["wait"]
while len(closed) < spec["closed"] and time.monotonic() < deadline:
    for key, _ in sel.select(max(0.0, deadline - time.monotonic())):
        s = key.fileobj
        try:
            chunk = s.recv(4096)
        except OSError:
            chunk = b""
        got[s] += chunk
        if not chunk:
            closed.add(s)
            sel.unregister(s)
print(json.dumps([{"reply": got[s].decode("latin-1"), "closed": s in closed} for s in socks]), flush=True)
sys.stdin.readline()
"""


class Holder:
    """HOLDER running as the uid of `as_user` (a setpriv argv prefix); results: one dict per connection."""

    def __init__(self, as_user: Sequence[str], address: str, n: int, closed: int, *, wait: float = 30.0,
                 payload: str = "", send: Sequence[int] = ()) -> None:
        self.proc = subprocess.Popen([*as_user, sys.executable, "-I", "-c", HOLDER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd="/")
        assert self.proc.stdin is not None and self.proc.stdout is not None
        spec = {"address": address, "n": n, "closed": closed, "wait": wait, "payload": payload, "send": list(send)}
        self.proc.stdin.write(json.dumps(spec) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()  # printed within its own wait
        if not line:
            self.close()
            raise AssertionError("the holder client died")
        self.results: list[dict[str, Any]] = json.loads(line)

    def close(self) -> None:
        """Let the holder exit (its connections close with it) and reap it."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
