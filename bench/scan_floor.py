"""Floors of the scan path for bench.compare (measuring only): a Mailward whose workers skip part of the scan, to
show what the rest of the path costs by itself.

- "checks": the workers run the whole scan path (parse, sender attribution, claim, commit with limits and sender
  history, the verdict's log line, the result through Redis) but no check: every message is accepted.
- "scan": the workers answer "no action" without touching the message: what the gateway, Dramatiq and Redis cost
  alone (the gateway's claim is left open; serve's sweep takes it).

Set by a `sitecustomize` module in a directory put first on the serve process tree's PYTHONPATH (the tree's
processes import it at start), so no product code carries a bench switch. Never for a real server: it accepts
every message unscanned.
"""

from __future__ import annotations

import os
from pathlib import Path

FLOORS = ("checks", "scan")

_SITECUSTOMIZE = '''"""bench.scan_floor ({floor!r}): measuring only (bench.compare --floor); never on a server."""
import sys

if "workers.worker_process" in " ".join(sys.orig_argv):
    from core.models import Action, Verdict
    from core.scan.pipeline import Pipeline
    from core.scan.scanner import Scanner

    if {floor!r} == "checks":
        def _no_checks(self, *args, **kwargs):
            return [], [], False

        Pipeline._run_checks = _no_checks
    else:
        def _no_scan(self, *args, **kwargs):
            return Verdict(Action.ACCEPT)

        Scanner.scan_spooled = _no_scan
'''


def floor_env(work: Path, floor: str, root: Path) -> dict[str, str]:
    """The environment of a serve whose workers run `floor` (see the module's docstring): a PYTHONPATH with the
    floor's sitecustomize first, then `root` (the tree being measured), then what was there."""
    if floor not in FLOORS:
        raise ValueError(f"unknown floor {floor!r} (one of {', '.join(FLOORS)})")
    site = work / f"floor-{floor}"
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(_SITECUSTOMIZE.format(floor=floor))
    path = [str(site), str(root)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {"PYTHONPATH": os.pathsep.join(path)}
