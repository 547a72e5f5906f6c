"""The WHM CGI runs as root from a root-owned prefix and refuses to run while anything it loads is not root's alone.

Issue 14 item 15: install.sh copies cgi_proxy.py into MAILWARD_PREFIX (here a prefix in a temp dir) and writes that
prefix into index.cgi, whose shebang runs the interpreter with -I -S. The installed CGI is executed the way cpsrvd
does (its shebang, a CGI environment). Its cgi_proxy.py is replaced by one that leaves a marker file when imported:
root-owned, it runs; once any path it would load is writable by another user, the CGI answers an error page naming
that path and the marker never appears (nothing was imported).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.whm_plugin.test_install import run, tree  # noqa: F401  (tree is a fixture)

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="ownership checks need root (chown to another uid)")

NOBODY = 65534
#: Stands in for code planted by another user: proves whether the CGI imported cgi_proxy at all.
PLANTED = """from pathlib import Path
Path({marker!r}).write_text("imported as uid {{}}".format(__import__("os").getuid()))


def main():
    print("Status: 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\nplanted", end="")
    return 0
"""


@dataclass
class Installed:
    """One install: the CGI, its prefix and lib dir, and where the planted module leaves its marker."""

    root: Path
    prefix: Path
    marker: Path

    @property
    def dest(self) -> Path:
        return self.root / "usr/local/cpanel/whostmgr/docroot/cgi/mailward"

    @property
    def lib(self) -> Path:
        return self.prefix / "lib/mailward-whm"

    def request(self, query: str = "") -> tuple[str, str]:
        """Run index.cgi as cpsrvd does (its own shebang, CGI variables): (status line, body)."""
        env = {"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET", "QUERY_STRING": query,
               "REMOTE_USER": "root", "cp_security_token": "/cpsess1234567890", "PATH": "/usr/bin:/bin"}
        out = subprocess.run([str(self.dest / "index.cgi")], env=env, capture_output=True, timeout=60, cwd="/")
        assert out.returncode == 0, out.stderr
        head, _, body = out.stdout.decode("utf-8", "replace").partition("\r\n\r\n")
        return head.split("\r\n")[0], body

    def check(self) -> subprocess.CompletedProcess[str]:
        """index.cgi --check, as install.sh runs it."""
        return subprocess.run([str(self.dest / "index.cgi"), "--check"], env={"PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True, timeout=60, cwd="/")


def install(root: Path, prefix: Path, tmp_path: Path) -> Installed:
    """install.sh into the fake tree with MAILWARD_PREFIX=prefix, then plant the marker module (as root)."""
    res = run("install.sh", root, MAILWARD_PYTHON=sys.executable, MAILWARD_PREFIX=str(prefix),
              MAILWARD_API_SOCKET=str(tmp_path / "api.sock"))
    assert res.returncode == 0, res.stderr
    done = Installed(root, prefix, tmp_path / "imported")
    (done.lib / "cgi_proxy.py").write_text(PLANTED.format(marker=str(done.marker)))
    return done


@pytest.fixture
def installed(tree: Path, tmp_path: Path) -> Installed:  # noqa: F811
    return install(tree, tmp_path / "prefix", tmp_path)


def test_install_puts_the_code_in_the_prefix_and_runs_it_isolated(tree: Path, tmp_path: Path) -> None:  # noqa: F811
    res = run("install.sh", tree, MAILWARD_PYTHON=sys.executable, MAILWARD_PREFIX=str(tmp_path / "prefix"),
              MAILWARD_API_SOCKET=str(tmp_path / "api.sock"))
    assert res.returncode == 0, res.stderr
    dest = tree / "usr/local/cpanel/whostmgr/docroot/cgi/mailward"
    lib = tmp_path / "prefix/lib/mailward-whm"
    assert (lib / "cgi_proxy.py").read_bytes() == (Path(__file__).parents[2] / "whm_plugin/cgi_proxy.py").read_bytes()
    assert sorted(p.name for p in dest.iterdir()) == ["assets", "config.json", "index.cgi"]  # no code beside it
    text = (dest / "index.cgi").read_text()
    assert text.splitlines()[0] == f"#!{sys.executable} -IS"
    assert f'PREFIX: str | None = "{tmp_path}/prefix"' in text
    for path in (lib, lib / "cgi_proxy.py", dest / "index.cgi"):
        st = path.stat()
        assert st.st_uid == 0 and not st.st_mode & 0o022, path
    done = Installed(tree, tmp_path / "prefix", tmp_path / "unused")
    status, body = done.request("asset=mailward.css")
    assert status == "Status: 200 OK" and body.startswith("/* Mailward")
    assert done.check().returncode == 0
    assert run("uninstall.sh", tree, MAILWARD_PREFIX=str(tmp_path / "prefix")).returncode == 0
    assert not (tmp_path / "prefix").exists()


def test_root_owned_prefix_runs(installed: Installed) -> None:
    assert installed.request() == ("Status: 200 OK", "planted")
    assert installed.marker.read_text() == "imported as uid 0"


def _resolve(i: Installed, rel: str) -> Path:
    """rel is `lib/...`, `prefix/...` or a path under the CGI's directory."""
    top, _, rest = rel.partition("/")
    base = {"lib": i.lib, "prefix": i.prefix}.get(top)
    if base is None:
        return i.dest / rel
    return base / rest if rest else base


