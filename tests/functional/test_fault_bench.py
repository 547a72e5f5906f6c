"""Issue 15 item 7: two short fault-bench experiments (bench.faults) through the lab Exim and a real serve, each
message reconciled: none lost, duplicated, held yet refused, orphaned or leaked, and no spam delivered."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.fault_rig import SlowClamd
from bench.faults import Options, run_experiment
from tests.tiny_fs import cannot_mount
from workers.exim_lab import missing_requirements

pytestmark = [pytest.mark.functional, pytest.mark.slow]

OPTS = Options(messages=100, rate=20.0, kill_every=2.0, engine_delay_ms=100)


@pytest.fixture
def bench_dir() -> Iterator[Path]:
    why = missing_requirements()
    if why:
        pytest.skip(why)
    with tempfile.TemporaryDirectory(prefix="mailward-fault-test-") as d:
        yield Path(d)


@pytest.fixture
def clamd() -> Iterator[SlowClamd]:
    server = SlowClamd(OPTS.engine_delay_ms / 1000).start()
    yield server
    server.shutdown()


def _invariants(tally: object) -> dict[str, int]:
    return {k: getattr(tally, k) for k in ("lost", "duplicated", "held_refused", "orphans", "leaked", "spam_out")}


def test_worker_kills_lose_and_duplicate_nothing(bench_dir: Path, clamd: SlowClamd) -> None:
    tally = run_experiment("worker_kill", OPTS, bench_dir, clamd)
    assert tally.notes[0].endswith("SIGKILLs") and not tally.notes[0].startswith("0 "), tally.notes
    assert _invariants(tally) == dict.fromkeys(_invariants(tally), 0), (tally.notes, tally.examples)
    assert tally.held > 0 and tally.delivered > 0


def test_a_full_state_directory_delivers_no_spam_and_leaks_nothing(bench_dir: Path, clamd: SlowClamd) -> None:
    why = cannot_mount()
    if why:
        pytest.skip(why)
    tally = run_experiment("disk_full", OPTS, bench_dir, clamd)
    assert "space freed" in tally.notes, tally.notes
    assert _invariants(tally) == dict.fromkeys(_invariants(tally), 0), (tally.notes, tally.examples)
    assert tally.unscanned == 0, tally.notes  # the body went through Redis: scanned all the same
    assert tally.held > 0 and tally.delivered > 0
