"""Fixtures for functional tests that drive real services (a private Exim here)."""

from __future__ import annotations

import contextlib
import fcntl
import grp
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis

from core.models import Envelope
from core.store.quarantine import QuarantineStore
from tests.functional import unix_http
from tests.functional.plugin_fixtures import CHROMIUM
from workers.exim_lab import EximLab, missing_requirements
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

#: Set to 1 to keep a failed test's lab directory (config, logs, maildir) for a post-mortem.
KEEP_ENV = "MAILWARD_KEEP_EXIMLAB"

requires_exim = pytest.mark.skipif(bool(missing_requirements()), reason=missing_requirements() or "ok")


def lab_dir(prefix: str = "mailward-eximlab-") -> str:
    """A fresh directory under /tmp that Debian-exim can traverse (pytest's tmp_path is root-only)."""
    path = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
    os.chmod(path, 0o755)
    return path


@pytest.fixture
def exim_lab(request: pytest.FixtureRequest) -> Iterator[Callable[..., EximLab]]:
    """Factory: exim_lab(scan_address, fail_mode, start=True, **EximLab options) -> a running EximLab.

    Defaults can come from indirect parametrization: @pytest.mark.parametrize("exim_lab",
    [{"fail_mode": "closed"}], indirect=True). Every lab is stopped and removed at teardown.
    """
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    defaults: dict[str, Any] = dict(getattr(request, "param", None) or {})
    labs: list[EximLab] = []

    def make(scan_address: str | None = None, fail_mode: str | None = None, *, start: bool = True,
             **options: Any) -> EximLab:
        opts = {**defaults, **options}
        addr = scan_address or opts.pop("scan_address", "127.0.0.1:11333")
        mode = fail_mode or opts.pop("fail_mode", "open")
        opts.pop("scan_address", None)
        opts.pop("fail_mode", None)
        lab = EximLab(lab_dir(), addr, mode, **opts)
        labs.append(lab)
        if start:
            lab.start()
        return lab

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for lab in labs:
        lab.stop()
        if failed and os.environ.get(KEEP_ENV) == "1":
            continue
        shutil.rmtree(lab.base, ignore_errors=True)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember each phase's report on the item so fixtures can tell whether the test failed."""
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


# ---------------------------------------------------------------- real system users, real uids on the API socket

#: System users the functional tests create (and delete at the end of the session).
TEST_USERS = ("mwt-alice", "mwt-bob", "mwt-stranger", "mwt-release")
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
#: Where unix_http.py runs from when a test user calls the API (a 0644 file in 0755 dirs: any uid can read it).
UNIX_HTTP_SCRIPT = Path(unix_http.__file__).resolve()
#: Held shared by every test session that uses TEST_USERS; see system_users.
USERS_LOCK = Path(tempfile.gettempdir()) / ".mailward-test-users.lock"
USERS_MUTEX = Path(tempfile.gettempdir()) / ".mailward-test-users.mutex"


def root_requirements() -> str:
    """Why tests that create system users and switch uids cannot run here ("" when they can)."""
    if os.geteuid() != 0:
        return "needs root (creates system users and calls the API as their uids)"
    for tool in ("useradd", "userdel", "setpriv", "redis-server"):
        if shutil.which(tool) is None and not os.access(f"/usr/sbin/{tool}", os.X_OK):
            return f"{tool} is not installed"
    return ""



@dataclass(frozen=True, slots=True)
class SystemUser:
    """A real system user: what setpriv needs to become it."""

    name: str
    uid: int
    gid: int


def ensure_system_user(name: str) -> SystemUser:
    """The system user `name`, created (system, no home, no shell) unless a crashed run left it behind."""
    try:
        ent = pwd.getpwnam(name)
    except KeyError:
        argv = ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin"]
        with contextlib.suppress(KeyError):
            grp.getgrnam(name)  # a leftover group of the same name: useradd refuses to create it again
            argv += ["--gid", name]
        subprocess.run([*argv, name], check=True, capture_output=True, timeout=30)
        ent = pwd.getpwnam(name)
    return SystemUser(name, ent.pw_uid, ent.pw_gid)


def remove_system_user(name: str) -> None:
    """Delete a test user and its group (quietly: it may be gone already)."""
    subprocess.run(["userdel", name], capture_output=True, timeout=30, check=False)
    with contextlib.suppress(KeyError):
        grp.getgrnam(name)
        subprocess.run(["groupdel", name], capture_output=True, timeout=30, check=False)


