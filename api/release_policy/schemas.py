"""Schemas of the per-account release policy resource."""

from __future__ import annotations

from marshmallow import Schema, fields

from api.quarantine_defaults.schemas import RELEASE_BY_DOC, ReleaseByEditSchema, ReleaseBySchema


class AccountReleasePolicySchema(Schema):
    account_name = fields.String(required=True)
    release_by = fields.Nested(ReleaseBySchema, required=True, metadata={
        "description": "in force for this account: " + RELEASE_BY_DOC["description"]})
    own = fields.Dict(keys=fields.String(), values=fields.String(), required=True, metadata={
        "description": "the reasons this account has its own entry for (the rest follow the server's policy)"})
    server = fields.Nested(ReleaseBySchema, required=True, metadata={
        "description": "the server's policy (GET /quarantine-defaults' release_by)"})
    may_change = fields.Boolean(required=True, metadata={
        "description": "the caller may change this account's policy (the admin; its reseller when root allows, "
                       "never looser than the server's)"})


class AccountReleasePolicyEditArgs(Schema):
    release_by = fields.Nested(ReleaseByEditSchema, required=True, metadata={
        "description": "reason -> account, reseller, admin, or default (follow the server's policy again)"})
