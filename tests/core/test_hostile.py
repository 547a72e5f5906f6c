"""Hostile input: every shape here must parse into a ParsedMessage with the bounds applied, never raise.

The timeout marker only guards against hangs; the assertions are about behaviour (bounds hit, defects
recorded), never about how long anything took.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import random
import struct
import zipfile

import pytest

from core.detection.checks import ALL_CHECKS
from core.detection.checks import winexec as winexec_check
from core.mail import archive
from core.mail.html_text import html_to_text
from core.mail.mime import HEADER_VALUE_MAX, ParsedMessage, parse_message
from tests.core.scan_support import EML_DIR, context, names, settings
from tests.fixtures.make_fixtures import tiny_pe

pytestmark = pytest.mark.timeout(60)
ST = settings()
SCAN = ST.scan


def scan(raw: bytes, **limits: int) -> ParsedMessage:
    """Parse, then run every check on the result: neither may raise."""
    msg = parse_message(raw, dataclasses.replace(SCAN, **limits) if limits else SCAN)
    assert isinstance(msg, ParsedMessage)
    assert "parse_failed" not in msg.defects, "the bounded path must handle this, not the last-resort fallback"
    ctx = context(ST)
    for check in ALL_CHECKS:
        check.run(msg, ctx)
    return msg


def attachment_part(name: str, data: bytes) -> bytes:
    return (f'Content-Type: application/octet-stream; name="{name}"\nContent-Transfer-Encoding: base64\n\n'
            .encode() + base64.encodebytes(data))


# --------------------------------------------------------------------------------------------- headers

def test_semicolon_flood_in_content_type() -> None:
    raw = b"Subject: x\nContent-Type: application/octet-stream" + b"; " * 7000 + b'; name="late.exe"\n\nMZ\n'
    msg = scan(raw)
    assert [a.filename for a in msg.attachments] == ["late.exe"]


def test_semicolon_flood_before_boundary() -> None:
    raw = (b"Subject: x\nContent-Type: multipart/mixed" + b"; " * 7000 + b'; boundary="b"\n\n'
           b"--b\n" + attachment_part("a.exe", tiny_pe()) + b"--b--\n")
    msg = scan(raw)
    assert [a.filename for a in msg.attachments] == ["a.exe"]


def test_rfc2231_parameter_flood() -> None:
    flood = b"".join(b";\n filename*%d*=part%d" % (i, i) for i in range(5000))
    raw = (b'Subject: x\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n'
           b"Content-Type: application/octet-stream\nContent-Disposition: attachment" + flood + b"\n\nDATA\n--b--\n")
    msg = scan(raw)
    [att] = msg.attachments
    assert att.data.strip() == b"DATA"
    assert len(att.filename) <= 1024


def test_header_line_of_one_megabyte() -> None:
    raw = b"Subject: " + b"A" * (1 << 20) + b"\nX-After: lost\n\nthe body\n"
    msg = scan(raw)
    assert "header_truncated" in msg.defects
    assert len(msg.subject) <= HEADER_VALUE_MAX
    assert msg.text.strip() == "the body"


def test_header_block_over_the_limit() -> None:
    headers = b"".join(b"X-Filler-%d: %s\n" % (i, b"v" * 100) for i in range(5000))
    msg = scan(b"Subject: first\n" + headers + b"\nbody text\n", max_header_bytes=4096)
    assert "header_truncated" in msg.defects
    assert msg.subject == "first"
    assert sum(len(k) + len(v) for k, v in msg.headers) <= 4096
    assert msg.text.strip() == "body text"


def test_eight_bit_garbage_headers() -> None:
    rng = random.Random(8)
    lines = [bytes(rng.randrange(128, 256) for _ in range(40)) + b": " + bytes(rng.randrange(256) for _ in range(80))
             for _ in range(50)]
    raw = b"Subject: \xff\xfe\x00\x81\n" + b"\n".join(lines) + b"\n\nbody\n"
    msg = scan(raw)
    assert msg.subject.startswith("ÿþ")


def test_nested_comment_flood_in_from() -> None:
    msg = scan(b"From: " + b"(" * 100_000 + b"\nReply-To: " + b"<" * 100_000 + b"\n\nx")
    assert msg.from_addr == ""


# --------------------------------------------------------------------------------------------- structure

def test_twenty_thousand_parts() -> None:
    parts = b"".join(b"--b\nContent-Type: application/octet-stream\n\nx\n" for _ in range(20_000))
    msg = scan(b'Content-Type: multipart/mixed; boundary="b"\n\n' + parts + b"--b--\n")
    assert msg.part_count == SCAN.max_parts
    assert "too_many_parts" in msg.defects
    assert len(msg.attachments) < SCAN.max_parts


def _nested(depth: int) -> bytes:
    out = [b'Content-Type: multipart/mixed; boundary="b0"\n\n']
    out += [b'--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' % (i, i + 1) for i in range(depth)]
    out.append(b"--b%d\nContent-Type: text/plain\n\ninnermost\n" % depth)
    out += [b"--b%d--\n" % i for i in range(depth, -1, -1)]
    return b"".join(out)


def test_nesting_two_thousand_deep() -> None:
    msg = scan(_nested(2000))
    assert "too_deep" in msg.defects
    assert "innermost" not in msg.text


def test_shallow_nesting_parses_fully() -> None:
    msg = scan(_nested(20))
    assert msg.text.strip() == "innermost"
    assert msg.defects == []


def test_deep_nesting_cannot_hide_an_earlier_executable() -> None:
    raw = (b'Content-Type: multipart/mixed; boundary="top"\n\n--top\n' + attachment_part("a.exe", tiny_pe())
           + b"--top\n" + _nested(2000) + b"--top--\n")
    msg = scan(raw)
    assert "too_deep" in msg.defects
    assert names(winexec_check.CHECK.run(msg, context(ST))) == {"WINEXEC_SIGNATURE", "WINEXEC_NAME"}


def test_invalid_charset_name() -> None:
    raw = b'Subject: x\nContent-Type: text/plain; charset="x-unknown-\xff"\n\ncaf\xc3\xa9\n'
    msg = scan(raw)
    assert msg.text.strip() == "café"
    assert "bad_charset" in msg.defects


def test_quadratic_codec_is_refused() -> None:
    raw = b"Subject: x\nContent-Type: text/plain; charset=punycode\n\n" + b"a-" * 200_000
    msg = scan(raw)
    assert "bad_charset" in msg.defects
    assert msg.text.startswith("a-a-")


def test_broken_base64() -> None:
    body = b"TWFu" * 1000 + b"!!!%%%" + b"TWF" + b"\n==\n" + b"\xff" * 100
    raw = b"Subject: x\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" + body
    msg = scan(raw)
    [att] = msg.attachments
    assert att.data.startswith(b"Man" * 1000)
    assert "bad_base64" in msg.defects


@pytest.mark.parametrize("raw", [
    b"",
    b"x",
    b"Subject: no newline",
    b"\n\nbody without headers",
    b"\r\n\r\n",
    b"\x00" * 10_000,
    b"Subject: a\x00b\n\nbo\x00dy\n",
    b"From \n",
    b"--\n--\n--",
    b":\n:\n\n",
    b" folded first\nSubject: x\n\n",
    b"Content-Type: multipart/mixed\n\n--x\n",
    b'Content-Type: multipart/mixed; boundary=""\n\n--\n\n--\n',
    b"Content-Type: message/rfc822\n\nContent-Type: message/rfc822\n\n",
    b"Content-Transfer-Encoding: x-uuencode\n\nbegin 644 f\n" + b"M" * 5000 + b"\nend\n",
])
def test_degenerate_inputs(raw: bytes) -> None:
    scan(raw)


def test_no_headers_at_all() -> None:
    msg = scan(b"\nJust a body.\n")
    assert msg.headers == [] and msg.text.strip() == "Just a body."


def test_crlf_and_lf_agree() -> None:
    lf = b'Subject: s\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n' + attachment_part("x.exe", b"MZ") \
        + b"--b--\n"
    a, b = scan(lf), scan(lf.replace(b"\n", b"\r\n"))
    assert [(x.filename, x.data) for x in a.attachments] == [(x.filename, x.data) for x in b.attachments]


def test_mutated_fixtures_never_fail() -> None:
    rng = random.Random(20260504)
    for path in sorted(EML_DIR.glob("*.eml")):
        original = path.read_bytes()
        for _ in range(15):
            data = bytearray(original)
            for _ in range(rng.randrange(1, 8)):
                op = rng.randrange(4)
                at = rng.randrange(len(data) + 1)
                if op == 0:
                    del data[at:]
                elif op == 1 and data:
                    data[min(at, len(data) - 1)] = rng.randrange(256)
                elif op == 2:
                    data[at:at] = rng.choice([b"\n--=-mw-mixed\n", b"\n\n", b"=?", b"; ;", b"\x00", b"\r"])
                else:
                    data[at:at] = data[at:at + rng.randrange(200)]
            scan(bytes(data))


# --------------------------------------------------------------------------------------------- html

@pytest.mark.parametrize(("html", "expected"), [
    ("<" * 300_000, "<" * 300_000),
    ("<a" * 200_000, ""),
    ("<!--" * 100_000, ""),
    ("<script>" * 50_000, ""),
    ("<p>" * 100_000 + "end", "end"),
    ("&" * 300_000, "&" * 300_000),
])
def test_html_to_text_is_linear_on_hostile_markup(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


# --------------------------------------------------------------------------------------------- archives

class _InflateMeter:
    """Wraps zlib.decompressobj to count every byte inflated."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.total = 0

    def __call__(self, *args: object) -> object:
        meter = self
        inner = self.real(*args)  # type: ignore[operator]

        class Counting:
            def decompress(self, data: bytes, max_length: int = 0) -> bytes:
                out = inner.decompress(data, max_length)
                meter.total += len(out)
                return out

        return Counting()


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return buf.getvalue()


