"""`ie-cli emails export`: held mail written out as an mbox file or a folder of .eml files."""

from __future__ import annotations

import contextlib
import os
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from cli.api_client import ApiClient, ApiError, segment
from cli.tables import say
from core.errors import MailwardError
from core.names import is_valid_email_id

#: Emails listed per GET /emails request (the API allows up to 1000).
PAGE = 500
FORMATS = ("mbox", "eml")
#: mboxrd quoting: a line that would read as a message separator gets one more ">" (reversibly).
_FROM_LINE = re.compile(rb"^(>*From )", re.MULTILINE)


class ExportError(MailwardError):
    """The export could not be written (output path taken, unwritable, or of the wrong type)."""

    code = "export_failed"


def held(client: ApiClient, query: dict[str, Any]) -> list[dict[str, Any]]:
    """Every held email the query matches (pages of 500), oldest first, each once even if mail arrived meanwhile."""
    found: dict[str, dict[str, Any]] = {}
    offset = 0
    while True:
        page = client.call("GET", "/emails", query={**query, "limit": PAGE, "offset": offset})
        items = list(page.get("items") or [])
        for item in items:
            found.setdefault(str(item.get("email_id")), dict(item))
        offset += len(items)
        if not items or offset >= int(page.get("max_count") or 0):
            break
    for email_id in found:
        if not is_valid_email_id(email_id):  # it becomes a file name: never let it leave the folder
            raise ApiError(f"the API listed an invalid email id {email_id!r}")
    return sorted(found.values(), key=lambda e: (int(e.get("received_date") or 0), str(e.get("email_id"))))


def mbox_entry(summary: dict[str, Any], message: bytes) -> bytes:
    """One mbox entry: the `From sender date` line, the message with LF line ends and mboxrd quoting, a blank line."""
    sender = re.sub(r"\s+", "_", str(summary.get("sender") or "")) or "MAILER-DAEMON"
    stamp = time.asctime(time.gmtime(int(summary.get("received_date") or 0)))
    body = message.replace(b"\r\n", b"\n")
    body = _FROM_LINE.sub(rb">\1", body)
    if not body.endswith(b"\n"):
        body += b"\n"
    return f"From {sender} {stamp}\n".encode() + body + b"\n"


def check_output(path: Path, fmt: str, force: bool) -> None:
    """Refuse an output path of the wrong type, or an mbox file already there without --force."""
    if fmt == "mbox":
        if path.exists() and not path.is_file():
            raise ExportError(f"{path} exists and is not a file; an mbox export writes one file")
        if path.exists() and not force:
            raise ExportError(f"{path} already exists; give --force to overwrite it")
        if not path.parent.is_dir():
            raise ExportError(f"{path.parent} is not a directory")
    else:
        if path.exists() and not path.is_dir():
            raise ExportError(f"{path} exists and is not a directory; an eml export writes a folder")
        if not path.exists() and not path.parent.is_dir():
            raise ExportError(f"{path.parent} is not a directory")


@contextlib.contextmanager
def _atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A 0600 file written beside `path` and renamed onto it only when complete; removed on failure."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _messages(client: ApiClient, items: list[dict[str, Any]], query: dict[str, Any],
              skipped: list[str]) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Each item with its raw bytes; mail released or removed since the listing is skipped and reported."""
    for item in items:
        email_id = str(item["email_id"])
        try:
            yield item, client.raw(f"/emails/{segment(email_id)}/raw", query=query)
        except ApiError as exc:
            if exc.status != 404:
                raise
            say(f"{email_id}: skipped: {exc.message}")
            skipped.append(email_id)


def export(client: ApiClient, *, path: Path, fmt: str, query: dict[str, Any], force: bool) -> dict[str, Any]:
    """Write the held mail `query` selects to `path`; progress on stderr; returns the summary."""
    try:
        return _export(client, path, fmt, query, force)
    except OSError as exc:  # a full disk or a permission problem: one line, not a traceback
        raise ExportError(f"cannot write {exc.filename or path}: {exc.strerror or exc}") from None


def _export(client: ApiClient, path: Path, fmt: str, query: dict[str, Any], force: bool) -> dict[str, Any]:
    check_output(path, fmt, force)
    items = held(client, query)
    raw_query = {"account": query.get("account")}
    if fmt == "eml":
        path.mkdir(mode=0o700, exist_ok=True)
        taken = [i["email_id"] for i in items if (path / f"{i['email_id']}.eml").exists()]
        if taken and not force:
            raise ExportError(f"{len(taken)} of the files already exist in {path} (first: {taken[0]}.eml); "
                              "give --force to overwrite them")
    total, count, size = len(items), 0, 0
    skipped: list[str] = []

    def progress() -> None:
        if total > PAGE and (count % PAGE == 0 or count + len(skipped) == total):
            say(f"exported {count}/{total}")

    if fmt == "mbox":
        with _atomic_file(path) as fh:
            for item, message in _messages(client, items, raw_query, skipped):
                fh.write(mbox_entry(item, message))
                count, size = count + 1, size + len(message)
                progress()
            fh.flush()
            os.fsync(fh.fileno())
    else:
        for item, message in _messages(client, items, raw_query, skipped):
            with _atomic_file(path / f"{item['email_id']}.eml") as fh:
                fh.write(message)
            count, size = count + 1, size + len(message)
            progress()
    return {"exported": count, "bytes": size, "skipped": skipped, "format": fmt, "path": str(path)}
