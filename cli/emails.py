"""`ie-cli emails`: list, show, release, remove and export quarantined emails."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from cli import arguments as arg
from cli.api_client import segment
from cli.arguments import Group, UsageError, command
from cli.bulk import PAST, PartialFailure, bulk, failures
from cli.export import FORMATS, export
from cli.tables import email_detail, email_list, message_body, print_json, say, table

#: The keys of `emails list --json` items in Imunify Email; scripts written for it expect exactly these.
LIST_KEYS = ("email_id", "size_bytes", "account_name", "recipients", "subject")
SCRIPT_HEADER_KEYS = ("raw", "domain", "path")
DIRECTIONS = ("outgoing", "incoming")
REASONS = ("spam", "winexec", "ratelimit", "virus")
#: Who may release a hold (the release policy): the account itself or the server administrator only.
RELEASERS = ("account", "reseller", "admin", "default")


def imunify_item(e: dict[str, Any]) -> dict[str, Any]:
    """An EmailSummary cut down to the keys Imunify's `emails list --json` has."""
    item = {k: e.get(k) for k in LIST_KEYS}
    header = e.get("script_header") or {}
    item["script_header"] = {k: header.get(k, "") for k in SCRIPT_HEADER_KEYS}
    return item


class Emails(Group):
    """interaction with emails in the quarantine"""

    @command(short={"a": "account", "l": "limit", "s": "since"})
    def list(self, *, account: str | None = None, limit: int | str = 25, since: str = "30d",
             offset: int | str = 0, direction: str | None = None, reason: str | None = None,
             sender: str | None = None, recipient: str | None = None, subject: str | None = None,
             json: bool | str = False) -> None:
        """list emails in the quarantine, order by quarantined date descending

        Args:
            account: an account name; for root, "root" means every account (default: your own scope).
            limit: the maximum count of items to return (default 25, at most 1000).
            since: show entries starting from [now - since] time, format [DIGIT(s)][MODIFIER] with the
                modifiers s (seconds), m (minutes), h (hours), d (days), e.g. 100s, 5m, 1h, 5d (default 30d).
            offset: skip this many of the newest matches, for paging (default 0).
            direction: only outgoing or incoming mail.
            reason: only mail quarantined for spam, winexec, ratelimit or virus.
            sender: only mail from this sender address.
            recipient: only mail to this recipient address.
            subject: only mail whose subject contains this text (case-insensitive).
            json: output in json format.
        """
        query = {
            "account": arg.name(account, "--account"),
            "limit": arg.whole(limit, "--limit", minimum=1),
            "since": arg.duration(since, "--since"),
            "offset": arg.whole(offset, "--offset", minimum=0),
            "direction": arg.choice(direction, "--direction", DIRECTIONS),
            "reason": arg.choice(reason, "--reason", REASONS),
            "sender": arg.text(sender, "--sender"),
            "recipient": arg.text(recipient, "--recipient"),
            "subject": arg.text(subject, "--subject"),
        }
        as_json = arg.switch(json, "--json")
        page = self._connect().call("GET", "/emails", query=query)
        items = [dict(e) for e in page.get("items") or []]
        max_count = int(page.get("max_count") or 0)
        if as_json:
            print_json({"items": [imunify_item(e) for e in items], "max_count": max_count})
        else:
            print(email_list(items, max_count))

    @command(short={"a": "account"}, switches=("json", "raw", "text"))
    def show(self, *, id: str | None = None, account: str | None = None, json: bool | str = False,
             raw: bool | str = False, text: bool | str = False) -> None:
        """show one quarantined email: its summary, headers (with the verdict) and its body in base64, as Imunify

        Args:
            id: the email's id (from `ie-cli emails list`).
            account: the account the email is held for; root may give "root".
            json: output in json format.
            raw: write the message exactly as it was received (RFC 822 bytes) to stdout.
            text: the readable form instead: headers in message order and the body decoded to text.
        """
        email_id = arg.name(id, "--id", required=True) or ""
        query = {"account": arg.name(account, "--account")}
        as_json, as_raw, as_text = arg.switch(json, "--json"), arg.switch(raw, "--raw"), arg.switch(text, "--text")
        if sum((as_json, as_raw, as_text)) > 1:
            raise UsageError("--json, --raw and --text exclude each other")
        client = self._connect()
        if as_raw:
            data = client.raw(f"/emails/{segment(email_id)}/raw", query=query)
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        detail = client.call("GET", f"/emails/{segment(email_id)}", query=query)
        if as_json:
            print_json(detail)
        elif as_text:
            print(email_detail(detail))
        else:
            body = message_body(client.raw(f"/emails/{segment(email_id)}/raw", query=query))
            print(email_detail(detail, raw_body=body))

    @command(short={"a": "account"})
    def release(self, *, ids: str | None = None, account: str | None = None, json: bool | str = False) -> None:
        """release emails from the quarantine: deliver them to their original recipients

        Args:
            ids: email ids separated by commas: ID1,ID2,...
            account: the account the emails are held for; root may give "root".
            json: output in json format (the merged per-email results).
        """
        self._bulk("release", ids, account, json)

    @command(short={"a": "account"})
    def remove(self, *, ids: str | None = None, account: str | None = None, json: bool | str = False) -> None:
        """remove emails from the quarantine for good

        Args:
            ids: email ids separated by commas: ID1,ID2,...
            account: the account the emails are held for; root may give "root".
            json: output in json format (the merged per-email results).
        """
        self._bulk("remove", ids, account, json)

    @command(short={"a": "account"}, switches=("json", "spam", "ham"))
    def learn(self, *, ids: str | None = None, spam: bool | str = False, ham: bool | str = False,
              account: str | None = None, json: bool | str = False) -> None:
        """teach the spam filter (classifier and campaign fingerprints) what held emails are (root only)

        Args:
            ids: email ids separated by commas: ID1,ID2,...
            spam: the emails are spam: the classifier learns them and the same campaign is held from any account.
            ham: the emails are legitimate: the classifier learns them as ham.
            account: the account the emails are held for; root may give "root".
            json: output in json format (the merged per-email results).
        """
        is_spam, is_ham = arg.switch(spam, "--spam"), arg.switch(ham, "--ham")
        if is_spam == is_ham:
            raise UsageError("give exactly one of --spam or --ham")
        self._bulk("learn", ids, account, json, extra={"spam": is_spam})

    @command(short={"a": "account"})
    def release_policy(self, *, set: str | None = None, account: str | None = None,
                       json: bool | str = False) -> None:
        """show or change who may release held emails, per hold reason (the server's: root only; one account's:
        root, or the account's reseller when root allows it, never looser than the server's)

        Args:
            set: REASON=WHO pairs separated by commas, WHO being account (the account itself), reseller (the
                account's reseller, or root), admin (root only) or default (the settings file's value), e.g.
                ratelimit=admin,spam=account; reasons: spam, winexec, virus, ratelimit, contained, and incoming for
                every incoming hold.
            account: the account whose own policy to show or change (default: the server's policy)
            json: output in json format.
        """
        change: dict[str, str] = {}
        for pair in (arg.text(set, "--set") or "").split(","):
            if not pair.strip():
                continue
            reason, eq, who = (x.strip() for x in pair.partition("="))
            if not eq or not reason or who not in RELEASERS:
                raise UsageError(f"--set: {pair.strip()!r} must be REASON=account, REASON=reseller, REASON=admin or "
                                 "REASON=default")
            change[reason] = who
        if set is not None and not change:
            raise UsageError("--set: give at least one REASON=WHO pair")
        as_json = arg.switch(json, "--json")
        client = self._connect()
        name = arg.name(account, "--account")
        if name:
            path = f"/accounts/{name}/release-policy"
            data = client.call("PATCH", path, body={"release_by": change}) if change else client.call("GET", path)
        else:
            data = client.call("PATCH", "/quarantine-defaults", body={"release_by": change}) if change else \
                client.call("GET", "/quarantine-defaults")
        policy = dict(data.get("release_by") or {})
        if as_json:
            print_json(policy)
        else:
            print(table(("Reason", "MayRelease"), sorted(policy.items())))

    @command(short={"a": "account", "s": "since", "f": "format", "o": "output"}, switches=("json", "force"))
    def export(self, *, account: str | None = None, since: str | None = None, format: str = "mbox",
               output: str | None = None, force: bool | str = False, json: bool | str = False) -> None:
        """write held emails to an mbox file or a folder of .eml files, oldest first

        Args:
            account: an account name; for root, "root" means every account (default: your own scope).
            since: only emails held in the last [DIGIT(s)][MODIFIER] (s, m, h, d), e.g. 24h, 30d (default: all).
            format: mbox (one file, mboxrd quoting) or eml (a folder of <email_id>.eml files) (default mbox).
            output: the mbox file or the folder to write; created with mode 0600 (files) / 0700 (folder).
            force: overwrite an existing mbox file, or .eml files already in the folder.
            json: print the summary in json format.
        """
        query = {"account": arg.name(account, "--account"),
                 "since": None if since is None else arg.duration(since, "--since")}
        fmt = arg.choice(format, "--format", FORMATS) or "mbox"
        path = Path(arg.text(output, "--output", required=True) or "").expanduser()
        overwrite, as_json = arg.switch(force, "--force"), arg.switch(json, "--json")
        summary = export(self._connect(), path=path, fmt=fmt, query=query, force=overwrite)
        if as_json:
            print_json(summary)
        else:
            skipped = f", {len(summary['skipped'])} skipped" if summary["skipped"] else ""
            print(f"exported {summary['exported']} emails ({summary['bytes']} bytes{skipped}) to {path}")

    def _bulk(self, action: str, ids: str | None, account: str | None, json: bool | str,
              extra: dict[str, Any] | None = None) -> None:
        wanted = arg.id_list(ids, "--ids")
        owner = arg.name(account, "--account")
        as_json = arg.switch(json, "--json")
        result = bulk(self._connect(), action, wanted, owner, extra)
        failed = failures(result)
        for line in failed:
            say(line)
        if as_json:
            print_json(result)
        elif not failed:
            print("OK")
        if failed:
            raise PartialFailure(f"{len(failed)} of {len(wanted)} emails were not {PAST[action]}")
