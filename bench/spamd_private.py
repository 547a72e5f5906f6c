"""A private SpamAssassin for benches: Debian's spamd with its stock rules, local tests only, and Bayes in a
private directory, trained by `sa-learn` on a corpus before spamd starts; a small spamc client (SYMBOLS).

Nothing of the system's SpamAssassin is touched: own site config (a copy of Debian's plugin list and a local.cf
written here), own Bayes path, own home dir, a loopback port; `--local` and `-L` keep spamd and sa-learn off the
network (no DNS block lists, Razor, Pyzor, SPF or DKIM lookups), so the comparison is offline for every engine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import CorpusMessage
from tests.functional.engine_daemons import PrivateDaemon, _ask

#: SpamAssassin's default required_score: at or above it spamd says "Spam: True".
SA_REQUIRED = 5.0


def site_config(bayes_path: Path) -> str:
    """local.cf of the private SpamAssassin: Bayes on, read from `bayes_path`, never learned or expired while
    scanning; nothing that would go online."""
    return (f"use_bayes 1\nbayes_path {bayes_path}\nbayes_file_mode 0666\nbayes_auto_learn 0\n"
            "bayes_auto_expire 0\nbayes_learn_to_journal 0\ndns_available no\nskip_rbl_checks 1\n"
            "use_razor2 0\nuse_pyzor 0\nlock_method flock\n")


class BayesSpamd(PrivateDaemon):
    """spamd in the foreground, `children` children, local tests only, Bayes from `base`/bayes."""

    name = "spamd"
    binary = "spamd"

    def __init__(self, base: Path, *, children: int = 1) -> None:
        super().__init__(base)
        self.children = children
        self.site = base / "site"
        self.bayes_dir = base / "bayes"

    @property
    def bayes_path(self) -> Path:
        return self.bayes_dir / "bayes"

    def _write_site(self) -> None:
        self.site.mkdir(parents=True, exist_ok=True)
        self.bayes_dir.mkdir(parents=True, exist_ok=True)
        for pre in Path("/etc/spamassassin").glob("*.pre"):  # the plugin list Debian's rules expect
            shutil.copy(pre, self.site / pre.name)
        (self.site / "local.cf").write_text(site_config(self.bayes_path))
        if os.geteuid() == 0:
            # spamd's children run as nobody and open the Bayes files themselves: the (temporary, public-corpus)
            # directories on the way must let them through.
            for d in (self.base, self.bayes_dir):
                d.chmod(0o777 if d == self.bayes_dir else 0o755)

    def learn(self, messages: Sequence[CorpusMessage], *, timeout: float = 1800.0) -> dict[str, int]:
        """sa-learn every message as its label says into the private Bayes; returns what the database then
        counts (nspam, nham) as `sa-learn --dump magic` prints them."""
        self._write_site()
        env = {**os.environ, "HOME": str(self.base)}
        for label in ("spam", "ham"):
            folder = self.base / "learn" / label
            folder.mkdir(parents=True, exist_ok=True)
            for i, m in enumerate(x for x in messages if x.label == label):
                (folder / f"{i:05d}.eml").write_bytes(m.message)
            self._sa_learn([f"--{label}", str(folder)], env, timeout)
            shutil.rmtree(folder, ignore_errors=True)
        magic = self._sa_learn(["--dump", "magic"], env, 120.0)
        for p in self.bayes_dir.iterdir():
            p.chmod(0o666)
        return parse_magic(magic)

    def _sa_learn(self, args: list[str], env: dict[str, str], timeout: float) -> str:
        argv = [shutil.which("sa-learn") or "/usr/bin/sa-learn", "-L", "--siteconfigpath", str(self.site),
                "--dbpath", str(self.bayes_path), *args]
        out = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env,
                             stdin=subprocess.DEVNULL)
        if out.returncode != 0:
            raise RuntimeError(f"sa-learn {' '.join(args)} failed ({out.returncode}): {out.stderr[-2000:]}")
        return out.stdout

    def command(self) -> list[str]:
        self._write_site()
        argv = [shutil.which("spamd") or "/usr/sbin/spamd", "--listen", self.address, "--pidfile",
                str(self.base / "spamd.pid"), "--nouser-config", "--local", "--min-children",
                str(self.children), "--max-children", str(self.children), "--min-spare", "1", "--siteconfigpath",
                str(self.site), "--syslog", str(self.base / "spamd.log"), "--helper-home-dir", str(self.base)]
        if os.geteuid() == 0:
            argv += ["--username", "nobody"]  # spamd refuses to serve as root
        return argv

    def ready(self) -> bool:
        return b"PONG" in _ask(self.port, b"PING SPAMC/1.5\r\n\r\n")

    def log(self) -> str:
        text = super().log()
        own = self.base / "spamd.log"
        return text + (own.read_text(errors="replace")[-4000:] if own.exists() else "")


def parse_magic(text: str) -> dict[str, int]:
    """nspam and nham from `sa-learn --dump magic` ("0.000          0        500          0  non-token data:
    nspam")."""
    out: dict[str, int] = {}
    for line in text.splitlines():
        for key in ("nspam", "nham"):
            if line.rstrip().endswith(f"non-token data: {key}"):
                out[key] = int(line.split()[2])
    return out


@dataclass(frozen=True, slots=True)
class SpamdReply:
    """What spamd answered to SYMBOLS: its verdict, score, threshold and the rules that hit."""

    is_spam: bool
    score: float
    required: float
    rules: tuple[str, ...]


def symbols_request(message: bytes) -> bytes:
    """A SYMBOLS SPAMC/1.5 request (spamc -y): the verdict line and the names of the rules that hit."""
    return f"SYMBOLS SPAMC/1.5\r\nContent-length: {len(message)}\r\n\r\n".encode() + message


def parse_symbols_reply(reply: bytes) -> SpamdReply:
    """Parse spamd's answer to SYMBOLS; ValueError for anything else (an error code, a cut connection)."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    if not sep or not lines[0].startswith(b"SPAMD/") or lines[0].split()[1:2] != [b"0"]:
        raise ValueError(f"spamd error: {reply[:120]!r}")
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"spam":
            # "True ; 15.3 / 5.0"
            verdict, _, scores = value.decode("ascii", "replace").partition(";")
            score, _, required = scores.partition("/")
            rules = tuple(r for r in body.decode("ascii", "replace").strip().split(",") if r)
            return SpamdReply(verdict.strip().lower() in ("true", "yes"), float(score), float(required), rules)
    raise ValueError(f"spamd reply without a Spam: line: {reply[:120]!r}")


def spamd_check(address: str, message: bytes, timeout: float = 120.0) -> SpamdReply:
    """One SYMBOLS request to spamd at host:port on a fresh connection."""
    host, _, port = address.rpartition(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(symbols_request(message))
        s.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return parse_symbols_reply(b"".join(chunks))
