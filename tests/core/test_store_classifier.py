"""Online learning in Redis (and its in-memory twin): learn moves the score, never double counts, unlearns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from core.learning.spam_model import SpamModel
from core.store.classifier import (
    ALREADY,
    LEARNED,
    RELEARNED,
    UNKNOWN,
    UNLEARNED,
    ClassifierStore,
    MemoryClassifierStore,
    load_model,
    message_digest,
    message_tokens,
)
from tests.core.scan_support import fixture_bytes, settings

HAM = fixture_bytes("ham_classifier_reply.eml")
SPAM = fixture_bytes("spam_classifier.eml")
OTHER = fixture_bytes("ham_plain.eml")

Store = ClassifierStore | MemoryClassifierStore


@pytest.fixture(params=["redis", "memory"])
def make_store(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A factory of stores on one shared state (Redis, or the twin's memory), so tests can play two workers."""
    scan = settings().scan
    if request.param == "memory":
        shared = MemoryClassifierStore(scan)

        def memory(**kw: Any) -> Store:
            if kw:
                return MemoryClassifierStore(scan, **kw)
            return shared

        yield memory
        return
    client = request.getfixturevalue("redis_client")
    yield lambda **kw: ClassifierStore(client, scan, snapshot_ttl=0.0, **kw)


def _prob(store: Store, raw: bytes) -> float:
    tokens = message_tokens(raw, settings().scan)
    result = load_model().score(tokens, store.learned(tokens))
    assert result is not None
    return result.prob


def test_learning_spam_moves_the_score_and_is_counted_once(make_store: Any) -> None:
    store = make_store()
    assert _prob(store, HAM) < 0.01
    assert store.learn(HAM, spam=True) == LEARNED
    assert _prob(store, HAM) == pytest.approx(0.99, abs=0.002)  # moved to the learning margin, no further
    weights = store.learned(message_tokens(HAM, settings().scan))
    assert store.learn(HAM, spam=True) == ALREADY
    assert store.learn(HAM.replace(b"\n", b"\r\n"), spam=True) == ALREADY  # same message, CRLF line ends
    assert store.learned(message_tokens(HAM, settings().scan)) == weights
    assert store.stats()["spam"] == 1 and store.stats()["remembered"] == 1


def test_relearn_as_the_other_class_moves_instead_of_adding(make_store: Any) -> None:
    store = make_store()
    store.learn(HAM, spam=True)
    assert store.learn(HAM, spam=False) == RELEARNED
    assert _prob(store, HAM) < 0.01
    assert store.stats()["spam"] == 0 and store.stats()["ham"] == 1


def test_learning_what_the_model_already_knows_changes_no_weight(make_store: Any) -> None:
    store = make_store()
    assert store.learn(HAM, spam=False) == LEARNED  # already far on the ham side
    assert store.stats()["tokens"] == 0 and store.stats()["ham"] == 1
    assert store.unlearn(HAM) == UNLEARNED


def test_unlearn_restores_exactly(make_store: Any) -> None:
    store = make_store()
    before = _prob(store, SPAM)
    store.learn(SPAM, spam=False)
    store.learn(HAM, spam=True)
    assert _prob(store, SPAM) < before
    assert store.unlearn(SPAM) == UNLEARNED
    assert store.unlearn(HAM) == UNLEARNED
    assert store.unlearn(HAM) == UNKNOWN
    assert _prob(store, SPAM) == pytest.approx(before)
    assert store.stats() == {"ham": 0, "spam": 0, "tokens": 0, "remembered": 0}


def test_another_worker_sees_what_was_learned(make_store: Any) -> None:
    learner, scanner = make_store(), make_store()
    assert scanner.learned(message_tokens(HAM, settings().scan)) == {}
    learner.learn(HAM, spam=True)
    assert _prob(scanner, HAM) > 0.98


def test_caps_on_tokens_and_remembered_messages(make_store: Any) -> None:
    store = make_store(max_tokens=10, max_messages=1)
    store.learn(HAM, spam=True)
    assert store.stats()["tokens"] == 10
    store.learn(OTHER, spam=True)
    assert store.stats()["tokens"] == 10  # no room: only tokens that already have a weight move
    assert store.stats()["remembered"] == 1
    assert store.unlearn(HAM) == UNKNOWN  # forgotten past the cap
    assert store.learn(OTHER, spam=True) == ALREADY


