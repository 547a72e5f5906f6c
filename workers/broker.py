"""Dramatiq broker set-up: Redis broker + Redis results, shared by every Mailward process and host."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import dramatiq
import redis
from dramatiq.broker import MessageProxy
from dramatiq.brokers.redis import RedisBroker, _RedisConsumer, _scripts
from dramatiq.common import current_millis
from dramatiq.errors import ConnectionClosed
from dramatiq.message import Message
from dramatiq.middleware import CurrentMessage, Middleware, Retries, TimeLimit
from dramatiq.results import Results
from dramatiq.results.backends import RedisBackend
from dramatiq.results.result import wrap_result

from core.settings import Settings
from core.store.connection import redis_url, run_script
from workers.result_store import RETRY_S, STORE_RIDE_S, RidingRedisBackend

log = logging.getLogger("mailward.worker")

NAMESPACE = "mailward"
#: A worker host whose heartbeat is older than this has its unacked messages requeued.
HEARTBEAT_TIMEOUT_MS = 15_000
#: How long an idle consumer waits in Redis for a wake token before it fetches anyway (its heartbeat goes with each
#: fetch, far more often than HEARTBEAT_TIMEOUT_MS; a stopping worker waits at most this for its consumers). Also the
#: longest a message can wait with idle consumers when its token was lost (see _WakingConsumer).
WAKE_WAIT_S = 1.0
#: Most tokens a queue's wake list holds: more consumers than this idle at once (every host's together) would wake
#: by their WAKE_WAIT_S check instead.
WAKE_CAP = 64

# Wake tokens (_WakingConsumer): Lua functions every script that changes a queue's list runs (this module's, the
# gateway's enqueue in workers/scan_enqueue.py, Dramatiq's dispatch as wrapped by _dispatch_with_wake). The aim: one
# token per message waiting in the queue, up to WAKE_CAP. A message joining the queue adds one unless every waiting
# message has one already (wake_one); a change that may have taken or returned several (a fetch, a requeue) sets the
# count to the queue's length (wake_sync): a fetch that emptied the queue drops every token, so none wakes a consumer
# for nothing later, and one that left messages behind tops them up, so a lost token costs at most one wait.
WAKE_LUA = f"""
local function wake_one(queue, wake)
  if redis.call('LLEN', wake) < math.min(redis.call('LLEN', queue), {WAKE_CAP}) then
    redis.call('LPUSH', wake, '1')
  end
end
local function wake_sync(queue, wake)
  local want = math.min(redis.call('LLEN', queue), {WAKE_CAP})
  local have = redis.call('LLEN', wake)
  if want == 0 then
    if have > 0 then redis.call('DEL', wake) end
  elseif have > want then
    redis.call('LTRIM', wake, 0, want - 1)
  elseif have < want then
    local tokens = {{}}
    for i = 1, want - have do tokens[i] = '1' end
    redis.call('LPUSH', wake, unpack(tokens))
  end
end
"""


def wake_key(queue_key: str) -> str:
    """The wake-token list of a queue's Redis list (`<namespace>:<queue>`)."""
    return f"{queue_key}.wake"


def _dispatch_with_wake(source: str | bytes) -> str:
    """Dramatiq's dispatch script (its text, unchanged, as a function), then the queue's wake tokens brought in line
    with what the command did: an enqueue adds one, a fetch, requeue or purge (and the maintenance that requeues a
    dead worker's messages) sets them to the queue's length. Same keys and arguments as Dramatiq's."""
    if isinstance(source, bytes):  # Dramatiq reads its scripts as bytes
        source = source.decode()
    return (WAKE_LUA + "local function dramatiq_dispatch()\n" + source + "\nend\n"
            + """local reply = dramatiq_dispatch()
local command = ARGV[1]
local queue = KEYS[1] .. ':' .. ARGV[3]
if command == 'enqueue' then
  wake_one(queue, queue .. '.wake')
elseif command == 'fetch' or command == 'requeue' or command == 'purge' or ARGV[7] == '1' then
  wake_sync(queue, queue .. '.wake')
end
return reply
""")


