"""Helpers shared by the parser and check tests: default settings, a scan context, fixture loading."""

from __future__ import annotations

import time
from pathlib import Path

from core.detection.checks import ALL_CHECKS
from core.detection.checks.base import Check, ScanContext
from core.mail.mime import ParsedMessage, parse_message
from core.models import Envelope, Sender, Symbol
from core.settings import Settings, load_settings

EML_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "eml"


def settings(**overrides: object) -> Settings:
    """Built-in defaults only: no admin file, no MAILWARD_* variables."""
    return load_settings(environ={}, overrides=dict(overrides) or None)


def context(st: Settings | None = None, *, budget_s: float = 60.0) -> ScanContext:
    """A scan context with a generous deadline (tests assert behaviour, never timing)."""
    return ScanContext(settings=st or settings(), envelope=Envelope(), sender=Sender(),
                       deadline=time.monotonic() + budget_s)


def fixture_bytes(name: str) -> bytes:
    return (EML_DIR / name).read_bytes()


def parse_fixture(name: str, st: Settings | None = None) -> ParsedMessage:
    return parse_message(fixture_bytes(name), (st or settings()).scan)


def run_checks(msg: ParsedMessage, ctx: ScanContext, checks: tuple[Check, ...] = ALL_CHECKS) -> list[Symbol]:
    return [sym for check in checks for sym in check.run(msg, ctx)]


def names(symbols: list[Symbol]) -> set[str]:
    return {s.name for s in symbols}
