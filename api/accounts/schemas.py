"""Schemas of the accounts resource."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from api.fields import StrictBoolean, limit_arg, offset_arg, page_of
from api.quota_evictions.schemas import EVICTION_DOC, QuotaEvictionSchema
from core.errors import MailwardError
from core.models import AccountState
from core.store.digest_prefs import CHOICES, valid_digest_address

#: core.names.valid_account's rule, for the OpenAPI document (a name that does not match it is a 400).
ACCOUNT_PATTERN = r"^[a-z_][a-z0-9_-]{0,31}$"
#: The same or empty: an empty `account` query parameter means every account the caller may see.
ACCOUNT_OR_EMPTY_PATTERN = r"^([a-z_][a-z0-9_-]{0,31})?$"
#: A path parameter naming an account.
ACCOUNT_PATH_PARAMETER = {"in": "path", "name": "name", "description": "a cPanel account, or root",
                          "schema": {"type": "string", "pattern": ACCOUNT_PATTERN}}
MAX_LIMIT_BYTES = 2**40
#: What limit_bytes_value accepts, for the OpenAPI document: -1 or 1..1 TiB.
LIMIT_BYTES_DOC = {"minimum": -1, "maximum": MAX_LIMIT_BYTES, "not": {"enum": [0]},
                   "description": "bytes; -1 restores the default"}


def limit_bytes_value(value: int) -> None:
    """-1 restores the default; otherwise a positive byte count up to 1 TiB."""
    if value != -1 and not 1 <= value <= MAX_LIMIT_BYTES:
        raise ValidationError("must be -1 (the default) or between 1 and 1099511627776 bytes")


_RELEASES = validate.Range(-1, 1_000_000)

#: core.store.digest_prefs.valid_digest_address's rule, for the OpenAPI document: empty, or local@domain of the
#: characters core.mail.exim_reinject.safe_address lets through to sendmail (no leading "-", at most 254 of them).
DIGEST_ADDRESS_PATTERN = (r'^([^\s\x00-\x1f\x7f<>()\[\],;:\\"@-][^\s\x00-\x1f\x7f<>()\[\],;:\\"@]*'
                          r'@[^\s\x00-\x1f\x7f<>()\[\],;:\\"@]+)?$')
DIGEST_ADDRESS_MAX = 254


def digest_address_value(value: str) -> None:
    """Empty (the cPanel contact address) or one address, by the store's own rule."""
    try:
        valid_digest_address(value)
    except MailwardError as exc:
        raise ValidationError(exc.message) from None


_DIGEST_DOC = {"description": "how often the account's digest of held mail is sent; default: the server's "
                              "notifications.digest"}
_ADDRESS_DOC = {"description": "where the digest goes; empty: the account's cPanel contact address"}


class AccountSchema(Schema):
    name = fields.String(required=True)
    limit_bytes = fields.Integer(required=True)
    used_bytes = fields.Integer(required=True)
    state = fields.String(required=True)
    releases_limit = fields.Integer(required=True, metadata={"description": "releases per hour for non-root"})
    customized = fields.Boolean(required=True, metadata={"description": "false: follows quarantine-defaults"})
    own_fields = fields.List(fields.String(), required=True, metadata={
        "description": "which of limit_bytes, releases_limit are the account's own (the others follow the defaults)"})
    messages = fields.Integer(required=True)
    evicted_last_hour = fields.Integer(required=True, metadata={"description": "deleted for quota, last hour"})
    expired_last_day = fields.Integer(required=True, metadata={
        "description": "deleted for age (quarantine.max_age_days), current and previous UTC day"})
    releases_last_hour = fields.Integer(required=True)
    next_release_at = fields.Integer(required=True, allow_none=True, metadata={
        "description": "epoch seconds: when the account may release again, its releases of the hour used up; null"
                       " while it may release"})
    incoming = fields.Boolean(required=True, metadata={"description": "incoming mail is scanned (the default)"})
    incoming_owner_may_change = fields.Boolean(required=True, metadata={
        "description": "the account itself may turn `incoming` off and on ([incoming] accounts_may_turn_off)"})
    digest = fields.String(required=True, validate=validate.OneOf(CHOICES), metadata=_DIGEST_DOC)
    digest_address = fields.String(required=True, metadata=_ADDRESS_DOC)
    eviction = fields.Nested(QuotaEvictionSchema, metadata=EVICTION_DOC)


AccountListSchema = page_of(AccountSchema, "AccountListSchema")


class AccountListArgs(Schema):
    name = fields.String(validate=validate.Length(max=32))
    limit = limit_arg(100, 10000)
    offset = offset_arg()


class AccountEditArgs(Schema):
    limit_bytes = fields.Integer(strict=True, validate=limit_bytes_value, metadata=LIMIT_BYTES_DOC)
    state = fields.String(validate=validate.OneOf([s.value for s in AccountState]))
    releases_limit = fields.Integer(strict=True, validate=_RELEASES,
                                    metadata={"description": "-1 restores the default"})
    incoming = StrictBoolean(metadata={"description": "scan the account's incoming mail"})
    digest = fields.String(validate=validate.OneOf(CHOICES), metadata=_DIGEST_DOC)
    digest_address = fields.String(validate=[validate.Length(max=DIGEST_ADDRESS_MAX), digest_address_value],
                                   metadata={**_ADDRESS_DOC, "pattern": DIGEST_ADDRESS_PATTERN})


class PurgeArgs(Schema):
    batch = fields.Integer(validate=validate.Range(1, 100000), metadata={"description": "at most this many"})


class PurgeResultSchema(Schema):
    name = fields.String(required=True)
    removed = fields.Integer(required=True)
    remaining = fields.Integer(required=True)
