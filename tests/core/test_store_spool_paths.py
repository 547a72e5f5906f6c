"""SpoolStore names its files by id only (issue 16 made the names strings): a written file is where path() says,
take() and discard() remove it, and an id that is not a UUID names no file at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ValidationError
from core.store.spool import SpoolStore


def test_a_spool_file_is_where_path_says_and_goes_once(tmp_path: Path) -> None:
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    sid = spool.write(b"Subject: x\r\n\r\nhello\r\n")
    assert spool.path(sid) == tmp_path / "spool" / f"{sid}.eml"
    assert spool.path(sid).read_bytes() == b"Subject: x\r\n\r\nhello\r\n"
    assert spool.read(sid, 100) == b"Subject: x\r\n\r\nhello\r\n"
    assert spool.take(sid) is True and spool.take(sid) is False
    spool.discard(sid)  # already gone: no error
    assert list((tmp_path / "spool").iterdir()) == []


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    spool = SpoolStore(tmp_path)
    with pytest.raises(RuntimeError), spool.create() as (_sid, fh):
        fh.write(b"partial")
        raise RuntimeError("client went away")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bad", ["../../etc/passwd", "x", "", "6f1c2a9e-0d7b-4a53-9d6e-3c1b2a4f5e60/../../a"])
def test_an_id_that_is_not_a_uuid_names_no_file(tmp_path: Path, bad: str) -> None:
    victim = tmp_path / "victim.eml"
    victim.write_bytes(b"keep")
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    for call in (spool.path, spool.take, spool.discard):
        with pytest.raises(ValidationError):
            call(bad)
    assert victim.read_bytes() == b"keep"


def test_read_returns_at_most_max_bytes_and_a_large_file_whole(tmp_path: Path) -> None:
    spool = SpoolStore(tmp_path)
    big = bytes(range(256)) * 1024  # 256 KiB: more than one read of the tail loop
    sid = spool.write(big)
    assert spool.read(sid, 10) == big[:10]
    assert spool.read(sid, len(big)) == big
    assert spool.read(sid, 10 * len(big)) == big
    with open(spool.path(sid), "ab") as fh:  # grown after it was written: still read to its end
        fh.write(b"tail")
    assert spool.read(sid, 10 * len(big)) == big + b"tail"
    empty = spool.write(b"")
    assert spool.read(empty, 100) == b""
