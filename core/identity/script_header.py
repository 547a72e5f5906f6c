"""Parsing of the headers PHP adds to mail(): cPanel's X-PHP-Script and stock PHP's X-PHP-Originating-Script.

Pure functions: bounded work, never raising, whatever a (possibly hostile) message carries.
"""

from __future__ import annotations

import re

from core.identity.cpanel import normalize_domain
from core.models import ScriptHeader

#: Longest header value kept (after cleaning); real values are a host name plus a path, well under this.
MAX_VALUE = 1024
#: Longest script path kept: it names a sender object (a Redis key and registry entry kept for weeks), and the
#: sender writes it; real PHP_SELF paths are far shorter.
MAX_SCRIPT_PATH = 255

_FOLD = re.compile(r"[ \t]*[\r\n]+[ \t]*|[\t\u2028\u2029]")
# C0/C1 controls, DEL, and invisible format characters (zero-width, bidi overrides) that can disguise text
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MAX_UID = 2**32 - 2  # (uid_t)-1 means "no uid"


def sanitize_header_value(value: object, limit: int = MAX_VALUE) -> str:
    """Return a header value as one line of printable text of at most `limit` characters ('' if none)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        try:
            value = str(value)  # email.header.Header and friends
        except Exception:  # a header object that cannot render is treated as absent, never as an error
            return ""
    text = value[: limit * 4]  # bound the cleaning work before anything else
    text = _FOLD.sub(" ", text)  # unfold: CRLF + WSP continuation becomes one space, no line breaks survive
    # replaced, not deleted: "exa\x00mple.com" must not turn into a valid (and someone's) domain
    text = _INVISIBLE.sub("\ufffd", text)
    # lone surrogates (from surrogateescape'd bytes) would fail later UTF-8 encoding in Redis or JSON
    text = _SURROGATE.sub("\ufffd", text)
    return text.strip()[:limit].rstrip()


def parse_originating_script(value: str) -> tuple[int | None, str]:
    """Split stock PHP's `X-PHP-Originating-Script: <uid>:<basename>` at its first colon."""
    head, sep, name = value.partition(":")
    if not sep:
        return None, value.strip()
    head = head.strip()
    uid = int(head) if head.isascii() and head.isdigit() and len(head) <= 10 else None
    if uid is not None and uid > _MAX_UID:
        uid = None
    return uid, name.strip()


def parse_php_script(value: str) -> tuple[str, str]:
    """Split cPanel's `X-PHP-Script: <SERVER_NAME><PHP_SELF> for <REMOTE_ADDR>` into (domain, path)."""
    target = value
    if target.endswith(" for"):
        target = target[:-4]  # CLI or no client address: "for" with nothing after it
    else:
        head, sep, _addrs = target.rpartition(" for ")  # REMOTE_ADDR is last and never contains " for "
        if sep:
            target = head
    target = target.strip()
    if target.startswith("/"):
        return "", target  # no SERVER_NAME (PHP CLI): only a filesystem path
    host, slash, rest = target.partition("/")
    path = slash + rest
    if host.startswith("["):
        return "", path  # an IPv6 literal is nobody's domain
    name, colon, port = host.rpartition(":")
    if colon and port.isdigit():
        host = name  # SERVER_NAME with a port
    return normalize_domain(host) or "", path


def parse_script_headers(x_php_script: str | None,
                         x_php_originating_script: str | None) -> tuple[ScriptHeader, int | None]:
    """Return the ScriptHeader (X-PHP-Script preferred) and the uid from X-PHP-Originating-Script, if any."""
    script = sanitize_header_value(x_php_script)
    originating = sanitize_header_value(x_php_originating_script)
    uid, basename = parse_originating_script(originating) if originating else (None, "")
    if script:
        domain, path = parse_php_script(script)
        return ScriptHeader(raw=script, domain=domain, path=path[:MAX_SCRIPT_PATH].rstrip()), uid
    if originating:
        return ScriptHeader(raw=originating, domain="", path=basename[:MAX_SCRIPT_PATH].rstrip()), uid
    return ScriptHeader(), uid
