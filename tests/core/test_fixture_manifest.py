"""Every .eml fixture, through the real parser and ALL_CHECKS, must produce the action expected.toml gives it."""

from __future__ import annotations

import tomllib

import pytest

from core.checks import ALL_CHECKS
from core.checks.base import GROUP_WINEXEC
from core.models import Symbol
from tests.core.scan_support import EML_DIR, context, names, parse_fixture, settings

MANIFEST = tomllib.loads((EML_DIR / "expected.toml").read_text(encoding="utf-8"))
QUARANTINE_AT = 6.0


def _classify(symbols: list[tuple[str, Symbol]]) -> tuple[str, str, float]:
    """A stand-in for core.pipeline's verdict: (action, reason, score) under default thresholds."""
    score = sum(sym.score for _, sym in symbols)
    if any(group == GROUP_WINEXEC for group, _ in symbols):
        return "quarantine", "winexec", score
    if score >= QUARANTINE_AT:
        return "quarantine", "spam", score
    return "accept", "", score


def _scan(name: str) -> list[tuple[str, Symbol]]:
    msg = parse_fixture(name)
    ctx = context()
    return [(check.group, sym) for check in ALL_CHECKS for sym in check.run(msg, ctx)]


def test_manifest_and_fixture_files_match() -> None:
    on_disk = {p.name for p in EML_DIR.glob("*.eml")}
    assert on_disk == set(MANIFEST)


def test_default_quarantine_threshold_is_the_one_assumed_here() -> None:
    assert settings().thresholds.quarantine == QUARANTINE_AT


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_fixture_verdict(name: str) -> None:
    expected = MANIFEST[name]
    found = _scan(name)
    action, reason, score = _classify(found)
    got = names([sym for _, sym in found])
    assert set(expected["symbols"]) <= got, f"{name}: missing {set(expected['symbols']) - got}"
    assert (action, reason) == (expected["action"], expected["reason"]), f"{name}: score {score}, {sorted(got)}"


def test_every_check_has_a_fixture() -> None:
    ctx = context()
    covered: set[str] = set()
    for name, expected in MANIFEST.items():
        msg = parse_fixture(name)
        for check in ALL_CHECKS:
            if names(check.run(msg, ctx)) & set(expected["symbols"]):
                covered.add(check.name)
    assert covered == {check.name for check in ALL_CHECKS}


def test_every_emitted_symbol_has_a_default_score() -> None:
    scores = settings().scores
    for name in MANIFEST:
        for _, sym in _scan(name):
            assert sym.name in scores, f"{sym.name} has no entry in defaults.toml [scores]"
            assert sym.score == scores[sym.name]
