"""Fixtures for functional tests that drive real services (a private Exim here)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from workers.exim_lab import EximLab, missing_requirements

#: Set to 1 to keep a failed test's lab directory (config, logs, maildir) for a post-mortem.
KEEP_ENV = "MAILWARD_KEEP_EXIMLAB"

requires_exim = pytest.mark.skipif(bool(missing_requirements()), reason=missing_requirements() or "ok")


def lab_dir(prefix: str = "mailward-eximlab-") -> str:
    """A fresh directory under /tmp that Debian-exim can traverse (pytest's tmp_path is root-only)."""
    path = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
    os.chmod(path, 0o755)
    return path


@pytest.fixture
def exim_lab(request: pytest.FixtureRequest) -> Iterator[Callable[..., EximLab]]:
    """Factory: exim_lab(scan_address, fail_mode, start=True, **EximLab options) -> a running EximLab.

    Defaults can come from indirect parametrization: @pytest.mark.parametrize("exim_lab",
    [{"fail_mode": "closed"}], indirect=True). Every lab is stopped and removed at teardown.
    """
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    defaults: dict[str, Any] = dict(getattr(request, "param", None) or {})
    labs: list[EximLab] = []

    def make(scan_address: str | None = None, fail_mode: str | None = None, *, start: bool = True,
             **options: Any) -> EximLab:
        opts = {**defaults, **options}
        addr = scan_address or opts.pop("scan_address", "127.0.0.1:11333")
        mode = fail_mode or opts.pop("fail_mode", "open")
        opts.pop("scan_address", None)
        opts.pop("fail_mode", None)
        lab = EximLab(lab_dir(), addr, mode, **opts)
        labs.append(lab)
        if start:
            lab.start()
        return lab

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for lab in labs:
        lab.stop()
        if failed and os.environ.get(KEEP_ENV) == "1":
            continue
        shutil.rmtree(lab.base, ignore_errors=True)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember each phase's report on the item so fixtures can tell whether the test failed."""
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep
