"""Packages built once per test session (bash packaging/build), into a temporary dist directory."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def build(kind: str, dist: Path, release: int = 1) -> Path:
    """Run `bash packaging/build KIND --release N` into dist and return the package's path."""
    if kind == "rpm" and shutil.which("rpmbuild") is None:
        pytest.skip("rpmbuild is missing (bash scripts/bootstrap --test installs rpm)")
    env = {**os.environ, "MAILWARD_DIST": str(dist)}
    proc = subprocess.run(["bash", str(ROOT / "packaging/build"), kind, "--release", str(release)], env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"packaging/build {kind} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return Path(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dist")


@pytest.fixture(scope="session")
def deb(dist: Path) -> Path:
    return build("deb", dist)


@pytest.fixture(scope="session")
def deb_newer(dist: Path) -> Path:
    return build("deb", dist, release=2)


@pytest.fixture(scope="session")
def rpm(dist: Path) -> Path:
    return build("rpm", dist)


@pytest.fixture(scope="session")
def rpm_newer(dist: Path) -> Path:
    return build("rpm", dist, release=2)
