"""`ie-cli quarantine-defaults list|set`: the default quarantine size and hourly releases limit of accounts."""

from __future__ import annotations

from typing import Any

from cli import arguments as arg
from cli.arguments import Group, UsageError, command
from cli.tables import print_json, table

MB = 1048576
KEYS = ("limit_bytes", "releases_limit")


def defaults_output(data: dict[str, Any], as_json: bool) -> None:
    """Print the defaults as Imunify does: a Setting/IntValue table, or a JSON object."""
    if as_json:
        print_json({k: data.get(k) for k in KEYS})
    else:
        print(table(("Setting", "IntValue"), [(k, data.get(k, "")) for k in KEYS]))


class QuarantineDefaults(Group):
    """interaction with default settings in the Quarantine"""

    @command()
    def list(self, *, json: bool | str = False) -> None:
        """show the default storage limit and hourly releases limit of accounts

        Args:
            json: output in json format.
        """
        as_json = arg.switch(json, "--json")
        defaults_output(self._connect().call("GET", "/quarantine-defaults"), as_json)

    @command(short={"r": "releases_limit", "s": "storage_capacity"})
    def set(self, *, releases_limit: int | str | None = None, storage_capacity: int | str | None = None,
            json: bool | str = False) -> None:
        """set default settings for accounts (root only); use -1 to restore the common default value

        Args:
            releases_limit: limit for releases per hour for non-root users.
            storage_capacity: limit in MB for the storage in the Quarantine for an account.
            json: output in json format.
        """
        change: dict[str, Any] = {}
        if releases_limit is not None:
            change["releases_limit"] = arg.whole(releases_limit, "--releases-limit", minimum=-1)
        if storage_capacity is not None:
            mb = arg.whole(storage_capacity, "--storage-capacity", minimum=-1)
            if mb == 0:
                raise UsageError("--storage-capacity: must be a positive number of MB, or -1 for the default")
            change["limit_bytes"] = -1 if mb == -1 else mb * MB
        as_json = arg.switch(json, "--json")
        if not change:
            raise UsageError("nothing to set: give --releases-limit and/or --storage-capacity")
        defaults_output(self._connect().call("PATCH", "/quarantine-defaults", body=change), as_json)
