"""ie-cli: Imunify Email-compatible command line for the quarantine, a client of Mailward's API.

This first version has only `version`; the quarantine, accounts, whitelist and Activity Monitor commands come
with the API (issue 4).
"""

from __future__ import annotations

from importlib.metadata import version as pkg_version

import fire


class IeCli:
    """Imunify Email quarantine CLI application (Mailward)."""

    def version(self) -> None:
        """Print the ImunifyEmail CLI version."""
        print(pkg_version("mailward"))


def main() -> None:
    """Console entry point."""
    fire.Fire(IeCli, name="ie-cli")
