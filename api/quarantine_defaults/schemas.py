"""Schemas of the quarantine-defaults resource."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.accounts.schemas import LIMIT_BYTES_DOC, limit_bytes_value
from api.quota_evictions.schemas import EVICTION_DOC, QuotaEvictionSchema
from core.settings import RELEASE_BY_DEFAULTS, RELEASERS

#: What release_by says of a hold reason: who may release it.
RELEASE_BY_DOC = {"description": "hold reason (spam, winexec, virus, ratelimit; incoming: any incoming hold) -> "
                                 "who may release it: account (the account itself), reseller (its reseller or the "
                                 "administrator) or admin (the administrator only); contained: mail of a contained "
                                 "sender object"}


#: release_by in answers: every reason with who may release it.
ReleaseBySchema = Schema.from_dict({k: fields.String(required=True, validate=validate.OneOf(RELEASERS))
                                    for k in RELEASE_BY_DEFAULTS}, name="ReleaseBy")
#: release_by in an edit: any of the reasons; "default" goes back to the settings file's value.
ReleaseByEditSchema = Schema.from_dict({k: fields.String(validate=validate.OneOf([*RELEASERS, "default"]))
                                        for k in RELEASE_BY_DEFAULTS}, name="ReleaseByEdit")


class DefaultsSchema(Schema):
    limit_bytes = fields.Integer(required=True)
    releases_limit = fields.Integer(required=True)
    release_by = fields.Nested(ReleaseBySchema, required=True, metadata=RELEASE_BY_DOC)
    eviction = fields.Nested(QuotaEvictionSchema, metadata=EVICTION_DOC)


class DefaultsEditArgs(Schema):
    limit_bytes = fields.Integer(strict=True, validate=limit_bytes_value,
                                 metadata={**LIMIT_BYTES_DOC, "description": "bytes; -1 restores the common default"})
    releases_limit = fields.Integer(strict=True, validate=validate.Range(-1, 1_000_000),
                                    metadata={"description": "-1 restores the common default"})
    release_by = fields.Nested(ReleaseByEditSchema, metadata={"description": RELEASE_BY_DOC["description"]
                                                             + "; default restores the settings file's value"})
