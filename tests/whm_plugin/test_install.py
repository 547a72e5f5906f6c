"""install.sh and uninstall.sh into a fake cPanel tree whose register_appconfig enforces the AppConfig rules."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.whm_plugin.conftest import Recorded
from tests.whm_plugin.test_cgi import run_cgi
from whm_plugin import cgi_proxy

PLUGIN = Path(cgi_proxy.__file__).resolve().parent

FAKE_REGISTER = '''#!{python}
"""Fake /usr/local/cpanel/bin/register_appconfig: validate an AppConfig file, copy it to /var/cpanel/apps."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
src = Path(sys.argv[1])
conf = {{}}
for line in src.read_text().splitlines():
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    key, sep, value = line.partition("=")
    if not sep:
        sys.exit(f"bad line {{line!r}}")
    if key in conf:
        sys.exit(f"duplicate key {{key}}")
    conf[key] = value
for key in ("service", "url", "acls"):
    if key not in conf:
        sys.exit(f"missing required key {{key}}")
if conf["service"] != "whostmgr":
    sys.exit("service must be whostmgr")
if not conf["url"].startswith("/cgi/"):
    sys.exit("url must start with /cgi/")
if not (ROOT / "usr/local/cpanel/whostmgr/docroot" / conf["url"].lstrip("/")).is_file():
    sys.exit("url names no file")
if conf.get("entryurl", "x").startswith("/"):
    sys.exit("entryurl is relative to whostmgr/docroot/cgi")
if "icon" in conf and not (ROOT / "usr/local/cpanel/whostmgr/docroot/addon_plugins" / conf["icon"]).is_file():
    sys.exit("icon not in addon_plugins")
name = conf.get("name") or src.stem
apps = ROOT / "var/cpanel/apps"
apps.mkdir(parents=True, exist_ok=True)
(apps / f"{{name}}.conf").write_text(src.read_text())
with open(ROOT / "register.log", "a") as log:
    log.write(f"register {{name}}\\n")
'''

FAKE_UNREGISTER = '''#!{python}
"""Fake unregister_appconfig: remove /var/cpanel/apps/NAME.conf; an unknown app is an error."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
name = Path(sys.argv[1]).stem
conf = ROOT / "var/cpanel/apps" / f"{{name}}.conf"
if not conf.exists():
    sys.exit(f"{{name}} is not registered")
conf.unlink()
with open(ROOT / "register.log", "a") as log:
    log.write(f"unregister {{name}}\\n")
'''


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A cPanel root with the fake register tools."""
    root = tmp_path / "root"
    bindir = root / "usr/local/cpanel/bin"
    bindir.mkdir(parents=True)
    for name, text in (("register_appconfig", FAKE_REGISTER), ("unregister_appconfig", FAKE_UNREGISTER)):
        (bindir / name).write_text(text.format(python=sys.executable))
        (bindir / name).chmod(0o755)
    (root / "var/cpanel").mkdir(parents=True)
    (root / "var/cpanel/resellers").write_text("boss:all\n")
    return root


