"""The private Redis's reserve on the state disk (workers.embedded_redis): a reserve that cannot be made is tried
again after BALLAST_RETRY_S, not at every supervisor tick."""

from __future__ import annotations

import dataclasses
import os

import pytest

from core.settings import Settings
from workers import embedded_redis
from workers.embedded_redis import EmbeddedRedis


def test_a_reserve_that_cannot_be_made_is_not_tried_at_every_tick(settings: Settings,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    redis_ = EmbeddedRedis(dataclasses.replace(settings, redis_ballast_mb=1))
    redis_.dir.mkdir(parents=True, exist_ok=True)
    tries: list[int] = []

    def refused(fd: int, offset: int, length: int) -> None:
        tries.append(length)
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(os, "posix_fallocate", refused)
    with caplog.at_level("WARNING", logger="mailward.redis"):
        for _ in range(5):  # five supervisor ticks
            redis_.keep_ballast()
    assert tries == [2**20] and caplog.text.count("cannot reserve") == 1
    assert not redis_.ballast.exists() and not list(redis_.dir.glob(".*.tmp"))
    monkeypatch.undo()  # the filesystem can allocate again
    monkeypatch.setattr(embedded_redis, "BALLAST_RETRY_S", 0)  # and the retry delay has passed
    redis_.keep_ballast()
    assert redis_.ballast.exists() and redis_.ballast.stat().st_size == 2**20
