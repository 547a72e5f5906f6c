"""Who is on the other end of a gateway connection: the kernel's answer, never the client's."""

from __future__ import annotations

import functools
import ipaddress
import os
import pwd
import socket
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

from core.net.peer_credentials import unix_peer_uid

__all__ = ["Peer", "PeerPolicy", "tcp_peer_uid", "unix_peer_uid"]

_TCP_TABLES = {socket.AF_INET: Path("/proc/net/tcp"), socket.AF_INET6: Path("/proc/net/tcp6")}

# sock_diag (linux/sock_diag.h, linux/inet_diag.h): the kernel's socket lookup by its four-tuple, one hash lookup
# instead of reading the whole socket table, which holds every TIME_WAIT connection of the host (tens of thousands
# on a busy mail server: reading it cost a quarter of the gateway's time per connection).
_NETLINK_SOCK_DIAG = 4
_SOCK_DIAG_BY_FAMILY = 20
_NLM_F_REQUEST = 1
_NLMSG_ERROR = 2
_INET_DIAG_NOCOOKIE = 0xFFFFFFFF
_ALL_STATES = 0xFFFFFFFF
_NLMSGHDR = struct.Struct("=IHHII")
#: inet_diag_req_v2: family, protocol, ext, pad, states, then inet_diag_sockid: sport, dport (network order),
#: src[16], dst[16], interface, cookie[2].
_REQ = struct.Struct("=BBBBI2s2s16s16sIII")
#: inet_diag_msg: family, state, timer, retrans, sockid (sport, dport, src, dst, if, cookie[2]), expires, rqueue,
#: wqueue, uid, inode.
_MSG = struct.Struct("=BBBB2s2s16s16sIIIIIIII")
_diag_local = threading.local()
#: struct timeval of one second: how long a sock_diag query may take before the socket table is read instead.
_DIAG_TIMEOUT = struct.pack("@ll", 1, 0)


def _diag_socket() -> socket.socket | None:
    """This thread's sock_diag netlink socket (opened once per thread); None where the kernel has none."""
    sock = getattr(_diag_local, "sock", None)
    if sock is None:
        try:
            sock = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, _NETLINK_SOCK_DIAG)
            # A blocking socket whose send and recv the kernel itself gives up after _DIAG_TIMEOUT (EAGAIN, an
            # OSError like the timeout it replaces): Python's own socket timeout polls before every send and recv,
            # two system calls (and two turns of the GIL) more per connection.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, _DIAG_TIMEOUT)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, _DIAG_TIMEOUT)
        except (OSError, AttributeError):
            return None
        _diag_local.sock = sock
    return sock


@functools.lru_cache(maxsize=1024)  # a pure function of the string, asked two or three times per connection
def _packed(ip: str) -> tuple[int, bytes]:
    """An address's family and its 16-byte field of inet_diag_sockid (IPv4-mapped IPv6 as the IPv4 it is)."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    mapped = getattr(addr, "ipv4_mapped", None)
    if mapped is not None:
        addr = mapped
    if addr.version == 4:
        return socket.AF_INET, addr.packed.ljust(16, b"\0")
    return socket.AF_INET6, addr.packed


class _NoDiag(Exception):
    """The kernel cannot answer sock_diag queries (no netlink, no inet_diag): read the socket table instead."""


def _diag_uid(local: tuple[str, int], peer: tuple[str, int]) -> int | None:
    """The owner of the socket whose local end is `peer` and remote end is `local`, by sock_diag; None if there is
    none, or it is no longer any process's (closed: a TIME_WAIT or orphaned socket reports uid 0, not its owner's)."""
    sock = _diag_socket()
    if sock is None:
        raise _NoDiag
    family, src = _packed(peer[0])
    family_local, dst = _packed(local[0])
    if family != family_local:
        return None
    seq = (getattr(_diag_local, "seq", 0) + 1) & 0xFFFFFFFF
    _diag_local.seq = seq
    body = _REQ.pack(family, socket.IPPROTO_TCP, 0, 0, _ALL_STATES, peer[1].to_bytes(2, "big"),
                     local[1].to_bytes(2, "big"), src, dst, 0, _INET_DIAG_NOCOOKIE, _INET_DIAG_NOCOOKIE)
    try:
        sock.send(_NLMSGHDR.pack(_NLMSGHDR.size + len(body), _SOCK_DIAG_BY_FAMILY, _NLM_F_REQUEST, seq, 0) + body)
        while True:
            data = sock.recv(8192)
            length, kind, _, got_seq, _ = _NLMSGHDR.unpack_from(data)
            if got_seq == seq:
                break  # an answer to an earlier query that timed out: skip it
    except OSError as exc:
        _diag_local.sock = None  # a fresh socket next time
        sock.close()
        raise _NoDiag from exc
    if kind == _NLMSG_ERROR:
        errno_ = -struct.unpack_from("=i", data, _NLMSGHDR.size)[0]
        if errno_ == 2:  # ENOENT: no such connection
            return None
        raise _NoDiag  # e.g. EINVAL/EOPNOTSUPP: no inet_diag for this family here
    if kind != _SOCK_DIAG_BY_FAMILY or length < _NLMSGHDR.size + _MSG.size:
        return None
    fields = _MSG.unpack_from(data, _NLMSGHDR.size)
    uid, inode = fields[-2], fields[-1]
    return uid if inode else None


def _table_uid(local: tuple[str, int], peer: tuple[str, int]) -> int | None:
    """The same answer from /proc/net/tcp{,6}, for kernels without sock_diag."""
    family, _ = _packed(peer[0])
    want_local, want_remote = _proc_hex(peer[0], peer[1]), _proc_hex(local[0], local[1])
    try:
        with open(_TCP_TABLES[family], encoding="ascii") as fh:
            next(fh, None)  # header line
            for line in fh:
                f = line.split()
                if len(f) > 9 and f[1] == want_local and f[2] == want_remote:
                    return int(f[7]) if f[9] != "0" else None  # inode 0: closed, no owner any more
    except OSError:
        return None
    return None


def _proc_hex(ip: str, port: int) -> str:
    """An address as /proc/net/tcp{,6} prints it: 32-bit words in host (little-endian) order, upper-case hex."""
    family, packed = _packed(ip)
    if family == socket.AF_INET:
        packed = packed[:4]
    words = "".join(f"{int.from_bytes(packed[i:i + 4], 'little'):08X}" for i in range(0, len(packed), 4))
    return f"{words}:{port:04X}"


def tcp_peer_uid(local: tuple[str, int], peer: tuple[str, int]) -> int | None:
    """The uid owning the client end of a loopback TCP connection, from the kernel.

    The client's socket is the one whose local address is our peer and whose remote address is us. None if the
    peer is not on this host, the entry is gone, or the client already closed its socket (the kernel then no
    longer knows whose it was, and reports uid 0: never taken for root).
    """
    try:
        return _diag_uid(local, peer)
    except _NoDiag:
        return _table_uid(local, peer)


@functools.lru_cache(maxsize=1024)
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
