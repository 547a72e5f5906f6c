"""A small JSON object kept in one field of a Redis hash, changed atomically (per-account overrides, choices)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import redis

#: Turns the stored object (a fresh dict, {} when absent or unreadable) into the one to store; {} deletes the field.
Change = Callable[[dict[str, Any]], dict[str, Any]]
#: Queues more commands in the same transaction, given the object stored.
Also = Callable[["redis.client.Pipeline", dict[str, Any]], None]


def read_json_field(raw: bytes | str | None) -> dict[str, Any]:
    """A stored field's object; {} when it is absent or not a JSON object."""
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def update_json_field(client: redis.Redis, key: str, field: str, change: Change, also: Also | None = None
                      ) -> dict[str, Any]:
    """Read, change and write back one field's object; WATCH retries when another edit got there first."""
    with client.pipeline() as pipe:
        while True:
            try:
                pipe.watch(key)
                new = change(read_json_field(pipe.hget(key, field)))
                pipe.multi()
                if new:
                    pipe.hset(key, field, json.dumps(new, sort_keys=True))
                else:
                    pipe.hdel(key, field)  # back to the defaults: no trace left
                if also is not None:
                    also(pipe, new)
                pipe.execute()
                return new
            except redis.WatchError:
                continue