# Dramatiq's own maintenance (redis/dispatch.lua) does the same for consumers silent for HEARTBEAT_TIMEOUT_MS; a
# supervisor that saw the process exit need not wait that long (a gateway waiting on the job would time out).
# The ids go to the head of their queues: their senders have been waiting since before anything queued behind.
_REQUEUE_DEAD_CONSUMER = WAKE_LUA + """
local namespace = KEYS[1]
local consumer = ARGV[1]
local requeued = 0
for i = 2, #ARGV do
    local queue = namespace .. ":" .. ARGV[i]
    local acks = namespace .. ":__acks__." .. consumer .. "." .. ARGV[i]
    for _, message_id in ipairs(redis.call("smembers", acks)) do
        if redis.call("hexists", queue .. ".msgs", message_id) == 1 then
            redis.call("lpush", queue, message_id)
            requeued = requeued + 1
        end
    end
    redis.call("del", acks)
    wake_sync(queue, queue .. ".wake")
end
redis.call("zrem", namespace .. ":__heartbeats__", consumer)
return requeued
"""

# A consumer (re)starting puts back on the head of its queue every message its own ack set holds that no worker thread
# of this process has (KEYS: the ack set, the queue; ARGV: the ids in hand). Such a message was fetched by a fetch
# whose reply never came (Redis killed after the fetch ran): its consumer is alive and keeps heartbeating, so
# Dramatiq's maintenance would never requeue it, and its scan would wait out the gateway's deadline.
_REQUEUE_LOST_FETCHES = WAKE_LUA + """
local acks, queue = KEYS[1], KEYS[2]
local in_hand = {}
for i = 1, #ARGV do in_hand[ARGV[i]] = true end
local requeued = 0
for _, message_id in ipairs(redis.call("smembers", acks)) do
    if not in_hand[message_id] then
        redis.call("srem", acks, message_id)
        if redis.call("hexists", queue .. ".msgs", message_id) == 1 then
            redis.call("lpush", queue, message_id)
            requeued = requeued + 1
        end
    end
end
if requeued > 0 then wake_sync(queue, queue .. ".wake") end
return requeued
"""


# A job's result and its ack together (_WakingConsumer._store_and_ack). KEYS: the result's list, Dramatiq's heartbeats
# zset, this consumer's ack set of the queue, the queue's messages hash. ARGV: the encoded result, its TTL (ms), now
# (ms), the consumer id, the redis message id. The store is what dramatiq.results' RedisBackend does; the ack what
# Dramatiq's dispatch.lua does for `ack` (its heartbeat, then SREM and HDEL), this script's keys being its names.
_STORE_AND_ACK = """
redis.call('DEL', KEYS[1])
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
if redis.call('SREM', KEYS[3], ARGV[5]) > 0 then
  redis.call('HDEL', KEYS[4], ARGV[5])
end
return 1
"""


