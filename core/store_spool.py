"""The scan spool: messages waiting for a verdict, named by id so a queued job can never name a path."""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from core.errors import NotFound
from core.names import valid_email_id


class SpoolStore:
    """Files `<dir>/<uuid>.eml`; the gateway writes them, a worker reads them and may move them on."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def ensure(self) -> None:
        """Create the spool directory (private to the service user)."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)

    def path(self, spool_id: str) -> Path:
        """Path of a spooled message; the id is validated as a UUID."""
        return self.directory / f"{valid_email_id(spool_id)}.eml"

    def write(self, data: bytes) -> str:
        """Spool a message and return its id. No fsync: until Exim has our answer, Exim owns the message."""
        with self.create() as (spool_id, fh):
            fh.write(data)
        return spool_id

    @contextlib.contextmanager
    def create(self) -> Iterator[tuple[str, BinaryIO]]:
        """A new spool file to write in pieces: yields (id, file); the file is removed if writing fails."""
        spool_id = str(uuid.uuid4())
        path = self.path(spool_id)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                yield spool_id, fh
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            raise

    def read(self, spool_id: str, max_bytes: int) -> bytes:
        """Read a spooled message (at most max_bytes); NotFound if it was already answered and discarded."""
        try:
            with open(self.path(spool_id), "rb") as fh:
                return fh.read(max_bytes)
        except FileNotFoundError:
            raise NotFound(f"spool {spool_id} is gone (already answered)") from None

    def take(self, spool_id: str) -> bool:
        """Remove a spooled message; True if it was there. After this no worker can hold it (a hold moves the file):
        False means a worker already moved it into the quarantine."""
        try:
            self.path(spool_id).unlink()
        except FileNotFoundError:
            return False
        return True

    def discard(self, spool_id: str) -> None:
        """Remove a spooled message if it is still there."""
        with contextlib.suppress(FileNotFoundError):
            self.path(spool_id).unlink()

    def sweep(self, max_age_s: float, *, now: float | None = None) -> int:
        """Remove spool files last written more than max_age_s ago; return how many were removed."""
        # Past the scan deadline the gateway has answered Exim (and discarded its file) or died, so an old file
        # is an orphan: nobody will discard it, and a late job must not find it and act on mail Exim settled.
        cutoff = (time.time() if now is None else now) - max_age_s
        removed = 0
        try:
            entries = list(os.scandir(self.directory))
        except FileNotFoundError:
            return 0
        for entry in entries:
            if not entry.name.endswith(".eml") or not entry.is_file(follow_symlinks=False):
                continue
            try:
                if entry.stat(follow_symlinks=False).st_mtime <= cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except FileNotFoundError:
                continue  # answered and discarded (or moved into the quarantine) meanwhile
        return removed
