"""One JSON object per Redis hash field, changed atomically (real Redis)."""

from __future__ import annotations

import threading
from typing import Any

import redis

from core.store.json_field import read_json_field, update_json_field


def test_absent_or_unreadable_fields_read_as_empty() -> None:
    assert read_json_field(None) == {} and read_json_field(b"") == {}
    assert read_json_field(b"{not json") == {} and read_json_field(b"[1, 2]") == {}
    assert read_json_field(b'{"a": 1}') == {"a": 1}


def test_update_writes_deletes_and_queues_more_in_the_same_transaction(redis_client: redis.Redis) -> None:
    def mark(pipe: Any, new: dict[str, Any]) -> None:
        pipe.set("t:mark", "set" if new else "cleared")

    assert update_json_field(redis_client, "t:h", "alice", lambda d: {**d, "x": 1}, mark) == {"x": 1}
    assert read_json_field(redis_client.hget("t:h", "alice")) == {"x": 1} and redis_client.get("t:mark") == b"set"
    assert update_json_field(redis_client, "t:h", "alice", lambda d: {}, mark) == {}
    assert not redis_client.hexists("t:h", "alice") and redis_client.get("t:mark") == b"cleared"


def test_concurrent_edits_of_different_keys_are_all_kept(redis_client: redis.Redis) -> None:
    def edit(n: int) -> None:
        client = redis.Redis(connection_pool=redis_client.connection_pool)
        for i in range(20):
            update_json_field(client, "t:h", "bob", lambda d, k=f"k{n}.{i}": {**d, k: True})

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(read_json_field(redis_client.hget("t:h", "bob"))) == 80
