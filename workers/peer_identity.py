"""Who is on the other end of a gateway connection: the kernel's answer, never the client's."""

from __future__ import annotations

import ipaddress
import os
import pwd
import socket
from dataclasses import dataclass
from pathlib import Path

from core.peer_credentials import unix_peer_uid

__all__ = ["Peer", "PeerPolicy", "tcp_peer_uid", "unix_peer_uid"]

_TCP_TABLES = {socket.AF_INET: Path("/proc/net/tcp"), socket.AF_INET6: Path("/proc/net/tcp6")}


def _proc_hex(ip: str, port: int) -> str:
    """An address as /proc/net/tcp{,6} prints it: 32-bit words in host (little-endian) order, upper-case hex."""
    packed = ipaddress.ip_address(ip).packed
    words = "".join(f"{int.from_bytes(packed[i:i + 4], 'little'):08X}" for i in range(0, len(packed), 4))
    return f"{words}:{port:04X}"


def tcp_peer_uid(local: tuple[str, int], peer: tuple[str, int]) -> int | None:
    """The uid owning the client end of a loopback TCP connection, from the kernel's socket table.

    The client's socket is the entry whose local address is our peer and whose remote address is us.
    None if the peer is not on this host (or the entry is gone).
    """
    family = socket.AF_INET6 if ":" in peer[0] else socket.AF_INET
    want_local, want_remote = _proc_hex(peer[0], peer[1]), _proc_hex(local[0], local[1])
    try:
        with open(_TCP_TABLES[family], encoding="ascii") as fh:
            next(fh, None)  # header line
            for line in fh:
                f = line.split()
                if len(f) > 7 and f[1] == want_local and f[2] == want_remote:
                    return int(f[7])
    except OSError:
        return None
    return None


def is_loopback(ip: str) -> bool:
    """True for 127.0.0.0/8, ::1 and IPv4-mapped loopback."""
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return False
    mapped = getattr(addr, "ipv4_mapped", None)
    return addr.is_loopback or bool(mapped and mapped.is_loopback)


@dataclass(frozen=True, slots=True)
class Peer:
    """The kernel's answer about one connection: allowed or not, a name for the log, the key caps count by."""

    allowed: bool
    who: str
    key: str


class PeerPolicy:
    """Which peers may ask for scans: local users by uid (kernel-reported), remote hosts by address."""

    def __init__(self, allowed_users: tuple[str, ...], allowed_hosts: tuple[str, ...]) -> None:
        self.any_local = "*" in allowed_users
        self.uids = {0, os.getuid()}
        self.unknown_users: list[str] = []
        for name in allowed_users:
            if name == "*":
                continue
            try:
                self.uids.add(pwd.getpwnam(name).pw_uid)
            except KeyError:
                self.unknown_users.append(name)  # e.g. mailnull on Debian: fine, it just cannot connect
        self.networks = [ipaddress.ip_network(h, strict=False) for h in allowed_hosts]

    def check(self, sock: socket.socket, client_address: object) -> Peer:
        """Who an accepted connection comes from and whether it may ask for scans; reads nothing from it."""
        if sock.family == socket.AF_UNIX:
            uid: int | None = unix_peer_uid(sock)
            return Peer(self.any_local or uid in self.uids, f"uid={uid}", f"uid={uid}")
        ip, port = client_address[0], client_address[1]  # type: ignore[index]
        if not is_loopback(ip):
            ok = any(ipaddress.ip_address(ip) in net for net in self.networks)
            return Peer(ok, f"host={ip}", f"host={ip}")
        # Looked up even when any local user is allowed: the per-peer connection cap counts by uid.
        uid = tcp_peer_uid(sock.getsockname()[:2], (ip, port))
        return Peer(self.any_local or uid in self.uids, f"uid={uid} ({ip}:{port})", f"uid={uid}")
