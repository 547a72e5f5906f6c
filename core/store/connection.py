"""The Redis connection every store shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.commands.core import Script
from redis.retry import Retry

from core.settings import Settings


def redis_url(settings: Settings) -> str:
    """The URL to reach Redis: the configured one, or the private server's unix socket."""
    if settings.redis_url:
        return settings.redis_url
    return f"unix://{settings.embedded_redis_socket}"


def connect(settings: Settings, *, timeout: float = 5.0) -> redis.Redis:
    """A Redis client with bounded socket timeouts (so a dead Redis fails fast, not forever)."""
    return redis.Redis.from_url(
        redis_url(settings), socket_timeout=timeout, socket_connect_timeout=timeout,
        health_check_interval=30, decode_responses=False, retry=quick_retry(),
    )


def quick_retry() -> Retry:
    """One immediate retry: enough to replace a pooled connection a Redis restart closed, where redis-py's default
    (three tries with exponential back-off) spends about 3 s on a Redis that is simply down; callers that can wait
    longer (the gateway, within its scan deadline) retry themselves."""
    # Only a connection that failed: a command that timed out may have run, and a hung Redis must not cost twice.
    return Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,))


def never_ran(exc: BaseException | None) -> bool:
    """Whether a Redis error (or one it caused) means the command never ran: the connection was refused (nothing
    was sent), or Redis refused it while loading its data after a restart. Only then is a retry safe for writes."""
    while exc is not None:
        if isinstance(exc, redis.BusyLoadingError):
            return True
        if isinstance(exc, redis.ConnectionError) and "connecting to" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def connection_lost(exc: BaseException | None) -> bool:
    """Whether a Redis error (or one it caused) is a lost or refused connection, or Redis still loading: what a
    restart of Redis looks like. Retrying is safe only for commands that may run twice (see never_ran)."""
    while exc is not None:
        if never_ran(exc) or isinstance(exc, redis.ConnectionError | redis.TimeoutError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def run_script(script: Script, keys: Sequence[Any], args: Sequence[Any]) -> Any:
    """script(keys=keys, args=args), cheaper: EVALSHA through execute_command, without the per-call work of redis-py's
    Script.__call__ and evalsha wrappers (an import and two isinstance checks, one of them against a typing Protocol:
    about 8 us a call). A Redis that lost its scripts (NOSCRIPT: restarted or flushed, so it did not run) gets the
    script loaded and run by the Script call."""
    try:
        return script.registered_client.execute_command("EVALSHA", script.sha, len(keys), *keys, *args)
    except redis.exceptions.NoScriptError:
        return script(keys=keys, args=args)
