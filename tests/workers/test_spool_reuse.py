"""The gateway uses answered spool files again (workers/spool_reuse.py), on a real Redis with a Dramatiq worker: a
clean message's file is kept and renamed to the next scan's new id, a stale job naming the old id finds nothing, a
held message's file goes into the quarantine (never kept), a scan the fail mode answered keeps nothing, and the free
files go when the gateway stops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import redis

from core.errors import NotFound
from core.models import Action
from core.store.spool import SpoolStore
from tests.redis_server import RedisServer
from tests.workers.test_gateway_redis_body import GTUBE, Rig, _message
from workers.spool_reuse import KEEP_MAX_BYTES, SpoolReuse


def _free(rig: Rig) -> list[Path]:
    return sorted(Path(rig.gateway.reuse.free_dir).iterdir())


def _ids(rig: Rig) -> list[str]:
    """Record the spool id of every job the gateway queues."""
    seen: list[str] = []
    real = rig.gateway.enqueuer.message

    def message(spool_id: str, envelope: dict):  # type: ignore[no-untyped-def]
        seen.append(spool_id)
        return real(spool_id, envelope)

    rig.gateway.enqueuer.message = message  # type: ignore[method-assign]
    return seen


def test_an_answered_file_is_used_again_under_a_new_id_and_a_held_one_is_not(
        tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis) -> None:
    rig = Rig(tmp_path, redis_server, redis_client)
    rig.full = False
    rig.gateway.reuse.ensure()
    ids = _ids(rig)
    try:
        assert rig.scan(_message("Hello Bob, the invoice is attached to our portal.")).action == Action.ACCEPT
        assert rig.leftovers() == ([], [])
        [kept] = _free(rig)
        inode = kept.stat().st_ino
        with pytest.raises(NotFound):  # a stale job of the first scan finds nothing
            rig.gateway.spool.read(ids[0], 1 << 20)

        assert rig.scan(_message("Hello again, Bob.", "second")).action == Action.ACCEPT
        assert ids[1] != ids[0]
        [kept] = _free(rig)
        assert kept.stat().st_ino == inode  # the same file went through the second scan and came back
        assert rig.leftovers() == ([], [])

        assert rig.scan(_message(GTUBE, "spam")).action == Action.QUARANTINE
        assert _free(rig) == []  # the free file took the held message and moved into the quarantine with it
        [held] = rig.scanner.quarantine.list(None)[0]
        assert held.subject == "spam"
        assert rig.leftovers() == ([], [])

        assert rig.scan(_message("One more, Bob.", "third")).action == Action.ACCEPT
        assert len(_free(rig)) == 1  # made anew, then kept
        rig.gateway.reuse.close()
        assert _free(rig) == []
    finally:
        rig.close()


def test_a_large_file_is_not_kept(tmp_path: Path, redis_server: RedisServer, redis_client: redis.Redis) -> None:
    rig = Rig(tmp_path, redis_server, redis_client)
    rig.full = False
    rig.gateway.reuse.ensure()
    try:
        big = _message("Hello Bob, the quarterly figures.\r\n" + "x" * (KEEP_MAX_BYTES + 1))
        assert rig.scan(big).action == Action.ACCEPT
        assert _free(rig) == [] and rig.leftovers() == ([], [])
    finally:
        rig.close()


def test_a_scan_answered_by_the_fail_mode_keeps_nothing(tmp_path: Path, redis_server: RedisServer,
                                                        redis_client: redis.Redis) -> None:
    """No worker runs: the deadline passes, the job stays queued, and its file must never carry another message."""
    rig = Rig(tmp_path, redis_server, redis_client, workers=False, timeout=0.5, commit_grace=0.2)
    rig.full = False
    rig.gateway.reuse.ensure()
    try:
        assert rig.scan(_message("Hello Bob.")).action == Action.UNSCANNED
        assert _free(rig) == [] and rig.leftovers() == ([], [])
    finally:
        rig.close()


def test_start_clears_free_files_left_behind(tmp_path: Path, redis_server: RedisServer,
                                             redis_client: redis.Redis) -> None:
    rig = Rig(tmp_path, redis_server, redis_client)
    try:
        free = Path(rig.gateway.reuse.free_dir)
        free.mkdir(mode=0o700)
        (free / "left-by-a-killed-gateway").write_bytes(b"Subject: old\r\n\r\nold\r\n")
        rig.gateway.reuse.ensure()
        assert _free(rig) == []
        assert oct(os.stat(free).st_mode & 0o777) == "0o700"
    finally:
        rig.close()


def test_a_shorter_message_in_a_used_file_is_exactly_itself(tmp_path: Path) -> None:
    """No byte of the file's earlier message is left past the new one, and an empty message leaves it empty."""
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    reuse = SpoolReuse(spool, keep=4)
    reuse.ensure()
    sizes = [b"Subject: long\r\n\r\n" + b"y" * 5000, b"Subject: short\r\n\r\nhi\r\n", b""]
    inodes = set()
    for data in sizes:
        with reuse.create() as (spool_id, fh):
            fh.write(data)
        inodes.add(spool.path(spool_id).stat().st_ino)
        assert spool.read(spool_id, 1 << 20) == data
        reuse.discard(spool_id, answered=True)
    assert len(inodes) == 1 and reuse.free == 1
    reuse.close()
    assert list(Path(reuse.free_dir).iterdir()) == []


def test_a_used_file_takes_longer_and_same_size_messages_in_pieces_and_a_failed_one_goes(tmp_path: Path) -> None:
    """Written in several pieces over a file that held a message of another size (or the same), the file is the
    new message exactly; a write that fails leaves neither the file nor a free one."""
    spool = SpoolStore(tmp_path / "spool")
    spool.ensure()
    reuse = SpoolReuse(spool, keep=4)
    reuse.ensure()
    bodies = [[b"a" * 300], [b"b" * 100, b"c" * 900, b"d" * 7], [b"e" * 1007], [b"f" * 10, b""], [b"g" * 1500]]
    for pieces in bodies:
        with reuse.create() as (spool_id, fh):
            for piece in pieces:
                assert fh.write(piece) == len(piece)
        assert spool.read(spool_id, 1 << 20) == b"".join(pieces)
        reuse.discard(spool_id, answered=True)
    assert reuse.free == 1
    with pytest.raises(RuntimeError), reuse.create() as (spool_id, fh):
        fh.write(b"half a message")
        raise RuntimeError("the client went away")
    assert not spool.path(spool_id).exists() and reuse.free == 0
    reuse.close()
