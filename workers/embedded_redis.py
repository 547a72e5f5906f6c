"""The private redis-server that `mailward serve` starts and owns when no Redis URL is configured."""

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
