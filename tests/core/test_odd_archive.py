"""ATTACH_ODD_ARCHIVE: a lone split-archive volume, an obsolete archive format, an archive under another type's name."""

from __future__ import annotations

import pytest

from core.detection.checks import odd_archive
from core.mail.mime import Attachment, parse_message
from tests.core.scan_support import context, names, settings

pytestmark = pytest.mark.timeout(60)
ST = settings()
RAR = b"Rar!\x1a\x07\x00" + bytes(64)
SEVEN = b"7z\xbc\xaf\x27\x1c" + bytes(64)
ZIP = b"PK\x03\x04" + bytes(64)


def _run(*files: tuple[str, bytes]) -> set[str]:
    msg = parse_message(b"From: a@shop.example\nTo: b@customer.example\nSubject: s\n\nAttached.\n", ST.scan)
    msg.attachments = [Attachment(filename=n, content_type="application/octet-stream", data=d, size=len(d))
                       for n, d in files]
    return names(odd_archive.CHECK.run(msg, context(ST)))


@pytest.mark.parametrize("files", [
    [("Order_20759.r00", RAR)],  # a lone volume
    [("invoice.z01", ZIP)],
    [("DHL_AWB.ace", bytes(64))],  # an obsolete format
    [("docs.arj", bytes(64))],
    [("scan.pdf", RAR)],  # a RAR under a document's name
    [("photo.jpg", SEVEN)],
])
def test_odd_archives(files: list[tuple[str, bytes]]) -> None:
    assert _run(*files) == {"ATTACH_ODD_ARCHIVE"}


@pytest.mark.parametrize("files", [
    [("photos.rar", RAR)],
    [("photos.rar", RAR), ("photos.r00", RAR)],  # every volume together
    [("backup.7z.001", SEVEN)],  # 7-Zip's own volume naming
    [("report.docx", ZIP), ("app.apk", ZIP)],  # zip files under their own types
    [("scan.pdf", b"%PDF-1.7\n" + bytes(64))],
])
def test_archives_sent_as_they_are(files: list[tuple[str, bytes]]) -> None:
    assert _run(*files) == set()
