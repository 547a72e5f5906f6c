"""The kernel's word on who is at the other end of a unix socket."""

from __future__ import annotations

import socket
import struct


def unix_peer_uid(sock: socket.socket) -> int:
    """The uid of the process that connected to a unix socket (SO_PEERCRED)."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]
