"""Schemas of the Activity Monitor resource (shapes in api/README.md; the stats keys are the reference's)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.accounts.schemas import ACCOUNT_OR_EMPTY_PATTERN, ACCOUNT_PATTERN
from api.fields import StrictBoolean, limit_arg, offset_arg, since_arg
from core.identity.sender_objects import SoType

#: The largest limit accepted (per hour or per day): far above anything a server sends.
MAX_LIMIT = 1_000_000_000
_LIMIT = validate.Range(-1, MAX_LIMIT)
_LEAVE = "; -1 (or leaving it out) keeps the value in force"


class HistorySchema(Schema):
    """A sender object's history (Mailward's own; core.learning.sender_history): its baseline and whether it is
    established."""

    established = fields.Boolean(required=True, metadata={
        "description": "long clean history: its mail gets SENDER_ESTABLISHED (attenuation) unless it shows an anomaly"})
    clean = fields.Integer(required=True, metadata={"description": "delivered messages not confirmed as spam"})
    held = fields.Integer(required=True, metadata={"description": "held or rejected messages"})
    confirmed_spam = fields.Integer(required=True, metadata={"description": "held messages an admin learned as spam"})
    usual_per_hour = fields.Float(required=True, metadata={"description": "usual messages in an hour it sends"})
    this_hour = fields.Integer(required=True, metadata={"description": "messages in the last 60 minutes"})
    active_hours = fields.Integer(required=True, metadata={"description": "hours with mail behind usual_per_hour"})
    clean_days = fields.Float(required=True, metadata={"description": "days between first and last clean message"})
    held_ratio = fields.Float(required=True, metadata={"description": "recent held share (decayed over a week)"})
    first_seen = fields.Integer(required=True, allow_none=True, metadata={"description": "epoch seconds"})
    last_seen = fields.Integer(required=True, allow_none=True, metadata={"description": "epoch seconds"})
    tainted_until = fields.Integer(required=True, allow_none=True, metadata={
        "description": "epoch seconds: confirmed spam, no attenuation until then; null: not tainted"})
    recipient_domains = fields.Integer(required=True, metadata={
        "description": "recipient domains it delivered to (sender addresses and scripts; capped)"})


class WindowSchema(Schema):
    """Where an object stands against its hourly limit (Mailward's own; only with ?window=true)."""

    sent = fields.Integer(required=True, metadata={"description": "counted in the sliding 60 minutes its limit counts"})
    held_for_limit = fields.Integer(required=True, metadata={
        "description": "times its own limit held mail in the frame (a limit raised since then still shows them)"})


def _history_field() -> fields.Nested:
    return fields.Nested(HistorySchema, allow_none=True, metadata={
        "description": "Mailward's own, only with ?history=true: the sender-history baseline; null: no history"})


def _object_fields(**extra: fields.Field) -> dict[str, fields.Field]:
    """The keys every sender object has plus `extra`, in the reference's (alphabetical) order."""
    common: dict[str, fields.Field] = {
        "exclusion": fields.Boolean(required=True, metadata={"description": "it has its own limit (tier 2)"}),
        "id": fields.String(required=True, metadata={"description": "stable UUID (for POST /am/limit)"}),
        "limit": fields.Integer(required=True, metadata={"description": "messages per hour in force; 0 = unlimited"}),
        "messages": fields.Integer(required=True, metadata={"description": "sent (ham) in the frame"}),
        "name": fields.String(required=True),
        "quarantined": fields.Integer(required=True, metadata={"description": "held in the frame (any reason)"}),
        "rateLimited": fields.Boolean(required=True, metadata={
            "description": "it has a limit and was held (or, in dry run, would have been) for a limit in the frame, "
                           "or is at its hourly limit now"}),
        "whitelisted": fields.Boolean(required=True, metadata={"description": "on the sender whitelist (tier 3)"}),
        "history": _history_field(),
        "window": fields.Nested(WindowSchema, metadata={
            "description": "Mailward's own, only with ?window=true: the sliding hour its hourly limit counts"}),
        "contained": fields.Nested("ContainmentSchema", allow_none=True, metadata={
            "description": "Mailward's own, only with ?contained=true: its containment (POST /am/contain), null when "
                           "it is not contained"}),
    }
    return dict(sorted({**common, **extra}.items()))


def _children(schema: type[Schema]) -> fields.List:
    return fields.List(fields.Nested(schema), required=True, allow_none=True, metadata={"description": "null: none"})


SenderEmailStatsSchema = Schema.from_dict(
    _object_fields(account_id=fields.String(required=True), domain_id=fields.String(required=True)),
    name="SenderEmailStats")
ScriptStatsSchema = Schema.from_dict(
    _object_fields(account_id=fields.String(required=True),
                   domain_id=fields.String(required=True, metadata={"description": "its sender's domain"})),
    name="ScriptStats")
DomainStatsSchema = Schema.from_dict(
    _object_fields(account_id=fields.String(required=True), sender_emails=_children(SenderEmailStatsSchema)),
    name="DomainStats")
AccountStatsSchema = Schema.from_dict(
    _object_fields(domains=_children(DomainStatsSchema), scripts=_children(ScriptStatsSchema)), name="AccountStats")


class StatsSchema(Schema):
    accounts = fields.List(fields.Nested(AccountStatsSchema), required=True)
    max_count = fields.Integer(required=True, metadata={"description": "accounts matching, over every page"})


class StatsArgs(Schema):
    since = since_arg("frame: [now - since, now], e.g. 1h, 2d; whole clock hours", load_default="1h")
    account_name = fields.String(validate=validate.Length(max=64), metadata={"description": "exact"})
    domain = fields.String(validate=validate.Length(max=253), metadata={"description": "exact, any case"})
    script_name = fields.String(validate=validate.Length(max=1024), metadata={"description": "substring"})
    sender_email = fields.String(validate=validate.Length(max=320), metadata={"description": "exact, any case"})
    limit = limit_arg(25, 1000, description="accounts per page")
    offset = offset_arg()
    history = fields.Boolean(load_default=False, truthy={"true"}, falsy={"false"}, metadata={
        "description": "true: every object also has `history`, its sender-history baseline (Mailward's own key)"})
    window = fields.Boolean(load_default=False, truthy={"true"}, falsy={"false"}, metadata={
        "description": "true: every object also has `window`: sent in its limit's sliding hour, held for its limit"})
    contained = fields.Boolean(load_default=False, truthy={"true"}, falsy={"false"}, metadata={
        "description": "true: every object also has `contained`: its containment (POST /am/contain), or null"})


class HistoryArgs(Schema):
    id = fields.UUID(required=True, metadata={"description": "a sender object's id (from GET /am/stats)"})


class ObjectHistorySchema(Schema):
    id = fields.String(required=True)
    so_type = fields.String(required=True)
    name = fields.String(required=True)
    account_name = fields.String(required=True)
    history = fields.Nested(HistorySchema, required=True, allow_none=True, metadata={"description": "null: none"})
    recent_domains = fields.List(fields.String(), required=True, metadata={
        "description": "recipient domains it delivered to most recently (at most 10)"})


class LimitArgs(Schema):
    id = fields.UUID(required=True, metadata={"description": "a sender object's id (from GET /am/stats)"})
    limit = fields.Integer(required=True, strict=True, validate=_LIMIT,
                           metadata={"description": "messages per hour; 0 = unlimited, -1 = the server default"})
    so_type = fields.String(required=True, validate=validate.OneOf([t.value for t in SoType]))


class LimitResultSchema(Schema):
    id = fields.String(required=True)
    so_type = fields.String(required=True)
    name = fields.String(required=True)
    account_name = fields.String(required=True)
    account_id = fields.String(required=True)
    domain_id = fields.String(required=True, metadata={"description": "empty for accounts and domains"})
    limit = fields.Integer(required=True, metadata={"description": "the hourly limit now in force; 0 = unlimited"})
    exclusion = fields.Boolean(required=True, metadata={"description": "false: follows the server setting"})


class ServerSettingsSchema(Schema):
    account = fields.Integer(required=True, metadata={"description": "messages per hour; 0 = unlimited"})
    domain = fields.Integer(required=True)
    limit_mode = fields.Integer(required=True, metadata={"description": "1 counts messages, 2 recipients"})
    script = fields.Integer(required=True)
    sender_email = fields.Integer(required=True)
    daily_account = fields.Integer(required=True, metadata={"description": "per 24 hours; 0 = none"})
    daily_domain = fields.Integer(required=True)
    daily_script = fields.Integer(required=True)
    daily_sender_email = fields.Integer(required=True)
    dry_run = fields.Boolean(required=True, metadata={"description": "count and report, hold nothing"})


def _limit_field(what: str) -> fields.Integer:
    return fields.Integer(strict=True, validate=_LIMIT, metadata={"description": what + _LEAVE})


class ServerSettingsEditArgs(Schema):
    account = _limit_field("messages per hour per account; 0 = unlimited")
    domain = _limit_field("messages per hour per domain; 0 = unlimited")
    limit_mode = fields.Integer(strict=True, validate=validate.OneOf([-1, 1, 2]),
                                metadata={"description": "1 counts messages, 2 recipients" + _LEAVE})
    script = _limit_field("messages per hour per script; 0 = unlimited")
    sender_email = _limit_field("messages per hour per sender address; 0 = unlimited")
    daily_account = _limit_field("messages per 24 hours per account; 0 = none")
    daily_domain = _limit_field("messages per 24 hours per domain; 0 = none")
    daily_script = _limit_field("messages per 24 hours per script; 0 = none")
    daily_sender_email = _limit_field("messages per 24 hours per sender address; 0 = none")
    dry_run = StrictBoolean(metadata={"description": "true: count and report what would be held, hold nothing"})


# ---------------------------------------------------------------- containment


class ContainmentSchema(Schema):
    id = fields.String(required=True)
    so_type = fields.String(required=True, metadata={"description": "script, sender_email or domain"})
    name = fields.String(required=True)
    account_name = fields.String(required=True)
    action = fields.String(required=True, metadata={"description": "hold (reason contained) or reject (550)"})
    since = fields.Integer(required=True, metadata={"description": "epoch seconds"})
    by = fields.String(required=True, metadata={"description": "who contained it (`auto`: the automatic policy)"})
    auto = fields.Boolean(required=True)
    note = fields.String(required=True)
    holds = fields.Integer(required=True, metadata={"description": "automatic: the holds that crossed the threshold"})
    lift_by = fields.String(required=True, metadata={
        "description": "who may lift it: account, reseller (the account's reseller or the admin) or admin"})
    may_lift = fields.Boolean(required=True, metadata={
        "description": "the caller may lift it (false: show Uncontain disabled, saying lift_by)"})


class ContainArgs(Schema):
    id = fields.UUID(metadata={"description": "a sender object's id (from GET /am/stats)"})
    so_type = fields.String(validate=validate.OneOf(["script", "sender_email", "domain"]), metadata={
        "description": "with account_name and name instead of id: an object that may not have sent yet"})
    account_name = fields.String(validate=validate.Length(max=32), metadata={"pattern": ACCOUNT_PATTERN})
    name = fields.String(validate=validate.Length(min=1, max=320))
    action = fields.String(validate=validate.OneOf(["hold", "reject"]), metadata={
        "description": "hold (default: [containment] action) or reject"})
    note = fields.String(validate=validate.Length(max=200), metadata={"description": "why, for the audit trail"})


class UncontainArgs(Schema):
    id = fields.UUID(required=True, metadata={"description": "the contained object's id"})


class ContainedArgs(Schema):
    account_name = fields.String(validate=validate.Length(max=32), metadata={"description": "exact",
                                                                            "pattern": ACCOUNT_OR_EMPTY_PATTERN})
    limit = limit_arg(100, 10000)
    offset = offset_arg()


class ContainedListSchema(Schema):
    items = fields.List(fields.Nested(ContainmentSchema), required=True)
    max_count = fields.Integer(required=True)
