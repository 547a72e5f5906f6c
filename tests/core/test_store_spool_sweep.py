"""SpoolStore.sweep: spool files past the scan deadline are orphans and are removed; fresh ones stay."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from core.store.spool import SpoolStore
from workers.actors import sweep_spool


def _aged(spool: SpoolStore, age_s: float) -> Path:
    path = spool.path(spool.write(b"Subject: x\r\n\r\nbody\r\n"))
    then = time.time() - age_s
    os.utime(path, (then, then))
    return path


def test_sweep_removes_only_files_older_than_max_age(tmp_path: Path) -> None:
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    old = [_aged(spool, 600) for _ in range(3)]
    fresh = _aged(spool, 1)
    assert spool.sweep(75.0) == 3
    assert not any(p.exists() for p in old)
    assert fresh.exists() and spool.read(fresh.stem, 100).startswith(b"Subject")


def test_sweep_leaves_other_files_and_directories_alone(tmp_path: Path) -> None:
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    other = spool.directory / "notes.txt"
    other.write_text("not a spool file")
    sub = spool.directory / "dir.eml"
    sub.mkdir()
    for p in (other, sub):
        os.utime(p, (0, 0))
    assert spool.sweep(0.0) == 0
    assert other.exists() and sub.is_dir()


def test_sweep_with_zero_age_takes_everything_written_so_far(tmp_path: Path) -> None:
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    ids = [spool.write(b"x") for _ in range(5)]
    assert spool.sweep(0.0, now=time.time() + 1) == 5
    assert list(spool.directory.iterdir()) == []
    assert all(not spool.path(i).exists() for i in ids)


def test_sweep_of_a_missing_directory_is_zero(tmp_path: Path) -> None:
    assert SpoolStore(tmp_path / "absent").sweep(0.0) == 0


def test_sweep_ignores_a_file_discarded_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    gone, kept = _aged(spool, 600), _aged(spool, 600)
    real_unlink = os.unlink

    def racing_unlink(path: str | os.PathLike[str]) -> None:
        if Path(path) == gone:
            real_unlink(path)  # the gateway discarded it between the listing and our unlink
            raise FileNotFoundError(path)
        real_unlink(path)

    monkeypatch.setattr(os, "unlink", racing_unlink)
    assert spool.sweep(60.0) == 1
    assert not gone.exists() and not kept.exists()


def test_housekeeping_sweep_logs_one_line_with_the_count(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    _aged(spool, 600)
    _aged(spool, 600)
    with caplog.at_level(logging.INFO, logger="mailward.housekeeping"):
        assert sweep_spool(spool, 75.0) == 2
    lines = [r.getMessage() for r in caplog.records if "spool sweep" in r.getMessage()]
    assert len(lines) == 1 and "removed=2" in lines[0]
