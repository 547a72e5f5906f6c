"""Schemas of the whitelist resource."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class WhitelistSchema(Schema):
    emails = fields.List(fields.String(), required=True)
    domains = fields.List(fields.String(), required=True)


class ValuesArgs(Schema):
    values = fields.List(fields.String(validate=validate.Length(1, 320)), required=True,
                         validate=validate.Length(1, 1000))


class EntrySchema(Schema):
    type = fields.String(required=True, metadata={"description": "email or domain"})
    value = fields.String(required=True)


class EntriesSchema(Schema):
    entries = fields.List(fields.Nested(EntrySchema), required=True)
