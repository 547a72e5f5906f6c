"""Marshmallow fields the API shares: stricter than marshmallow's defaults where the contract needs it."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields


class StrictBoolean(fields.Boolean):
    """JSON true or false only (marshmallow's Boolean also takes 0, 1, "yes", "on"...)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("must be true or false")
        return value
