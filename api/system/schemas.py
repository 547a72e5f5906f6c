"""Schemas of whoami, version and status."""

from __future__ import annotations

from marshmallow import Schema, fields

from api.health.schemas import HealthSchema


class WhoamiSchema(Schema):
    role = fields.String(required=True)
    account = fields.String(required=True)
    uid = fields.Integer(required=True, allow_none=True)
    token = fields.String(required=True, allow_none=True)
    via = fields.String(required=True)


class VersionSchema(Schema):
    version = fields.String(required=True)


class StatusSchema(HealthSchema):
    """Same shape as health, with every component."""