def as_user_argv(user: SystemUser) -> list[str]:
    """An argv prefix that runs the rest as user (real and effective ids, no supplementary groups)."""
    return ["setpriv", f"--reuid={user.uid}", f"--regid={user.gid}", "--clear-groups", "--"]


@contextlib.contextmanager
def _locked(path: Path, how: int) -> Iterator[int]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, how)
        yield fd
    finally:
        os.close(fd)  # closing drops the lock


@pytest.fixture(scope="session")
def system_users() -> Iterator[dict[str, SystemUser]]:
    """The TEST_USERS as real system users for the whole session; the last session using them removes them.

    Test sessions may overlap (pytest-xdist workers, two runs on one box): each holds a shared lock on USERS_LOCK
    while it uses the users, and one only deletes them if it can take that lock exclusively, i.e. nobody else
    uses them. Creating and deleting happen under USERS_MUTEX so they never interleave.
    """
    reason = root_requirements()
    if reason:
        pytest.skip(reason)
    with contextlib.ExitStack() as stack:
        with _locked(USERS_MUTEX, fcntl.LOCK_EX):
            in_use = stack.enter_context(_locked(USERS_LOCK, fcntl.LOCK_SH))
            made = {name: ensure_system_user(name) for name in TEST_USERS}
        try:
            probe = subprocess.run([*as_user_argv(made["mwt-stranger"]), sys.executable, "-I", "-c", "pass"],
                                   capture_output=True, text=True, timeout=60)
            if probe.returncode != 0:
                pytest.skip(f"a non-root uid cannot run {sys.executable}: {probe.stderr.strip()[:200]}")
            yield made
        finally:
            with _locked(USERS_MUTEX, fcntl.LOCK_EX):
                try:
                    fcntl.flock(in_use, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    pass  # another session still uses them; it removes them when it ends
                else:
                    for name in TEST_USERS:
                        remove_system_user(name)


# ---------------------------------------------------------------- calling the API as a uid or with a token


@dataclass(frozen=True, slots=True)
class Reply:
    """One HTTP answer of the API."""

    status: int
    text: str

    @property
    def json(self) -> Any:
        return json.loads(self.text)

    @property
    def message(self) -> str:
        """The error shape's message ("" for answers that are not errors)."""
        try:
            data = json.loads(self.text)
        except ValueError:
            return ""
        return str(data.get("message", "")) if isinstance(data, dict) else ""


class SocketApi:
    """The API's unix socket as seen by one uid: root in this process, any other uid through setpriv."""

    def __init__(self, socket_path: str | Path, user: SystemUser | None = None) -> None:
        self.socket_path = str(socket_path)
        self.user = user

    def batch(self, requests: Sequence[Mapping[str, Any]]) -> list[Reply]:
        """Several requests ({"method", "path", "headers"?, "body"?}), each on its own connection."""
        spec = {"socket": self.socket_path, "requests": [dict(r) for r in requests]}
        if self.user is None:
            return [Reply(r["status"], r["body"]) for r in unix_http.run(spec)]
        proc = subprocess.run([*as_user_argv(self.user), sys.executable, "-I", str(UNIX_HTTP_SCRIPT)],
                              input=json.dumps(spec), capture_output=True, text=True, timeout=120,
                              env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C.UTF-8"}, cwd="/")
        assert proc.returncode == 0, f"client as {self.user.name} failed: {proc.stderr}"
        return [Reply(r["status"], r["body"]) for r in json.loads(proc.stdout)]

    def call(self, method: str, path: str, *, headers: Mapping[str, str] | None = None,
             body: Any = None) -> Reply:
        """One request; path is relative to /api/v1 unless it starts with /api/."""
        full = path if path.startswith("/api/") else "/api/v1" + path
        (reply,) = self.batch([{"method": method, "path": full, "headers": dict(headers or {}), "body": body}])
        return reply

    def get(self, path: str, **kw: Any) -> Reply:
        return self.call("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.call("POST", path, body=body, **kw)


def ie_cli(args: Sequence[str], socket_path: str | Path, user: SystemUser | None = None,
           timeout: float = 120.0, text: bool = True) -> subprocess.CompletedProcess[Any]:
    """Run the installed ie-cli as a subprocess (as user, if given) against the API socket (bytes if not text)."""
    script = Path(sys.executable).parent / "ie-cli"
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "cli.ie_cli"]
    prefix = as_user_argv(user) if user is not None else []
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C.UTF-8", "MAILWARD_API_SOCKET": str(socket_path)}
    return subprocess.run([*prefix, *argv, *args], capture_output=True, text=text, timeout=timeout, env=env,
                          cwd="/")


# ---------------------------------------------------------------- a real `mailward serve` other uids can reach


def serve_toml(values: Mapping[str, str]) -> str:
    """A TOML file from dotted keys whose values are TOML literals ({"api.tcp_listen": '"127.0.0.1:8025"'})."""
    top: list[str] = []
    sections: dict[str, list[str]] = {}
    for key, value in values.items():
        section, _, name = key.rpartition(".")
        if section:
            sections.setdefault(section, []).append(f"{name} = {value}")
        else:
            top.append(f"{name} = {value}")
    return "\n".join(top + [f"[{s}]\n" + "\n".join(v) for s, v in sections.items()]) + "\n"


@contextlib.contextmanager
def release_stack(prefix: str, accounts: Mapping[str, Any], values: Mapping[str, str] | None = None, *,
                  users: Mapping[str, str], release_user: str = "mwt-release", trusted: bool = True,
                  marker: str = "mailward-release") -> Iterator[tuple[ServeProcess, EximLab, Path]]:
    """A private Exim scanning through a real serve whose releases (setuid sendmail as release_user) reach it.

    accounts: the cPanel tree (see tests.cpanel_tree); values: more serve settings. Yields (serve, lab, tree);
    everything is stopped and removed afterwards. trusted=False leaves release_user out of Exim's trusted_users.
    """
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    from tests.cpanel_tree import make_cpanel_tree
    from workers.exim_lab import free_port

    base = Path(lab_dir(prefix))
    scan = f"127.0.0.1:{free_port()}"
    lab = EximLab(base / "lab", scan, "open", release_user=release_user,
                  trusted_users=[release_user] if trusted else [], users=dict(users), release_protocol=marker)
    try:
        tree = make_cpanel_tree(base / "cpanel", accounts)
        lab.prepare()  # the config file must exist before serve's namespace binds it
        settings = {"scan.listen": json.dumps([scan]), "exim.release_user": json.dumps(release_user),
                    "exim.release_protocol": json.dumps(marker), "cpanel.root": json.dumps(str(tree)),
                    **(values or {})}
        with serve_for_everyone(settings, wrap=lab.namespace_argv(), prefix=f"{prefix}serve-") as serve:
            lab.start()
            yield serve, lab, tree
    finally:
        lab.stop()
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def serve_for_everyone(values: Mapping[str, str], *, wrap: Sequence[str] = (),
                       prefix: str = "mailward-serve-") -> Iterator[ServeProcess]:
    """A running `mailward serve` whose state dir sits in a 0755 /tmp dir, so any uid reaches its 0666 socket.

    values override these defaults: a scan listener on a free loopback port, one worker process.
    """
    base = Path(lab_dir(prefix))
    settings = {"scan.listen": '["127.0.0.1:0"]', "scan.timeout": "10.0", "workers.processes": "1",
                "workers.threads": "2", **values}
    serve = ServeProcess(base / "state", serve_toml(settings), wrap=wrap)
    try:
        serve.start()
        yield serve
    finally:
        serve.stop()
        shutil.rmtree(base, ignore_errors=True)


def serve_redis(serve: ServeProcess) -> redis.Redis:
    """A client of serve's private Redis."""
    return redis.Redis(unix_socket_path=str(serve.state_dir / "redis" / "redis.sock"))


def serve_quarantine(serve: ServeProcess) -> QuarantineStore:
    """serve's quarantine, read directly (for checks the API would hide)."""
    return QuarantineStore(serve.state_dir / "quarantine", serve_redis(serve), default_limit_bytes=10**8,
                           default_releases_limit=5)


def spam_message(sender: str, recipients: Sequence[str], subject: str) -> bytes:
    """A GTUBE message: the scanners quarantine it whoever sends it."""
    return (f"From: <{sender}>\r\nTo: {', '.join(recipients)}\r\nSubject: {subject}\r\n"
            f"Message-ID: <{os.urandom(8).hex()}@mailward.test>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n"
            f"{GTUBE}\r\n").encode()


def hold_through_gateway(serve: ServeProcess, login: str, sender: str, recipients: Sequence[str],
                         subject: str) -> str:
    """Quarantine a GTUBE message sent by local login (as Exim reports `sendmail -t`); returns its email id."""
    env = Envelope(sender=sender, recipients=list(recipients), user=login)
    reply = check_legacy(serve.tcp, spam_message(sender, recipients, subject), env)
    assert reply.action == "quarantine" and reply.quarantine_id, (reply, serve.log()[-2000:])
    return reply.quarantine_id


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (never `playwright install`), one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield chromium
        finally:
            chromium.close()
