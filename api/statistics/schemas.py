"""Schemas of the statistics resource."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.accounts.schemas import ACCOUNT_OR_EMPTY_PATTERN
from api.fields import since_arg


class StatisticsArgs(Schema):
    since = since_arg("e.g. 24h, 7d, 30d (longer frames are cut to the 31 days kept)", load_default="7d")
    bucket = fields.String(load_default="day", validate=validate.OneOf(["hour", "day"]))
    account = fields.String(metadata={"description": "an account; root (admin) or empty means every account",
                                      "pattern": ACCOUNT_OR_EMPTY_PATTERN})
    top = fields.Integer(load_default=10, validate=validate.Range(0, 100))


class BucketSchema(Schema):
    start = fields.Integer(required=True, metadata={"description": "epoch seconds (UTC hour or day)"})
    sent = fields.Integer(required=True)
    held_spam = fields.Integer(required=True)
    held_winexec = fields.Integer(required=True)
    held_virus = fields.Integer(required=True)
    held_other = fields.Integer(required=True)
    ratelimited = fields.Integer(required=True)
    rejected = fields.Integer(required=True)
    incoming_spam = fields.Integer(required=True, metadata={"description": "incoming mail scanned as spam"})
    incoming_ham = fields.Integer(required=True, metadata={"description": "incoming mail scanned as not spam"})


class TopSenderSchema(Schema):
    name = fields.String(required=True)
    account = fields.String(required=True)
    sent = fields.Integer(required=True)
    quarantined = fields.Integer(required=True)


class StatisticsSchema(Schema):
    bucket = fields.String(required=True)
    series = fields.List(fields.Nested(BucketSchema), required=True)
    top_senders = fields.List(fields.Nested(TopSenderSchema), required=True)
