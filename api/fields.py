"""Marshmallow fields and shapes the API shares: stricter than marshmallow's defaults where the contract needs it."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

#: What core.durations.parse_duration accepts (at most 100 years), or empty (no limit).
SINCE_PATTERN = r"^(\s*(\d{1,9}\s*s?|\d{1,7}\s*m|\d{1,5}\s*h|\d{1,4}\s*d)\s*)?$"


class StrictBoolean(fields.Boolean):
    """JSON true or false only (marshmallow's Boolean also takes 0, 1, "yes", "on"...)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("must be true or false")
        return value


def since_arg(description: str = "e.g. 30d, 24h, 100s", **kwargs: Any) -> fields.String:
    """A `since` query parameter: a duration core.durations.parse_duration reads."""
    return fields.String(metadata={"description": description, "pattern": SINCE_PATTERN}, **kwargs)


def limit_arg(default: int, maximum: int, **metadata: Any) -> fields.Integer:
    """A page's `limit` query parameter."""
    return fields.Integer(load_default=default, validate=validate.Range(0, maximum), metadata=metadata)


def offset_arg(maximum: int = 10**9) -> fields.Integer:
    """A page's `offset` query parameter."""
    return fields.Integer(load_default=0, validate=validate.Range(0, maximum))


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The `{items, max_count}` answer of a listing (max_count counts every match, over every page)."""
    return Schema.from_dict({"items": fields.List(fields.Nested(item), required=True),
                             "max_count": fields.Integer(required=True)}, name=name)
