"""ie-cli: Imunify Email-compatible command line for the quarantine, a pure HTTP client of Mailward's API.

Identity is the API's business: on the unix socket the API knows the caller's uid from the kernel, so the same
command shows root everything and a cPanel user only their own account.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as dist_version

import fire

from cli import arguments as arg
from cli import help_text
from cli.accounts import Accounts
from cli.activity_monitor import ActivityMonitor
from cli.api_client import ApiClient, Transport, transport_from_env
from cli.arguments import Group, UsageError, command, prepare
from cli.audit import Audit
from cli.emails import Emails
from cli.quarantine_defaults import QuarantineDefaults
from cli.stats import period_choice
from cli.stats import show as show_stats
from cli.tables import bool_word, clean, print_json, table
from cli.webhooks import Webhooks
from cli.whitelist import Whitelist
from core.errors import MailwardError

PROG = "ie-cli"
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class IeCli(Group):
    """Imunify Email quarantine CLI application (Mailward)

    Use --help to get the list of the available commands and help for a particular command, e.g.
    `ie-cli whitelist sender --help`. Almost every command prints JSON with --json.
    """

    def __init__(self, connect: Callable[[], ApiClient]) -> None:
        self._connect = connect
        self.emails = Emails(connect)
        self.accounts = Accounts(connect)
        self.whitelist = Whitelist(connect)
        self.quarantine_defaults = QuarantineDefaults(connect)
        self.audit = Audit(connect)
        self.am = ActivityMonitor(connect)
        self.webhooks = Webhooks(connect)

    @command(optional_bools=("allow_winexec",))
    def filter_settings(self, *, allow_winexec: bool | str | None = None, json: bool | str = False) -> None:
        """toggle the filter settings, without any parameters - returns the current settings

        Args:
            allow_winexec: true lets Windows executables through, false quarantines them (root only).
            json: output in json format.
        """
        change = {} if allow_winexec is None else {"allow_winexec": arg.switch(allow_winexec, "--allow-winexec")}
        as_json = arg.switch(json, "--json")
        client = self._connect()
        data = client.call("PATCH", "/filter-settings", body=change) if change else client.call(
            "GET", "/filter-settings")
        if as_json:
            print_json(data)
        else:
            print(table(("Setting", "Value"), [(k, bool_word(v)) for k, v in data.items()]))

    @command(short={"a": "account"})
    def stats(self, *, account: str | None = None, period: str = "7d", json: bool | str = False) -> None:
        """sent, held and incoming spam/ham mail per hour (24h) or per UTC day (7d, 30d), with totals

        Held counts every hold: spam, Windows executables, viruses, other reasons and rate limits.

        Args:
            account: an account name; root may give "root" for every account (default: your own scope).
            period: 24h (hourly rows), 7d or 30d (daily rows) (default 7d).
            json: output in json format (the API's /stats answer, top senders included).
        """
        wanted = arg.name(account, "--account")
        chosen = period_choice(period)
        as_json = arg.switch(json, "--json")
        show_stats(self._connect(), account=wanted, period=chosen, as_json=as_json)

    @command()
    def version(self, *, json: bool | str = False) -> None:
        """print the ImunifyEmail CLI version

        Args:
            json: output in json format.
        """
        as_json = arg.switch(json, "--json")
        try:
            found = dist_version("mailward")
        except PackageNotFoundError:
            found = "unknown"
        if as_json:
            print_json({"version": found})
        else:
            print(found)


def connector(transport: Transport | None = None) -> Callable[[], ApiClient]:
    """A function returning one ApiClient, made on first use (so `version` never needs the API)."""
    made: list[ApiClient] = []

    def connect() -> ApiClient:
        if not made:
            made.append(ApiClient(transport if transport is not None else transport_from_env()))
        return made[0]

    return connect


def _error(message: str) -> None:
    print(f"{PROG}: error: {clean(message)}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None, *, transport: Transport | None = None) -> int:
    """Run ie-cli on argv (default: sys.argv[1:]) and return the exit status: 0 ok, 1 failure, 2 bad usage."""
    args = list(sys.argv[1:] if argv is None else argv)
    # A subject in a script the terminal's charset cannot show must not crash the listing (JSON escapes instead).
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    root = IeCli(connector(transport))
    try:
        call = prepare(args, root, PROG)
        if call.help_for is not None:
            print(help_text.render(call.help_for, call.where))
        else:
            fire.Fire(root, command=call.args, name=PROG)
    except UsageError as exc:
        _error(exc.message)
        return EXIT_USAGE
    except MailwardError as exc:
        _error(exc.message)
        return EXIT_ERROR
    except fire.core.FireExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`ie-cli emails show --raw | head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
