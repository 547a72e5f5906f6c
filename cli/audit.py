"""`ie-cli audit list`: who changed what in the quarantine, through which interface (beyond Imunify's CLI)."""

from __future__ import annotations

from typing import Any

from cli import arguments as arg
from cli.arguments import Group, command
from cli.tables import local_time, print_json, table

HEADERS = ("Time", "Actor", "Via", "Action", "Account", "Target", "Result")


def actor(entry: dict[str, Any]) -> str:
    """`root (uid 0)`, `alice (token ci)`: the account acting and how it proved who it is."""
    who = entry.get("actor") or {}
    if who.get("uid") is not None:
        proof = f"uid {who['uid']}"
    elif who.get("token"):
        proof = f"token {who['token']}"
    else:
        proof = ""
    name = str(who.get("account") or who.get("role") or "?")
    return f"{name} ({proof})" if proof else name


def via(entry: dict[str, Any]) -> str:
    """`unix/ie-cli`: the transport and the interface the client named."""
    return "/".join(str(p) for p in (entry.get("via"), entry.get("interface")) if p)


def audit_row(entry: dict[str, Any]) -> list[Any]:
    """One audit entry as a table row."""
    return [local_time(entry.get("time")), actor(entry), via(entry), entry.get("action", ""),
            entry.get("account") or "", entry.get("target") or "", entry.get("result", "")]


class Audit(Group):
    """the audit trail: who released, removed or changed what, and through which interface"""

    @command(short={"a": "account", "s": "since", "l": "limit"})
    def list(self, *, account: str | None = None, action: str | None = None, since: str | None = None,
             limit: int | str = 50, offset: int | str = 0, json: bool | str = False) -> None:
        """list audit entries, newest first (an account sees the entries about itself)

        Args:
            account: only entries about this account.
            action: only entries of this action (e.g. release, remove, account_edit).
            since: only entries from [now - since], e.g. 100s, 5m, 1h, 5d.
            limit: the maximum count of entries to return (default 50).
            offset: skip this many of the newest entries, for paging (default 0).
            json: output in json format (the API's entries as they are).
        """
        query = {
            "account": arg.name(account, "--account"),
            "action": arg.name(action, "--action"),
            "since": None if since is None else arg.duration(since, "--since"),
            "limit": arg.whole(limit, "--limit", minimum=1),
            "offset": arg.whole(offset, "--offset", minimum=0),
        }
        as_json = arg.switch(json, "--json")
        page = self._connect().call("GET", "/audit", query=query)
        if as_json:
            print_json(page)
            return
        rows = [audit_row(dict(e)) for e in page.get("items") or []]
        print(table(HEADERS, rows) + f"\n\nMax Count {int(page.get('max_count') or 0)}")