def _zip_mail(data: bytes, name: str = "a.zip") -> bytes:
    return b'Subject: z\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n' + attachment_part(name, data) \
        + b"--b--\n"


def test_zip_bomb_inflates_only_a_bounded_amount(monkeypatch: pytest.MonkeyPatch) -> None:
    zeros = bytes(20 << 20)  # 20 MB of zeros deflate to about 20 KB
    inner_bomb = _zip([("zeros.bin", zeros)])
    bomb = _zip([("zeros.bin", zeros), ("nested.zip", inner_bomb), ("zeros2.bin", zeros)])
    assert len(bomb) < 200_000
    meter = _InflateMeter(archive.zlib.decompressobj)
    monkeypatch.setattr(archive.zlib, "decompressobj", meter)
    msg = scan(_zip_mail(bomb))
    meter.total = 0  # scan() ran every check once already; measure one winexec run
    assert winexec_check.CHECK.run(msg, context(ST)) == []
    assert 0 < meter.total < 256 * 1024


def test_zip_member_lying_about_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    liar = bytearray(_zip([("looks-small.zip", b"PK\x03\x04" + bytes(30 << 20))]))
    central = liar.find(b"PK\x01\x02")
    struct.pack_into("<L", liar, central + 24, 100)  # claim 100 bytes uncompressed
    meter = _InflateMeter(archive.zlib.decompressobj)
    monkeypatch.setattr(archive.zlib, "decompressobj", meter)
    msg = scan(_zip_mail(bytes(liar)))
    meter.total = 0
    assert winexec_check.CHECK.run(msg, context(ST)) == []
    assert meter.total <= winexec_check.NESTED_ZIP_MAX + winexec_check.SNIFF_BYTES


