"""The private redis-server that `mailward serve` starts and owns when no Redis URL is configured.

A full state disk (issue 15 gap 3). The private Redis appends every write to its append-only file in the state
directory, and a Redis that cannot append refuses every write (MISCONF): every scan would then follow fail_mode
until space came back. So a ballast file of `redis_ballast_mb` sits beside the append-only file. serve checks the
disk's free space every supervisor tick (half a second; one statvfs): below a quarter of the ballast it deletes
the ballast, so Redis can go on appending (it retries a failed append every second and takes writes again once
it succeeds), and it logs that the state disk is full. Once three times the ballast is free again, the ballast is
made again (allocated, not sparse). The ballast buys Redis the last `redis_ballast_mb` of the disk, not all of
it: the spool and the quarantine share that disk, and once they have used the freed space too, Redis refuses
writes again and scans follow fail_mode; the disk-space warning (/health, /status, the WHM banner) has long
said so by then. RDB snapshots failing on a full disk no longer stop writes (`stop-writes-on-bgsave-error no`):
the append-only file is the durable record, and a snapshot that cannot be written costs nothing it holds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import time
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from core.errors import ConfigError, ServiceUnavailable
from core.settings import Settings
from workers.process_death import die_with_parent

log = logging.getLogger("mailward.redis")

#: What Redis does at maxmemory. Not an eviction policy: every volatile-* or allkeys-* one may drop keys Mailward
#: relies on (keys.py): a sender limit's window or the release window (the limit lifts), a one-click token's
#: used-marker (the link works twice), an exactly-once release claim, a quarantine index. noeviction refuses
#: writes instead, a scan then follows fail_mode, and Mailward's own caps (audit, events, per-account objects,
#: sender history, quarantine quota) keep the data well under the limit.
MAXMEMORY_POLICY = "noeviction"
#: The file beside the append-only file that holds the space Redis gets on a full state disk.
BALLAST = "reserved-for-redis"
#: After a failed attempt to make the ballast (quota, a filesystem without fallocate...), how long serve waits before
#: the next one, instead of trying (and logging) at every half-second tick.
BALLAST_RETRY_S = 60
#: The automatic maxmemory (redis_maxmemory_mb = 0): a quarter of the RAM, within these bounds.
AUTO_MIN_MB, AUTO_MAX_MB = 256, 4096


def maxmemory_mb(settings: Settings) -> int:
    """The private Redis's memory limit in MiB: the setting, or a quarter of the RAM within the bounds."""
    if settings.redis_maxmemory_mb > 0:
        return settings.redis_maxmemory_mb
    try:
        ram_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (ValueError, OSError):
        ram_mb = 4 * AUTO_MIN_MB
    return max(AUTO_MIN_MB, min(AUTO_MAX_MB, ram_mb // 4))


class EmbeddedRedis:
    """redis-server on a unix socket under <state_dir>/redis, append-only file on, no TCP port."""

    def __init__(self, settings: Settings) -> None:
        self.dir: Path = settings.redis_dir
        self.socket: Path = settings.embedded_redis_socket
        self.maxmemory_mb = maxmemory_mb(settings)
        self.proc: subprocess.Popen | None = None
        self.ballast_bytes = settings.redis_ballast_mb * 2**20
        self.ballast: Path = self.dir / BALLAST
        self._ballast_failed_at = -BALLAST_RETRY_S  # monotonic time of the last failed attempt to make it

    def keep_ballast(self) -> None:
        """Free the ballast when the state disk is nearly full, make it again once there is room (see above)."""
        if not self.ballast_bytes:
            return
        try:
            st = os.statvfs(self.dir)
        except OSError:
            return
        free = st.f_bavail * st.f_frsize
        present = self.ballast.exists()
        if present and free < self.ballast_bytes // 4:
            self.ballast.unlink(missing_ok=True)
            log.warning("state disk full (%d KiB free in %s): released the %d MiB reserved for the private Redis's "
                        "append-only file, so Redis can go on writing; free space on that disk", free // 1024,
                        self.dir, self.ballast_bytes // 2**20)
        elif (not present and free >= 3 * self.ballast_bytes
              and time.monotonic() - self._ballast_failed_at >= BALLAST_RETRY_S and self._make_ballast()):
            log.info("reserved %d MiB on the state disk for the private Redis's append-only file (%s)",
                     self.ballast_bytes // 2**20, self.ballast)

    def _make_ballast(self) -> bool:
        """Allocate the ballast (a temp file renamed into place, so a half-made one is never taken for it)."""
        tmp = self.ballast.with_name(f".{BALLAST}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.posix_fallocate(fd, 0, self.ballast_bytes)
            finally:
                os.close(fd)
            os.replace(tmp, self.ballast)
            return True
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            self._ballast_failed_at = time.monotonic()
            log.warning("cannot reserve %d MiB for the private Redis (%s); trying again in %d s",
                        self.ballast_bytes // 2**20, exc, BALLAST_RETRY_S)
            return False

    def _config(self) -> str:
        return "\n".join([
            "port 0",
            f"unixsocket {self.socket}",
            "unixsocketperm 700",
            f"dir {self.dir}",
            "daemonize no",
            f"logfile {self.dir / 'redis.log'}",
            "appendonly yes",
            "appendfsync everysec",
            "stop-writes-on-bgsave-error no",
            'save "3600 1 300 100 60 10000"',
            "databases 1",
            f"maxmemory {self.maxmemory_mb}mb",
            f"maxmemory-policy {MAXMEMORY_POLICY}",
            "",
        ])

    def start(self, timeout: float = 15.0) -> None:
        """Start redis-server and wait (polling) until it answers PING."""
        binary = shutil.which("redis-server")
        if not binary:
            raise ConfigError("redis-server is not installed (apt-get install redis-server), "
                              "or set redis_url / MAILWARD_REDIS_URL to an existing Redis")
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.socket.exists():
            if self._ping():
                raise ConfigError(f"a redis-server already answers on {self.socket}: is another "
                                  "`mailward serve` using this state dir?")
            self.socket.unlink()
        conf = self.dir / "redis.conf"
        conf.write_text(self._config())
        self.keep_ballast()
        self.proc = subprocess.Popen([binary, str(conf)], stdin=subprocess.DEVNULL,
                                     preexec_fn=die_with_parent)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServiceUnavailable(f"redis-server exited with {self.proc.returncode}; "
                                         f"see {self.dir / 'redis.log'}")
            if self._ping():
                log.info("private redis-server pid=%d on %s (append-only file in %s, maxmemory %d MiB, %s)",
                         self.proc.pid, self.socket, self.dir, self.maxmemory_mb, MAXMEMORY_POLICY)
                return
            time.sleep(0.05)
        self.stop()
        raise ServiceUnavailable(f"redis-server did not answer within {timeout:g}s; see {self.dir / 'redis.log'}")

    def _ping(self) -> bool:
        try:
            # no retries: a refused connection means "not up yet", and the caller polls
            return bool(redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1,
                                    retry=Retry(NoBackoff(), 0)).ping())
        except (redis.RedisError, OSError):
            return False

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (Redis then fsyncs its append-only file) and wait; SIGKILL if it hangs."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        with contextlib.suppress(FileNotFoundError):
            self.socket.unlink()
