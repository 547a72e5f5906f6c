"""A clean Debian 12 root (debootstrap, cached) and a mount/PID/network namespace to run it in, for package tests.

The root is made once with debootstrap (minbase) plus what Mailward's .deb depends on, and kept under
MAILWARD_TEST_CACHE (default /var/cache/mailward-test); each test mounts it as the lower layer of an overlayfs,
so whatever a test installs or breaks is gone with its namespace, and the cached root stays clean.

Everything runs inside one `unshare --mount --pid --net --fork` holder process: a private loopback (Exim and the
scan gateway bind their usual ports without meeting the host's), a private /proc, and no process outliving the
test (killing the holder, PID 1 of the namespace, ends them all). Commands enter it with nsenter + chroot.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

CACHE = Path(os.environ.get("MAILWARD_TEST_CACHE", "/var/cache/mailward-test"))
SUITE = "bookworm"
#: What the .deb depends on (installed before it, so dpkg -i needs no network), and tools the tests use inside.
PACKAGES = ["python3", "exim4-daemon-heavy", "redis-server", "procps"]
#: Bumped when PACKAGES or the way the root is made changes: a root made otherwise is made again.
ROOT_VERSION = "1"


def _run(argv: Sequence[str], timeout: float, **kw) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout, **kw)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def unavailable() -> str | None:
    """Why a Debian root cannot be made or used here, or None."""
    if os.geteuid() != 0:
        return "package tests need root (debootstrap, namespaces, overlayfs)"
    for tool in ("debootstrap", "unshare", "nsenter", "chroot"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (bash scripts/bootstrap --test installs it)"
    return None


def cached_root() -> Path:
    """The cached clean Debian 12 root, made first if missing (a few minutes, once per machine)."""
    root = CACHE / f"{SUITE}-root"
    stamp = root / ".mailward-test-root"
    if stamp.is_file() and stamp.read_text() == ROOT_VERSION:
        return root
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = CACHE / f"{SUITE}-root.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    _run(["debootstrap", "--variant=minbase", SUITE, str(tmp)], timeout=1500)
    # Debian's "start no daemon" hook while packages are installed: exim4 and redis would start at once otherwise
    policy = tmp / "usr/sbin/policy-rc.d"
    policy.write_text("#!/bin/sh\nexit 101\n")
    policy.chmod(0o755)
    # a PID namespace: nothing the package scripts start can outlive the install
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive", "LC_ALL": "C"}
    inside = ("mount -t proc proc /proc && apt-get update -qq && "
              f"apt-get install -y -qq --no-install-recommends {' '.join(PACKAGES)}; rc=$?; umount /proc; exit $rc")
    _run(["unshare", "--pid", "--fork", "--mount", "chroot", str(tmp), "sh", "-c", inside], timeout=1500, env=env)
    policy.unlink()
    _run(["chroot", str(tmp), "apt-get", "clean"], timeout=120, env=env)
    (tmp / ".mailward-test-root").write_text(ROOT_VERSION)
    if root.exists():
        shutil.rmtree(root)
    tmp.rename(root)
    return root


class Namespace:
    """A holder process in new mount, PID and network namespaces with the cached root as an overlay at self.root.

    run() executes a command chrooted into the root; path() reaches a file in it from the host.
    """

    def __init__(self, lower: Path, work: Path) -> None:
        self.lower = lower
        self.work = work
        self.root = work / "merged"
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> Namespace:
        for d in ("upper", "work", "merged"):
            (self.work / d).mkdir(parents=True, exist_ok=True)
        r = str(self.root)
        setup = (
            "set -e; ip link set lo up 2>/dev/null || true; "
            f"mount -t overlay overlay -o lowerdir={self.lower},upperdir={self.work}/upper,"
            f"workdir={self.work}/work {r}; "
            f"mount -t proc proc {r}/proc; mount --bind /dev {r}/dev; mount -t tmpfs tmpfs {r}/run; "
            f"mount -t tmpfs tmpfs {r}/tmp; mkdir -p {r}/dev/pts; "
            "echo ready; exec sleep infinity"
        )
        argv = ["unshare", "--mount", "--pid", "--net", "--fork", "--kill-child", "--propagation", "private",
                "sh", "-c", setup]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if line.strip() != "ready":
            err = self.proc.stderr.read() if self.proc.stderr else ""
            self.stop()
            raise RuntimeError(f"namespace set-up failed: {err}")
        # the namespace's PID 1 is the shell unshare forked: nsenter needs that pid (a child of the holder)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            kids = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
            if kids:
                self.pid = int(kids[0])
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("namespace holder has no child")

    def run(self, script: str, timeout: float = 300, check: bool = True,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """sh -c script, chrooted into the root, inside the namespaces."""
        full = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C.UTF-8",
                "HOME": "/root", "DEBIAN_FRONTEND": "noninteractive", **(env or {})}
        argv = ["nsenter", "-t", str(self.pid), "-m", "-p", "-n", "chroot", str(self.root), "/bin/sh", "-c", script]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=full)
        if check and proc.returncode != 0:
            raise AssertionError(f"`{script}` exited {proc.returncode}:\n--- stdout\n{proc.stdout[-4000:]}\n"
                                 f"--- stderr\n{proc.stderr[-4000:]}")
        return proc

    def host(self, argv: Sequence[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """A host program (e.g. rpm --root) inside the namespaces, seeing the root at self.root."""
        return subprocess.run(["nsenter", "-t", str(self.pid), "-m", "-p", "-n", *argv], capture_output=True,
                              text=True, timeout=timeout)

    def path(self, rel: str) -> Path:
        """A path inside the root, seen from the host through the holder's mount namespace."""
        return Path(f"/proc/{self.pid}/root{self.root}") / rel.lstrip("/")

    def copy_in(self, src: Path, rel: str) -> None:
        """Copy a host file into the root."""
        dest = self.path(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGKILL)  # unshare; its child (PID 1 inside) dies with it: --kill-child
        with contextlib.suppress(ProcessLookupError, AttributeError):
            os.kill(self.pid, signal.SIGKILL)  # PID 1 of the namespace: every process in it dies with it
        self.proc.wait()
        self.proc = None


@contextlib.contextmanager
def namespace(work: Path) -> Iterator[Namespace]:
    """A fresh namespace over the cached root; everything in it is gone afterwards."""
    ns = Namespace(cached_root(), work).start()
    try:
        yield ns
    finally:
        ns.stop()
