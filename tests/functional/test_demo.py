"""The README's main job, `bash scripts/demo` (python -m workers.demo), end to end: every path it shows must end
as it says, or the first thing a new admin runs fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workers.exim_lab import missing_requirements

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_demo_ends_with_every_message_as_expected() -> None:
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    proc = subprocess.run([sys.executable, "-m", "workers.demo"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "demo: every message ended as expected" in out, out[-4000:]
    assert "pinned to its own" in out  # the cPanel proxy never shows another account's mail
