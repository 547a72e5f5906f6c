"""/emails: list, show, raw, release, remove (one by one and in bulk), each only within the caller's scope."""

from __future__ import annotations

import time
from typing import Any

from flask import Response
from flask.blueprints import BlueprintSetupState
from flask.views import MethodView
from flask_smorest import Blueprint
from werkzeug.routing import BaseConverter

from api.emails.schemas import (
    AccountArgs,
    BulkArgs,
    BulkResultSchema,
    EmailDetailSchema,
    EmailListArgs,
    EmailListSchema,
    EmailSummarySchema,
    LearnArgs,
)
from api.services import identity, record, services
from core.durations import parse_duration
from core.errors import MailwardError
from core.identity.caller import ROOT
from core.mail.html_view import safe_html
from core.mail.mime import parse_message
from core.models import QuarantineRecord
from core.quarantine.actions import Outcome
from core.quarantine.scope import list_accounts
from core.store.quarantine import EmailFilter

#: A message id is a UUID (anything else is a 400).
EMAIL_ID_PARAMETER = {"in": "path", "name": "email_id", "schema": {"type": "string", "format": "uuid"}}

blp = Blueprint("emails", __name__, description="Quarantined messages")


class EmailIdConverter(BaseConverter):
    """A path segment naming one message: anything but `release`, `remove` and `learn`, which are the bulk actions."""

    # Without this, GET /emails/release would reach /emails/<email_id> and OPTIONS would advertise its methods.
    regex = r"(?!(?:release|remove|learn)\Z)[^/]+"


@blp.record_once
def _register_converter(state: BlueprintSetupState) -> None:
    state.app.url_map.converters.setdefault("email_id", EmailIdConverter)


#: Body text shown by `show` is cut here (the raw message is always available in full).
MAX_BODY_CHARS = 200_000


def hold_threshold(direction: str) -> float:
    """The score at or above which mail of this direction is held now: thresholds.quarantine for outgoing mail,
    incoming.spam for incoming mail (what a page shows beside a score: "Score 9.5 (holds at 6)")."""
    s = services().settings
    return s.incoming.spam if direction == "incoming" else s.thresholds.quarantine


def summary(r: QuarantineRecord) -> dict[str, Any]:
    """A record in the API's EmailSummary shape."""
    return {"email_id": r.email_id, "size_bytes": r.size, "account_name": r.account, "sender": r.sender,
            "recipients": list(r.recipients), "subject": r.subject, "received_date": int(r.received),
            "reasons": list(r.reasons), "score": r.score, "hold_threshold": hold_threshold(r.direction),
            "direction": r.direction, "status": r.status, "script_header": r.script.to_dict()}


def with_release_state(records: list[QuarantineRecord]) -> list[dict[str, Any]]:
    """Summaries with whether the caller may release each message under the release policy, and why not: what a
    page needs to show a disabled Release button with its reason (the hourly release limit is /accounts' business)."""
    who, actions = identity(), services().actions
    policies = actions.release_policies(sorted({r.account for r in records})) if not who.is_admin else {}
    out = []
    for r in records:
        why = actions.refusal(who, r, policies.get(r.account))
        out.append({**summary(r), "release_allowed": not why, "release_refusal": why or None})
    return out


