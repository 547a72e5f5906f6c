"""Schemas of the one-click actions resource (shapes in api/README.md)."""

from __future__ import annotations

from marshmallow import Schema, fields

#: What a digest link's token looks like: base64url payload, a dot, base64url signature.
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{1,500}\.[A-Za-z0-9_-]{1,100}$"


class ActionSchema(Schema):
    email_id = fields.String(required=True)
    action = fields.String(required=True, metadata={"description": "release or delete"})
    account_name = fields.String(required=True)
    sender = fields.String(required=True)
    subject = fields.String(required=True)
    received_date = fields.Integer(required=True, metadata={"description": "epoch seconds"})
    expires = fields.Integer(required=True, metadata={"description": "epoch seconds the link stops working"})
    status = fields.String(required=True, metadata={"description": "pending (GET), released or removed (POST)"})
