"""The `mailward` command: run the service, inspect settings, rebuild the quarantine index."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from importlib.metadata import version as pkg_version

import fire

from core.errors import MailwardError
from core.settings import load_settings
from workers.logging_setup import setup_logging


def _settings(state_dir: str | None, config: str | None):
    import os

    env = dict(os.environ)
    if state_dir:
        env["MAILWARD_STATE_DIR"] = str(state_dir)
    return load_settings(config, environ=env)


class MailwardCommand:
    """Mailward: outbound mail filter for Exim. Subcommands: serve, config, reindex, version."""

    def serve(self, state_dir: str | None = None, config: str | None = None) -> None:
        """Run the scan gateway, the Dramatiq workers and the API in the foreground until SIGTERM/SIGINT.

        Args:
          state_dir: where spool, quarantine, private Redis and sockets live (default: state_dir setting).
          config: a TOML settings file (default: $MAILWARD_CONFIG); MAILWARD_* variables override it.
        """
        from workers.service import Service

        settings = _settings(state_dir, config)
        setup_logging(settings.log_level, "serve")
        sys.exit(Service(settings, config).run())

    def config(self, state_dir: str | None = None, config: str | None = None) -> None:
        """Print the effective settings (after defaults, file and environment) as JSON."""
        s = _settings(state_dir, config)
        print(json.dumps(asdict(s), indent=2, default=str))

    def reindex(self, state_dir: str | None = None, config: str | None = None) -> None:
        """Rebuild the quarantine's Redis index from the files on disk, showing progress."""
        from core.store_quarantine import QuarantineStore
        from core.store_redis import connect

        s = _settings(state_dir, config)
        store = QuarantineStore(s.quarantine_dir, connect(s), default_limit_bytes=s.quarantine_limit_bytes,
                                default_releases_limit=s.releases_limit)
        n = store.rebuild_index(progress=lambda k: print(f"\rindexed {k} messages", end="", file=sys.stderr))
        print(file=sys.stderr)
        print(f"OK: {n} messages indexed")

    def version(self) -> None:
        """Print Mailward's version."""
        print(pkg_version("mailward"))


def main() -> None:
    """Console entry point."""
    try:
        fire.Fire(MailwardCommand, name="mailward")
    except MailwardError as exc:
        print(f"mailward: error: {exc.message}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