def run(script: str, root: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run install.sh or uninstall.sh against the fake tree."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "CPANEL_ROOT": str(root), **extra}
    return subprocess.run(["bash", str(PLUGIN / script)], env=env, capture_output=True, text=True, timeout=60)


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every installed file: mode and content."""
    return {str(p.relative_to(root)): (stat.S_IMODE(p.stat().st_mode), p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != "register.log" and "bin" not in p.parts}


def test_install_is_idempotent_and_complete(tree: Path, tmp_path: Path) -> None:
    sock = str(tmp_path / "api.sock")
    first = run("install.sh", tree, MAILWARD_PYTHON=sys.executable, MAILWARD_API_SOCKET=sock)
    assert first.returncode == 0, first.stderr
    before = snapshot(tree)
    again = run("install.sh", tree, MAILWARD_PYTHON=sys.executable, MAILWARD_API_SOCKET=sock)
    assert again.returncode == 0, again.stderr
    assert snapshot(tree) == before
    dest = tree / "usr/local/cpanel/whostmgr/docroot/cgi/mailward"
    cgi = dest / "index.cgi"
    assert stat.S_IMODE(cgi.stat().st_mode) == 0o755
    assert stat.S_IMODE(dest.stat().st_mode) == 0o755
    assert cgi.read_text().splitlines()[0] == f"#!{sys.executable} -IS"
    assert json.loads((dest / "config.json").read_text())["api_socket"] == sock
    assert not (dest / "cgi_proxy.py").exists()  # the code lives in the root-owned prefix
    assert (tree / "usr/local/mailward/lib/mailward-whm/cgi_proxy.py").is_file()
    for rel in ("assets/index.html", "assets/mailward.js", "assets/mailward.css",
                "assets/mailward.png", "assets/vendor/bootstrap.min.css", "assets/vendor/BOOTSTRAP-LICENSE"):
        assert (dest / rel).is_file(), rel
    for name in cgi_proxy.SCRIPTS:  # the page's ES modules, copied as files (common.js: the cPanel plugin's)
        assert (dest / "assets" / name).is_file() and not (dest / "assets" / name).is_symlink(), name
    assert (dest / "assets/common.js").read_bytes() == (PLUGIN.parent / "cpanel_plugin/assets/common.js").read_bytes()
    assert (tree / "usr/local/cpanel/whostmgr/docroot/addon_plugins/mailward.png").is_file()
    conf = (tree / "var/cpanel/apps/mailward.conf").read_text()
    assert "url=/cgi/mailward/index.cgi" in conf and "acls=all,list-accts" in conf
    assert [e for e in dest.iterdir() if e.name.startswith(".")] == []


def test_installed_cgi_runs(tree: Path, fake_api: tuple[Path, Recorded]) -> None:
    assert run("install.sh", tree, MAILWARD_PYTHON=sys.executable, MAILWARD_API_SOCKET=str(fake_api[0]),
               MAILWARD_CPANEL_ROOT=str(tree)).returncode == 0
    cgi = tree / "usr/local/cpanel/whostmgr/docroot/cgi/mailward/index.cgi"
    base = {"REQUEST_METHOD": "GET", "REMOTE_USER": "boss", "cp_security_token": "/cpsess99"}
    status, _, html = run_cgi(cgi, {**base, "QUERY_STRING": ""})
    assert status == "Status: 200 OK" and b'data-base="/cpsess99/cgi/mailward/index.cgi"' in html
    status, _, js = run_cgi(cgi, {**base, "QUERY_STRING": "asset=mailward.js"})
    assert status == "Status: 200 OK" and js.startswith(b"/* Mailward")
    status, _, _ = run_cgi(cgi, {**base, "QUERY_STRING": "api=/status"})
    assert status == "Status: 200 OK"
    assert fake_api[1].requests[-1]["path"] == "/api/v1/status"
    # the shebang is what cpsrvd executes
    out = subprocess.run([str(cgi)], env={**base, "QUERY_STRING": "asset=mailward.css"}, capture_output=True,
                         timeout=30, check=True).stdout
    assert out.startswith(b"Status: 200 OK\r\n")


def test_uninstall_is_idempotent(tree: Path) -> None:
    assert run("install.sh", tree, MAILWARD_PYTHON=sys.executable).returncode == 0
    for _ in range(2):
        res = run("uninstall.sh", tree)
        assert res.returncode == 0, res.stderr
        assert not (tree / "usr/local/cpanel/whostmgr/docroot/cgi/mailward").exists()
        assert not (tree / "usr/local/cpanel/whostmgr/docroot/addon_plugins/mailward.png").exists()
        assert not (tree / "var/cpanel/apps/mailward.conf").exists()
    assert (tree / "register.log").read_text().splitlines() == ["register mailward", "unregister mailward"]
    assert run("install.sh", tree, MAILWARD_PYTHON=sys.executable).returncode == 0
    assert (tree / "var/cpanel/apps/mailward.conf").exists()


def test_install_needs_cpanel(tmp_path: Path) -> None:
    res = run("install.sh", tmp_path / "empty", MAILWARD_PYTHON=sys.executable)
    assert res.returncode != 0 and "register_appconfig" in res.stderr


def test_relative_python_refused(tree: Path) -> None:
    assert run("install.sh", tree, MAILWARD_PYTHON="python3").returncode == 2


def test_default_python_is_the_system_python_isolated(tree: Path) -> None:
    assert run("install.sh", tree).returncode == 0
    cgi = tree / "usr/local/cpanel/whostmgr/docroot/cgi/mailward/index.cgi"
    assert cgi.read_text().splitlines()[0] == "#!/usr/bin/python3 -IS"  # never the checkout's venv


def test_settings_are_resolved_at_install_time(tree: Path, tmp_path: Path) -> None:
    conf = tmp_path / "mailward.toml"
    conf.write_text(f'state_dir = "{tmp_path}/state"\n[cpanel]\nroot = "{tmp_path}/cp"\n')
    assert run("install.sh", tree, MAILWARD_PYTHON=sys.executable, MAILWARD_CONFIG=str(conf)).returncode == 0
    stored = json.loads((tree / "usr/local/cpanel/whostmgr/docroot/cgi/mailward/config.json").read_text())
    assert stored == {"api_socket": f"{tmp_path}/state/api.sock", "cpanel_root": f"{tmp_path}/cp"}


def test_appconfig_keys() -> None:
    conf = dict(line.split("=", 1) for line in (PLUGIN / "mailward.conf").read_text().splitlines()
                if line and not line.startswith("#"))
    assert conf["service"] == "whostmgr"
    assert conf["url"] == "/cgi/mailward/index.cgi"
    assert conf["acls"] == "all,list-accts"
    assert conf["entryurl"] == "mailward/index.cgi"
    assert conf["user"] == "root"
    assert conf["icon"] == "mailward.png"
