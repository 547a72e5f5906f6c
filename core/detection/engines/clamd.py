"""ClamAV's clamd protocol: zINSTREAM with length-prefixed chunks, answered by `stream: OK` or `stream: NAME FOUND`."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from core.detection.engines.transport import exchange
from core.errors import EngineError

#: Bytes per INSTREAM chunk; clamd's StreamMaxLength bounds the total, not the chunk.
CHUNK = 64 << 10
#: Longest reply read: one line naming at most one signature.
MAX_REPLY = 4096

_SIGNATURE = re.compile(r"[\x21-\x7e]{1,200}")


@dataclass(frozen=True, slots=True)
class ClamdResult:
    """clamd's verdict on one stream: the signature found, or "" when the data is clean."""

    signature: str = ""

    @property
    def infected(self) -> bool:
        return bool(self.signature)


def stream_request(message: bytes, chunk: int = CHUNK) -> Iterator[bytes | memoryview]:
    """The INSTREAM command, the message in length-prefixed chunks, and the zero-length chunk that ends it."""
    yield b"zINSTREAM\0"
    view = memoryview(message)
    for start in range(0, len(message), chunk):
        piece = view[start:start + chunk]
        yield struct.pack(">I", len(piece))
        yield piece
    yield struct.pack(">I", 0)


def scan(address: str, message: bytes, *, deadline: float) -> ClamdResult:
    """Ask clamd at `address` to scan one message, before `deadline`."""
    reply = exchange(address, stream_request(message), deadline, max_reply=MAX_REPLY,
                     complete=lambda data: data.endswith(b"\0"))
    return parse_reply(reply)


def parse_reply(reply: bytes) -> ClamdResult:
    """Parse clamd's reply to INSTREAM; EngineError for its ERROR replies and anything unexpected."""
    text = reply.rstrip(b"\0\r\n").decode("utf-8", "replace").strip()
    if text.endswith("ERROR"):
        raise EngineError(f"clamd error: {text[:-5].strip()[:100]}")
    label, sep, result = text.partition(": ")
    if not sep or label != "stream" or "\0" in result:
        raise EngineError("not a clamd INSTREAM reply")
    if result == "OK":
        return ClamdResult()
    if result.endswith(" FOUND"):
        name = result[:-6].strip()
        if _SIGNATURE.fullmatch(name):
            return ClamdResult(signature=name)
    raise EngineError("not a clamd INSTREAM reply")
