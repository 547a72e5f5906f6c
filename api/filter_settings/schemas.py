"""Schemas of the filter-settings resource."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields


class StrictBoolean(fields.Boolean):
    """JSON true or false only (marshmallow's Boolean also takes 0, 1, "yes", "on"...)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("must be true or false")
        return value


class FilterSettingsSchema(Schema):
    allow_winexec = fields.Boolean(required=True, metadata={"description": "let Windows executables through"})


class FilterSettingsEditArgs(Schema):
    allow_winexec = StrictBoolean()
