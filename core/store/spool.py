"""The scan spool: messages waiting for a verdict, named by id so a queued job can never name a path.

A message the spool cannot take (its disk full) travels through Redis instead (core.store.scan_bodies): a worker
reads and holds it by the same spool id, through SpoolStore.read and SpoolHold, without knowing where it is.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from core.errors import NotFound
from core.names import valid_email_id
from core.store.pending_answers import MemoryPendingAnswers, PendingAnswers
from core.store.scan_bodies import MemoryScanBodies, ScanBodies

if TYPE_CHECKING:
    from core.models import QuarantineRecord
    from core.store.quarantine import QuarantineStore


def _read_fd(fd: int, max_bytes: int) -> bytes:
    """At most max_bytes from an open file, to its end. Sized by fstat: a buffered read(max_bytes) allocates (and
    the kernel maps and unmaps) max_bytes (25 MiB by default) for every message, a fifth of the worker's system
    time per scan."""
    data = os.read(fd, max(min(os.fstat(fd).st_size, max_bytes), 0))
    while len(data) < max_bytes:  # a file that grew since fstat: read on to its end, as read(max_bytes) did
        more = os.read(fd, min(1 << 16, max_bytes - len(data)))
        if not more:
            break
        data += more
    return data


class SpoolStore:
    """Files `<dir>/<uuid>.eml`; the gateway writes them, a worker reads them and may move them on."""

    def __init__(self, directory: Path, bodies: ScanBodies | MemoryScanBodies | None = None,
                 answers: PendingAnswers | MemoryPendingAnswers | None = None) -> None:
        self.directory = directory
        self.bodies = bodies  # where the gateway put the bodies it could not spool (workers read them too)
        # where a hold waits for the gateway's answer (None: on the quarantine's Redis; core.store.pending_answers)
        self.answers = answers
        self._dir = os.fspath(directory)

    def ensure(self) -> None:
        """Create the spool directory (private to the service user)."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)

    def path(self, spool_id: str) -> Path:
        """Path of a spooled message; the id is validated as a UUID."""
        return Path(self.file_path(spool_id))

    def file_path(self, spool_id: str) -> str:
        """path() as a string; the id is validated as a UUID."""
        # A string, not a Path: the gateway names each spool file twice per scan (pathlib's parsing was a twentieth
        # of its CPU under cProfile).
        return os.path.join(self._dir, f"{valid_email_id(spool_id)}.eml")

    def write(self, data: bytes) -> str:
        """Spool a message and return its id. No fsync: until Exim has our answer, Exim owns the message."""
        with self.create() as (spool_id, fh):
            fh.write(data)
        return spool_id

    @contextlib.contextmanager
    def create(self) -> Iterator[tuple[str, BinaryIO]]:
        """A new spool file to write in pieces: yields (id, file); the file is removed if writing fails."""
        spool_id = str(uuid.uuid4())
        path = self.file_path(spool_id)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                yield spool_id, fh
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            raise

    def read(self, spool_id: str, max_bytes: int) -> bytes:
        """Read a spooled message (at most max_bytes), from its file or else from Redis; NotFound if it was already
        answered and discarded."""
        try:
            fd = os.open(self.file_path(spool_id), os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            data = None if self.bodies is None else self.bodies.read(spool_id, max_bytes)
            if data is None:
                raise NotFound(f"spool {spool_id} is gone (already answered)") from None
            return data
        try:
            return _read_fd(fd, max_bytes)
        finally:
            os.close(fd)

    def holder(self, spool_id: str) -> SpoolHold:
        """What a worker's hold takes the message from (its file, or its body in Redis)."""
        return SpoolHold(self, spool_id)

    def take(self, spool_id: str) -> bool:
        """Remove a spooled message; True if it was there. After this no worker can hold it (a hold moves the file):
        False means a worker already moved it into the quarantine."""
        try:
            os.unlink(self.file_path(spool_id))
        except FileNotFoundError:
            return False
        return True

    def discard(self, spool_id: str) -> None:
        """Remove a spooled message if it is still there."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.file_path(spool_id))

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


class SpoolHold:
    """A worker's hold of one spooled message, as one or several quarantine copies, from wherever the gateway put it.

    A spool file is moved by the last copy (copied before), so the gateway's take() fails once it is held. A body in
    Redis is taken (ready -> taken) by the first copy, marked held after the last, and given back if a copy fails,
    so the gateway's settle tells the same three outcomes.
    """

    def __init__(self, spool: SpoolStore, spool_id: str) -> None:
        self.spool = spool
        self.spool_id = spool_id
        self._body: bytes | None = None  # taken from Redis and not given back

    def hold(self, quarantine: QuarantineStore, record: QuarantineRecord, *, last: bool) -> list[str]:
        """Hold one copy; NotFound (or FileNotFoundError) when the gateway answered first; any other error means
        this copy was not held and the message is the gateway's again."""
        if self.spool.answers is None:
            self.spool.answers = PendingAnswers(quarantine.client)
        # Registered before the copy exists, so a gateway that dies before answering leaves it for the sweep that
        # withdraws unanswered holds; refused once that sweep took the scan (its fail mode decided).
        if not self.spool.answers.register(self.spool_id, record.account, record.email_id):
            raise NotFound(f"spool {self.spool_id}: its holds were withdrawn (the gateway never answered)")
        path = self.spool.path(self.spool_id)
        bodies = self.spool.bodies
        if bodies is None or (self._body is None and path.exists()):
            return quarantine.hold(path, record, keep_source=not last)
        if self._body is None:
            self._body = bodies.take(self.spool_id)
            if self._body is None:
                raise NotFound(f"spool {self.spool_id} is gone (answered by the gateway, or held already)")
        try:
            # hold() copies from a path: a memory file, since the disk that refused the spool may refuse this too
            fd = os.memfd_create("mailward-scan-body", os.MFD_CLOEXEC)
            try:
                view = memoryview(self._body)
                while view:
                    view = view[os.write(fd, view):]
                evicted = quarantine.hold(Path(f"/proc/self/fd/{fd}"), record, keep_source=True)
            finally:
                os.close(fd)
        except BaseException:
            with contextlib.suppress(Exception):  # Redis gone too: a retry holds the body it kept; else "taken"
                bodies.give_back(self.spool_id)   # tells the gateway to defer
                self._body = None
            raise
        if last:
            # Not marking it leaves "taken": the gateway defers at its deadline instead of answering this hold
            # (the worker's own answer, when it arrives, says held).
            with contextlib.suppress(Exception):
                bodies.held(self.spool_id)
            self._body = None
        return evicted
