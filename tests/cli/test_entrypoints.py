"""The console scripts pyproject declares are installed and answer."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("script", ["mailward", "ie-cli", "ie-config"])
def test_version(script: str) -> None:
    out = subprocess.run([str(BIN / script), "version"], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == version("mailward")


def test_bad_setting_is_one_clear_line() -> None:
    out = subprocess.run([str(BIN / "mailward"), "config"], capture_output=True, text=True, timeout=60,
                         env={"MAILWARD_FAIL_MODE": "sideways", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2
    assert out.stderr.strip() == "mailward: error: fail_mode must be 'open' or 'closed', got 'sideways'"


def test_config_never_prints_a_redis_password() -> None:
    out = subprocess.run([str(BIN / "mailward"), "config"], capture_output=True, text=True, timeout=60, check=True,
                         env={"MAILWARD_REDIS_URL": "redis://mailward:s3cret-pw@redis.example:6379/0",
                              "PATH": "/usr/bin:/bin"})
    assert "s3cret-pw" not in out.stdout
    assert '"redis_url": "redis://mailward:***@redis.example:6379/0"' in out.stdout
