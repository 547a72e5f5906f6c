"""A private rspamd for benches: Debian's rspamd with its stock rules, Bayes on its own private redis-server,
learned from a corpus through its controller (rspamc learn_spam / learn_ham), on loopback ports only.

Nothing of the system's rspamd or Redis is touched: own config, state and log dirs under a temporary base, a
dead DNS resolver (no network), a tiny TLD list (as tests/functional/engine_daemons.py), both daemons in their
own sessions so stopping them takes every child with them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import redis

from bench.corpus import CorpusMessage
from tests.functional.engine_daemons import PrivateDaemon, _ask, free_port

#: rspamd modules that need the network (DNS), turned off in the private rspamd.
OFFLINE_DISABLED = ("rbl", "emails", "surbl", "spf", "dkim", "dmarc", "arc", "asn", "fuzzy_check", "hfilter",
                    "mx_check", "dkim_signing", "arc_signing")


class PrivateBayesRedis(PrivateDaemon):
    """redis-server on a free loopback port for rspamd's Bayes, no persistence (learning is redone each run)."""

    name = "redis-rspamd"
    binary = "redis-server"

    def command(self) -> list[str]:
        return [shutil.which("redis-server") or "/usr/bin/redis-server", "--bind", "127.0.0.1", "--port",
                str(self.port), "--save", "", "--appendonly", "no", "--dir", str(self.base),
                "--logfile", str(self.base / "redis.log"), "--protected-mode", "yes"]

    def ready(self) -> bool:
        try:
            return bool(redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=0.5).ping())
        except (redis.RedisError, OSError):
            return False


class BayesRspamd(PrivateDaemon):
    """rspamd -f: `count` normal workers on one port, a controller on another, Bayes in PrivateBayesRedis."""

    name = "rspamd"
    binary = "rspamd"

    def __init__(self, base: Path, redis_port: int, *, workers: int = 1) -> None:
        super().__init__(base)
        self.redis_port = redis_port
        self.workers = workers
        self.controller_port = free_port()

    @property
    def controller(self) -> str:
        return f"127.0.0.1:{self.controller_port}"

    def command(self) -> list[str]:
        for sub in ("db", "run", "log", "local/local.d"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        (self.base / "tld.dat").write_text("com\nnet\norg\ntest\nexample\n")
        local = self.base / "local" / "local.d"
        # Bayes only uses this Redis (no global `redis` section: greylisting, ratelimits, history stay off).
        (local / "classifier-bayes.conf").write_text(
            f'servers = "127.0.0.1:{self.redis_port}";\nautolearn = false;\nmin_learns = 20;\n')
        # No network: the modules that ask DNS (block lists, SPF, DKIM keys, DMARC, ASN, fuzzy servers, HELO
        # checks) are off. With them on, every scan would wait out the dead resolver's timeout instead of working.
        for module in OFFLINE_DISABLED:
            (local / f"{module}.conf").write_text("enabled = false;\n")
        # The phishing rules stay, without their online feed (a DNS lookup per URL).
        (local / "phishing.conf").write_text("phishtank_enabled = false;\nopenphish_enabled = false;\n")
        conf = self.base / "rspamd.conf"
        conf.write_text(f"""\
.include "$CONFDIR/common.conf"
options {{
    pidfile = "$RUNDIR/rspamd.pid";
    filters = "chartable,dkim,regexp";
    url_tld = "{self.base / 'tld.dat'}";
    tempdir = "$DBDIR";
    hs_cache_dir = "$DBDIR";
    cache_file = "$DBDIR/symbols.cache";
    dynamic_conf = "$DBDIR/rspamd_dynamic";
    history_file = "$DBDIR/rspamd.history";
    control_socket = "$DBDIR/rspamd.sock mode=0600";
    allow_raw_input = true;
    dns {{ nameserver = ["127.0.0.1:1"]; timeout = 0.1s; retransmits = 1; }}
}}
logging {{ type = "file"; filename = "$LOGDIR/rspamd.log"; level = "warning"; }}
worker "normal" {{ bind_socket = "{self.address}"; mime = true; count = {self.workers}; }}
worker "controller" {{ bind_socket = "{self.controller}"; count = 1; secure_ip = "127.0.0.1"; }}
""")
        return ["rspamd", "-f", "-i", "-c", str(conf), f"--var=DBDIR={self.base / 'db'}",
                f"--var=RUNDIR={self.base / 'run'}", f"--var=LOGDIR={self.base / 'log'}",
                f"--var=LOCAL_CONFDIR={self.base / 'local'}"]

    def ready(self) -> bool:
        return b"pong" in _ask(self.port, b"GET /ping HTTP/1.0\r\n\r\n") and \
            b"pong" in _ask(self.controller_port, b"GET /ping HTTP/1.0\r\n\r\n")

    def log(self) -> str:
        text = super().log()
        own = self.base / "log" / "rspamd.log"
        return text + (own.read_text(errors="replace")[-4000:] if own.exists() else "")

    def learn(self, messages: Sequence[CorpusMessage], *, parallel: int = 2, timeout: float = 900.0) -> dict[str, int]:
        """Learn every message as its label says, through the controller (rspamc learn_spam / learn_ham); returns
        how many of each label rspamd learned and refused."""
        learned: dict[str, int] = {}
        for label in ("spam", "ham"):
            folder = self.base / "learn" / label
            folder.mkdir(parents=True, exist_ok=True)
            mine = [m for m in messages if m.label == label]
            for i, m in enumerate(mine):
                (folder / f"{i:05d}.eml").write_bytes(m.message)
            out = subprocess.run(["rspamc", "-h", self.controller, "-n", str(parallel), "-t", "60",
                                  f"learn_{label}", str(folder)], capture_output=True, text=True, timeout=timeout)
            if out.returncode != 0:
                raise RuntimeError(f"rspamc learn_{label} failed ({out.returncode}): {out.stderr[-2000:]}")
            # rspamd refuses some, as it should: the same Message-ID twice, or ham its Bayes already calls ham
            # with confidence (lua_bayes_learn.can_learn); those count as refused.
            learned[label] = out.stdout.count("success = true")
            learned[f"{label}_refused"] = len(mine) - learned[label]
            shutil.rmtree(folder, ignore_errors=True)
        return learned


def stop_quietly(daemon: PrivateDaemon | None) -> None:
    """Stop a daemon; on any error SIGKILL its whole session (nothing may be left running)."""
    if daemon is None or daemon.proc is None:
        return
    pid = daemon.proc.pid
    try:
        daemon.stop()
    except Exception:  # the last resort below must run whatever failed
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        time.sleep(0.1)
