"""Schemas of the quota-evictions resource."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

#: What the Account and Defaults answers say when a lowered capacity's evictions go on after the answer.
EVICTION_DOC = {"description": "present only when a lowered storage capacity left more to delete than the request "
                               "does itself: the job deleting the rest (follow it with GET /quota-evictions/{id}); "
                               "absent when every eviction was done before the answer"}


class QuotaEvictionSchema(Schema):
    id = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(["running", "done", "failed"]))
    evicted = fields.Integer(required=True, metadata={
        "description": "messages deleted for this change so far, those of the request itself included"})
    accounts = fields.Integer(required=True, metadata={"description": "accounts the job brings under their limit"})
    accounts_done = fields.Integer(required=True)
    account = fields.String(allow_none=True, required=True, metadata={"description": "the account being evicted now"})
    single_account = fields.String(allow_none=True, required=True,
                                   metadata={"description": "the job's account when it has one, else null"})
    bytes_to_free = fields.Integer(required=True, metadata={
        "description": "bytes over the limits when the change was saved (what the request freed itself included)"})
    bytes_freed = fields.Integer(required=True, metadata={"description": "of those, freed so far (a progress bar)"})
    started = fields.Integer(required=True, metadata={"description": "epoch"})
    finished = fields.Integer(allow_none=True, required=True, metadata={"description": "epoch; null while running"})
    error = fields.String(allow_none=True, required=True, metadata={
        "description": "failed: why (what is left is evicted by the account's next hold)"})
