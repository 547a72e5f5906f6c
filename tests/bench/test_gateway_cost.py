"""bench.gateway_cost runs end to end on a small sample: every message is answered by the stand-in worker through
the real gateway, and the figures come out (their values are not checked: benches print, tests do not time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import DEFAULT_CORPUS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(not DEFAULT_CORPUS.exists(), reason="the shared corpus is not here")
def test_gateway_cost_answers_every_message_and_prints_its_figures() -> None:
    out = subprocess.run([sys.executable, "-m", "bench.gateway_cost", "--messages", "30", "--rounds", "1",
                          "--warmup", "5"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert any(line.startswith("round 1: ") and "errors" not in line for line in lines), out.stdout
    assert any(line.startswith("median of 1: gateway ") for line in lines), out.stdout
    calls = next(line for line in lines if line.startswith("Redis commands per message"))
    assert "eval 1.00" in calls and "blpop " in calls  # one queueing call per scan, and the wait
