"""Schemas of the webhooks resource (shapes in api/README.md)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.fields import StrictBoolean, page_of
from core.net.webhooks import EVENT_KINDS, MAX_URL_LENGTH

WEBHOOK_ID_PATTERN = "^[0-9a-f]{16}$"
WEBHOOK_PATH_PARAMETER = {"in": "path", "name": "webhook_id", "description": "a webhook id",
                          "schema": {"type": "string", "pattern": WEBHOOK_ID_PATTERN}}
_EVENTS_DOC = {"description": "event kinds to receive; empty or absent: all"}


class LastDeliverySchema(Schema):
    event_id = fields.String(required=True)
    event_type = fields.String(required=True)
    ok = fields.Boolean(required=True)
    status = fields.Integer(required=True, metadata={"description": "HTTP status; 0 for a network error"})
    error = fields.String(required=True)
    time = fields.Float(required=True)


class WebhookSchema(Schema):
    id = fields.String(required=True)
    url = fields.String(required=True)
    events = fields.List(fields.String(), required=True, metadata=_EVENTS_DOC)
    enabled = fields.Boolean(required=True)
    created = fields.Float(required=True)
    delivered = fields.Integer(required=True, metadata={"description": "events delivered (2xx)"})
    failed = fields.Integer(required=True, metadata={"description": "events given up on"})
    last_delivery = fields.Nested(LastDeliverySchema, required=True, allow_none=True)


class WebhookCreatedSchema(WebhookSchema):
    secret = fields.String(required=True, metadata={
        "description": "signing key of X-Mailward-Signature; shown only in this answer"})


WebhookListSchema = page_of(WebhookSchema, "WebhookListSchema")


class WebhookCreateArgs(Schema):
    url = fields.String(required=True, validate=validate.Length(1, MAX_URL_LENGTH),
                        metadata={"description": "http:// or https:// receiver"})
    events = fields.List(fields.String(validate=validate.OneOf(EVENT_KINDS)), load_default=list,
                         validate=validate.Length(max=len(EVENT_KINDS) * 2), metadata=_EVENTS_DOC)
    enabled = StrictBoolean(load_default=True)


class WebhookEditArgs(Schema):
    url = fields.String(validate=validate.Length(1, MAX_URL_LENGTH))
    events = fields.List(fields.String(validate=validate.OneOf(EVENT_KINDS)),
                         validate=validate.Length(max=len(EVENT_KINDS) * 2), metadata=_EVENTS_DOC)
    enabled = StrictBoolean()


class PingSchema(Schema):
    webhook_id = fields.String(required=True)
    event_id = fields.String(required=True, metadata={"description": "the queued ping event"})
