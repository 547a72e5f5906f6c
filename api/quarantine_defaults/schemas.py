"""Schemas of the quarantine-defaults resource."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.accounts.schemas import LIMIT_BYTES_DOC, limit_bytes_value


class DefaultsSchema(Schema):
    limit_bytes = fields.Integer(required=True)
    releases_limit = fields.Integer(required=True)


class DefaultsEditArgs(Schema):
    limit_bytes = fields.Integer(strict=True, validate=limit_bytes_value,
                                 metadata={**LIMIT_BYTES_DOC, "description": "bytes; -1 restores the common default"})
    releases_limit = fields.Integer(strict=True, validate=validate.Range(-1, 1_000_000),
                                    metadata={"description": "-1 restores the common default"})
