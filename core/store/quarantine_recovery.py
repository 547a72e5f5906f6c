"""Rebuilding the quarantine's Redis index from the files on disk: a full reindex, the start-up and retention
recovery of held files a crash left unindexed, and metadata rebuilt from a message that lost its own. QuarantineStore
inherits it."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parseaddr
from pathlib import Path

import redis

from core import keys
from core.durable_files import write_atomic
from core.errors import ValidationError
from core.mail.mime import decode_fallback, decode_words
from core.models import QuarantineRecord
from core.names import is_valid_email_id, valid_account

log = logging.getLogger("mailward.quarantine")

# Indexes one message found on disk unless it is indexed already; never evicts (a recovery deletes no mail).
RECOVER_LUA = """
local acct_z, all_z, used_h = KEYS[1], KEYS[2], KEYS[3]
local id, ts, meta, size, account, prefix = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
if redis.call('EXISTS', prefix .. id) == 1 then return 0 end
redis.call('ZADD', acct_z, ts, id)
redis.call('ZADD', all_z, ts, id)
redis.call('SET', prefix .. id, meta)
redis.call('HINCRBY', used_h, account, size)
return 1
"""

#: The reason of a held message whose metadata was lost and rebuilt from the message itself.
RECOVERED = "recovered"
#: Age after which an unindexed held file is surely no hold in progress (retention then recovers it).
RECOVER_MIN_AGE_S = 3600.0
#: How much of a message's start is read for its headers when it is recovered without metadata.
RECOVER_HEAD_BYTES = 256 * 1024
#: Longest subject or sender kept for a recovered message.
MAX_RECOVERED = 998


class QuarantineRecovery:
    """The recovery half of QuarantineStore: every held file on disk is findable through the index."""

    root: Path
    client: redis.Redis
    _recover: redis.commands.core.Script

    def _account_dirs(self) -> Iterator[Path]:
        if not self.root.is_dir():
            return
        for adir in sorted(self.root.iterdir()):
            if adir.is_dir() and _is_account_dir(adir.name):
                yield adir

    def _on_disk(self, adir: Path, email_id: str) -> tuple[QuarantineRecord, bytes] | None:
        """The record of one held file: its sidecar, else (missing or unreadable) one rebuilt from the file."""
        meta_path = adir / f"{email_id}.json"
        try:
            raw = meta_path.read_bytes()
            record = QuarantineRecord.from_dict(json.loads(raw))
            if record.email_id == email_id and record.account == adir.name:
                return record, raw
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            log.warning("quarantine: unreadable metadata %s, rebuilding it from the message", meta_path)
        try:
            record = record_from_message(adir / f"{email_id}.eml", adir.name, email_id)
        except FileNotFoundError:
            return None  # removed meanwhile
        raw = json.dumps(record.to_dict(), separators=(",", ":")).encode()
        # Written so deletion, retention and the next rebuild all see the same metadata as the index.
        write_atomic(meta_path, raw)
        return record, raw

    def _walk(self) -> Iterator[tuple[QuarantineRecord, bytes]]:
        for adir in self._account_dirs():
            for eml in sorted(adir.glob("*.eml")):
                if is_valid_email_id(eml.stem):
                    found = self._on_disk(adir, eml.stem)
                    if found is not None:
                        yield found

    def rebuild_index(self, progress: Callable[[int], None] | None = None) -> int:
        """Recreate the Redis index from the files on disk; returns the number of messages indexed.

        A held file without (readable) metadata is indexed from its own headers, and its sidecar written.
        """
        for pattern in (f"{keys.PREFIX}:q:meta:*", f"{keys.PREFIX}:q:acct:*"):
            for k in self.client.scan_iter(match=pattern, count=1000):
                self.client.delete(k)
        self.client.delete(keys.quarantine_all(), keys.quarantine_used())
        n = 0
        pipe = self.client.pipeline(transaction=False)
        for record, raw in self._walk():
            pipe.zadd(keys.quarantine_by_account(record.account), {record.email_id: record.received})
            pipe.zadd(keys.quarantine_all(), {record.email_id: record.received})
            pipe.set(keys.quarantine_meta(record.email_id), raw)
            pipe.hincrby(keys.quarantine_used(), record.account, record.size)
            n += 1
            if n % 500 == 0:
                pipe.execute()
                if progress:
                    progress(n)
        pipe.execute()
        if progress:
            progress(n)
        return n

    def recover(self, *, min_age_s: float = 0.0, now: float | None = None) -> int:
        """Index every held file the index lacks (from its sidecar, else its headers); returns how many.

        Unlike rebuild_index it changes nothing already indexed and evicts nothing, so it is safe while serving.
        Files younger than min_age_s are left alone (a hold in progress writes its sidecar, then its file, then
        the index). Also removes what interrupted writes leave: temp files and sidecars without a message.
        """
        cutoff = (time.time() if now is None else now) - min_age_s
        n = 0
        for adir in self._account_dirs():
            emls: list[str] = []
            for path in sorted(adir.iterdir()):
                try:
                    old = path.lstat().st_mtime <= cutoff
                except FileNotFoundError:
                    continue
                if not old:
                    continue
                if path.name.startswith(".") and path.name.endswith(".tmp"):
                    path.unlink(missing_ok=True)  # a write_atomic cut short
                elif path.suffix == ".eml" and is_valid_email_id(path.stem):
                    emls.append(path.stem)
                elif (path.suffix == ".json" and is_valid_email_id(path.stem)
                      and not (adir / f"{path.stem}.eml").exists()):
                    path.unlink(missing_ok=True)  # a hold undone or a removal cut short after the message went
            for i in range(0, len(emls), 500):
                batch = emls[i:i + 500]
                pipe = self.client.pipeline(transaction=False)
                for email_id in batch:
                    pipe.exists(keys.quarantine_meta(email_id))
                for email_id, indexed in zip(batch, pipe.execute(), strict=True):
                    if not indexed:
                        n += self._recover_one(adir, email_id)
        if n:
            log.warning("quarantine: recovered %d held message(s) that were on disk but not indexed", n)
        return n

    def _recover_one(self, adir: Path, email_id: str) -> int:
        found = self._on_disk(adir, email_id)
        if found is None:
            return 0
        record, raw = found
        return int(self._recover(keys=[keys.quarantine_by_account(record.account), keys.quarantine_all(),
                                       keys.quarantine_used()],
                                 args=[record.email_id, record.received, raw, record.size, record.account,
                                       keys.quarantine_meta("")]))


def record_from_message(path: Path, account: str, email_id: str) -> QuarantineRecord:
    """Metadata for a held file that has none: subject and From from its headers, the envelope unknown.

    Recipients stay empty (headers are the sender's word, never a release target), so only the admin can view
    or delete it; the reason `recovered` says why.
    """
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        received = os.fstat(fh.fileno()).st_mtime
        head = fh.read(RECOVER_HEAD_BYTES)
    end = min((i for i in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if i >= 0), default=len(head))
    # compat32 on the header block alone: cheap even for hostile messages (design.md's parser figures).
    headers = BytesHeaderParser(policy=compat32).parsebytes(head[:end])
    subject = _header_text(headers.get("Subject"))
    sender = parseaddr(_header_text(headers.get("From")))[1]
    return QuarantineRecord(email_id=email_id, account=account, received=received, sender=sender[:MAX_RECOVERED],
                            recipients=[], subject=subject[:MAX_RECOVERED], reasons=[RECOVERED], score=0.0,
                            symbols=[], size=size)


def _is_account_dir(name: str) -> bool:
    try:
        valid_account(name)
    except ValidationError:
        return False
    return True


def _header_text(value: object) -> str:
    if value is None:
        return ""
    text = str(value).replace("\r", "").replace("\n", "")
    with contextlib.suppress(UnicodeError):
        text = decode_fallback(text.encode("utf-8", "surrogateescape"))
    return decode_words(text).strip()
