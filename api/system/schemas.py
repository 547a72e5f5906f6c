"""Schemas of whoami, version and status."""

from __future__ import annotations

from marshmallow import Schema, fields

from api.health.schemas import HealthSchema


class WhoamiSchema(Schema):
    role = fields.String(required=True)
    account = fields.String(required=True)
    uid = fields.Integer(required=True, allow_none=True)
    token = fields.String(required=True, allow_none=True)
    via = fields.String(required=True, metadata={
        "description": "unix, tcp, or whm (a reseller through the WHM plugin)"})
    accounts = fields.List(fields.String(), metadata={
        "description": "a reseller only: the accounts it owns (cPanel's OWNER=), the only ones it sees and acts on"})
    may_change = fields.List(fields.String(), metadata={
        "description": "a reseller only: the per-account settings root lets resellers change ([resellers] may_change)"})


class VersionSchema(Schema):
    version = fields.String(required=True)


class RedisMemorySchema(Schema):
    used_bytes = fields.Integer(required=True)
    max_bytes = fields.Integer(required=True, metadata={"description": "maxmemory; 0 = none"})
    policy = fields.String(required=True, metadata={"description": "maxmemory-policy (Mailward's own: noeviction)"})


class StatusSchema(HealthSchema):
    """Same shape as health, with every component, and Redis's memory (null when Redis does not answer)."""

    redis_memory = fields.Nested(RedisMemorySchema, required=True, allow_none=True)
