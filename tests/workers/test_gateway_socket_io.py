"""A gateway connection's reads (workers/gateway_server.DeadlineReader) on a real loopback TCP connection: each read
waits at most the idle timeout, and a trickling head is cut at the head's deadline."""

from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from workers.gateway_server import DeadlineReader


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    """(the gateway's accepted socket, the client's)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    client = socket.create_connection(listener.getsockname())
    server, _ = listener.accept()
    listener.close()
    yield server, client
    server.close()
    client.close()


def test_a_read_returns_what_came_and_gives_up_after_the_idle_timeout(
        pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    reader = DeadlineReader(server, idle_timeout=0.3)
    rfile = io.BufferedReader(reader, 4096)
    client.sendall(b"CHECK RSPAMC/1.3\r\n")
    assert rfile.readline() == b"CHECK RSPAMC/1.3\r\n"
    with pytest.raises(TimeoutError, match=r"no data for 0\.3s"):
        rfile.read(1)


def test_a_trickling_head_is_cut_at_the_deadline(pair: tuple[socket.socket, socket.socket]) -> None:
    server, client = pair
    reader = DeadlineReader(server, idle_timeout=5.0)
    reader.deadline = time.monotonic() + 0.5
    stop = threading.Event()

    def trickle() -> None:
        while not stop.wait(0.05):
            try:
                client.send(b"x")
            except OSError:
                return

    t = threading.Thread(target=trickle, daemon=True)
    t.start()
    buf = bytearray(1)
    got = 0
    try:
        with pytest.raises(TimeoutError, match="not complete in time"):
            while True:
                got += reader.readinto(memoryview(buf))
                assert got < 1000, "the trickle was never cut"
    finally:
        stop.set()
        t.join()
    assert got >= 1  # it did read what trickled in, until the deadline
