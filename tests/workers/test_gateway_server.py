"""The gateway's connection threads (workers/gateway_server.Acceptors) on a real listening socket: every connection is
served at once, however many are open; a thread serves connection after connection; threads beyond a few idle ones
exit; stop() wakes the threads waiting in accept() and lets a busy one finish its connection."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from workers.gateway_server import Acceptors

#: The test's thread name: gateways of earlier tests in this process may still have threads of their own.
NAME = "test-acceptor"


class Listener:
    """What Acceptors needs of a server: a listening socket, get_request and serve_one."""

    def __init__(self, serve: Callable[[socket.socket], None]) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(128)
        self.address = self.socket.getsockname()
        self.serve = serve
        self.served_by: list[str] = []
        self.acceptors = Acceptors(self, thread_name=NAME, max_waiting=3)  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self.acceptors.run, name=NAME, daemon=True)

    def get_request(self) -> tuple[socket.socket, object]:
        return self.socket.accept()

    def serve_one(self, request: socket.socket, client_address: object) -> None:
        self.served_by.append(f"{threading.get_ident()}")
        try:
            self.serve(request)
        finally:
            request.close()

    def ask(self) -> bytes:
        with socket.create_connection(self.address, timeout=20) as c:
            c.sendall(b"ping")
            return c.recv(16)


def _echo(sock: socket.socket) -> None:
    sock.sendall(sock.recv(16))


def _threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == NAME]


def _wait_for(cond, what: str, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


@pytest.fixture
def listeners() -> Iterator[list[Listener]]:
    made: list[Listener] = []
    yield made
    for lst in made:
        lst.acceptors.stop()
        lst.socket.close()
    _wait_for(lambda: not _threads(), "the test's threads to exit")


def _start(listeners: list[Listener], serve: Callable[[socket.socket], None] = _echo) -> Listener:
    lst = Listener(serve)
    listeners.append(lst)
    lst.thread.start()
    return lst


def test_every_connection_is_served_at_once_however_many_are_open(listeners: list[Listener]) -> None:
    n = 12
    barrier = threading.Barrier(n, timeout=20)  # no connection is answered until all n are being served at once

    def serve(sock: socket.socket) -> None:
        data = sock.recv(16)
        if not barrier.broken:
            barrier.wait()
        sock.sendall(data)

    lst = _start(listeners, serve)
    answers: list[bytes] = []
    clients = [threading.Thread(target=lambda: answers.append(lst.ask())) for _ in range(n)]
    for c in clients:
        c.start()
    for c in clients:
        c.join(30)
    assert answers == [b"ping"] * n
    # the n threads go back to accept() until max_waiting wait there; the others exit (the listener's first thread
    # never does, so it may make one more)
    _wait_for(lambda: lst.acceptors.waiting == len(_threads()) <= 4, "the threads beyond max_waiting to exit")
    assert lst.acceptors.waiting >= 3
    barrier.abort()
    assert lst.ask() == b"ping"


def test_one_thread_serves_connection_after_connection(listeners: list[Listener]) -> None:
    lst = _start(listeners)
    for _ in range(50):
        assert lst.ask() == b"ping"
    assert len(set(lst.served_by)) <= 3  # threads are used again, not one per connection
    assert len(_threads()) <= 3


def test_stop_wakes_the_waiting_threads_and_a_busy_one_finishes(listeners: list[Listener]) -> None:
    release = threading.Event()

    def serve(sock: socket.socket) -> None:
        data = sock.recv(16)
        release.wait(20)
        sock.sendall(data)

    lst = _start(listeners, serve)
    answer: list[bytes] = []
    busy = threading.Thread(target=lambda: answer.append(lst.ask()))
    busy.start()
    _wait_for(lambda: lst.served_by, "the connection to be taken")
    _wait_for(lambda: lst.acceptors.waiting == 1, "another thread waiting in accept()")
    lst.acceptors.stop(timeout=20)
    assert lst.acceptors.waiting == 0
    _wait_for(lambda: len(_threads()) == 1, "the waiting thread to exit")  # only the busy one is left
    release.set()
    busy.join(20)
    assert answer == [b"ping"]  # the connection in progress was finished
    _wait_for(lambda: not _threads(), "the busy thread to exit after its connection")
    with pytest.raises(OSError), socket.create_connection(lst.address, timeout=2) as c:  # nobody accepts any more
        c.sendall(b"ping")
        if not c.recv(16):
            raise ConnectionResetError
