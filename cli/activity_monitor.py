"""`ie-cli am stats|limit set|server-settings [set]`: the Activity Monitor and sender limits, in Imunify's formats."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cli import arguments as arg
from cli.api_client import ApiClient
from cli.arguments import Group, UsageError, command
from cli.tables import print_json

#: The reference prints its JSON with four spaces.
INDENT = 4
SO_TYPES = ("account", "domain", "sender_email", "script")
#: What `am contain` takes: an account is stopped with its state (`accounts edit --state block`) instead.
CONTAINABLE = ("domain", "sender_email", "script")
#: The reference's server settings, printed first (in its order); Mailward's own follow.
REFERENCE_SETTINGS = ("account", "domain", "limit_mode", "script", "sender_email")
LIMIT_MODES = (-1, 1, 2)


def settings_output(data: dict[str, Any]) -> dict[str, Any]:
    """The server settings with the reference's keys first."""
    return {**{k: data[k] for k in REFERENCE_SETTINGS if k in data}, **data}


class Limit(Group):
    """The limit value of sender object can be applied on particular domain, sender email and account"""

    @command()
    def set(self, *, id: str | None = None, limit: int | str = -1, so_type: str | None = None) -> None:
        """set limit for the sender object(s)

        Args:
            id: The id of sender object
            limit: The limit value, 0 means unlimited (default -1)
            so_type: supported values: [account domain sender_email script]
        """
        so_id = arg.name(id, "--id", required=True)
        value = arg.whole(limit, "--limit", minimum=-1)
        kind = arg.choice(arg.text(so_type, "--so-type", required=True), "--so-type", SO_TYPES)
        self._connect().call("POST", "/am/limit", body={"id": so_id, "limit": value, "so_type": kind})
        print("OK")


class ServerSettings(Group):
    """Operates by the server sender limit settings and allows to set default limit that is applied for all
    sender objects

    Without a command, prints the server settings in force.
    """

    default_command = "_show"

    @command()
    def _show(self) -> None:
        """print the server sender limit settings"""
        print_json(settings_output(self._connect().call("GET", "/am/server-settings")), indent=INDENT)

    @command(optional_bools=("dry_run",))
    def set(self, *, limit_mode: int | str = -1, account: int | str = -1, domain: int | str = -1,
            script: int | str = -1, sender_email: int | str = -1, daily_account: int | str = -1,
            daily_domain: int | str = -1, daily_script: int | str = -1, daily_sender_email: int | str = -1,
            dry_run: bool | str | None = None) -> None:
        """set the server sender limit settings (root only); -1 keeps a value as it is

        Args:
            limit_mode: limit mode: 1 - by sender (messages), 2 - by number of recipients (default -1)
            account: limit for any account, messages per hour; 0 - unlimited (default -1)
            domain: limit for any domain, messages per hour; 0 - unlimited (default -1)
            script: limit for any script, messages per hour; 0 - unlimited (default -1)
            sender_email: limit for any sender email, messages per hour; 0 - unlimited (default -1)
            daily_account: limit for any account, messages per 24 hours; 0 - none (default -1)
            daily_domain: limit for any domain, messages per 24 hours; 0 - none (default -1)
            daily_script: limit for any script, messages per 24 hours; 0 - none (default -1)
            daily_sender_email: limit for any sender email, messages per 24 hours; 0 - none (default -1)
            dry_run: true counts and reports what the limits would hold but holds nothing.
        """
        given = {"account": account, "domain": domain, "script": script, "sender_email": sender_email,
                 "daily_account": daily_account, "daily_domain": daily_domain, "daily_script": daily_script,
                 "daily_sender_email": daily_sender_email}
        change: dict[str, Any] = {}
        for key, value in given.items():
            number = arg.whole(value, "--" + key.replace("_", "-"), minimum=-1)
            if number != -1:
                change[key] = number
        mode = arg.whole(limit_mode, "--limit-mode")
        if mode not in LIMIT_MODES:
            raise UsageError(f"--limit-mode: expected 1 (by sender) or 2 (by number of recipients), got {mode}")
        if mode != -1:
            change["limit_mode"] = mode
        if dry_run is not None:
            change["dry_run"] = arg.switch(dry_run, "--dry-run")
        data = self._connect().call("PATCH", "/am/server-settings", body=change)
        print("New server settings is:")
        print_json(settings_output(data), indent=INDENT)


