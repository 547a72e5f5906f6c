"""Held mail of several accounts at once (a reseller's): one merged, newest-first listing with an exact total.

The quarantine indexes each account's mail in its own sorted set (received time); a reseller's view is their union,
made in Redis into a short-lived key (ZUNIONSTORE) so paging costs what one account's listing does.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

from core import keys
from core.errors import ValidationError
from core.models import QuarantineRecord
from core.names import valid_account
from core.store.quarantine import EmailFilter, QuarantineStore

#: Seconds the merged index of one listing lives (it is deleted at once; this only bounds a crashed request's).
MERGED_TTL_S = 30
BATCH = 500


def _records(store: QuarantineStore, ids: list[bytes]) -> list[QuarantineRecord]:
    if not ids:
        return []
    metas = store.client.mget([keys.quarantine_meta(i.decode()) for i in ids])
    return [QuarantineRecord.from_dict(json.loads(m)) for m in metas if m is not None]


def list_accounts(store: QuarantineStore, accounts: Iterable[str], *, since: float = 0.0, limit: int = 25,
                  offset: int = 0, where: EmailFilter | None = None) -> tuple[list[QuarantineRecord], int]:
    """Held messages of these accounts, newest first, and how many match in all."""
    names = sorted({valid_account(a) for a in accounts})
    if limit < 0 or offset < 0:
        raise ValidationError("limit and offset must not be negative")
    if not names:
        return [], 0
    if len(names) == 1:
        return store.list(names[0], since=since, limit=limit, offset=offset, where=where)
    client = store.client
    merged = f"{keys.PREFIX}:tmp:list:{uuid.uuid4()}"
    pipe = client.pipeline()
    pipe.zunionstore(merged, [keys.quarantine_by_account(n) for n in names], aggregate="MAX")
    pipe.expire(merged, MERGED_TTL_S)
    pipe.execute()
    try:
        if not where:
            total = int(client.zcount(merged, since, "+inf"))
            return _records(store, client.zrevrangebyscore(merged, "+inf", since, start=offset, num=limit)), total
        out: list[QuarantineRecord] = []
        total, start = 0, 0
        while True:
            ids = client.zrevrangebyscore(merged, "+inf", since, start=start, num=BATCH)
            if not ids:
                break
            start += len(ids)
            for rec in _records(store, ids):
                if where.matches(rec):
                    if offset <= total < offset + limit:
                        out.append(rec)
                    total += 1
        return out, total
    finally:
        client.delete(merged)
