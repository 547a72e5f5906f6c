"""Local mode's emulated cpsrvd serves only its operator (issue 14 item 4), over real loopback TCP.

The real `python -m workers.plugin_host` process runs as root (the operator); clients are real processes run as
other uids with setpriv (nobody, a non-account user, and the cPanel account whose page process is handed the
session token), so the uid the host sees is the kernel's answer. Even with the token in hand (it shows in `ps`
when given with --token) they get 403 on every URL and never see the token; the operator still gets everything.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.functional.conftest import SystemUser, as_user_argv
from workers.exim_lab import free_port
from workers.plugin_host import DEMO_FLAG

pytestmark = [pytest.mark.functional]

REPO = Path(__file__).resolve().parents[2]
NOBODY = SystemUser("nobody", 65534, 65534)
START_TIMEOUT = 30.0

#: A client run as another uid: GET each (path, cookie) and print [[status, set-cookie, body], ...] as JSON.
CLIENT = """
import http.client, json, sys
port, reqs = int(sys.argv[1]), json.loads(sys.argv[2])
out = []
for path, cookie in reqs:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        r = conn.getresponse()
        out.append([r.status, r.getheader("Set-Cookie") or "", r.read().decode("utf-8", "replace")])
    except OSError as exc:
        out.append([0, "", repr(exc)])
    finally:
        conn.close()
print(json.dumps(out))
"""


@dataclass
class Host:
    """A running plugin host process: its port and the token it was given."""

    port: int
    token: str
    proc: subprocess.Popen[bytes]

    def paths(self, account: str) -> list[tuple[str, str]]:
        """Every kind of URL the host answers: index, WHM, cPanel login by query and by cookie, a static file."""
        base = f"/cpsess{self.token}"
        page = f"{base}/frontend/jupiter/mailward/index.live.py"
        cookie = f"mailward_login={account}"
        return [("/", ""), (f"{base}/cgi/mailward/index.cgi", ""), (f"{page}?login={account}", ""), (page, cookie),
                (f"{base}/frontend/jupiter/mailward/mailward.svg", cookie)]

    def get_as(self, user: SystemUser, reqs: list[tuple[str, str]]) -> list[list]:
        """Run the client as user (real uid switch) and return its answers."""
        proc = subprocess.run([*as_user_argv(user), sys.executable, "-I", "-c", CLIENT, str(self.port),
                               json.dumps(reqs)], capture_output=True, text=True, timeout=60, cwd="/")
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    def get(self, path: str, cookie: str = "") -> tuple[int, str, str]:
        """One GET as this test process (root: the operator)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            r = conn.getresponse()
            return r.status, r.getheader("Set-Cookie") or "", r.read().decode("utf-8", "replace")
        finally:
            conn.close()


def _listening(port: int, proc: subprocess.Popen[bytes], log: Path) -> bool:
    if proc.poll() is not None:
        raise AssertionError(f"the plugin host exited with {proc.returncode}: {log.read_text()[-2000:]}")
    with socket.socket() as s, contextlib.suppress(OSError):
        s.settimeout(1)
        s.connect(("127.0.0.1", port))
        return True
    return False


@pytest.fixture(scope="module")
def host(system_users: dict[str, SystemUser]) -> Iterator[Host]:
    token = "".join(secrets.choice("0123456789") for _ in range(10))
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="mailward-cpsrvd-test-") as tmp:
        argv = [sys.executable, "-m", "workers.plugin_host", DEMO_FLAG, "--api-socket", f"{tmp}/api.sock",
                "--port", str(port), "--user", "mwt-alice", "--token", token]
        log = Path(tmp) / "host.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(argv, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _listening(port, proc, log):
                assert time.monotonic() < deadline, "the plugin host did not listen in time"
                time.sleep(0.05)
            yield Host(port, token, proc)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=20)


@pytest.mark.parametrize("who", ["nobody", "mwt-stranger", "mwt-alice"])
def test_other_local_users_get_403_and_never_the_token(host: Host, system_users: dict[str, SystemUser],
                                                        who: str) -> None:
    user = NOBODY if who == "nobody" else system_users[who]
    answers = host.get_as(user, host.paths("mwt-alice"))
    assert [a[0] for a in answers] == [403] * len(answers), answers
    for _status, cookie, body in answers:
        assert host.token not in body and "cpsess" not in body
        assert cookie == ""  # no cPanel login happened


def test_operator_still_gets_everything(host: Host) -> None:
    status, _, index = host.get("/")
    assert status == 200 and f"/cpsess{host.token}/cgi/mailward/index.cgi" in index
    status, _, whm = host.get(f"/cpsess{host.token}/cgi/mailward/index.cgi")
    assert status == 200 and f'data-base="/cpsess{host.token}/cgi/mailward/index.cgi"' in whm
    status, cookie, _ = host.get(f"/cpsess{host.token}/frontend/jupiter/mailward/index.live.py?login=mwt-alice")
    assert status == 303 and cookie.startswith("mailward_login=mwt-alice;")
    status, _, svg = host.get(f"/cpsess{host.token}/frontend/jupiter/mailward/mailward.svg",
                              cookie="mailward_login=mwt-alice")
    assert status == 200 and "<svg" in svg
    assert host.get("/cpsess0000000000/cgi/mailward/index.cgi")[0] == 403  # a wrong token is still wrong


def test_command_line_refuses_without_the_demo_flag(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "workers.plugin_host", "--api-socket", str(tmp_path / "api.sock"),
                           "--port", str(free_port())], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    message = " ".join(proc.stderr.split())
    assert DEMO_FLAG in message and "no passwords" in message and "root's WHM" in message
    assert "install.sh" in message  # says what to use instead on a real server
    assert os.path.exists(tmp_path) and not list(tmp_path.iterdir())  # nothing was started
