"""Peer identity from the kernel: SO_PEERCRED on unix sockets, the socket table for loopback TCP."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from workers.peer_identity import is_loopback, tcp_peer_uid, unix_peer_uid


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
