"""Operations on many emails: bulk release/remove in chunks, and purging an account's quarantine in batches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cli.api_client import ApiClient, ApiError, segment
from cli.tables import say
from core.errors import MailwardError

#: Ids per bulk request: small enough that one answer comes back well within the timeout.
CHUNK = 50
#: Emails the API deletes per purge request.
PURGE_BATCH = 500
PAST = {"release": "released", "remove": "removed", "learn": "learned"}


class PartialFailure(MailwardError):
    """Some items of a bulk operation failed; each was already reported on its own line."""

    code = "partial_failure"


def bulk(client: ApiClient, action: str, ids: Sequence[str], account: str | None,
         extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST /emails/{action} for `ids` in chunks of 50; the merged BulkResult. Progress on stderr."""
    past = PAST[action]
    chunks = [list(ids[i:i + CHUNK]) for i in range(0, len(ids), CHUNK)]
    merged: dict[str, Any] = {"results": [], "succeeded": 0, "failed": 0}
    done = 0
    for chunk in chunks:
        body: dict[str, Any] = {"ids": chunk, **(extra or {})}
        if account is not None:
            body["account"] = account
        try:
            answer = client.call("POST", f"/emails/{action}", body=body)
        except ApiError as exc:
            if not done:
                raise
            # Earlier chunks are done; say how far it got so the rest can be retried.
            raise ApiError(f"{past} {done}/{len(ids)}, then: {exc.message}", status=exc.status,
                           word=exc.word) from None
        merged["results"] += list(answer.get("results") or [])
        merged["succeeded"] += int(answer.get("succeeded") or 0)
        merged["failed"] += int(answer.get("failed") or 0)
        done += len(chunk)
        if len(chunks) > 1:
            say(f"{past} {done}/{len(ids)}")
    return merged


def failures(result: dict[str, Any]) -> list[str]:
    """One `<id>: <message>` line per failed item of a BulkResult."""
    lines = []
    for item in result.get("results") or []:
        if not item.get("ok"):
            lines.append(f"{item.get('email_id')}: {item.get('message') or item.get('status') or 'failed'}")
    return lines


def purge(client: ApiClient, account: str) -> dict[str, Any]:
    """Delete every email of an account, 500 per request, until none remain. Progress on stderr."""
    removed = 0
    batches = 0
    while True:
        answer = client.call("DELETE", f"/accounts/{segment(account)}/emails", query={"batch": PURGE_BATCH})
        got = int(answer.get("removed") or 0)
        remaining = int(answer.get("remaining") or 0)
        removed += got
        batches += 1
        if remaining > 0 or batches > 1:
            say(f"purged {removed}/{removed + max(remaining, 0)}")
        if remaining <= 0:
            return {"name": answer.get("name", account), "removed": removed, "remaining": 0}
        if got == 0:  # nothing moved: asking again would loop forever
            raise ApiError(f"purging account {account} made no progress: {remaining} emails remain")