def test_reset_forgets_everything(make_store: Any) -> None:
    store = make_store()
    store.learn(HAM, spam=True)
    store.reset()
    assert store.stats() == {"ham": 0, "spam": 0, "tokens": 0, "remembered": 0}
    assert _prob(store, HAM) < 0.01


def test_digest_ignores_scanner_preamble_and_line_ends() -> None:
    assert message_digest(b"From x@y  Mon May  4 10:00:00 2026\nX-Envelope-From: <x@y>\r\nSubject: a\r\n\r\nb\r\n") \
        == message_digest(b"Subject: a\n\nb\n")


def test_scans_read_a_snapshot_while_the_table_is_small(redis_client: redis.Redis) -> None:
    store = ClassifierStore(redis_client, settings().scan, snapshot_ttl=60.0)
    tokens = message_tokens(HAM, settings().scan)
    assert _count_commands(redis_client, lambda: store.learned(tokens)) == 1  # HLEN: nothing learned yet
    assert _count_commands(redis_client, lambda: store.learned(tokens)) == 0  # the copy is fresh enough
    ClassifierStore(redis_client, settings().scan).learn(HAM, spam=True)  # another worker learns...
    assert store.learned(tokens) == {}  # ...which this one sees at its next refresh
    store._snapshot_until = 0.0
    assert _count_commands(redis_client, lambda: store.learned(tokens)) == 2  # HLEN + HGETALL
    learned = store.learned(tokens)
    assert learned and set(learned) <= set(tokens)


def test_scans_read_their_tokens_once_the_table_is_large(redis_client: redis.Redis) -> None:
    ClassifierStore(redis_client, settings().scan).learn(HAM, spam=True)
    store = ClassifierStore(redis_client, settings().scan, snapshot_max=5, snapshot_ttl=60.0)
    tokens = message_tokens(HAM, settings().scan)
    assert _count_commands(redis_client, lambda: store.learned(tokens)) == 2  # HLEN (too many to copy), HMGET
    assert _count_commands(redis_client, lambda: store.learned(tokens)) == 1  # then only HMGET of its tokens
    assert store.learned(tokens) == ClassifierStore(redis_client, settings().scan).learned(tokens)


def _count_commands(client: redis.Redis, action: Any) -> int:
    before = int(client.info("stats")["total_commands_processed"])
    action()
    return int(client.info("stats")["total_commands_processed"]) - before - 1  # the INFO call itself


def test_redis_failure_degrades_to_the_model_file(caplog: pytest.LogCaptureFixture) -> None:
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    store = ClassifierStore(dead, settings().scan, snapshot_ttl=60.0)
    assert store.learned(["cash"]) == {}
    assert "learned weights unavailable" in caplog.text
    caplog.clear()
    assert store.learned(["cash"]) == {}  # no new attempt (nor warning) until the next refresh
    assert caplog.text == ""
    with pytest.raises(redis.RedisError):
        store.learn(HAM, spam=True)


def test_store_uses_the_model_it_is_given(redis_client: redis.Redis) -> None:
    model = SpamModel(bias=-10.0, weights={"never-seen": 1.0})
    store = ClassifierStore(redis_client, settings().scan, model=model)
    store.learn(SPAM, spam=True)
    tokens = message_tokens(SPAM, settings().scan)
    assert model.logit(tokens, store.learned(tokens)) == pytest.approx(4.6, abs=0.01)


def test_learning_under_an_older_tokenizer_is_reported(redis_client: redis.Redis) -> None:
    """After an upgrade to a new tokenizer, what a server learned under the old one no longer counts (its weights
    are kept per version): superseded_learning says how many messages, per older version, for the start-up log."""
    from core.learning.tokenizer import TOKENIZER_VERSION
    from core.store.classifier import superseded_learning
    assert superseded_learning(redis_client) == {}
    ClassifierStore(redis_client, settings().scan).learn(SPAM, spam=True)
    assert superseded_learning(redis_client) == {}  # learned under this version: it counts
    assert superseded_learning(redis_client, TOKENIZER_VERSION + 1) == {TOKENIZER_VERSION: 1}
