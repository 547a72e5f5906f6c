"""Helpers for the plugin browser tests: headless Chromium through Playwright, a fake sendmail, screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = os.environ.get("MAILWARD_CHROMIUM", "/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]


def browser_requirements() -> str:
    """Why the browser tests cannot run here ("" when they can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing (apt-get install chromium, or scripts/bootstrap --test)"
    if shutil.which("setpriv") is None:
        return "setpriv is not installed"
    return ""


def artifacts_dir(kind: str = "screenshots") -> Path:
    """Where screenshots go: $MW_TEST_ARTIFACTS/<kind>, else test-artifacts/<kind> in the repo (git-ignored).

    Not a MAILWARD_* name: the settings loader refuses unknown MAILWARD_* variables (typo protection), so a
    variable of that prefix broke every test that starts serve."""
    base = Path(os.environ.get("MW_TEST_ARTIFACTS") or REPO / "test-artifacts")
    path = base / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def fake_sendmail(base: Path) -> tuple[Path, Path]:
    """A sendmail stand-in that stores each re-injected message as a file; returns (script, outbox)."""
    outbox = base / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    os.chmod(outbox, 0o777)
    script = base / "sendmail"
    script.write_text(f'#!/bin/sh\nf="$(mktemp "{outbox}/msg.XXXXXX")"\n{{ echo "X-Argv: $*"; cat; }} > "$f"\n')
    os.chmod(script, 0o755)
    return script, outbox
