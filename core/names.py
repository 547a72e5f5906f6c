"""Validation of names and ids that end up in file paths or Redis keys."""

from __future__ import annotations

import re
import uuid

from core.errors import ValidationError

# cPanel usernames: lowercase letters/digits, start with a letter, at most 16 chars; "root" and system
# logins fit too. Kept strict because the name becomes a directory.
_ACCOUNT_RE = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


def valid_account(name: str) -> str:
    """Return the account name if it is safe to use as a path component, else raise ValidationError."""
    if not isinstance(name, str) or not _ACCOUNT_RE.fullmatch(name):
        raise ValidationError(f"invalid account name {name!r}")
    return name


def valid_email_id(email_id: str) -> str:
    """Return the canonical form of a quarantine id (a UUID), else raise ValidationError."""
    try:
        return str(uuid.UUID(str(email_id)))
    except (ValueError, AttributeError, TypeError):
        raise ValidationError(f"invalid email id {email_id!r}: expected a UUID") from None


def is_valid_email_id(email_id: str) -> bool:
    """True if email_id is a canonical UUID string."""
    try:
        return str(uuid.UUID(email_id)) == email_id
    except (ValueError, AttributeError, TypeError):
        return False