def _many_entry_zip(count: int) -> bytes:
    """A stored ZIP of `count` empty files, built directly (zipfile would take seconds to write it)."""
    local, central = bytearray(), bytearray()
    for i in range(count):
        name = b"f%06d.txt" % i
        offset = len(local)
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0,
                               0, offset) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, len(central), len(local), 0)
    return bytes(local + central + end)


def test_zip_with_a_hundred_thousand_entries() -> None:
    data = _many_entry_zip(100_000)
    listing = archive.list_zip(data, SCAN.max_archive_members)
    assert len(listing.members) == SCAN.max_archive_members
    assert listing.truncated
    assert listing.members[-1].name == "f000199.txt"
    scan(_zip_mail(data))


def test_zip64_and_self_extractor_prefix() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("run.exe", tiny_pe())
    prefixed = b"#!junk stub before the archive\n" * 10 + buf.getvalue()
    listing = archive.list_zip(prefixed, 10)
    assert [m.name for m in listing.members] == ["run.exe"]
    assert archive.read_member(prefixed, listing.members[0], 4096) == tiny_pe()[:4096]


@pytest.mark.parametrize("damage", ["truncate_directory", "garbage", "only_local_header"])
def test_damaged_zips(damage: str) -> None:
    good = _zip([("a.txt", b"hello"), ("evil.exe", b"MZ")])
    if damage == "truncate_directory":
        data = good[: good.find(b"PK\x01\x02") + 10]
    elif damage == "garbage":
        data = b"PK\x03\x04" + bytes(random.Random(3).randrange(256) for _ in range(5000))
    else:
        data = good[: good.find(b"PK\x01\x02")]
    listing = archive.list_zip(data, 100)
    assert listing.damaged
    msg = scan(_zip_mail(data))
    if damage != "garbage":  # a lenient unzipper still finds the names in the local headers
        assert "WINEXEC_IN_ARCHIVE" in names(winexec_check.CHECK.run(msg, context(ST)))


def test_parse_stops_at_its_share_of_the_time_budget() -> None:
    raw = b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n' + b"a\n" * (1 << 20)
    msg = scan(raw, time_budget_ms=1)
    assert "parse_time_exceeded" in msg.defects
