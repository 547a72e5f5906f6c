"""Bounded ZIP reading: member names from the central directory and only the first bytes of each member.

zipfile itself builds a ZipInfo for every central-directory entry (100,000 entries cost seconds and tens of
MB) and has no cap on what a member inflates to, so the few fields we need are read here directly.
"""

from __future__ import annotations

import bz2
import struct
import zlib
from dataclasses import dataclass, field

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_EOCD_STRUCT = struct.Struct("<4s4H2LH")
_EOCD64_STRUCT = struct.Struct("<4sQ2H2L4Q")
_CENTRAL_STRUCT = struct.Struct("<4s6H3L5H2L")
_LOCAL_STRUCT = struct.Struct("<4s5H3L2H")
#: Compressed bytes handed to a decompressor for one read: a deflate stream can be padded with empty blocks,
#: so allow far more input than the output we want, but never the whole of a large member.
_MIN_INPUT = 1 << 20
_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
_STORED, _DEFLATED, _BZIP2 = 0, 8, 12


@dataclass(slots=True)
class ZipMember:
    """One central-directory entry."""

    name: str
    method: int
    encrypted: bool
    compressed_size: int
    size: int  # uncompressed size as the archive claims it
    local_offset: int


@dataclass(slots=True)
class ZipListing:
    """Members of one archive, at most `max_members` of them."""

    members: list[ZipMember] = field(default_factory=list)
    total: int = 0  # entries the archive says it has
    truncated: bool = False  # more entries than we listed
    damaged: bool = False  # no readable central directory (members then come from local headers)
    base: int = 0  # offset of the archive inside the data (self-extractors carry a stub before it)


def looks_like_zip(data: bytes) -> bool:
    """True for data that starts like a ZIP archive (local header or an empty archive)."""
    return data[:4] in (_LOCAL, _EOCD)


def list_zip(data: bytes, max_members: int) -> ZipListing:
    """List up to `max_members` entries of a ZIP archive; never raises."""
    try:
        listing = _central_directory(data, max_members)
    except (struct.error, ValueError, IndexError):
        listing = None
    if listing is None or (listing.damaged and not listing.members):
        try:
            return _local_headers(data, max_members)
        except (struct.error, ValueError, IndexError):
            return ZipListing(damaged=True)
    return listing


def _central_directory(data: bytes, max_members: int) -> ZipListing | None:
    eocd = data.rfind(_EOCD, max(0, len(data) - 22 - 65535))
    if eocd < 0 or eocd + _EOCD_STRUCT.size > len(data):
        return None
    _, _, _, _, total, cd_size, cd_offset, _ = _EOCD_STRUCT.unpack_from(data, eocd)
    end_of_cd = eocd
    if (total == 0xFFFF or cd_offset == 0xFFFFFFFF) and data[eocd - 20:eocd - 16] == _EOCD64_LOCATOR:
        loc = struct.unpack_from("<4sLQL", data, eocd - 20)[2]
        guess = eocd - 20 - _EOCD64_STRUCT.size
        at = loc if data[loc:loc + 4] == _EOCD64 else guess
        if data[at:at + 4] == _EOCD64:
            fields = _EOCD64_STRUCT.unpack_from(data, at)
            total, cd_size, cd_offset = fields[7], fields[8], fields[9]
            end_of_cd = at
    base = max(0, end_of_cd - cd_size - cd_offset)  # bytes prepended to the archive (e.g. an SFX stub)
    listing = ZipListing(total=total, base=base)
    pos = base + cd_offset
    for _ in range(min(total, max_members)):
        if data[pos:pos + 4] != _CENTRAL:
            listing.damaged = True
            break
        f = _CENTRAL_STRUCT.unpack_from(data, pos)
        flags, method, csize, usize = f[3], f[4], f[8], f[9]
        name_len, extra_len, comment_len, offset = f[10], f[11], f[12], f[16]
        name_raw = data[pos + 46:pos + 46 + name_len]
        extra = data[pos + 46 + name_len:pos + 46 + name_len + extra_len]
        usize, csize, offset = _zip64_sizes(extra, usize, csize, offset)
        listing.members.append(ZipMember(
            name=_decode_name(name_raw, flags), method=method, encrypted=bool(flags & _FLAG_ENCRYPTED),
            compressed_size=csize, size=usize, local_offset=base + offset))
        pos += 46 + name_len + extra_len + comment_len
    listing.truncated = total > len(listing.members) and not listing.damaged
    return listing


def _zip64_sizes(extra: bytes, usize: int, csize: int, offset: int) -> tuple[int, int, int]:
    """Replace 0xFFFFFFFF sizes by their ZIP64 extra-field values."""
    if 0xFFFFFFFF not in (usize, csize, offset):
        return usize, csize, offset
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack_from("<2H", extra, i)
        if tag == 0x0001:
            vals = list(struct.unpack_from(f"<{min(size // 8, 3)}Q", extra, i + 4))
            if usize == 0xFFFFFFFF and vals:
                usize = vals.pop(0)
            if csize == 0xFFFFFFFF and vals:
                csize = vals.pop(0)
            if offset == 0xFFFFFFFF and vals:
                offset = vals.pop(0)
            break
        i += 4 + size
    return usize, csize, offset


def _local_headers(data: bytes, max_members: int) -> ZipListing:
    """Walk local file headers from the front: what a lenient unzipper does with a broken archive."""
    listing = ZipListing(damaged=True)
    pos = data.find(_LOCAL)
    while pos >= 0 and len(listing.members) < max_members:
        f = _LOCAL_STRUCT.unpack_from(data, pos)
        flags, method, csize, usize, name_len, extra_len = f[2], f[3], f[7], f[8], f[9], f[10]
        name = _decode_name(data[pos + 30:pos + 30 + name_len], flags)
        listing.members.append(ZipMember(name=name, method=method, encrypted=bool(flags & _FLAG_ENCRYPTED),
                                         compressed_size=csize, size=usize, local_offset=pos))
        start = pos + 30 + name_len + extra_len
        nxt = start + csize if csize and csize != 0xFFFFFFFF else start
        pos = data.find(_LOCAL, max(nxt, pos + 4))
    listing.total = len(listing.members)
    listing.truncated = pos >= 0
    return listing


def _decode_name(raw: bytes, flags: int) -> str:
    return raw.decode("utf-8" if flags & _FLAG_UTF8 else "cp437", "replace")


def read_member(data: bytes, member: ZipMember, limit: int) -> bytes | None:
    """The first `limit` uncompressed bytes of a member, or None if encrypted, unsupported or damaged."""
    if member.encrypted or limit <= 0:
        return None
    try:
        pos = member.local_offset
        if data[pos:pos + 4] != _LOCAL:
            return None
        f = _LOCAL_STRUCT.unpack_from(data, pos)
        start = pos + 30 + f[9] + f[10]
        size = member.compressed_size if member.compressed_size not in (0, 0xFFFFFFFF) else len(data) - start
        src = data[start:start + min(size, max(limit * 4, _MIN_INPUT))]
        if member.method == _STORED:
            return src[:limit]
        if member.method == _DEFLATED:
            return zlib.decompressobj(-15).decompress(src, limit)
        if member.method == _BZIP2:
            return bz2.BZ2Decompressor().decompress(src, max_length=limit)
    except (zlib.error, OSError, EOFError, ValueError, struct.error, MemoryError):
        return None
    return None
