"""/webhooks: signed JSON POSTs on events (admin only); the secret is shown once, at creation."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.services import identity, record, services
from api.webhooks.schemas import (
    WEBHOOK_PATH_PARAMETER,
    PingSchema,
    WebhookCreateArgs,
    WebhookCreatedSchema,
    WebhookEditArgs,
    WebhookListSchema,
    WebhookSchema,
)
from core.errors import ServiceUnavailable
from core.net.webhooks import PING
from core.store.webhooks import Webhook

blp = Blueprint("webhooks", __name__, description="Webhooks: signed JSON POSTs on events (admin only)")


def webhook_view(hook: Webhook) -> dict[str, Any]:
    """A webhook in the API's Webhook shape (never its secret)."""
    return {**hook.public(), **services().webhooks.status(hook.id)}


@blp.route("/webhooks")
class Webhooks(MethodView):
    @blp.response(200, WebhookListSchema)
    def get(self) -> dict[str, Any]:
        """Every webhook with its last delivery; never the secrets."""
        identity().require_admin("listing webhooks")
        items = [webhook_view(h) for h in services().webhooks.all()]
        return {"items": items, "max_count": len(items)}

    @blp.arguments(WebhookCreateArgs)
    @blp.response(201, WebhookCreatedSchema)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Create a webhook; the answer holds its signing secret, which is never shown again."""
        identity().require_admin("creating webhooks")
        hook = services().webhooks.create(args["url"], args["events"], enabled=args["enabled"])
        record("webhook.create", target=hook.id, details={"url": hook.url, "events": hook.events})
        return {**webhook_view(hook), "secret": hook.secret}


@blp.route("/webhooks/<webhook_id>", parameters=[WEBHOOK_PATH_PARAMETER])
class OneWebhook(MethodView):
    @blp.response(200, WebhookSchema)
    def get(self, webhook_id: str) -> dict[str, Any]:
        """One webhook and its last delivery."""
        identity().require_admin("seeing webhooks")
        return webhook_view(services().webhooks.get(webhook_id))

    @blp.arguments(WebhookEditArgs, required=False)
    @blp.response(200, WebhookSchema)
    def patch(self, args: dict[str, Any], webhook_id: str) -> dict[str, Any]:
        """Change a webhook's url, events or enabled (the secret stays)."""
        identity().require_admin("editing webhooks")
        hook = services().webhooks.update(webhook_id, url=args.get("url"), events=args.get("events"),
                                          enabled=args.get("enabled"))
        record("webhook.edit", target=hook.id, details=dict(args))
        return webhook_view(hook)

    @blp.response(200, WebhookSchema)
    def delete(self, webhook_id: str) -> dict[str, Any]:
        """Remove a webhook (deliveries still queued for it are dropped); answers what it was."""
        identity().require_admin("removing webhooks")
        svc = services()
        view = webhook_view(svc.webhooks.get(webhook_id))
        svc.webhooks.remove(webhook_id)
        record("webhook.remove", target=webhook_id, details={"url": view["url"]})
        return view


@blp.route("/webhooks/<webhook_id>/test", parameters=[WEBHOOK_PATH_PARAMETER])
class WebhookTest(MethodView):
    @blp.response(202, PingSchema)
    def post(self, webhook_id: str) -> dict[str, Any]:
        """Queue a `ping` event for this webhook only (delivered by a running `mailward serve`)."""
        identity().require_admin("testing webhooks")
        svc = services()
        hook = svc.webhooks.get(webhook_id)
        event_id = svc.events.emit(PING, {"webhook_id": hook.id, "by": identity().label()})
        if not event_id:
            raise ServiceUnavailable("the ping event could not be recorded")
        record("webhook.test", target=hook.id, details={"event_id": event_id})
        return {"webhook_id": hook.id, "event_id": event_id}
