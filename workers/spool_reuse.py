"""The gateway's spool files, used again: after a worker's answer a scan's file is renamed into a directory of free
files beside the spool, and the next scan renames one of those to its own new id, instead of unlinking one file and
creating another per scan.

Why: creating a file allocates an inode, and on ext4 without a journal (this project's test machines) the allocator
skips every inode freed in the last minute or more (fs/ext4/ialloc.c, recently_deleted), one at a time: at a steady
hundred scans a second that walk was a fifth of the gateway process's CPU under bench.compare, and over half of it
under bench.gateway_cost, growing with the load. A rename allocates nothing, on any file system.

Safety: a file is kept only after its worker answered (the scan's result came back), when no job can read it any
more: a worker takes the scan's claim before it reads the file (core.store.scan_claims), and reads it by path, which
names nothing once the file is renamed; a new id is a fresh UUID, so a stale job never finds the next message. A
file whose scan ended any other way (deadline, fail mode, a hold that moved it) is never kept. Only small files are
kept (KEEP_MAX_BYTES), and only a few (the gateway's concurrent scans), so the free files hold little disk. A free
file that disappeared (another host's gateway cleared the directory as it started) just means a new file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from core.store.spool import SpoolStore

log = logging.getLogger("mailward.gateway")

#: Files larger than this are unlinked, not kept (their inode is a small part of what they cost).
KEEP_MAX_BYTES = 256 * 1024
#: Name of the free files' directory, beside the spool (on the same file system, so renames between them work).
FREE_DIR = "spool-free"


class SpoolReuse:
    """Creates the gateway's spool files from kept free files where it can, and keeps answered ones for that."""

    def __init__(self, spool: SpoolStore, keep: int) -> None:
        self.spool = spool
        self.keep = keep
        self.free_dir = os.fspath(Path(spool.directory).with_name(FREE_DIR))
        self._lock = threading.Lock()
        self._free: list[tuple[str, int]] = []  # free files in free_dir: (path, size)
        self._sizes: dict[str, int] = {}  # spool id -> bytes written, for the files create() made (until discard)
        self._enabled = False  # until ensure() made the free directory

    def ensure(self) -> None:
        """Make the free directory and empty it: what is there was left by a gateway that stopped without clearing."""
        if self.keep <= 0:
            return
        try:
            os.makedirs(self.free_dir, mode=0o700, exist_ok=True)
            for entry in os.scandir(self.free_dir):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
        except OSError as exc:
            log.warning("gateway: spool files are not reused (%s: %s)", self.free_dir, exc)
            return
        self._enabled = True

    def close(self) -> None:
        """Remove the free files (the gateway stops)."""
        with self._lock:
            free, self._free = self._free, []
        for path, _ in free:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)

    @property
    def free(self) -> int:
        """How many free files are kept now."""
        return len(self._free)

    @contextlib.contextmanager
    def create(self) -> Iterator[tuple[str, BinaryIO]]:
        """A new spool file to write in pieces, as SpoolStore.create: yields (id, file); removed if writing fails."""
        fd = spool_id = None
        old_size = 0
        while self._free:
            with self._lock:
                free, old_size = self._free.pop() if self._free else (None, 0)
            if free is None:
                break
            spool_id = str(uuid.uuid4())
            path = self.spool.file_path(spool_id)  # its path as a string: pathlib's parsing is a cost per scan
            try:
                os.rename(free, path)
            except FileNotFoundError:
                continue  # cleared by a gateway starting on another host: try the next
            except OSError as exc:
                self._give_up(exc)
                with contextlib.suppress(OSError):
                    os.unlink(free)
                break
            try:
                # Not O_TRUNC: ext4 takes a truncation to 0 for a replace-via-truncate and flushes the file at close
                # (auto_da_alloc): a write-out per scan. The old bytes past the new message are cut after writing.
                fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(path)
                raise
            break
        if fd is None or spool_id is None:
            with self.spool.create() as (spool_id, fh):
                yield spool_id, fh
                self._sizes[spool_id] = _written(fh)
            return
        try:
            # Plain write(2)s on the descriptor, no buffered file object: os.fdopen costs an fstat, an isatty
            # ioctl and lseeks, and truncate() a flush and an lseek more, per scan (about 10 us of CPU in all).
            writer = _FdWriter(fd)
            try:
                yield spool_id, writer  # type: ignore[misc]
                size = writer.written
                if size < old_size:
                    # What is past the new message is cut. Only then: a truncation to the file's own size still
                    # costs ext4 as much as the write. The old size is the one discard() saw: a free file sits in
                    # the gateway's private directory (0700), where nothing else writes it.
                    os.ftruncate(fd, size)
                if not size:
                    os.utime(fd)  # nothing written: the spool sweep goes by the mtime, which must be now
            finally:
                os.close(fd)
            self._sizes[spool_id] = size
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.spool.file_path(spool_id))
            raise

    def discard(self, spool_id: str, *, answered: bool) -> None:
        """Remove a scan's spool file if it is still there: kept as a free file when a worker answered the scan."""
        size = self._sizes.pop(spool_id, None)
        if not (answered and self._enabled and size is not None and 0 <= size <= KEEP_MAX_BYTES
                and len(self._free) < self.keep):
            self.spool.discard(spool_id)
            return
        free = os.path.join(self.free_dir, os.urandom(16).hex())  # as unguessable as a uuid4, without its object
        try:
            os.rename(self.spool.file_path(spool_id), free)
        except FileNotFoundError:  # held (the worker moved it into the quarantine), or the free directory is gone
            self.spool.discard(spool_id)
            return
        except OSError as exc:
            self._give_up(exc)
            self.spool.discard(spool_id)
            return
        with self._lock:
            self._free.append((free, size))

    def _give_up(self, exc: OSError) -> None:
        if self._enabled:
            log.warning("gateway: spool files are no longer reused (%s)", exc)
        self._enabled = False


class _FdWriter:
    """The write side of a spool file's descriptor: every write(2) done whole (as a buffered file's flush would)."""

    __slots__ = ("fd", "written")

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.written = 0

    def write(self, data: bytes) -> int:
        n = len(data)
        done = os.write(self.fd, data)
        while done < n:  # a short write (a signal, a nearly full disk): the rest, or the error that stops it
            done += os.write(self.fd, memoryview(data)[done:])
        self.written += n
        return n

    def tell(self) -> int:
        return self.written


def _written(fh: BinaryIO) -> int:
    """Bytes written to a new spool file; -1 when the file cannot say (then it is not kept)."""
    try:
        return fh.tell()
    except (AttributeError, OSError, ValueError):
        return -1
