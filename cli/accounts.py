"""`ie-cli accounts`: list accounts in the quarantine, edit their limits and state, purge their emails."""

from __future__ import annotations

from typing import Any

from cli import arguments as arg
from cli.api_client import segment
from cli.arguments import Group, UsageError, command
from cli.bulk import purge
from cli.tables import print_json, table

HEADERS = ("Name", "LimitBytes", "UsedBytes", "State", "ReleasesLimit (hourly)")
#: Imunify's keys, plus releases_limit (the column its later documentation shows).
KEYS = ("name", "limit_bytes", "used_bytes", "state", "releases_limit")
STATES = ("active", "block")
PAGE = 100
ACCOUNT_FLAGS = {"short": {"a": "account"}, "synonyms": {"name": "account"}}


def imunify_account(a: dict[str, Any]) -> dict[str, Any]:
    """An Account cut down to the keys ie-cli prints."""
    return {k: a.get(k) for k in KEYS}


def account_table(accounts: list[dict[str, Any]]) -> str:
    """The accounts table."""
    return table(HEADERS, [[a.get(k, "") for k in KEYS] for a in accounts])


class Accounts(Group):
    """interaction with accounts in the quarantine"""

    @command(**ACCOUNT_FLAGS)
    def list(self, *, account: str | None = None, json: bool | str = False) -> None:
        """list the accounts in the quarantine with their limits and usage

        Args:
            account: show only this account.
            json: output in json format.
        """
        query: dict[str, Any] = {"name": arg.name(account, "--account"), "limit": PAGE}
        as_json = arg.switch(json, "--json")
        client = self._connect()
        items: list[dict[str, Any]] = []
        max_count = 0
        while True:  # the API pages; the command shows every account, like Imunify's
            page = client.call("GET", "/accounts", query={**query, "offset": len(items)})
            batch = [dict(a) for a in page.get("items") or []]
            items += batch
            max_count = int(page.get("max_count") or 0)
            if not batch or len(items) >= max_count:
                break
        if as_json:
            print_json({"items": [imunify_account(a) for a in items], "max_count": max_count})
        else:
            print(account_table(items) + f"\n\nMax Count {max_count}")

    @command(**ACCOUNT_FLAGS)
    def edit(self, *, account: str | None = None, state: str | None = None, limit: int | str | None = None,
             releases_limit: int | str | None = None, incoming: bool | str | None = None,
             json: bool | str = False) -> None:
        """change an account's quarantine size limit, state, hourly releases limit or incoming scan (root only)

        Args:
            account: the account to change.
            state: active, or block (the account's outgoing mail is rejected).
            limit: the quarantine size limit in bytes; -1 restores the default.
            releases_limit: how many emails the account may release per hour; -1 restores the default.
            incoming: on or off: scan the account's incoming mail (incoming filtration).
            json: output in json format.
        """
        name = arg.name(account, "--account", required=True) or ""
        change: dict[str, Any] = {}
        if state is not None:
            change["state"] = arg.choice(state, "--state", STATES)
        if limit is not None:
            change["limit_bytes"] = _limit(arg.whole(limit, "--limit", minimum=-1), "--limit")
        if releases_limit is not None:
            change["releases_limit"] = arg.whole(releases_limit, "--releases-limit", minimum=-1)
        if incoming is not None:
            change["incoming"] = arg.switch(incoming, "--incoming")
        as_json = arg.switch(json, "--json")
        if not change:
            raise UsageError("nothing to change: give --state, --limit, --releases-limit and/or --incoming")
        updated = dict(self._connect().call("PATCH", f"/accounts/{segment(name)}", body=change))
        if as_json:
            print_json(imunify_account(updated))
        else:
            print(account_table([updated]))

    @command(**ACCOUNT_FLAGS)
    def remove(self, *, account: str | None = None, json: bool | str = False) -> None:
        """remove every email an account has in the quarantine

        Args:
            account: the account whose quarantine is emptied; root may give "root".
            json: output in json format ({"name", "removed", "remaining"}).
        """
        name = arg.name(account, "--account", required=True) or ""
        as_json = arg.switch(json, "--json")
        result = purge(self._connect(), name)
        if as_json:
            print_json(result)
        else:
            print("OK")


def _limit(value: int, flag: str) -> int:
    if value == 0:
        raise UsageError(f"{flag}: must be a positive number of bytes, or -1 for the default")
    return value
