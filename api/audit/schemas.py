"""Schemas of the audit resource."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.fields import limit_arg, offset_arg, page_of, since_arg


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


AuditListSchema = page_of(AuditEntrySchema, "AuditListSchema")


class AuditListArgs(Schema):
    account = fields.String(validate=validate.Length(max=32))
    action = fields.String(validate=validate.Length(max=64))
    since = since_arg()
    limit = limit_arg(50, 1000)
    offset = offset_arg(10**6)