class ConsumedMessage(MessageProxy):
    """A message a _WakingConsumer handed out: its result, if the job succeeds, waits here for the ack."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.pending_result: tuple[str, bytes, int] | None = None  # (key, encoded result, ttl ms)


class _WakingConsumer(_RedisConsumer):
    """Dramatiq's Redis consumer, woken by Redis when its queue gets a message instead of polling it.

    Dramatiq's own consumer runs its fetch script (a Lua call with the heartbeat) again and again with a growing
    pause while the queue is empty: several calls per message under a steady load, and about ten a second per
    queue and process when idle. This one blocks in Redis until it is woken, then fetches: after a fetch that found
    nothing, and after one that took fewer messages than it asked for (the queue was empty then, so asking again at
    once would find nothing: one Lua call per message saved under a steady load).

    Wake once: it blocks (BLPOP) on the queue's wake-token list, `<queue>.wake`, not on the queue itself. Every
    script that puts a message on the queue pushes a token with it in the same call (the gateway's enqueue, Dramatiq's
    dispatch for every other sender, retries and delayed messages included, and the requeue scripts; see WAKE_LUA),
    and Redis hands each token to one blocked client, the one that has waited longest: one idle consumer wakes per
    message, where blocking on the queue woke every idle worker process and all but one fetched for nothing. With one
    worker process it is the same one blocking call per wake as before. A token is only a hint, never a message's
    state (the queue, its ack sets and Dramatiq's requeues are untouched): a consumer that waited WAKE_WAIT_S without
    one fetches anyway, so a token lost (a Redis restart without its data, a consumer killed as Redis handed it one,
    a message queued by a script that pushes none) costs a message at most WAKE_WAIT_S, never a sleep while it waits.
    A worker host on an older Mailward (blocking on the queue) still wakes by the queue; consumers of this one wake
    for a gateway of an older one only by their WAKE_WAIT_S check: upgrade every host.

    While every slot is taken (prefetch reached) it waits for a worker thread to finish one (ack or nack) instead
    of sleeping out Dramatiq's growing back-off: with one thread per process the next message is fetched as soon
    as the last one is done, not up to the poll timeout later.
    """

    broker: WakingRedisBroker

    def __init__(self, broker: WakingRedisBroker, queue_name: str, prefetch: int, timeout: int) -> None:
        super().__init__(broker, queue_name, prefetch, timeout)
        self.freed = threading.Event()  # set by ack/nack (worker threads): a slot is free again
        self.drained = False  # the last fetch emptied the queue: wait in Redis before fetching again
        self.wake = wake_key(f"{broker.namespace}:{queue_name}")
        # Dramatiq makes a new consumer after a lost connection: what a lost fetch reply left behind goes back
        self.requeued_lost = self._requeue_lost_fetches()

    def _requeue_lost_fetches(self) -> int:
        """Put back the messages this consumer's ack set holds that no worker thread has (see the script)."""
        broker = self.broker
        acks = f"{broker.namespace}:__acks__.{broker.broker_id}.{self.queue_name}"
        queue = f"{broker.namespace}:{self.queue_name}"
        with broker.in_hand_lock:
            in_hand = sorted(broker.in_hand)
        try:
            n = int(broker.client.eval(_REQUEUE_LOST_FETCHES, 2, acks, queue, *in_hand))
        except (redis.ConnectionError, redis.TimeoutError) as e:
            raise ConnectionClosed(e) from None  # Dramatiq makes the consumer again a little later
        if n:
            log.warning("worker: %d fetched message(s) of queue %s whose fetch reply was lost put back on the queue",
                        n, self.queue_name)
        return n

    def _hand_out(self, message: Message) -> ConsumedMessage:
        rid = message.options.get("redis_message_id")
        if rid:
            with self.broker.in_hand_lock:
                self.broker.in_hand.add(rid)
        return ConsumedMessage(message)

    def _done(self, message: MessageProxy) -> None:
        with self.broker.in_hand_lock:
            self.broker.in_hand.discard(message.options.get("redis_message_id"))

    def ack(self, message: MessageProxy) -> None:
        pending = message.pending_result if isinstance(message, ConsumedMessage) else None
        try:
            if pending is None:
                self.broker.do_ack(self.queue_name, message.options["redis_message_id"])
            else:
                self._store_and_ack(message.options["redis_message_id"], *pending)
                message.pending_result = None
        except (redis.ConnectionError, redis.TimeoutError) as e:
            # Dramatiq tries the ack again until Redis is back; until then the message is still in this process's
            # hands, so a consumer made again meanwhile must not put it back on the queue
            raise ConnectionClosed(e) from None
        else:
            self._done(message)
        finally:
            self.queued_message_ids.discard(message.message_id)
            self.freed.set()

    def _store_and_ack(self, redis_message_id: str, key: str, data: bytes, ttl: int) -> None:
        """A job's result (as the Results backend stores it: delete, push, expire) and its ack (as Dramatiq's dispatch
        script acks: the heartbeat, then the message out of this consumer's ack set and the queue's messages) in one
        Lua call (_STORE_AND_ACK), one round trip instead of two; the result first, so a result is never missing
        for an acked job. Both are idempotent, so it is tried again while Redis restarts (within STORE_RIDE_S, as
        RidingRedisBackend stores a result), and then by Dramatiq's ack retries."""
        broker = self.broker
        ns = broker.namespace
        acks = f"{ns}:__acks__.{broker.broker_id}.{self.queue_name}"
        keys_ = [key, f"{ns}:__heartbeats__", acks, f"{ns}:{self.queue_name}.msgs"]
        until = time.monotonic() + STORE_RIDE_S
        while True:
            try:
                run_script(broker.store_and_ack, keys_, [data, ttl, current_millis(), broker.broker_id,
                                                         redis_message_id])
                return
            except (redis.ConnectionError, redis.TimeoutError):
                if time.monotonic() + RETRY_S >= until:
                    raise
                time.sleep(RETRY_S)

    def nack(self, message: MessageProxy) -> None:
        try:
            super().nack(message)
        finally:
            self.freed.set()
        self._done(message)  # only once Redis has it (a failed nack is tried again, the message still in hand)

    def __next__(self) -> MessageProxy | None:  # the loop of _RedisConsumer.__next__, but the waits
        try:
            while True:
                if self.message_cache:
                    data = self.message_cache.pop(0)
                    if data is None:  # as Dramatiq's own consumer (its issue #266)
                        continue
                    self.misses = 0
                    message = Message.decode(data)
                    self.queued_message_ids.add(message.message_id)
                    return self._hand_out(message)
                want = self.prefetch - self.outstanding_message_count
                if want <= 0:
                    # every slot taken: until a worker thread frees one (at most the idle timeout, so the consumer
                    # thread still looks at its running and paused flags)
                    self.freed.clear()
                    if self.prefetch - self.outstanding_message_count <= 0:
                        self.freed.wait(self.timeout / 1000)
                    return None
                if self.drained:
                    self.drained = False
                    self._wait_for_work()
                    return None
                self.message_cache = self.broker.do_fetch(self.queue_name, want)
                if self.message_cache:
                    self.drained = len(self.message_cache) < want
                    continue
                self._wait_for_work()
                return None
        except redis.ConnectionError as e:
            raise ConnectionClosed(e) from None

    def _wait_for_work(self) -> bool:
        """Block until a wake token comes (True) or WAKE_WAIT_S passed (False): either way the caller fetches next."""
        return self.broker.client.blpop([self.wake], WAKE_WAIT_S) is not None


class AckedRedisBackend(RidingRedisBackend):
    """The results backend of Mailward's brokers: a successful job's result, for a message a _WakingConsumer handed
    out, is stored with the job's ack in one round trip (_WakingConsumer._store_and_ack) instead of one round trip
    for the result (Results' after_process_message) and one for the ack. Errors (stored when the job is nacked) and
    every other message: stored at once, riding a Redis restart (RidingRedisBackend)."""

    def store_result(self, message: Any, result: Any, ttl: int) -> None:
        if isinstance(message, ConsumedMessage) and not message.failed:
            message.pending_result = (self.build_message_key(message), self.encoder.encode(wrap_result(result)), ttl)
            return
        super().store_result(message, result, ttl)


class WakingRedisBroker(RedisBroker):
    """Dramatiq's Redis broker whose consumers Redis wakes when a message comes (_WakingConsumer): its dispatch script
    also keeps the queues' wake tokens (_dispatch_with_wake)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scripts["dispatch"] = self.client.register_script(_dispatch_with_wake(_scripts["dispatch"]))
        # redis message ids handed to this process's worker threads and not acked or nacked yet, across the
        # consumers Dramatiq makes again after a lost connection (what _requeue_lost_fetches must not put back)
        self.in_hand: set[str] = set()
        self.in_hand_lock = threading.Lock()
        self.store_and_ack = self.client.register_script(_STORE_AND_ACK)
        # Dramatiq finds do_<command> through __getattr__, after a failed attribute lookup, and makes its function
        # anew on every call (a consumer fetches and acks every message): made once here, found as attributes
        for command in DISPATCH_COMMANDS:
            setattr(self, f"do_{command}", self._dispatch(command))

    @property
    def consumer_class(self) -> type[_RedisConsumer]:
        return _WakingConsumer

    def _dispatch(self, command: str) -> Any:
        """Dramatiq's do_<command> (its dispatch script, the same arguments), run through run_script: without
        redis-py's per-call Script work (about 8 us; a worker fetches and acks every message)."""
        dispatch = self.scripts["dispatch"]
        keys = [self.namespace]

        def do_dispatch(queue_name: str, *args: Any) -> Any:
            return run_script(dispatch, keys, [command, current_millis(), queue_name, self.broker_id,
                                               self.heartbeat_timeout, self.dead_message_ttl,
                                               self._should_do_maintenance(command), self._max_unpack_size(),
                                               *args])

        return do_dispatch


#: The commands of Dramatiq's dispatch script its Redis broker calls as do_<command>.
DISPATCH_COMMANDS = ("enqueue", "fetch", "ack", "nack", "requeue", "purge", "qsize")


def consumer_id(host: str, pid: int) -> str:
    """The broker id a worker process consumes under: its supervisor can name it from the pid it saw exit."""
    return f"{host}:{pid}"


def middleware() -> list[Middleware]:
    """The Dramatiq middleware Mailward's actors use, before Results: time limits (scan_message's deadline, the
    housekeeping jobs'), retries (webhook deliveries back off and retry; a job that raised is failed, so Results
    stores its error for the gateway), the current message (a webhook delivery reads its retry count).

    Dramatiq's other defaults do nothing for these actors and cost each message a call per hook (about 11 us per
    message for the four): AgeLimit (no actor sets max_age), ShutdownNotifications (none asks notify_shutdown),
    Callbacks (no on_success/on_failure) and Pipelines (no pipelines). An actor option they would define is refused
    when the actor is declared, so leaving them out cannot silently drop one.
    """
    return [TimeLimit(), Retries(max_retries=0), CurrentMessage()]


def make_broker(settings: Settings, *, broker_id: str | None = None) -> RedisBroker:
    """A broker and results backend on the configured Redis; set as Dramatiq's (only) global broker.

    broker_id: the consumer id its unacknowledged messages are kept under (Dramatiq's default is a random uuid).
    """
    # Bounded socket timeouts: a hung Redis must turn into an error (and the gateway's fail mode), not a hang.
    client = redis.Redis.from_url(redis_url(settings), socket_connect_timeout=5, socket_timeout=5,
                                  health_check_interval=30)
    broker = WakingRedisBroker(client=client, namespace=NAMESPACE, heartbeat_timeout=HEARTBEAT_TIMEOUT_MS,
                               middleware=middleware())
    if broker_id is not None:
        broker.broker_id = broker_id
    # a verdict's store rides a Redis restart (workers/result_store.py) and goes with the job's ack (one round trip)
    broker.add_middleware(Results(backend=AckedRedisBackend(client=client, namespace=f"{NAMESPACE}-results")))
    dramatiq.set_broker(broker)
    return broker


def results_backend(broker: dramatiq.Broker) -> RedisBackend:
    """The Results middleware's backend of a broker made by make_broker."""
    for mw in broker.middleware:
        if isinstance(mw, Results):
            return mw.backend  # type: ignore[return-value]
    raise RuntimeError("broker has no Results middleware")


def requeue_dead_consumer(broker: RedisBroker, broker_id: str) -> int:
    """Put the fetched but unacknowledged messages of a consumer whose process is gone back on their queues.

    Only for a process known to have exited: a slow one would run them a second time. Atomic (one Lua script);
    returns how many messages were requeued.
    """
    queues = sorted(broker.get_declared_queues() | broker.delay_queues)
    script = broker.client.register_script(_REQUEUE_DEAD_CONSUMER)
    return int(script(keys=[broker.namespace], args=[broker_id, *queues]))
