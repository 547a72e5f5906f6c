"""Peer identity from the kernel: SO_PEERCRED on unix sockets, sock_diag (or the socket table) for loopback TCP."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from workers import peer_identity
from workers.peer_identity import PeerPolicy, is_loopback, tcp_peer_uid, unix_peer_uid


def test_unix_peer_uid(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sock")
    with socket.socket(socket.AF_UNIX) as srv:
        srv.bind(path)
        srv.listen()
        with socket.socket(socket.AF_UNIX) as cli:
            cli.connect(path)
            conn, _ = srv.accept()
            with conn:
                assert unix_peer_uid(conn) == os.getuid()


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_tcp_peer_uid_loopback(host: str) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as srv:
        srv.bind((host, 0))
        srv.listen()
        with socket.create_connection(srv.getsockname()[:2]) as cli:
            conn, peer = srv.accept()
            with conn:
                assert cli.getsockname()[:2] == peer[:2]
                assert tcp_peer_uid(conn.getsockname()[:2], peer[:2]) == os.getuid()


def test_tcp_peer_uid_unknown_connection() -> None:
    assert tcp_peer_uid(("127.0.0.1", 1), ("127.0.0.1", 2)) is None


@pytest.mark.parametrize(("ip", "loop"), [("127.0.0.1", True), ("127.9.9.9", True), ("::1", True),
                                          ("::ffff:127.0.0.1", True), ("192.0.2.1", False), ("x", False)])
def test_is_loopback(ip: str, loop: bool) -> None:
    assert is_loopback(ip) is loop


def _connect_as(uid: int, address: tuple[str, int], ready: int, done: int) -> None:
    """In a forked child: become uid, connect, tell the parent, keep the socket open until told to go."""
    try:
        os.setgid(uid)
        os.setuid(uid)
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        with socket.socket(family) as cli:
            cli.connect(address)
            os.write(ready, b"1")
            os.read(done, 1)
    finally:
        os._exit(0)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to connect as another user")
@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_tcp_peer_of_another_user_is_that_user_and_refused(host: str) -> None:
    """The kernel names the connecting process's uid (nobody), and the gateway's policy refuses it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as srv:
        srv.bind((host, 0))
        srv.listen()
        ready_r, ready_w = os.pipe()
        done_r, done_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            _connect_as(65534, srv.getsockname()[:2], ready_w, done_r)
        try:
            assert os.read(ready_r, 1) == b"1"
            conn, peer = srv.accept()
            with conn:
                assert tcp_peer_uid(conn.getsockname()[:2], peer[:2]) == 65534
                verdict = PeerPolicy(("root",), ()).check(conn, peer)
                assert not verdict.allowed and verdict.key == "uid=65534"
                assert PeerPolicy(("*",), ()).check(conn, peer).allowed
        finally:
            os.write(done_w, b"1")
            os.waitpid(pid, 0)
            for fd in (ready_r, ready_w, done_r, done_w):
                os.close(fd)


def test_tcp_peer_that_closed_is_nobody() -> None:
    """A client that already closed its end has no owner the kernel can name (its socket reports uid 0, which must
    never pass for root): unknown, so refused."""
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        cli = socket.create_connection(srv.getsockname()[:2])
        conn, peer = srv.accept()
        with conn:
            cli.close()
            deadline = time.monotonic() + 5
            while tcp_peer_uid(conn.getsockname()[:2], peer[:2]) is not None and time.monotonic() < deadline:
                time.sleep(0.01)
            assert tcp_peer_uid(conn.getsockname()[:2], peer[:2]) is None
            assert not PeerPolicy(("root",), ()).check(conn, peer).allowed


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_socket_table_fallback_agrees(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the kernel has no sock_diag, /proc/net/tcp{,6} gives the same answers."""
    monkeypatch.setattr(peer_identity, "_diag_socket", lambda: None)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as srv:
        srv.bind((host, 0))
        srv.listen()
        cli = socket.create_connection(srv.getsockname()[:2])
        conn, peer = srv.accept()
        with conn:
            assert tcp_peer_uid(conn.getsockname()[:2], peer[:2]) == os.getuid()
            cli.close()
            deadline = time.monotonic() + 5
            while tcp_peer_uid(conn.getsockname()[:2], peer[:2]) is not None and time.monotonic() < deadline:
                time.sleep(0.01)
            assert tcp_peer_uid(conn.getsockname()[:2], peer[:2]) is None
    assert tcp_peer_uid(("127.0.0.1", 1), ("127.0.0.1", 2)) is None


def test_ipv4_mapped_peer_on_a_dual_stack_listener() -> None:
    with socket.socket(socket.AF_INET6) as srv:
        srv.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        srv.bind(("::", 0))
        srv.listen()
        with socket.create_connection(("127.0.0.1", srv.getsockname()[1])):
            conn, peer = srv.accept()
            with conn:
                assert peer[0] == "::ffff:127.0.0.1"
                assert tcp_peer_uid(conn.getsockname()[:2], peer[:2]) == os.getuid()


def test_a_sock_diag_query_nobody_answers_gives_up_with_an_os_error() -> None:
    """The netlink socket never blocks a connection's thread for good: an unanswered recv ends in an OSError (what
    tcp_peer_uid takes for 'read the socket table instead')."""
    sock = peer_identity._diag_socket()
    if sock is None:
        pytest.skip("no sock_diag here")
    with pytest.raises(OSError):
        sock.recv(8192)  # nothing was asked: nothing comes
    peer_identity._diag_local.sock = None
    sock.close()
