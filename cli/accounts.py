"""`ie-cli accounts`: list accounts in the quarantine, edit their limits, state and digest, purge their emails."""

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
#: Mailward's own columns after the reference's: `list --wide`, or an `edit` that changes one of them. The
#: reference's table and --json keys stay exactly as they are otherwise (scripts parse them).
WIDE_HEADERS = ("Incoming", "Digest", "DigestAddress")
WIDE_KEYS = ("incoming", "digest", "digest_address")
STATES = ("active", "block")
DIGESTS = ("hourly", "daily", "weekly", "off", "default")
#: What `--digest-address` takes (besides an address) to go back to the account's cPanel contact address.
CONTACT_WORDS = ("", "default")
PAGE = 100
ACCOUNT_FLAGS = {"short": {"a": "account"}, "synonyms": {"name": "account"}}


def imunify_account(a: dict[str, Any], *, wide: bool = False) -> dict[str, Any]:
    """An Account cut down to the keys ie-cli prints (the reference's, and Mailward's own when wide)."""
    return {k: a.get(k) for k in (*KEYS, *WIDE_KEYS) if wide or k in KEYS}


def _cell(key: str, value: Any) -> Any:
    if key == "incoming" and isinstance(value, bool):
        return "on" if value else "off"
    if key == "digest_address" and value == "":
        return "(cPanel contact)"
    return "" if value is None else value


def account_table(accounts: list[dict[str, Any]], *, wide: bool = False) -> str:
    """The accounts table (with Mailward's own columns after the reference's when wide)."""
    headers, columns = (HEADERS + WIDE_HEADERS, KEYS + WIDE_KEYS) if wide else (HEADERS, KEYS)
    return table(headers, [[_cell(k, a.get(k, "")) for k in columns] for a in accounts])


class Accounts(Group):
    """interaction with accounts in the quarantine"""

    @command(**ACCOUNT_FLAGS, switches=("json", "wide"))
    def list(self, *, account: str | None = None, json: bool | str = False, wide: bool | str = False) -> None:
        """list the accounts in the quarantine with their limits and usage

        Args:
            account: show only this account.
            json: output in json format.
            wide: also show Mailward's own columns (in --json too): incoming scan, digest frequency, digest address.
        """
        query: dict[str, Any] = {"name": arg.name(account, "--account"), "limit": PAGE}
        as_json = arg.switch(json, "--json")
        as_wide = arg.switch(wide, "--wide")
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
            print_json({"items": [imunify_account(a, wide=as_wide) for a in items], "max_count": max_count})
        else:
            print(account_table(items, wide=as_wide) + f"\n\nMax Count {max_count}")

    @command(**ACCOUNT_FLAGS)
    def edit(self, *, account: str | None = None, state: str | None = None, limit: int | str | None = None,
             releases_limit: int | str | None = None, incoming: bool | str | None = None,
             digest: str | None = None, digest_address: str | None = None, json: bool | str = False) -> None:
        """change an account's limits, state, incoming scan (root only) or digest of held mail

        Args:
            account: the account to change.
            state: active, or block (the account's outgoing mail is rejected).
            limit: the quarantine size limit in bytes; -1 restores the default.
            releases_limit: how many emails the account may release per hour; -1 restores the default.
            incoming: on or off: scan the account's incoming mail (incoming filtration).
            digest: how often the digest of newly held mail is sent: hourly, daily, weekly, off, or default (the
                server's notifications.digest). An account may change its own.
            digest_address: where the digest goes: one email address, or default for the account's cPanel contact
                address. An account may change its own.
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
        if digest is not None:
            change["digest"] = arg.choice(digest, "--digest", DIGESTS)
        if digest_address is not None:
            change["digest_address"] = _digest_address(digest_address, "--digest-address")
        as_json = arg.switch(json, "--json")
        if not change:
            raise UsageError("nothing to change: give --state, --limit, --releases-limit, --incoming, --digest "
                             "and/or --digest-address")
        updated = dict(self._connect().call("PATCH", f"/accounts/{segment(name)}", body=change))
        wide = any(k in change for k in WIDE_KEYS)  # show what was changed, even beyond the reference's columns
        if as_json:
            print_json(imunify_account(updated, wide=wide))
        else:
            print(account_table([updated], wide=wide))

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


def _digest_address(value: str, flag: str) -> str:
    """The address as given (the API checks it), or "" (the cPanel contact address) for default or nothing."""
    text = str(value).strip()
    if text.lower() in CONTACT_WORDS:
        return ""
    if any(c.isspace() for c in text):
        raise UsageError(f"{flag}: one email address, without spaces, got {value!r}")
    return text


def _limit(value: int, flag: str) -> int:
    if value == 0:
        raise UsageError(f"{flag}: must be a positive number of bytes, or -1 for the default")
    return value
