"""`ie-cli stats`: sent, held and incoming spam/ham per hour or day, from the API's /stats (beyond Imunify's CLI)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from cli import arguments as arg
from cli.api_client import ApiClient
from cli.tables import print_json, table

#: --period choices and the bucket each is shown in (a day in hours, longer frames in UTC days).
PERIODS = {"24h": "hour", "7d": "day", "30d": "day"}
HEADERS = ("Period (UTC)", "Sent", "Held", "Incoming spam", "Incoming ham")
#: The series' counters of held mail: every hold reason, rate-limit holds included.
HELD_FIELDS = ("held_spam", "held_winexec", "held_virus", "held_other", "ratelimited")


def period_label(start: Any, bucket: str) -> str:
    """A bucket's UTC start: `2026-01-02` for a day, `2026-01-02 10:00` for an hour."""
    try:
        at = time.gmtime(int(start))
    except (TypeError, ValueError, OverflowError):
        return str(start)
    return time.strftime("%Y-%m-%d" if bucket == "day" else "%Y-%m-%d %H:00", at)


def counts(row: Mapping[str, Any]) -> list[int]:
    """Sent, held (every reason), incoming spam and incoming ham of one bucket."""
    return [int(row.get("sent") or 0), sum(int(row.get(f) or 0) for f in HELD_FIELDS),
            int(row.get("incoming_spam") or 0), int(row.get("incoming_ham") or 0)]


def stats_rows(series: Sequence[Mapping[str, Any]], bucket: str) -> list[list[Any]]:
    """One row per bucket, oldest first, then the totals."""
    rows = [[period_label(r.get("start"), bucket), *counts(r)] for r in series]
    totals = [sum(col) for col in zip(*(counts(r) for r in series), strict=True)] if series else [0, 0, 0, 0]
    return [*rows, ["Total", *totals]]


def show(client: ApiClient, *, account: str | None, period: str, as_json: bool) -> None:
    """Ask /stats for the period's series (the API scopes an account to its own) and print it."""
    bucket = PERIODS[period]
    query = {"since": period, "bucket": bucket}
    if account is not None:
        query["account"] = account
    answer = client.call("GET", "/stats", query=query)
    if as_json:
        print_json(answer)
        return
    print(table(HEADERS, stats_rows(list(answer.get("series") or []), str(answer.get("bucket") or bucket))))


def period_choice(value: str) -> str:
    """--period as one of PERIODS."""
    return arg.choice(value, "--period", tuple(PERIODS)) or "7d"
