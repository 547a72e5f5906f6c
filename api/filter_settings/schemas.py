"""Schemas of the filter-settings resource."""

from __future__ import annotations

from marshmallow import Schema, fields

from api.fields import StrictBoolean


class FilterSettingsSchema(Schema):
    allow_winexec = fields.Boolean(required=True, metadata={"description": "let Windows executables through"})


class FilterSettingsEditArgs(Schema):
    allow_winexec = StrictBoolean()
