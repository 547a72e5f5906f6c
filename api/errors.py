"""The one place errors become responses: `{code, status, message, errors}` for every status >= 400."""

from __future__ import annotations

import logging

import redis
from flask import Flask, Response, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from core.errors import MailwardError

log = logging.getLogger("mailward.api")

#: The contract's error words (api/README.md) for the statuses Flask, werkzeug and flask-smorest raise themselves.
_WORDS = {400: "invalid_argument", 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict",
          422: "unprocessable_entity", 429: "limit_exceeded", 500: "internal_error", 503: "service_unavailable"}


def _body(status: int, word: str, message: str, errors: dict | None = None) -> tuple[Response, int]:
    return jsonify({"code": status, "status": word, "message": message, "errors": errors or {}}), status


def _mailward(exc: MailwardError) -> ResponseReturnValue:
    if exc.status >= 500:
        log.error("api error %s: %s", exc.code, exc.message)
    body, status = _body(exc.status, exc.code, exc.message, exc.errors)
    if status == 401:  # RFC 9110: a 401 says which scheme would be accepted
        return body, status, {"WWW-Authenticate": 'Bearer realm="mailward"'}
    return body, status


def _http(exc: HTTPException) -> ResponseReturnValue:
    # flask-smorest puts marshmallow's per-field messages in exc.data["messages"]
    data = getattr(exc, "data", None) or {}
    errors = data.get("messages") if isinstance(data, dict) else None
    code = exc.code or 500
    word = _WORDS.get(code) or (exc.name or "error").lower().replace(" ", "_")
    message = exc.description or exc.name or "error"
    if errors:
        message = "invalid request: " + "; ".join(_flatten(errors))[:500]
    body, status = _body(code, word, message, errors if isinstance(errors, dict) else None)
    # keep what the exception says about the request beyond its body, e.g. 405's `Allow` (RFC 9110)
    extra = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
    if isinstance(data, dict) and isinstance(data.get("headers"), dict):
        extra += list(data["headers"].items())
    return body, status, extra


def _flatten(errors: object, prefix: str = "") -> list[str]:
    if isinstance(errors, dict):
        out: list[str] = []
        for k, v in errors.items():
            name = str(k) if prefix in ("", "json", "query") else f"{prefix}.{k}"
            out += _flatten(v, name)
        return out
    if isinstance(errors, list) and all(isinstance(e, str) for e in errors):
        return [f"{prefix}: {' '.join(errors)}" if prefix else " ".join(errors)]
    if isinstance(errors, list):
        return [m for e in errors for m in _flatten(e, prefix)]
    return [f"{prefix}: {errors}"]


def _redis_down(exc: redis.RedisError) -> ResponseReturnValue:
    log.error("api: Redis error: %s", exc)
    return _body(503, "service_unavailable", f"Redis is unavailable: {exc}")


def _unexpected(exc: Exception) -> ResponseReturnValue:
    log.exception("api unexpected error: %s", exc)
    return _body(500, "internal_error", "internal error; see the mailward log")


def register(app: Flask) -> None:
    """Install the handlers (after flask-smorest's, so these win)."""
    app.register_error_handler(MailwardError, _mailward)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(redis.RedisError, _redis_down)
    app.register_error_handler(Exception, _unexpected)
