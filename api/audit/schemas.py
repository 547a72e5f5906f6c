"""Schemas of the audit resource."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.emails.schemas import SINCE_PATTERN


class ActorSchema(Schema):
    role = fields.String(required=True)
    account = fields.String(required=True)
    uid = fields.Integer(required=True, allow_none=True)
    token = fields.String(required=True, allow_none=True)


class AuditEntrySchema(Schema):
    id = fields.String(required=True)
    time = fields.Float(required=True)
    actor = fields.Nested(ActorSchema, required=True)
    via = fields.String(required=True, metadata={"description": "unix (peer uid) or tcp (token)"})
    interface = fields.String(required=True, metadata={"description": "as declared by the client; informative"})
    action = fields.String(required=True)
    account = fields.String(required=True)
    target = fields.String(required=True)
    details = fields.Dict(required=True)
    result = fields.String(required=True)


class AuditListSchema(Schema):
    items = fields.List(fields.Nested(AuditEntrySchema), required=True)
    max_count = fields.Integer(required=True)


class AuditListArgs(Schema):
    account = fields.String(validate=validate.Length(max=32))
    action = fields.String(validate=validate.Length(max=64))
    since = fields.String(metadata={"description": "e.g. 30d, 24h, 100s", "pattern": SINCE_PATTERN})
    limit = fields.Integer(load_default=50, validate=validate.Range(0, 1000))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, 10**6))
