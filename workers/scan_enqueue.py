"""The gateway's one Redis trip before a scan: open its claim and queue its Dramatiq job together.

The claim (core.store.scan_claims: `open` only if absent, expiring at the gateway's deadline on Redis's clock) and
the job go in one Lua call, written as Dramatiq's Redis broker writes an enqueued message (its dispatch.lua,
`enqueue`: the message data in the queue's `.msgs` hash under its redis_message_id, that id pushed on the queue's
list), so any Dramatiq Redis consumer fetches, acks and requeues it as one of its own, with the queue's wake token
(workers.broker: one idle worker is woken for it). What dispatch.lua does
besides is not the sender's business: the heartbeat it records names a consumer (the gateway never fetches, so it
has no unacked messages to requeue) and its maintenance runs on every consumer's fetch.

One call instead of two (SET NX, then the dispatch script) saves a round trip and the dispatch script's
bookkeeping per scan. Atomic, so a job exists exactly when its claim was opened: a retry after a lost connection
(the first attempt may have run) finds the claim and queues nothing more, where two calls queued a duplicate job.

send_and_wait sends that call and the first blocking wait for the job's result (BLPOP) together on one connection,
as a pipeline does, and reads the two replies in turn: one exchange with Redis per scan when the verdict comes
within the first wait, instead of two commands, each with redis-py's per-command work (about 40 us of CPU). It
uses a connection of the calling thread's own (ThreadConnections), outside the client's pool: the pool's checkout
polls the socket for unread data, checks the pid twice and takes its lock on every scan, and this exchange always
reads both replies or disconnects, so its connection never has unread data.
"""

from __future__ import annotations

import json
import threading
import uuid

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.encoder import JSONEncoder
from dramatiq.middleware import Middleware

from core import keys
from core.store.scan_claims import OPEN
from workers.broker import WAKE_LUA, wake_key

# KEYS: the claim, the queue's messages hash, the queue, its wake-token list. The token (workers.broker.WAKE_LUA)
# wakes one idle worker for the job, in this same call.
_OPEN_AND_ENQUEUE = WAKE_LUA + """
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
redis.call('RPUSH', KEYS[3], ARGV[3])
wake_one(KEYS[3], KEYS[4])
return 1
"""


def _bulk(value: bytes) -> bytes:
    return b"$%d\r\n%b\r\n" % (len(value), value)


def _eval_head(script: str, numkeys: int, nargs: int) -> bytes:
    """The start of `EVAL script numkeys` in RESP for a call with numkeys keys and nargs arguments after it."""
    return (b"*%d\r\n" % (3 + numkeys + nargs) + _bulk(b"EVAL") + _bulk(script.encode())
            + _bulk(str(numkeys).encode()))


def _pack_exchange(head: bytes, keys_: tuple[str, ...], args: tuple[str | int, ...], message: bytes,
                   result_key: str, wait_s: float) -> bytes:
    """The EVAL (head, then its keys and arguments, the encoded message last) and the BLPOP after it, in RESP, as
    redis-py's pack_commands makes them: built directly, a tenth of its CPU (it inspects and encodes every argument
    through generic code, about 10 us a scan)."""
    parts = [head]
    parts.extend(_bulk(k.encode()) for k in keys_)
    parts.extend(_bulk(str(a).encode()) for a in args)
    parts.append(_bulk(message))
    parts.append(b"*3\r\n$5\r\nBLPOP\r\n")
    parts.append(_bulk(result_key.encode()))
    parts.append(_bulk(f"{wait_s:.3f}".encode()))
    return b"".join(parts)


_JSON = json.JSONEncoder(separators=(",", ":"))  # what Dramatiq's JSONEncoder makes with json.dumps, made once


def encode_message(message: dramatiq.Message) -> bytes:
    """message.encode(), the same bytes, without its field-by-field dataclass walk and a JSON encoder built per call
    (6.2 -> 4.2 us a scan) while Dramatiq's encoder is its stock JSONEncoder; any other encoder encodes it itself."""
    if type(dramatiq.get_encoder()) is not JSONEncoder:
        return message.encode()
    return _JSON.encode({"queue_name": message.queue_name, "actor_name": message.actor_name, "args": message.args,
                         "kwargs": message.kwargs, "options": message.options, "message_id": message.message_id,
                         "message_timestamp": message.message_timestamp}).encode()


