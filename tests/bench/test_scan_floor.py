"""bench.scan_floor: the sitecustomize it writes patches worker processes only, and each floor does what it says."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bench.scan_floor import floor_env
from core.identity.cpanel import CpanelAccounts
from core.models import AccountState, Action, Direction, Envelope
from core.scan.pipeline import Pipeline, Policy
from core.scan.scanner import Scanner
from core.settings import load_settings
from tests.cpanel_tree import make_cpanel_tree

SPAM = (b"From: a@example.com\r\nTo: b@example.org\r\nSubject: test\r\n\r\n"
        b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n")


def _run_site(env: dict[str, str], argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Execute the sitecustomize floor_env wrote as a process started with `argv` would."""
    site = Path(env["PYTHONPATH"].split(os.pathsep)[0]) / "sitecustomize.py"
    monkeypatch.setattr(sys, "orig_argv", argv)
    # restored by monkeypatch whatever the module does to them
    monkeypatch.setattr(Pipeline, "_run_checks", Pipeline._run_checks)
    monkeypatch.setattr(Scanner, "scan_spooled", Scanner.scan_spooled)
    exec(compile(site.read_text(), str(site), "exec"), {"__name__": "sitecustomize"})


def test_environment_puts_the_floor_first_then_the_tree(tmp_path: Path) -> None:
    env = floor_env(tmp_path, "checks", Path("/tree"))
    parts = env["PYTHONPATH"].split(os.pathsep)
    assert parts[0] == str(tmp_path / "floor-checks") and parts[1] == "/tree"
    assert (tmp_path / "floor-checks" / "sitecustomize.py").is_file()
    with pytest.raises(ValueError, match="unknown floor"):
        floor_env(tmp_path, "everything", Path("/tree"))


def test_checks_floor_accepts_what_the_checks_would_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(environ={})
    pipeline = Pipeline(settings, CpanelAccounts(make_cpanel_tree(tmp_path / "cpanel", {"shop": "example.com"})))
    envelope = Envelope(sender="a@example.com", recipients=["b@example.org"], direction=Direction.OUTGOING)
    before, _ = pipeline.evaluate(SPAM, envelope, _policy())
    assert before.action != Action.ACCEPT  # GTUBE
    _run_site(floor_env(tmp_path, "checks", Path("/tree")), ["python", "-m", "workers.worker_process"], monkeypatch)
    after, _ = pipeline.evaluate(SPAM, envelope, _policy())
    assert after.action == Action.ACCEPT and after.symbols == []


def test_nothing_is_patched_outside_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_checks, scan = Pipeline._run_checks, Scanner.scan_spooled
    for floor in ("checks", "scan"):
        _run_site(floor_env(tmp_path, floor, Path("/tree")), ["python", "-m", "workers.service_cli", "serve"],
                  monkeypatch)
        assert Pipeline._run_checks is run_checks and Scanner.scan_spooled is scan


def test_scan_floor_answers_without_reading_the_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run_site(floor_env(tmp_path, "scan", Path("/tree")), ["python", "-m", "workers.worker_process"], monkeypatch)
    verdict = Scanner.scan_spooled(object(), "no-such-spool-id", Envelope())  # type: ignore[arg-type]
    assert verdict is not None and verdict.action == Action.ACCEPT


def _policy() -> Policy:
    return Policy(allow_winexec=False, whitelisted=lambda _a, _b: False, account_state=lambda _a: AccountState.ACTIVE)
