"""The one exception tree of Mailward; the API renders it, the CLI turns it into an exit code."""

from __future__ import annotations


class MailwardError(Exception):
    """Base of every error Mailward raises on purpose."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, errors: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class ConfigError(MailwardError):
    """Settings are missing, malformed or inconsistent."""

    status = 500
    code = "config_error"


class ValidationError(MailwardError):
    """A caller gave a bad argument."""

    status = 400
    code = "invalid_argument"


class NotFound(MailwardError):
    """An id or name does not exist (or is not visible to the caller)."""

    status = 404
    code = "not_found"


class Unauthorized(MailwardError):
    """The caller did not prove who it is (no or unknown token)."""

    status = 401
    code = "unauthorized"


class Forbidden(MailwardError):
    """The caller's identity does not allow the operation."""

    status = 403
    code = "forbidden"


class LimitExceeded(MailwardError):
    """A per-account limit (e.g. hourly releases) is used up."""

    status = 429
    code = "limit_exceeded"


class Conflict(MailwardError):
    """The object changed state under the caller (e.g. already released)."""

    status = 409
    code = "conflict"


class ServiceUnavailable(MailwardError):
    """A backing service (Redis, Exim, workers) is down or timed out."""

    status = 503
    code = "service_unavailable"


class EngineError(ServiceUnavailable):
    """An optional external engine (rspamd, spamd, clamd) is down, too slow, or answered something unusable."""

    code = "engine_error"


class ProtocolError(MailwardError):
    """A scan client spoke something that is not RSPAMC/1.3 nor rspamd HTTP."""

    status = 400
    code = "protocol_error"


class MessageTooLarge(ProtocolError):
    """The message exceeds the configured scan size."""

    code = "message_too_large"


class ModelError(ConfigError):
    """The spam classifier's model file is missing, corrupt, or made for another format or tokenizer version."""

    code = "model_error"