class ThreadConnections:
    """One Redis connection per thread and client, made like the client's pool makes them, kept by the thread."""

    def __init__(self) -> None:
        self._local = threading.local()

    def get(self, client: redis.Redis) -> redis.connection.AbstractConnection:
        """This thread's connection to client's Redis (connected on first use, and again after a disconnect)."""
        pool = client.connection_pool
        mine: dict = self._local.__dict__.setdefault("conns", {})
        conn = mine.get(id(pool))
        if conn is None or conn[0] is not pool:
            conn = mine[id(pool)] = (pool, pool.connection_class(**pool.connection_kwargs))
        return conn[1]


class WaitBroken(Exception):
    """The job is queued, but the wait for its result that went with it failed (the gateway waits again)."""


class ClaimedEnqueue:
    """Queues an actor's scan jobs on a Dramatiq Redis broker, each with its scan claim, in one call."""

    def __init__(self, client: redis.Redis, broker: RedisBroker, actor: dramatiq.Actor) -> None:
        self.broker = broker
        self.actor = actor
        self._script = client.register_script(_OPEN_AND_ENQUEUE)
        self._conns = ThreadConnections()
        queue = f"{broker.namespace}:{actor.queue_name}"
        self._queue_keys = (f"{queue}.msgs", queue, wake_key(queue))
        self._eval_head = _eval_head(_OPEN_AND_ENQUEUE, 4, 4)  # the claim and 3 queue keys; 4 arguments
        # Dramatiq's broker.enqueue tells its middleware; only those that listen are told (none of Mailward's).
        self._hooks = [m for m in broker.middleware
                       if type(m).before_enqueue is not Middleware.before_enqueue
                       or type(m).after_enqueue is not Middleware.after_enqueue]

    def message(self, spool_id: str, envelope: dict) -> dramatiq.Message:
        """The job of one scan, with its Redis message id (as RedisBroker.enqueue gives it): the same on a retry."""
        # What actor.message_with_options and then RedisBroker.enqueue's copy make, in one step.
        return dramatiq.Message(queue_name=self.actor.queue_name, actor_name=self.actor.actor_name,
                                args=(spool_id, envelope), kwargs={"claimed": True},
                                options={"redis_message_id": str(uuid.uuid4())})

    def send(self, spool_id: str, message: dramatiq.Message, ttl_ms: int) -> bool:
        """Open the claim of spool_id for ttl_ms and queue message; False (nothing written) if the claim existed,
        which for a fresh spool id means an earlier try of this very call did both."""
        for m in self._hooks:
            m.before_enqueue(self.broker, message, None)
        keys_ = [keys.scan_claim(spool_id), *self._queue_keys]
        args = [OPEN, max(1, ttl_ms), message.options["redis_message_id"], message.encode()]
        done = bool(int(self._script(keys=keys_, args=args)))
        for m in self._hooks:
            m.after_enqueue(self.broker, message, None)
        return done

    def send_and_wait(self, client: redis.Redis, spool_id: str, message: dramatiq.Message, ttl_ms: int,
                      result_key: str, wait_s: float, reply_timeout: float) -> bytes | None:
        """send(), and BLPOP result_key for up to wait_s, in one exchange on one of client's connections.

        The result, or None when none came within wait_s. Raises redis.RedisError when it cannot be known whether
        the job was queued (retrying is safe: see send), and WaitBroken when it was but the wait failed.
        reply_timeout bounds the wait for the queueing call's reply (a hung Redis); the BLPOP's reply has the
        client's own socket timeout, which must be longer than wait_s.
        """
        for m in self._hooks:
            m.before_enqueue(self.broker, message, None)
        keys_ = (keys.scan_claim(spool_id), *self._queue_keys)
        args = (OPEN, max(1, ttl_ms), message.options["redis_message_id"])
        conn = self._conns.get(client)
        # EVAL with the script itself, not EVALSHA: a NOSCRIPT error (a restarted Redis has no scripts) would leave
        # the BLPOP behind it waiting for a job that was never queued.
        packed = [_pack_exchange(self._eval_head, keys_, args, encode_message(message), result_key, wait_s)]
        idle = conn.is_connected  # kept from an earlier scan: Redis may have closed it since (a restart)
        while True:
            try:
                conn.send_packed_command(packed)
                conn.read_response(timeout=reply_timeout)
                break
            except redis.ConnectionError:
                conn.disconnect()
                if not idle:
                    raise
                idle = False  # once more on a new connection (safe: see send), as the pool would have reconnected
            except BaseException:
                conn.disconnect()  # the BLPOP may still be pending on it
                raise
        try:
            popped = conn.read_response()
        except redis.RedisError as exc:
            conn.disconnect()
            raise WaitBroken(str(exc)) from exc
        except BaseException:
            conn.disconnect()
            raise
        for m in self._hooks:
            m.after_enqueue(self.broker, message, None)
        return bytes(popped[1]) if popped else None