class ActivityMonitor(Group):
    """This subcommand interacts with the Activity Monitor to return statistics, get/set settings for
    the sender objects.

    Activity Monitor operates by the sender objects. Sender object is an object on behalf of which client sends
    email. It could be one of: "account", "domain", "script" or "sender_email"
    """

    def __init__(self, connect: Callable[[], ApiClient]) -> None:
        super().__init__(connect)
        self.limit = Limit(connect)
        self.server_settings = ServerSettings(connect)
        self.contained = Containment(connect)

    @command(switches=("wide",))
    def stats(self, *, account_name: str | None = None, domain: str | None = None, limit: int | str = 25,
              offset: int | str = 0, script_name: str | None = None, sender_email: str | None = None,
              since: str = "1h", wide: bool | str = False) -> None:
        """stats (statistics) returns the aggregated view of senders objects with various filters

        Args:
            account_name: Account name to filter
            domain: Domain to filter
            limit: How many results to return (pagination). The limit applied only for number of accounts in
                response (default 25)
            offset: From which offset results to return (pagination)
            script_name: Script name to filter
            sender_email: Sender email to filter
            since: show entries starting from [now - since] time, format: [DIGIT(s)][MODIFIER]; supported
                modifiers 's' - seconds, 'm' - minutes, 'h' - hours, 'd' - days, e.g. 1h, 2d; examples 100s, 5m,
                1h, 5d (default "1h")
            wide: also show Mailward's own keys for every sender object: "history", its sender-history baseline
                (established, clean, held, usual_per_hour, this_hour...), and "contained", its containment (`am
                contain`); null when it has none
        """
        query: dict[str, Any] = {
            "since": arg.duration(since, "--since"),
            "limit": arg.whole(limit, "--limit", minimum=0),
            "offset": arg.whole(offset, "--offset", minimum=0),
        }
        if arg.switch(wide, "--wide"):
            query["history"] = "true"
            query["contained"] = "true"
        for key, value in (("account_name", account_name), ("domain", domain), ("script_name", script_name),
                           ("sender_email", sender_email)):
            found = arg.text(value, "--" + key.replace("_", "-"))
            if found is not None:
                query[key] = found.strip()
        data = self._connect().call("GET", "/am/stats", query=query)
        # The reference's document is the accounts alone (the API adds the total for paging clients).
        print_json({"accounts": data.get("accounts") or []}, indent=INDENT)

    @command()
    def contain(self, *, id: str | None = None, so_type: str | None = None, account_name: str | None = None,
                name: str | None = None, action: str | None = None, note: str | None = None,
                json: bool | str = False) -> None:
        """contain a sender object: its mail is held (reason "contained") or refused, the rest of the account flows

        Name the object by --id (from `am stats`), or by --so-type, --account-name and --name (one that has not
        sent yet). Again on a contained object, changes its action.

        Args:
            id: The id of sender object
            so_type: supported values: [domain sender_email script]
            account_name: The account of the object (with --so-type and --name)
            name: The script (domain/path), sender email or domain (with --so-type and --account-name)
            action: hold (quarantine its mail, the default from the server's [containment] action) or reject (550)
            note: why, for the audit trail (at most 200 characters)
            json: print the containment as json
        """
        body = contain_body(id, so_type, account_name, name)
        if action is not None:
            body["action"] = arg.choice(arg.text(action, "--action"), "--action", ("hold", "reject"))
        if note is not None:
            body["note"] = arg.text(note, "--note")
        data = self._connect().call("POST", "/am/contain", body=body)
        if arg.switch(json, "--json"):
            print_json(data, indent=INDENT)
        else:
            print("OK")

    @command()
    def uncontain(self, *, id: str | None = None, json: bool | str = False) -> None:
        """lift a sender object's containment: its mail is scanned as any other again

        Args:
            id: The id of the contained sender object
            json: print the lifted containment as json
        """
        so_id = arg.name(id, "--id", required=True)
        data = self._connect().call("POST", "/am/uncontain", body={"id": so_id})
        if arg.switch(json, "--json"):
            print_json(data, indent=INDENT)
        else:
            print("OK")

    @command()
    def history(self, *, id: str | None = None) -> None:
        """history shows the sending history of a sender object: its usual hour and whether it is established

        An established sender (long clean history, no confirmed spam) gets the attenuating symbol
        SENDER_ESTABLISHED; a sudden change against its usual hour or recipients is a SENDER_* anomaly.

        Args:
            id: The id of sender object (from ie-cli am stats)
        """
        so_id = arg.name(id, "--id", required=True)
        print_json(self._connect().call("GET", "/am/history", query={"id": so_id}), indent=INDENT)


class Containment(Group):
    """Contain a sender object (a script, sender email or domain): its mail is held with reason "contained" (or
    refused) while the rest of the account's mail flows

    Without a command, lists the contained objects you may see.
    """

    default_command = "_list"

    @command()
    def _list(self, *, account_name: str | None = None) -> None:
        """list the contained sender objects (root: every account; a reseller: its accounts; an account: its own)

        Args:
            account_name: Account name to filter
        """
        query: dict[str, Any] = {"limit": 10000}
        found = arg.text(account_name, "--account-name")
        if found:
            query["account_name"] = found.strip()
        data = self._connect().call("GET", "/am/contained", query=query)
        print_json({"contained": data.get("items") or []}, indent=INDENT)


def contain_body(id: str | None, so_type: str | None, account_name: str | None, name: str | None) -> dict[str, Any]:
    """The object a contain names: --id, or --so-type with --account-name and --name."""
    so_id = arg.text(id, "--id")
    if so_id:
        if so_type is not None or name is not None:
            raise UsageError("--id names the object alone; or give --so-type, --account-name and --name instead")
        return {"id": so_id.strip()}
    kind = arg.choice(arg.text(so_type, "--so-type", required=True), "--so-type", CONTAINABLE)
    return {"so_type": kind, "account_name": arg.name(account_name, "--account-name", required=True),
            "name": arg.text(name, "--name", required=True)}
