"""The RPM's scriptlets, run by rpm itself (`rpm --root`) against a temporary root: the cached Debian 12 root in its
own namespaces (no EL root can be made here). What this shows: the %pre/%post/%preun/%postun logic in rpm's own
order and with its own $1 (install, upgrade: the old package's %preun must not unhook Exim, erase), driving the same
lifecycle script as the .deb, on a real Exim. What it cannot show: EL's own python3.11, redis and exim packages,
dnf's dependency resolution, SELinux, cPanel's Exim."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging import debian_root
from tests.packaging.debian_root import Namespace
from tests.packaging.test_deb_lifecycle import GTUBE, HERE, held, main_pid, send, tree_digest

pytestmark = [pytest.mark.slow, pytest.mark.functional]


@pytest.fixture(scope="module")
def ns(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Namespace]:
    why = debian_root.unavailable() or (None if shutil.which("rpm") else "rpm is not installed")
    if why:
        pytest.skip(why)
    with debian_root.namespace(tmp_path_factory.mktemp("rpmroot")) as n:
        n.copy_in(HERE / "fake_systemctl.py", "/usr/local/bin/systemctl")
        n.run("chmod 0755 /usr/local/bin/systemctl && mkdir -p /run/systemd/system && useradd -m alice"
              " && /etc/init.d/exim4 start >/dev/null")
        yield n


def run_rpm(ns: Namespace, *args: str) -> str:
    proc = ns.host(["rpm", "--root", str(ns.root), "--nodeps", "--nosignature", *args], timeout=600)
    assert proc.returncode == 0, f"rpm {' '.join(args)}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout + proc.stderr


def hook(ns: Namespace) -> dict:
    return json.loads(ns.run("ie-config status --json --noservice", check=False).stdout)


def test_rpm_install_upgrade_erase(ns: Namespace, rpm: Path, rpm_newer: Path) -> None:
    exim_before = tree_digest(ns, "/etc/exim4")
    assert ns.host(["rpm", "--root", str(ns.root), "--initdb"]).returncode == 0
    run_rpm(ns, "-i", str(rpm))
    assert ns.run("getent passwd mailward").returncode == 0
    assert ns.run("systemctl is-active mailward").returncode == 0
    st = hook(ns)
    assert st["installed"] and st["active"] and st["consistent"], st
    send(ns, "held before the upgrade", GTUBE)
    ids = [i["email_id"] for i in held(ns)]
    assert len(ids) == 1
    pid = main_pid(ns)

    # upgrade: new %pre/%post, then the old %preun/%postun with $1 = 1: the hook and the data stay
    run_rpm(ns, "-U", str(rpm_newer))
    assert ns.host(["rpm", "--root", str(ns.root), "-q", "mailward"]).stdout.strip() == "mailward-0.1.0-2.x86_64"
    st = hook(ns)
    assert st["installed"] and st["active"] and st["consistent"], st
    assert main_pid(ns) != pid and ns.run("systemctl is-active mailward").returncode == 0
    assert [i["email_id"] for i in held(ns)] == ids
    assert ns.path("/opt/mailward/bin/mailward").exists()  # the old %postun did not take the new venv away

    # erase: ie-config disable first, then stop; Exim's files as they were; data kept
    run_rpm(ns, "-e", "mailward")
    assert tree_digest(ns, "/etc/exim4") == exim_before
    assert ns.run("systemctl is-active mailward", check=False).returncode != 0
    assert not ns.path("/opt/mailward").exists()
    assert len(list(ns.path("/var/lib/mailward/quarantine").rglob("*.eml"))) == 1
