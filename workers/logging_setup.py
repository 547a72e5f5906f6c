"""Log format shared by every Mailward process: one line per event, process role in each line."""

from __future__ import annotations

import logging
import sys


def setup_logging(level: str, role: str) -> None:
    """Configure the root logger to stderr with the process role in each line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"%(asctime)s {role} %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("dramatiq").setLevel(max(logging.WARNING, root.level))
