"""Webhook delivery: the dispatcher (event stream -> one job per matching webhook) and the deliver_webhook actor.

The dispatcher is a thread of every `mailward serve`. The hosts read the stream as one Redis consumer group, so
each event is dispatched once whichever host takes it; an event a dispatcher took but never acknowledged (it
died) is claimed by another after a minute. Delivery itself is a Dramatiq job, so it runs on any worker host and
its retries survive restarts.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable

import dramatiq
import redis

from core.errors import NotFound
from core.net.webhooks import event_body, post, sign
from core.settings import WebhookSettings
from core.store.events import Event, EventStore
from core.store.webhooks import Webhook, WebhookStore, decode_all, queue_read_all

log = logging.getLogger("mailward.webhooks")

WEBHOOK_QUEUE = "webhooks"
ACTOR_NAME = "deliver_webhook"
#: How often a dispatcher looks for events another one took and never acknowledged (and how idle they must be).
CLAIM_EVERY_S = 30.0
CLAIM_IDLE_MS = 60_000
#: With no webhook, how long the dispatcher lets events gather before its next read: they are read and acked only
#: (nothing to queue), so in batches instead of one exchange per event. Bounds how late an event is matched against
#: a webhook added meanwhile (it still gets it: the webhooks are read with each batch).
IDLE_BATCH_S = 0.5
#: Events read per exchange at most.
READ_BATCH = 100


class RetryDelivery(Exception):
    """A delivery failed in a way worth retrying (network error, 5xx, 429): Dramatiq backs off and retries."""


class Deliverer:
    """What one deliver_webhook job does: look up the webhook and the event, sign, POST, record."""

    def __init__(self, client: redis.Redis, settings: WebhookSettings) -> None:
        self.settings = settings
        self.events = EventStore(client)
        self.webhooks = WebhookStore(client, allow_private=settings.allow_private)

    def deliver(self, webhook_id: str, event_id: str, final: bool = False) -> dict:
        """One attempt; raises RetryDelivery when it should be tried again."""
        try:
            hook = self.webhooks.get(webhook_id)
        except NotFound:
            log.info("webhook %s gone; event %s dropped", webhook_id, event_id)
            return {"status": "dropped"}
        event = self.events.get(event_id)
        if event is None:
            log.warning("event %s trimmed from the stream before webhook %s got it", event_id, webhook_id)
            return {"status": "dropped"}
        body = event_body(event.id, event.type, event.time, event.data)
        stamp = str(int(time.time()))
        headers = {"X-Mailward-Event": event.type, "X-Mailward-Delivery": f"{event.id}/{hook.id}",
                   "X-Mailward-Timestamp": stamp, "X-Mailward-Signature": sign(hook.secret, stamp, body)}
        result = post(hook.url, body, headers, timeout=self.settings.timeout,
                      allow_private=self.settings.allow_private)
        last_try = final or not result.retryable
        self.webhooks.record_delivery(hook.id, event_id=event.id, event_type=event.type, ok=result.ok,
                                      status=result.status, error=result.error, final=last_try)
        log.info("webhook %s event %s (%s) -> %s %s", hook.id, event.id, event.type, result.status or "-",
                 result.error or "ok")
        if not result.ok and not last_try:
            raise RetryDelivery(f"webhook {hook.id} event {event.id}: {result.error}")
        return {"status": result.status, "ok": result.ok}


def build_webhook_actor(broker: dramatiq.Broker, deliverer: Deliverer | None,
                        settings: WebhookSettings) -> dramatiq.Actor:
    """Declare deliver_webhook on a broker; a sender (serve's dispatcher) passes deliverer=None."""

    def deliver_webhook(webhook_id: str, event_id: str) -> dict:
        if deliverer is None:
            raise RuntimeError("this process only sends deliver_webhook")
        message = dramatiq.middleware.CurrentMessage.get_current_message()
        retries = int(message.options.get("retries", 0)) if message is not None else 0
        return deliverer.deliver(webhook_id, event_id, final=retries >= settings.max_retries)

    return dramatiq.actor(deliver_webhook, broker=broker, actor_name=ACTOR_NAME, queue_name=WEBHOOK_QUEUE,
                          max_retries=settings.max_retries, min_backoff=settings.min_backoff_ms,
                          max_backoff=settings.max_backoff_ms, time_limit=int(settings.timeout * 1000) + 30_000,
                          retry_when=lambda retries, exc: isinstance(exc, RetryDelivery)
                          and retries < settings.max_retries)


class Dispatcher:
    """Reads events as a member of the consumer group and queues one delivery per matching webhook."""

    def __init__(self, connect: Callable[[], redis.Redis], send: Callable[[str, str], object]) -> None:
        self.connect = connect  # a client whose socket timeout exceeds the blocking read
        self.send = send
        self.consumer = f"{socket.gethostname()}:{os.getpid()}"
        self.stop_event = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self.run, name="webhook-dispatcher", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        if self.thread is not None:
            self.thread.join(5.0)

    def run(self) -> None:
        """Dispatch until stopped; Redis trouble is logged and retried with back-off, never fatal.

        One Redis round trip per batch of events, whether or not any webhook exists: the acks of the batch before,
        the blocking read of new events, and the webhooks read after them (EventStore.ack_and_read); it was a read,
        a list and one ack per event. With no webhook at all, once it has caught up it reads every IDLE_BATCH_S at
        most, so an event costs a fraction of that round trip. An event is acked only after its deliveries were
        queued (at least once: a dispatcher that dies in between leaves it to be claimed and dispatched again).

        A webhook added later gets every event emitted after it was added: the webhooks are read after each batch
        of events, never kept from an earlier one, so an event read after the hook was saved is matched against it.
        Events emitted before it was added reach it only if still waiting to be dispatched; none are replayed.
        """
        pause, claimed_at = 0.5, 0.0
        store: EventStore | None = None
        done: list[str] = []  # dispatched, acked with the next read (or kept for the one after a failed exchange)
        while not self.stop_event.is_set():
            try:
                if store is None:
                    store = EventStore(self.connect())
                    store.ensure_group()
                if time.monotonic() - claimed_at >= CLAIM_EVERY_S:
                    claimed_at = time.monotonic()
                    stale = store.claim_stale(self.consumer, idle_ms=CLAIM_IDLE_MS)
                    if stale:
                        self._dispatch(stale, WebhookStore(store.client).all(), done)
                events, hooks = store.ack_and_read(self.consumer, done, count=READ_BATCH, block_ms=1000,
                                                    then=queue_read_all)
                done = []
                webhooks = decode_all(hooks)
                self._dispatch(events, webhooks, done)
                pause = 0.5
                if events and not webhooks and len(events) < READ_BATCH:  # caught up, nothing to queue
                    self.stop_event.wait(IDLE_BATCH_S)
            except Exception as exc:  # Redis down or restarted (group gone): rebuild and carry on
                log.warning("webhook dispatcher: %s", exc)
                store = None
                self.stop_event.wait(pause)
                pause = min(30.0, pause * 2)
        if store is not None:
            try:
                store.ack(*done)
                store.forget_consumer(self.consumer)
            except Exception as exc:
                log.debug("webhook dispatcher: leaving the group failed: %s", exc)

    def _dispatch(self, events: list[Event], webhooks: list[Webhook], done: list[str]) -> None:
        """Queue one delivery per event and matching webhook; each event joins `done` once its sends are queued."""
        for event in events:
            for hook in webhooks:
                if hook.wants(event.type, event.data):
                    self.send(hook.id, event.id)
            done.append(event.id)
