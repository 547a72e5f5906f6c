"""workers/broker.py builds on Dramatiq's private Redis consumer and dispatch script (the wake tokens, the result
stored with the ack). pyproject.toml allows only the Dramatiq versions that were reviewed against it; these tests
fail when the installed Dramatiq is another one, or its script differs from the one reviewed, so that a new
version is read against broker.py before the range moves instead of failing in production."""

from __future__ import annotations

import hashlib
import inspect
import re

import dramatiq
from dramatiq.brokers.redis import _RedisConsumer, _scripts

from workers.broker import DISPATCH_COMMANDS, _dispatch_with_wake

#: sha256 of dramatiq/brokers/redis/dispatch.lua as reviewed (Dramatiq 2.2.1).
REVIEWED_DISPATCH_SHA256 = "ba4d872e4fb204ebc3f73ca4719265a9946d70e847856c125314f01a8c90540c"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3])


def test_installed_dramatiq_is_in_the_reviewed_range() -> None:
    assert (2, 2, 1) <= _version(dramatiq.__version__) < (2, 3), dramatiq.__version__


def test_dispatch_script_is_the_one_broker_py_wraps() -> None:
    source = _scripts["dispatch"]
    data = source if isinstance(source, bytes) else source.encode()
    assert hashlib.sha256(data).hexdigest() == REVIEWED_DISPATCH_SHA256, (
        "Dramatiq's dispatch.lua changed: review workers/broker.py (_dispatch_with_wake, _STORE_AND_ACK, "
        "_WakingConsumer) against it, then update REVIEWED_DISPATCH_SHA256")
    wrapped = _dispatch_with_wake(source)
    assert data.decode() in wrapped  # wrapped unchanged, as a function


def test_private_consumer_has_what_the_waking_consumer_overrides() -> None:
    for name in ("__next__", "ack", "nack", "requeue"):
        assert callable(getattr(_RedisConsumer, name, None)), name
    params = inspect.signature(_RedisConsumer.__init__).parameters
    assert {"broker", "queue_name", "prefetch", "timeout"} <= set(params), list(params)


def test_the_broker_makes_every_command_of_the_dispatch_script_once() -> None:
    """WakingRedisBroker sets do_<command> for DISPATCH_COMMANDS up front (Dramatiq's __getattr__ made each anew per
    call): they must be the script's commands, no more, no fewer."""
    source = _scripts["dispatch"]
    text = source.decode() if isinstance(source, bytes) else source
    assert set(re.findall(r'command == "(\w+)"', text)) == set(DISPATCH_COMMANDS)
