"""A small tmpfs mounted over a directory, filled up to ENOSPC and freed again (root only): a real full disk."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path

FILLER = ".mailward-test-filler"


def cannot_mount() -> str:
    """Why a tmpfs cannot be mounted here ("" when it can)."""
    if os.geteuid() != 0:
        return "mounting a small tmpfs needs root"
    probe = Path(f"/tmp/mailward-tmpfs-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True,
                              text=True, timeout=30, check=False)
        if proc.returncode != 0:
            return f"mount -t tmpfs is not permitted here: {proc.stderr.strip() or proc.returncode}"
        subprocess.run(["umount", str(probe)], capture_output=True, timeout=30, check=False)
        return ""
    finally:
        with contextlib.suppress(OSError):
            probe.rmdir()


class TinyFs:
    """tmpfs of size_kib mounted on path (created if need be); fill() writes until ENOSPC, free() undoes that."""

    def __init__(self, path: Path, size_kib: int = 4096) -> None:
        self.path = path
        self.size_kib = size_kib
        self.mounted = False

    def mount(self) -> TinyFs:
        self.path.mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size_kib}k,mode=0755", "tmpfs", str(self.path)],
                       check=True, capture_output=True, timeout=30)
        self.mounted = True
        return self

    def fill(self) -> int:
        """Write a filler file until the filesystem refuses more; return how many bytes it took."""
        chunk = b"\0" * 65536
        written = 0
        fd = os.open(self.path / FILLER, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            while True:
                try:
                    written += os.write(fd, chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    if len(chunk) == 1:
                        return written
                    chunk = chunk[: len(chunk) // 2]  # top up the last page
        finally:
            os.close(fd)

    def free(self) -> None:
        """Remove the filler: the space is back."""
        with contextlib.suppress(FileNotFoundError):
            (self.path / FILLER).unlink()

    def free_bytes(self) -> int:
        st = os.statvfs(self.path)
        return st.f_bavail * st.f_frsize

    def unmount(self) -> None:
        """Unmount (lazily, should a process still hold a file there)."""
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.path)], capture_output=True, timeout=30, check=False)
            self.mounted = False

    def __enter__(self) -> TinyFs:
        return self.mount()

    def __exit__(self, *exc: object) -> None:
        self.unmount()
