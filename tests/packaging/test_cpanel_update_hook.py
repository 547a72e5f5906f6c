"""The cPanel update hook the package registers (packaging/files/cpanel-postupcp), against a fake cPanel tree whose
buildeximconf rebuilds exim.conf from the ACL block files, exim.conf.localopts and exim.conf.local as cPanel's does,
checked with the real Exim (exim -bV)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.workers.test_exim_hook import EXIM, LOCALOPTS, _cpanel_root, have_exim
from workers.exim_hook import ACTION_VAR

pytestmark = [have_exim]

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "packaging/files/cpanel-postupcp"
VENV_BIN = Path(sys.executable).parent


def env(tmp_path: Path) -> dict[str, str]:
    conf = tmp_path / "mailward.toml"
    conf.write_text(f'[exim]\nlayout = "cpanel"\nexim_binary = "{EXIM}"\nrelease_user = "nobody"\n'
                    f'[scan]\nlisten = ["127.0.0.1:11333"]\n')
    return {"PATH": f"{VENV_BIN}:{os.environ['PATH']}", "MAILWARD_CONFIG": str(conf),
            "IE_CONFIG_BIN": str(VENV_BIN / "ie-config"), "HOOK_PYTHON": sys.executable}


def ie_config(root: Path, e: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "ie-config"), *args, "--root", str(root)], env=e, capture_output=True,
                          text=True, timeout=120)


def status(root: Path, e: dict[str, str]) -> dict:
    return json.loads(ie_config(root, e, "status", "--json", "--noservice").stdout)


def hook(root: Path, e: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(HOOK)], env={**e, "CPANEL_ROOT": str(root)}, capture_output=True, text=True,
                          timeout=120)


def buildeximconf(root: Path) -> None:
    subprocess.run([str(root / "usr/local/cpanel/scripts/buildeximconf")], check=True, timeout=60)


def backups(root: Path) -> list[Path]:
    d = root / "var/backups/mailward"
    return sorted(d.iterdir()) if d.is_dir() else []


def test_hook_survives_rebuilds_and_is_reapplied_after_an_update_resets_cpanels_files(tmp_path: Path) -> None:
    root = _cpanel_root(tmp_path)
    e = env(tmp_path)
    assert ie_config(root, e, "enable").returncode == 0
    st = status(root, e)
    assert st["installed"] and st["active"] and st["consistent"], st

    # cPanel rebuilds exim.conf (buildeximconf, as every update does): the hook lives in cPanel's own files
    buildeximconf(root)
    assert ACTION_VAR in (root / "etc/exim.conf").read_text()
    before = backups(root)
    r = hook(root, e)
    assert r.returncode == 0, r.stderr
    assert backups(root) == before  # nothing to do: nothing rewritten

    # an update resets exim.conf.localopts to cPanel's own lines and rebuilds: Mailward's ACL blocks drop out
    (root / "etc/exim.conf.localopts").write_text(LOCALOPTS)
    buildeximconf(root)
    assert ACTION_VAR not in (root / "etc/exim.conf").read_text()
    assert not status(root, e)["consistent"]
    r = hook(root, e)
    assert r.returncode == 0, r.stderr
    assert "re-applying" in r.stderr
    st = status(root, e)
    assert st["installed"] and st["active"] and st["consistent"], st
    assert ACTION_VAR in (root / "etc/exim.conf").read_text()
    assert "acl_custom_begin_mine=1" in (root / "etc/exim.conf.localopts").read_text()  # the admin's line kept

    # a hook the admin switched off stays off
    assert ie_config(root, e, "disable").returncode == 0
    r = hook(root, e)
    assert r.returncode == 0, r.stderr
    assert not status(root, e)["installed"] and ACTION_VAR not in (root / "etc/exim.conf").read_text()
