"""Private instances of Debian's rspamd, spamd and clamd for tests: loopback ports, own config and state dirs.

The system services stay stopped (scripts/bootstrap disables them); nothing here reads the admin's local
config or goes online: rspamd gets a dead DNS resolver and a tiny TLD list, spamd runs local tests only, and
clamd loads one custom signature (EICAR) instead of freshclam's databases.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

#: The EICAR test file, in two pieces so this source file is no EICAR file itself.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
#: The custom signature clamd loads (clamd appends ".UNOFFICIAL" to names from unsigned databases).
EICAR_SIGNATURE = "Mailward.Test.EICAR"


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ask(port: int, request: bytes, timeout: float = 0.5) -> bytes:
    """One short request on a fresh connection; b"" when nobody answers yet."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(request)
            data = b""
            while chunk := sock.recv(4096):
                data += chunk
            return data
    except OSError:
        return b""


class PrivateDaemon:
    """A daemon started in its own session under `base`, polled until ready, stopped by its process group."""

    name = "daemon"
    binary = ""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.startup_seconds = 0.0
        self.log_path = base / f"{self.name}.out"

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @classmethod
    def missing(cls) -> str:
        """Why this daemon cannot run here ("" when it can)."""
        if shutil.which(cls.binary) is None and not os.access(f"/usr/sbin/{cls.binary}", os.X_OK):
            return f"{cls.binary} is not installed (scripts/bootstrap --test installs Debian's package)"
        return ""

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready(self) -> bool:
        raise NotImplementedError

    def start(self, timeout: float = 60.0) -> None:
        """Start and wait (polling, with a deadline) until it answers; RuntimeError with its log otherwise."""
        self.base.mkdir(parents=True, exist_ok=True)
        argv = self.command()
        started = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log()}")
            if self.ready():
                self.startup_seconds = time.monotonic() - started
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout:g}s:\n{self.log()}")

    def log(self) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return text[-4000:]

    def stop(self) -> None:
        """SIGTERM to the daemon, then to what is left of its session's group (its workers), then SIGKILL."""
        if self.proc is None:
            return
        # The daemon first, alone: spamd's parent waits on children that got a signal of their own (about 2 s).
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
            if self._group_gone(time.monotonic() + 5):
                break
        self.proc.wait(5)
        self.proc = None

    def _group_gone(self, deadline: float) -> bool:
        """Wait until no process of the daemon's session is alive (zombies wait for a reaper, not for us)."""
        assert self.proc is not None
        while time.monotonic() < deadline:
            self.proc.poll()
            if not _session_alive(self.proc.pid):
                return True
            time.sleep(0.02)
        return False


def _session_alive(sid: int) -> bool:
    """Whether any process of session `sid` is still running (not a zombie)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # exited while we looked
        if len(fields) > 3 and fields[3] == str(sid) and fields[0] != "Z":
            return True
    return False


class PrivateRspamd(PrivateDaemon):
    """rspamd -f with Debian's stock rules, one normal worker on a free port, state under base."""

    name = "rspamd"
    binary = "rspamd"

    def command(self) -> list[str]:
        for sub in ("db", "run", "log", "local"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        # A few suffixes instead of the public suffix list: compiling all 9,600 takes rspamd about 6 s.
        (self.base / "tld.dat").write_text("com\nnet\norg\ntest\nexample\n")
        conf = self.base / "rspamd.conf"
        conf.write_text(f"""\
.include "$CONFDIR/common.conf"
options {{
    pidfile = "$RUNDIR/rspamd.pid";
    filters = "chartable,dkim,regexp";
    url_tld = "{self.base / 'tld.dat'}";
    tempdir = "$DBDIR";
    cache_file = "$DBDIR/symbols.cache";
    dynamic_conf = "$DBDIR/rspamd_dynamic";
    history_file = "$DBDIR/rspamd.history";
    control_socket = "$DBDIR/rspamd.sock mode=0600";
    explicit_modules = ["settings", "bayes_expiry"];
    allow_raw_input = true;
    dns {{ nameserver = ["127.0.0.1:1"]; timeout = 0.1s; retransmits = 1; }}
}}
logging {{ type = "file"; filename = "$LOGDIR/rspamd.log"; level = "warning"; }}
worker "normal" {{ bind_socket = "{self.address}"; mime = true; count = 1; }}
""")
        # -i: the test runs as root and rspamd would refuse to keep root privileges without it.
        return ["rspamd", "-f", "-i", "-c", str(conf), f"--var=DBDIR={self.base / 'db'}",
                f"--var=RUNDIR={self.base / 'run'}", f"--var=LOGDIR={self.base / 'log'}",
                f"--var=LOCAL_CONFDIR={self.base / 'local'}"]

    def ready(self) -> bool:
        return b"pong" in _ask(self.port, b"GET /ping HTTP/1.0\r\n\r\n")

    def log(self) -> str:
        text = super().log()
        own = self.base / "log" / "rspamd.log"
        return text + (own.read_text(errors="replace")[-4000:] if own.exists() else "")


class PrivateSpamd(PrivateDaemon):
    """spamd in the foreground with Debian's rules, local tests only, one child, its own site config."""

    name = "spamd"
    binary = "spamd"

    def command(self) -> list[str]:
        site = self.base / "site"
        site.mkdir(parents=True, exist_ok=True)
        for pre in Path("/etc/spamassassin").glob("*.pre"):  # the plugin list Debian's rules expect
            shutil.copy(pre, site / pre.name)
        (site / "local.cf").write_text("use_bayes 0\nbayes_auto_learn 0\n")
        argv = [shutil.which("spamd") or "/usr/sbin/spamd", "--listen", self.address, "--pidfile",
                str(self.base / "spamd.pid"), "--nouser-config", "--local", "--min-children", "1",
                "--max-children", "1", "--siteconfigpath", str(site), "--syslog", str(self.base / "spamd.log"),
                "--helper-home-dir", str(self.base)]
        if os.geteuid() == 0:
            argv += ["--username", "nobody"]  # spamd refuses to serve as root
        return argv

    def ready(self) -> bool:
        return b"PONG" in _ask(self.port, b"PING SPAMC/1.5\r\n\r\n")


class PrivateClamd(PrivateDaemon):
    """clamd in the foreground on a free port, with one custom signature database (EICAR) and no freshclam."""

    name = "clamd"
    binary = "clamd"

    def command(self) -> list[str]:
        db = self.base / "db"
        db.mkdir(parents=True, exist_ok=True)
        (db / "mailward-test.ndb").write_text(f"{EICAR_SIGNATURE}:0:*:{EICAR.hex()}\n")
        conf = self.base / "clamd.conf"
        conf.write_text(f"""\
Foreground yes
TCPSocket {self.port}
TCPAddr 127.0.0.1
DatabaseDirectory {db}
PidFile {self.base / 'clamd.pid'}
LogFile {self.base / 'clamd.log'}
TemporaryDirectory {self.base}
MaxThreads 2
StreamMaxLength 10M
SelfCheck 0
""")
        return [shutil.which("clamd") or "/usr/sbin/clamd", "-c", str(conf)]

    def ready(self) -> bool:
        return b"PONG" in _ask(self.port, b"zPING\0")
