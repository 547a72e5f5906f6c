"""`ie-cli webhooks`: signed JSON POSTs on events for billing or ticketing systems (beyond Imunify's CLI)."""

from __future__ import annotations

import re
from typing import Any

from cli import arguments as arg
from cli.api_client import segment
from cli.arguments import Group, UsageError, command
from cli.tables import local_time, print_json, table

HEADERS = ("ID", "URL", "Events", "Enabled", "Delivered", "Failed", "Last delivery")


def last(hook: dict[str, Any]) -> str:
    """`200 at 2026-01-02 10:00:00`, the network error, or `-` before the first attempt."""
    d = hook.get("last_delivery") or None
    if not d:
        return "-"
    what = str(d.get("status") or "") if d.get("ok") else (d.get("error") or str(d.get("status")))
    return f"{what} at {local_time(d.get('time'))}"


def webhook_row(hook: dict[str, Any]) -> list[Any]:
    """One webhook as a table row."""
    return [hook.get("id", ""), hook.get("url", ""), ",".join(hook.get("events") or []) or "all",
            "yes" if hook.get("enabled") else "no", int(hook.get("delivered") or 0), int(hook.get("failed") or 0),
            last(hook)]


def event_list(value: str | None) -> list[str] | None:
    """`email.quarantined,limit.reached` as a list (the API says which names exist); `all` is []; None if not given."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError("--events: give event names separated by commas")
    names = [e for e in re.split(r"[,\s]+", value.strip()) if e]
    return [] if [n.lower() for n in names] == ["all"] else names


class Webhooks(Group):
    """webhooks: signed JSON POSTs on quarantined, released, deleted, limit reached, account blocked (root)"""

    @command()
    def list(self, *, json: bool | str = False) -> None:
        """list the webhooks and how their last delivery went (secrets are never shown again)

        Args:
            json: output in json format.
        """
        as_json = arg.switch(json, "--json")
        page = self._connect().call("GET", "/webhooks")
        if as_json:
            print_json(page)
            return
        print(table(HEADERS, [webhook_row(dict(h)) for h in page.get("items") or []]))

    @command(short={"u": "url", "e": "events"})
    def add(self, *, url: str | None = None, events: str | None = None, json: bool | str = False) -> None:
        """add a webhook; prints its signing secret, which is shown only this once

        Args:
            url: the http:// or https:// receiver.
            events: event names separated by commas (default: all): email.quarantined, email.released,
                email.deleted, limit.reached, account.blocked, account.unblocked, sender.contained,
                sender.uncontained.
            json: output in json format.
        """
        body: dict[str, Any] = {"url": arg.text(url, "--url", required=True)}
        wanted = event_list(events)
        if wanted is not None:
            body["events"] = wanted
        as_json = arg.switch(json, "--json")
        hook = self._connect().call("POST", "/webhooks", body=body)
        if as_json:
            print_json(hook)
            return
        print(table(HEADERS, [webhook_row(dict(hook))]))
        print(f"\nSecret: {hook.get('secret', '')}\n(keep it: it signs X-Mailward-Signature and is not shown again)")

    @command(short={"u": "url", "e": "events"})
    def edit(self, *, id: str | None = None, url: str | None = None, events: str | None = None,
             json: bool | str = False) -> None:
        """change a webhook's receiver and/or its events (its secret stays)

        Args:
            id: the webhook's id (see `ie-cli webhooks list`).
            url: the new http:// or https:// receiver (checked as when adding).
            events: the new event names separated by commas, or `all`: email.quarantined, email.released,
                email.deleted, limit.reached, account.blocked, account.unblocked, sender.contained,
                sender.uncontained.
            json: output in json format.
        """
        hook_id = arg.name(id, "--id", required=True) or ""
        body: dict[str, Any] = {}
        new_url = arg.text(url, "--url")
        if new_url is not None:
            body["url"] = new_url.strip()
        wanted = event_list(events)
        if wanted is not None:
            body["events"] = wanted
        if not body:
            raise UsageError("give --url and/or --events to change (see ie-cli webhooks edit --help)")
        as_json = arg.switch(json, "--json")
        hook = self._connect().call("PATCH", f"/webhooks/{segment(hook_id)}", body=body)
        if as_json:
            print_json(hook)
        else:
            print(table(HEADERS, [webhook_row(dict(hook))]))

    @command()
    def remove(self, *, id: str | None = None, json: bool | str = False) -> None:
        """remove a webhook

        Args:
            id: the webhook's id (see `ie-cli webhooks list`).
            json: output in json format.
        """
        hook_id = arg.name(id, "--id", required=True) or ""
        as_json = arg.switch(json, "--json")
        self._connect().call("DELETE", f"/webhooks/{segment(hook_id)}")
        if as_json:
            print_json({"success": True, "id": hook_id})
        else:
            print("OK")

    @command()
    def enable(self, *, id: str | None = None, json: bool | str = False) -> None:
        """turn a webhook on

        Args:
            id: the webhook's id.
            json: output in json format.
        """
        self._toggle(id, True, json)

    @command()
    def disable(self, *, id: str | None = None, json: bool | str = False) -> None:
        """turn a webhook off (events meanwhile are not sent to it later)

        Args:
            id: the webhook's id.
            json: output in json format.
        """
        self._toggle(id, False, json)

    @command()
    def test(self, *, id: str | None = None, json: bool | str = False) -> None:
        """queue a `ping` event for one webhook (see its last delivery with `ie-cli webhooks list`)

        Args:
            id: the webhook's id.
            json: output in json format.
        """
        hook_id = arg.name(id, "--id", required=True) or ""
        as_json = arg.switch(json, "--json")
        answer = self._connect().call("POST", f"/webhooks/{segment(hook_id)}/test")
        if as_json:
            print_json(answer)
        else:
            print(f"ping queued as event {answer.get('event_id', '')}")

    def _toggle(self, hook_id: str | None, on: bool, json: bool | str) -> None:
        wanted = arg.name(hook_id, "--id", required=True) or ""
        as_json = arg.switch(json, "--json")
        hook = self._connect().call("PATCH", f"/webhooks/{segment(wanted)}", body={"enabled": on})
        if as_json:
            print_json(hook)
        else:
            print(table(HEADERS, [webhook_row(dict(hook))]))