@blp.route("/emails")
class Emails(MethodView):
    @blp.arguments(EmailListArgs, location="query")
    @blp.response(200, EmailListSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Held messages, newest first: every account for the admin, its own for an account."""
        who = identity()
        since = time.time() - parse_duration(args["since"]) if args.get("since") else 0.0
        where = EmailFilter(direction=args.get("direction", ""), reason=args.get("reason", ""),
                            sender=args.get("sender", ""), recipient=args.get("recipient", ""),
                            subject=args.get("subject", ""), script=args.get("script", ""))
        if who.is_reseller:  # every account it owns, or the one of them it names
            items, total = list_accounts(services().quarantine, who.scopes(args.get("account")) or (), since=since,
                                         limit=args["limit"], offset=args["offset"], where=where)
            return {"items": with_release_state(items), "max_count": total}
        scope = who.scope(args.get("account"))
        if args["account_only"] and who.is_admin and args.get("account") == ROOT:
            scope = ROOT  # root's own bucket (mail no account was vouched for), not the admin's view of all
        items, total = services().quarantine.list(scope, since=since, limit=args["limit"], offset=args["offset"],
                                                  where=where)
        return {"items": with_release_state(items), "max_count": total}


@blp.route("/emails/<email_id:email_id>", parameters=[EMAIL_ID_PARAMETER])
class Email(MethodView):
    @blp.arguments(AccountArgs, location="query")
    @blp.response(200, EmailDetailSchema)
    def get(self, args: dict[str, Any], email_id: str) -> dict[str, Any]:
        """One held message: metadata, decoded headers and the body as text."""
        svc = services()
        rec = svc.actions.find(identity(), email_id, args.get("account"))
        msg = parse_message(svc.quarantine.read_message(rec), svc.settings.scan)
        body = msg.text if msg.text.strip() else msg.html_text
        return {**with_release_state([rec])[0], "symbols": list(rec.symbols), "queue_id": rec.queue_id,
                "headers": [[k, v] for k, v in msg.headers], "body": body[:MAX_BODY_CHARS],
                "html": safe_html(msg.html)[:MAX_BODY_CHARS]}

    @blp.arguments(AccountArgs, location="query")
    @blp.response(200, EmailSummarySchema)
    def delete(self, args: dict[str, Any], email_id: str) -> dict[str, Any]:
        """Delete one held message for good."""
        return summary(_one("remove", email_id, args.get("account")).record)


@blp.route("/emails/<email_id:email_id>/raw", parameters=[EMAIL_ID_PARAMETER])
class EmailRaw(MethodView):
    @blp.arguments(AccountArgs, location="query")
    @blp.doc(responses={"200": {"description": "the message as held",
                                "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}}}})
    def get(self, args: dict[str, Any], email_id: str) -> Response:
        """The held message's bytes, unchanged."""
        svc = services()
        rec = svc.actions.find(identity(), email_id, args.get("account"))
        return Response(svc.quarantine.read_message(rec), mimetype="message/rfc822",
                        headers={"Content-Disposition": f'attachment; filename="{rec.email_id}.eml"'})


@blp.route("/emails/<email_id:email_id>/release", parameters=[EMAIL_ID_PARAMETER])
class EmailRelease(MethodView):
    @blp.arguments(AccountArgs, location="query")
    @blp.response(200, EmailSummarySchema)
    def post(self, args: dict[str, Any], email_id: str) -> dict[str, Any]:
        """Send one held message on to its original recipients (Bcc included), then drop it from the quarantine."""
        return summary(_one("release", email_id, args.get("account")).record)


@blp.route("/emails/learn")
class EmailsLearn(MethodView):
    @blp.arguments(LearnArgs)
    @blp.response(200, BulkResultSchema)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Teach the filter (classifier and campaign fingerprints) that held messages are spam or ham (admin)."""
        identity().require_admin("teaching the spam filter")
        return _bulk("learn", args)


def _one(action: str, email_id: str, account: str | None, *, spam: bool | None = None,
         audit_refusal: bool = True) -> Outcome:
    """Run one release/remove/learn (learn: `spam` says as what) and audit it (a refusal too, if audit_refusal)."""
    who, actions = identity(), services().actions
    details: dict[str, Any] = {} if spam is None else {"as": "spam" if spam else "ham"}
    try:
        if action == "learn":
            out = actions.learn(who, email_id, bool(spam), account)
        else:
            out = (actions.release if action == "release" else actions.remove)(who, email_id, account)
    except MailwardError as exc:
        if audit_refusal:
            record(f"email.{action}", target=str(email_id)[:64],
                   account=account or ("" if who.is_admin else who.account), result=exc.code,
                   details={**details, "message": exc.message})
        raise
    if spam is not None:
        details["result"] = out.status
    record(f"email.{action}", account=out.record.account, target=out.record.email_id,
           details={**details, "sender": out.record.sender, "recipients": out.record.recipients[:50],
                    "subject": out.record.subject[:200]})
    return out


def _bulk(action: str, args: dict[str, Any]) -> dict[str, Any]:
    """Each id on its own (a failure is that item's result, never the request's): the BulkResult.

    Every change is audited one by one; the refused ids of one call make one summary entry, so a call of 500
    made-up ids costs the audit trail one entry, not 500.
    """
    results = []
    for email_id in args["ids"]:
        try:
            out = _one(action, email_id, args.get("account"), spam=args.get("spam"), audit_refusal=False)
            results.append({"email_id": out.record.email_id, "ok": True, "status": out.status, "message": "OK"})
        except MailwardError as exc:
            results.append({"email_id": str(email_id), "ok": False, "status": exc.code, "message": exc.message})
    ok = sum(1 for r in results if r["ok"])
    refused = [r for r in results if not r["ok"]]
    if refused:
        _audit_refused(action, args, refused)
    return {"results": results, "succeeded": ok, "failed": len(results) - ok}


#: Refused ids a bulk call's summary entry names (the counts cover them all).
AUDIT_REFUSED_IDS = 20


def _audit_refused(action: str, args: dict[str, Any], refused: list[dict[str, Any]]) -> None:
    """One audit entry for every id a bulk call refused: how many, why, and the first few ids."""
    who = identity()
    statuses: dict[str, int] = {}
    for r in refused:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    details: dict[str, Any] = {"bulk": True, "requested": len(args["ids"]), "refused": len(refused),
                               "statuses": statuses, "ids": [r["email_id"][:64] for r in refused[:AUDIT_REFUSED_IDS]]}
    if args.get("spam") is not None:
        details["as"] = "spam" if args["spam"] else "ham"
    # filed under the caller's own account: an account naming another one must not write into that one's trail
    record(f"email.{action}", target="bulk", account=(args.get("account") or "") if who.is_admin else who.account,
           result=next(iter(statuses)) if len(statuses) == 1 else "refused", details=details)


@blp.route("/emails/release")
class EmailsRelease(MethodView):
    @blp.arguments(BulkArgs)
    @blp.response(200, BulkResultSchema)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Release several messages; each one succeeds or fails on its own."""
        return _bulk("release", args)


@blp.route("/emails/remove")
class EmailsRemove(MethodView):
    @blp.arguments(BulkArgs)
    @blp.response(200, BulkResultSchema)
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Remove several messages; each one succeeds or fails on its own."""
        return _bulk("remove", args)
