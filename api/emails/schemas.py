"""Schemas of the emails resource (shapes in api/README.md)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.accounts.schemas import ACCOUNT_OR_EMPTY_PATTERN
from api.fields import StrictBoolean, limit_arg, offset_arg, page_of, since_arg
from core.models import Direction, Reason

MAX_BULK = 500


class ScriptHeaderSchema(Schema):
    raw = fields.String(required=True)
    domain = fields.String(required=True)
    path = fields.String(required=True)


class EmailSummarySchema(Schema):
    email_id = fields.String(required=True)
    size_bytes = fields.Integer(required=True)
    account_name = fields.String(required=True)
    sender = fields.String(required=True, metadata={"description": "envelope sender; empty for bounces"})
    recipients = fields.List(fields.String(), required=True, metadata={"description": "envelope recipients, Bcc too"})
    subject = fields.String(required=True)
    received_date = fields.Integer(required=True, metadata={"description": "epoch seconds"})
    reasons = fields.List(fields.String(), required=True)
    score = fields.Float(required=True)
    hold_threshold = fields.Float(required=True, metadata={
        "description": "the score at or above which mail of this direction is held now (thresholds.quarantine; "
                       "incoming.spam for incoming mail): show it beside the score"})
    direction = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "quarantined, released or removed"})
    script_header = fields.Nested(ScriptHeaderSchema, required=True)
    release_allowed = fields.Boolean(metadata={
        "description": "listings and show: the release policy lets the caller release it (the hourly release limit "
                       "aside: see /accounts' next_release_at); false: show Release disabled with release_refusal"})
    release_refusal = fields.String(allow_none=True, metadata={
        "description": "listings and show: why the caller may not release it, in words; null when it may"})


class EmailDetailSchema(EmailSummarySchema):
    symbols = fields.List(fields.String(), required=True)
    queue_id = fields.String(required=True)
    headers = fields.List(fields.List(fields.String()), required=True,
                          metadata={"description": "[name, decoded value] pairs, in message order"})
    body = fields.String(required=True, metadata={"description": "decoded text; HTML tags removed"})
    html = fields.String(required=True, metadata={
        "description": "the HTML body rebuilt for viewing: structural tags only, no attributes, links as text "
                       "([address]); empty without an HTML part. Show it sandboxed, never as the page's own HTML"})


EmailListSchema = page_of(EmailSummarySchema, "EmailListSchema")


class EmailListArgs(Schema):
    account = fields.String(metadata={"description": "an account; root (admin) or empty means every account",
                                      "pattern": ACCOUNT_OR_EMPTY_PATTERN})
    since = since_arg()
    limit = limit_arg(25, 1000)
    offset = offset_arg()
    direction = fields.String(validate=validate.OneOf([d.value for d in Direction]))
    reason = fields.String(validate=validate.OneOf([r.value for r in Reason]))
    sender = fields.String(validate=validate.Length(max=320))
    recipient = fields.String(validate=validate.Length(max=320))
    subject = fields.String(validate=validate.Length(max=998))
    script = fields.String(validate=validate.Length(max=512), metadata={
        "description": "substring of the sending PHP script (domain/path), as the Activity Monitor names it"})
    account_only = fields.Boolean(load_default=False, truthy={"true"}, falsy={"false"}, metadata={
        "description": "with account=root (admin): only root's own, unattributed mail instead of every account's"})


class AccountArgs(Schema):
    account = fields.String(metadata={"description": "the account the id belongs to; root (admin) for any",
                                      "pattern": ACCOUNT_OR_EMPTY_PATTERN})


class BulkArgs(Schema):
    ids = fields.List(fields.String(), required=True, validate=validate.Length(1, MAX_BULK))
    account = fields.String()


class BulkItemSchema(Schema):
    email_id = fields.String(required=True)
    ok = fields.Boolean(required=True)
    status = fields.String(required=True)
    message = fields.String(required=True)


class BulkResultSchema(Schema):
    results = fields.List(fields.Nested(BulkItemSchema), required=True)
    succeeded = fields.Integer(required=True)
    failed = fields.Integer(required=True)


class LearnArgs(BulkArgs):
    spam = StrictBoolean(required=True, metadata={"description": "true: confirm spam; false: it was ham"})
