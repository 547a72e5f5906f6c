"""Webhook configurations and their last delivery status, in Redis."""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import redis

from core import keys
from core.errors import NotFound, ValidationError
from core.net.webhooks import PING, check_events, check_url

#: Webhooks one server may have (each event is one job per matching webhook).
MAX_WEBHOOKS = 50
_ID_RE = re.compile(r"^[0-9a-f]{16}$")


@dataclass(slots=True)
class Webhook:
    """One receiver: where to POST, which events (empty: all), the signing secret, on or off."""

    id: str
    url: str
    events: list[str] = field(default_factory=list)
    secret: str = ""
    enabled: bool = True
    created: float = 0.0

    def wants(self, kind: str, data: dict[str, Any]) -> bool:
        """Whether this webhook receives an event (a ping goes only to the webhook it names)."""
        if kind == PING:
            return data.get("webhook_id") == self.id
        return self.enabled and (not self.events or kind in self.events)

    def public(self) -> dict[str, Any]:
        """Everything but the secret."""
        return {"id": self.id, "url": self.url, "events": list(self.events), "enabled": self.enabled,
                "created": self.created}


def valid_webhook_id(webhook_id: str) -> str:
    """A webhook id as this store makes them; NotFound for anything else (it cannot exist)."""
    if not _ID_RE.match(webhook_id or ""):
        raise NotFound(f"webhook {webhook_id} does not exist")
    return webhook_id


class WebhookStore:
    """Create, change, list and remove webhooks; record how their deliveries went."""

    def __init__(self, client: redis.Redis, *, allow_private: bool = False) -> None:
        self.client = client
        self.allow_private = allow_private

    def create(self, url: str, events: list[str] | None = None, *, enabled: bool = True) -> Webhook:
        """A new webhook with a fresh secret (returned here, and never again through list/get)."""
        hook = Webhook(id=secrets.token_hex(8), url=check_url(url, allow_private=self.allow_private),
                       events=check_events(list(events or [])), secret=secrets.token_hex(32), enabled=enabled,
                       created=round(time.time(), 3))
        # Not a counter: a race could pass the cap by one, which is harmless.
        if self.client.hlen(keys.webhooks()) >= MAX_WEBHOOKS:
            raise ValidationError(f"at most {MAX_WEBHOOKS} webhooks; remove one first")
        self._save(hook)
        return hook

    def get(self, webhook_id: str) -> Webhook:
        """One webhook, with its secret (for signing)."""
        raw = self.client.hget(keys.webhooks(), valid_webhook_id(webhook_id))
        if raw is None:
            raise NotFound(f"webhook {webhook_id} does not exist")
        return _decode(raw)

    def all(self) -> list[Webhook]:
        """Every webhook, oldest first."""
        return decode_all(self.client.hvals(keys.webhooks()))

    def update(self, webhook_id: str, *, url: str | None = None, events: list[str] | None = None,
               enabled: bool | None = None) -> Webhook:
        """Change url, events and/or enabled; the secret stays."""
        hook = self.get(webhook_id)
        if url is not None:
            hook.url = check_url(url, allow_private=self.allow_private)
        if events is not None:
            hook.events = check_events(list(events))
        if enabled is not None:
            hook.enabled = enabled
        self._save(hook)
        return hook

    def remove(self, webhook_id: str) -> Webhook:
        """Delete a webhook and its status; queued deliveries to it are dropped when they run."""
        hook = self.get(webhook_id)
        pipe = self.client.pipeline()
        pipe.hdel(keys.webhooks(), hook.id)
        pipe.hdel(keys.webhook_status(), hook.id, f"{hook.id}:delivered", f"{hook.id}:failed")
        pipe.execute()
        return hook

    def record_delivery(self, webhook_id: str, *, event_id: str, event_type: str, ok: bool, status: int,
                        error: str, final: bool) -> None:
        """Remember the last attempt, and count delivered / given-up events (HINCRBY: atomic)."""
        last = {"event_id": event_id, "event_type": event_type, "ok": ok, "status": status, "error": error[:500],
                "time": round(time.time(), 3)}
        if self.client.hexists(keys.webhooks(), webhook_id) == 0:
            return  # removed meanwhile: leave no orphan status behind
        pipe = self.client.pipeline()
        pipe.hset(keys.webhook_status(), webhook_id, json.dumps(last, separators=(",", ":")))
        if ok:
            pipe.hincrby(keys.webhook_status(), f"{webhook_id}:delivered", 1)
        elif final:
            pipe.hincrby(keys.webhook_status(), f"{webhook_id}:failed", 1)
        pipe.execute()

    def status(self, webhook_id: str) -> dict[str, Any]:
        """The last attempt (None before the first) and the delivered / failed counts."""
        last, delivered, failed = self.client.hmget(keys.webhook_status(), webhook_id, f"{webhook_id}:delivered",
                                                    f"{webhook_id}:failed")
        return {"last_delivery": json.loads(last) if last else None, "delivered": int(delivered or 0),
                "failed": int(failed or 0)}

    def _save(self, hook: Webhook) -> None:
        data = {"id": hook.id, "url": hook.url, "events": hook.events, "secret": hook.secret,
                "enabled": hook.enabled, "created": hook.created}
        self.client.hset(keys.webhooks(), hook.id, json.dumps(data, separators=(",", ":")))


def queue_read_all(pipe: redis.client.Pipeline) -> None:
    """Queue the read of every webhook on a pipeline (decode_all reads its reply), for callers that read them in the
    same exchange as something else (workers.webhooks: with each batch of events)."""
    pipe.hvals(keys.webhooks())


def decode_all(values: list[bytes]) -> list[Webhook]:
    """Webhooks from the values of keys.webhooks() (HVALS; WebhookStore.all, queue_read_all), oldest first."""
    return sorted((_decode(v) for v in values), key=lambda h: (h.created, h.id))


def _decode(raw: bytes) -> Webhook:
    d = json.loads(raw)
    return Webhook(id=str(d["id"]), url=str(d["url"]), events=[str(e) for e in d.get("events") or []],
                   secret=str(d.get("secret", "")), enabled=bool(d.get("enabled", True)),
                   created=float(d.get("created", 0.0)))
