"""`bash packaging/build deb|rpm`: the packages' metadata, files, scripts and unit, read with dpkg-deb and rpm."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("mailward", "ie-cli", "ie-config")


def sh(*argv: str) -> str:
    return subprocess.run(list(argv), check=True, capture_output=True, text=True, timeout=120).stdout


def lock_pins() -> set[str]:
    text = (ROOT / "packaging/requirements.lock").read_text()
    return {re.sub(r"[-_.]+", "_", m.group(1)).lower() for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", text, re.M)}


def test_deb_metadata_and_contents(deb: Path) -> None:
    info = sh("dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends")
    assert "Package: mailward" in info and "Version: 0.1.0-1" in info and "Architecture: amd64" in info
    depends = info.split("Depends:", 1)[1]
    for dep in ("python3 (>= 3.11) | python3.11", "exim4-daemon-heavy", "redis-server", "procps"):
        assert dep in depends
    assert sh("dpkg-deb", "-I", str(deb), "conffiles").split() == ["/etc/mailward/mailward.toml"]
    for script in ("postinst", "prerm", "postrm"):
        assert "mailward" in sh("dpkg-deb", "-I", str(deb), script)
    assert "mailward-pkg remove" in sh("dpkg-deb", "-I", str(deb), "prerm")
    listing = sh("dpkg-deb", "-c", str(deb)).splitlines()
    entries = {line.split()[-1].lstrip("."): line for line in listing}
    assert all(line.split()[1] == "root/root" for line in listing)
    assert entries["/etc/mailward/mailward.toml"].startswith("-rw-r-----")
    assert entries["/lib/systemd/system/mailward.service"].startswith("-rw-r--r--")
    for cmd in COMMANDS:
        assert entries[f"/usr/bin/{cmd}"].startswith("-rwxr-xr-x")
    assert not [p for p in entries if p.startswith("/opt/")]  # /opt/mailward is built at install time
    assert not [p for p in entries if "__pycache__" in p or p.endswith(".pyc") or "/tests/" in p]
    wheels = {re.sub(r"[-_.]+", "_", Path(p).name.split("-")[0]).lower()
              for p in entries if p.startswith("/usr/share/mailward/wheels/") and p.endswith(".whl")}
    assert wheels == lock_pins() | {"mailward"}
    assert {"/usr/share/mailward/whm_plugin/install.sh", "/usr/share/mailward/cpanel_plugin/install.sh",
            "/usr/lib/mailward/mailward-pkg", "/usr/lib/mailward/cpanel-postupcp"} <= set(entries)
    for plugin in ("whm_plugin", "cpanel_plugin"):  # every ES module of the pages ships as a file (common.js too)
        for script in (ROOT / plugin / "assets").glob("*.js"):
            assert entries[f"/usr/share/mailward/{plugin}/assets/{script.name}"].startswith("-rw-r--r--"), script


def test_mailward_wheel_is_built_from_the_checkout(deb: Path, tmp_path: Path) -> None:
    sh("dpkg-deb", "-x", str(deb), str(tmp_path))
    (whl,) = (tmp_path / "usr/share/mailward/wheels").glob("mailward-*.whl")
    names = zipfile.ZipFile(whl).namelist()
    assert {"core/defaults.toml", "core/data/spam-model-v1.json.gz", "workers/service.py", "api/wsgi.py",
            "cli/ie_cli.py"} <= set(names)
    assert not [n for n in names if n.startswith("tests/") or ".egg-link" in n]
    constraints = (tmp_path / "usr/share/mailward/constraints.txt").read_text()
    assert "mailward==0.1.0" in constraints and all("==" in line for line in constraints.splitlines())


def test_rpm_metadata_files_and_scriptlets(deb: Path, rpm: Path) -> None:
    files = set(sh("rpm", "-qlp", str(rpm)).split())
    debfiles = {line.split()[-1].lstrip(".") for line in sh("dpkg-deb", "-c", str(deb)).splitlines()
                if not line.startswith("d")}
    # the same files, the unit in EL's place
    assert files >= {p.replace("/lib/systemd/", "/usr/lib/systemd/") for p in debfiles if p != "/"}
    assert sh("rpm", "-qcp", str(rpm)).split() == ["/etc/mailward/mailward.toml"]
    scripts = sh("rpm", "-qp", "--scripts", str(rpm))
    for part in ("preinstall", "postinstall", "preuninstall", "postuninstall"):
        assert f"{part} scriptlet" in scripts
    assert "mailward-pkg configure" in scripts and "mailward-pkg remove" in scripts
    assert re.search(r'if \[ "\$1" -eq 0 \]; then /usr/lib/mailward/mailward-pkg remove', scripts)  # not on upgrade
    requires = sh("rpm", "-qp", "--requires", str(rpm))
    for req in ("python3.11 or", "/usr/sbin/exim", "/usr/bin/redis-server", "shadow-utils"):
        assert req in requires
    assert sh("rpm", "-qp", "--qf", "%{VERSION}-%{RELEASE} %{ARCH}", str(rpm)) == "0.1.0-1 x86_64"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    """Verified in a private mount namespace where /opt/mailward/bin/mailward exists (the package builds it)."""
    unit = ROOT / "packaging/files/mailward.service"
    script = ("mount -t tmpfs tmpfs /opt && mkdir -p /opt/mailward/bin && printf '#!/bin/sh\\n' > "
              f"/opt/mailward/bin/mailward && chmod 755 /opt/mailward/bin/mailward && systemd-analyze verify {unit}")
    proc = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr
    text = unit.read_text()
    for line in ("Type=notify", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID", "ProtectSystem=strict",
                 "PrivateTmp=yes", "NoNewPrivileges=no", "WantedBy=multi-user.target"):
        assert line in text
