"""/actions/{token}: GET shows what a digest link would do; POST does it once, as the account the link names.

Public: no identity is resolved for these paths; the signed, expiring, single-use token is the authority. GET never
acts, because mail scanners and link previews fetch links on their own.
"""

from __future__ import annotations

import html
from typing import Any

from flask import Response, current_app, g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from api.actions.schemas import TOKEN_PATTERN, ActionSchema
from api.services import record, services
from core.errors import LimitExceeded, ServiceUnavailable
from core.identity.caller import Identity, account
from core.notify.notification_tokens import ActionToken, TokenRefused, TokenSigner, ensure_signing_key, key_path

TOKEN_PARAMETER = {"in": "path", "name": "token",
                   "schema": {"type": "string", "pattern": TOKEN_PATTERN, "maxLength": 600}}

blp = Blueprint("actions", __name__, description="One-click release or delete from digest links (public)")


def _signer() -> TokenSigner:
    svc = services()
    key = current_app.extensions.get("mailward.link_key")
    if key is None:  # read once per app: the key file is the same for every request
        key = current_app.extensions["mailward.link_key"] = ensure_signing_key(key_path(svc.settings.state_dir))
    return TokenSigner(svc.redis, key=key, ttl_s=svc.settings.notifications.token_ttl_s)


def _identity(tok: ActionToken) -> Identity:
    """The link acts as the account it was issued for, never as the admin (the root bucket's links included)."""
    return account(tok.account, token=f"link-{tok.token_id[:8]}", via="link")


def _view(tok: ActionToken, status: str) -> dict[str, Any]:
    svc = services()
    g.identity = _identity(tok)
    # Scoped to the message and the account the link names: a link for one account's mail acts on nothing else.
    rec = svc.actions.find(g.identity, tok.email_id, tok.account)
    return {"email_id": rec.email_id, "action": tok.action, "account_name": rec.account, "sender": rec.sender,
            "subject": rec.subject, "received_date": int(rec.received), "expires": tok.exp, "status": status}


def _wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html" and request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/json"]


def _page(body: dict[str, Any], confirm: bool) -> Response:
    """A minimal confirmation page for browsers; every value from the mail is escaped."""
    e = html.escape
    verb = "Release" if body["action"] == "release" else "Delete"
    form = (f'<form method="post"><button type="submit">{verb} this message</button></form>' if confirm
            else f"<p>Done: the message was {e(body['status'])}.</p>")
    text = (f"<!doctype html><meta charset=utf-8><title>Mailward</title><h1>{verb} held message?</h1>"
            f"<p>From: {e(body['sender'])}<br>Subject: {e(body['subject'])}<br>Account: {e(body['account_name'])}"
            f"</p>{form}")
    return Response(text, mimetype="text/html",
                    headers={"Content-Security-Policy": "default-src 'none'; form-action 'self'",
                             "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"})


@blp.route("/actions/<token>", parameters=[TOKEN_PARAMETER])
class Action(MethodView):
    @blp.response(200, ActionSchema)
    def get(self, token: str) -> Any:
        """What the link would do (the message, the action, when the link expires); changes nothing."""
        body = _view(_signer().verify(token), "pending")
        return _page(body, confirm=True) if _wants_html() else body

    @blp.response(200, ActionSchema)
    def post(self, token: str) -> Any:
        """Release or delete the message, as the link's account, and use the link up."""
        signer = _signer()
        tok = signer.verify(token)
        body = _view(tok, "pending")
        if not signer.burn(tok):
            raise TokenRefused("this link was already used")
        actions = services().actions
        audit = "email.release" if tok.action == "release" else "email.remove"
        try:
            act = actions.release if tok.action == "release" else actions.remove
            out = act(g.identity, tok.email_id, tok.account)
        except (LimitExceeded, ServiceUnavailable) as exc:
            signer.unburn(tok)  # a passing refusal (hourly limit, Exim down): the link may be tried again
            record(audit, account=tok.account, target=tok.email_id, result=exc.code,
                   details={"via": "digest link", "message": exc.message})
            raise
        record(audit, account=out.record.account, target=out.record.email_id,
               details={"via": "digest link", "sender": out.record.sender, "subject": out.record.subject[:200]})
        body["status"] = out.status
        return _page(body, confirm=False) if _wants_html() else body
