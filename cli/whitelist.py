"""`ie-cli whitelist authuser|sender|recipient add|list|remove`: the whitelists, in Imunify's output format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cli import arguments as arg
from cli.api_client import ApiClient
from cli.arguments import Group, command
from cli.tables import clean, print_json

#: Values per request (the API takes at most 1000).
CHUNK = 1000
NO_DATA = "No available data"


class WhitelistKind(Group):
    """One whitelist (the subclasses say which)."""

    kind = ""

    @command()
    def list(self, *, json: bool | str = False) -> None:
        """list the whitelisted email addresses and domains

        Args:
            json: output in json format.
        """
        as_json = arg.switch(json, "--json")
        data = self._connect().call("GET", f"/whitelist/{self.kind}")
        emails, domains = list(data.get("emails") or []), list(data.get("domains") or [])
        if as_json:
            print_json({"success": True, "emails": emails, "domains": domains})
            return
        lines = ["EMAILS", *([clean(e) for e in emails] or [NO_DATA]), "", "DOMAINS",
                 *([clean(d) for d in domains] or [NO_DATA])]
        print("\n".join(lines))

    @command()
    def add(self, *values: str, json: bool | str = False) -> None:
        """add email addresses and/or domains to the whitelist

        Args:
            values: email addresses and domain names, separated by spaces.
            json: output in json format.
        """
        self._change("add", values, json)

    @command()
    def remove(self, *values: str, json: bool | str = False) -> None:
        """remove email addresses and/or domains from the whitelist

        Args:
            values: email addresses and domain names, separated by spaces.
            json: output in json format.
        """
        self._change("remove", values, json)

    def _change(self, action: str, values: tuple[str, ...], json: bool | str) -> None:
        wanted = arg.words(values, "email address or domain")
        as_json = arg.switch(json, "--json")
        path = f"/whitelist/{self.kind}" + ("" if action == "add" else "/remove")
        entries: list[dict[str, Any]] = []
        client = self._connect()
        for i in range(0, len(wanted), CHUNK):
            answer = client.call("POST", path, body={"values": wanted[i:i + CHUNK]})
            entries += list(answer.get("entries") or [])
        if as_json:
            print_json({"success": True, "entries": entries})
            return
        title = "Adding {}(s) to the whitelist:" if action == "add" else "Removing {}(s) from the whitelist:"
        lines = [title.format(self.kind)]
        lines += [f"{n}. {clean(e.get('type', '')).ljust(10)}{clean(e.get('value', ''))}"
                  for n, e in enumerate(entries, 1)]
        print("\n".join([*lines, "OK"]))


class AuthUsers(WhitelistKind):
    """operation with the whitelist of the authenticated users (email addresses)"""

    kind = "authuser"


class Senders(WhitelistKind):
    """operation with the whitelist of senders (email addresses and domains)"""

    kind = "sender"


class Recipients(WhitelistKind):
    """operation with the whitelist of recipients (email addresses and domains)"""

    kind = "recipient"


class Whitelist(Group):
    """interaction with the whitelist of authenticated users, senders and recipients

    List/Add/Delete authenticated users, senders and recipients to/from whitelist. An authenticated user can
    only be an email address; a sender or recipient is a domain or an email address.
    """

    def __init__(self, connect: Callable[[], ApiClient]) -> None:
        self.authuser = AuthUsers(connect)
        self.sender = Senders(connect)
        self.recipient = Recipients(connect)
