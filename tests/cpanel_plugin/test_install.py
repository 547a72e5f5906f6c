"""cpanel_plugin/install.sh and uninstall.sh against a fake cPanel root: idempotent, files in place."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[2] / "cpanel_plugin"
FAKE_TOOL = """#!/bin/sh
# records its arguments; checks install.json is there like cPanel's tool would
[ -f "$1/install.json" ] || { echo "no install.json in $1" >&2; exit 1; }
echo "$(basename "$0") $*" >> "{log}"
"""


def fake_root(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "cp"
    scripts = root / "usr/local/cpanel/scripts"
    scripts.mkdir(parents=True)
    log = tmp_path / "calls.log"
    for name in ("install_plugin", "uninstall_plugin"):
        tool = scripts / name
        tool.write_text(FAKE_TOOL.replace("{log}", str(log)))
        tool.chmod(0o755)
    return root, log


def sh(script: str, root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {"PATH": os.environ["PATH"], "CPANEL_ROOT": str(root), **env}
    return subprocess.run(["bash", str(PLUGIN / script)], capture_output=True, text=True, env=full, timeout=60)


def test_install_twice_then_uninstall_twice(tmp_path: Path) -> None:
    root, log = fake_root(tmp_path)
    dest = root / "usr/local/cpanel/base/frontend/jupiter/mailward"
    for _ in range(2):
        proc = sh("install.sh", root, MAILWARD_API_SOCKET="/run/mw/api.sock")
        assert proc.returncode == 0, proc.stderr
    assert (dest / "index.live.py").stat().st_mode & 0o777 == 0o755
    assert (dest / "assets/vendor/bootstrap.min.css").is_file() and (dest / "assets/mailward.js").is_file()
    for script in (PLUGIN / "assets").glob("*.js"):  # the page's ES modules
        assert (dest / "assets" / script.name).read_bytes() == script.read_bytes(), script.name
    assert json.loads((dest / "mailward.json").read_text()) == {"api_socket": "/run/mw/api.sock"}
    assert not list(dest.parent.glob(".mailward-install.*"))
    assert log.read_text().count(f"install_plugin {PLUGIN} --theme=jupiter") == 2
    for _ in range(2):
        proc = sh("uninstall.sh", root)
        assert proc.returncode == 0, proc.stderr
    assert not dest.exists() and "uninstall_plugin" in log.read_text()


def test_install_refuses_without_cpanel(tmp_path: Path) -> None:
    proc = sh("install.sh", tmp_path / "nothing")
    assert proc.returncode != 0 and "install_plugin" in proc.stderr