def _chmod(mode: int, rel: str) -> Callable[[Installed], Path]:
    def change(i: Installed) -> Path:
        path = _resolve(i, rel)
        path.chmod(mode)
        return path
    return change


def _chown(uid: int, gid: int, mode: int | None, rel: str) -> Callable[[Installed], Path]:
    def change(i: Installed) -> Path:
        path = _resolve(i, rel)
        os.chown(path, uid, gid)
        if mode is not None:
            path.chmod(mode)
        return path
    return change


CASES = {
    "lib dir writable by everyone": _chmod(0o777, "lib"),
    "lib dir writable by everyone, sticky": _chmod(0o1777, "lib"),
    "module owned by another user": _chown(NOBODY, 0, None, "lib/cgi_proxy.py"),
    "prefix group-writable by a non-root group": _chown(0, NOBODY, 0o775, "prefix"),
    "config.json writable by everyone": _chmod(0o666, "config.json"),
    "an asset writable by everyone": _chmod(0o646, "assets/mailward.js"),
    "the CGI itself writable by everyone": _chmod(0o757, "index.cgi"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_writable_by_others_is_refused_before_any_import(installed: Installed, case: str) -> None:
    path = CASES[case](installed)
    status, body = installed.request()
    assert status == "Status: 500 Internal Server Error"
    assert "Mailward refuses to run" in body and str(path) in body and "root" in body
    assert not installed.marker.exists()
    check = installed.check()
    assert check.returncode == 1 and str(path) in check.stderr


def test_api_calls_get_the_refusal_as_json(installed: Installed) -> None:
    installed.lib.chmod(0o777)
    status, body = installed.request("api=/emails")
    assert status == "Status: 500 Internal Server Error"
    doc = json.loads(body)
    assert doc["code"] == 500 and str(installed.lib) in doc["message"]
    assert not installed.marker.exists()


def test_a_symlinked_prefix_is_judged_by_its_target(tree: Path, tmp_path: Path) -> None:  # noqa: F811
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    done = install(tree, tmp_path / "link/prefix", tmp_path)
    assert done.request() == ("Status: 200 OK", "planted")
    done.marker.unlink()
    os.chown(real, NOBODY, NOBODY)  # the link is root's, but what it points into is not
    status, body = done.request()
    assert status == "Status: 500 Internal Server Error" and f"{real} is owned by uid {NOBODY}" in body
    assert not done.marker.exists()


def test_install_refuses_a_prefix_under_a_directory_others_can_write(tree: Path, tmp_path: Path) -> None:  # noqa: F811
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    res = run("install.sh", tree, MAILWARD_PYTHON=sys.executable, MAILWARD_PREFIX=str(shared / "mailward"))
    assert res.returncode == 1
    assert f"{shared} is writable by everyone" in res.stderr and "refus" in res.stderr
    assert not (tree / "var/cpanel/apps/mailward.conf").exists()  # never registered


def test_install_refuses_an_unsafe_prefix_name(tree: Path) -> None:  # noqa: F811
    res = run("install.sh", tree, MAILWARD_PYTHON=sys.executable, MAILWARD_PREFIX='/opt/x"; import os #')
    assert res.returncode == 2 and "MAILWARD_PREFIX" in res.stderr
