"""Schemas of the health resource."""

from __future__ import annotations

from marshmallow import Schema, fields


class ComponentSchema(Schema):
    name = fields.String(required=True)
    ok = fields.Boolean(required=True)
    detail = fields.String(required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"description": "ok or degraded"})
    version = fields.String(required=True)
    components = fields.List(fields.Nested(ComponentSchema), required=True)
