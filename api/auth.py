"""Who is calling: the kernel's answer on the unix socket (SO_PEERCRED), a bearer token on TCP. Nothing else."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from typing import Any

from core.errors import Forbidden, Unauthorized
from core.identity.caller import Identity, account, admin
from core.identity.resellers import ResellerDirectory
from core.net.peer_credentials import unix_peer_uid
from core.store.tokens import TokenStore

log = logging.getLogger("mailward.api")

#: Resolves the caller of one request from its WSGI environ.
Identify = Callable[[dict[str, Any]], Identity]
#: The WHM plugin's CGI (root, on its own root connection) names cpsrvd's REMOTE_USER here when it is not root. The
#: API believes it only from a uid the kernel says is an admin (root can be anyone anyway): from anyone else it is
#: ignored, so it can only ever narrow the admin to a reseller.
WHM_USER_HEADER = "HTTP_X_MAILWARD_WHM_USER"


def _not_an_account(uid: int | None) -> str:
    return f"uid {uid} is neither root nor a cPanel account"


def identity_of_uid(uid: int, accounts: Any, resellers: ResellerDirectory | None = None) -> Identity:
    """uid 0 is the admin; a reseller's system user is that reseller (the accounts it owns); another cPanel account's
    system user is that account; anyone else is refused."""
    if uid == 0:
        return admin(0)
    name = accounts.account_of_uid(uid)
    if name is None:
        raise Forbidden(_not_an_account(uid))
    found = resellers.of_uid(name, uid) if resellers is not None else None
    return found or account(name, uid)


def whm_identity(proxy: Identity, environ: dict[str, Any], resellers: ResellerDirectory | None) -> Identity:
    """The identity of a request the WHM plugin proxies for a WHM login other than root (see WHM_USER_HEADER)."""
    user = str(environ.get(WHM_USER_HEADER, "")).strip()
    if not user or not proxy.is_admin or proxy.via != "unix":
        return proxy
    found = resellers.of_whm_user(user, proxy) if resellers is not None else None
    if found is None:
        raise Forbidden(f"WHM user {user[:64]!r} is neither root nor a reseller")
    return found


def connect_refusal(uid: int | None, accounts: Any) -> str:
    """Why a unix-socket peer may not send the API anything ("" if it may); asked at accept, before any HTTP.

    Root (the admin, the WHM plugin), Mailward's own user and cPanel accounts' users (ie-cli, the cPanel plugin)
    get in; everyone else could only ever get 403, so they get it at once and hold nothing.
    """
    if uid is not None and uid in (0, os.getuid()):
        return ""
    try:
        if uid is not None and accounts.account_of_uid(uid) is not None:
            return ""
    except OSError:
        return ""  # cPanel's files unreadable now: let the request decide (identity_of_uid refuses then)
    return _not_an_account(uid)


def bearer_token(environ: dict[str, Any]) -> str:
    """The token of an `Authorization: Bearer` header, or ""."""
    value = str(environ.get("HTTP_AUTHORIZATION", ""))
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def socket_identify(accounts: Any, tokens: TokenStore, resellers: ResellerDirectory | None = None) -> Identify:
    """The production resolver: it reads the connection gunicorn hands over as environ["gunicorn.socket"]."""

    def identify(environ: dict[str, Any]) -> Identity:
        sock = environ.get("gunicorn.socket")
        if not isinstance(sock, socket.socket):
            # Not behind gunicorn: nobody can vouch for the caller, so nobody gets in.
            raise Forbidden("the caller cannot be identified on this transport")
        if sock.family == socket.AF_UNIX:
            return whm_identity(identity_of_uid(unix_peer_uid(sock), accounts, resellers), environ, resellers)
        token = bearer_token(environ)
        if not token:
            raise Unauthorized("the TCP listener needs an `Authorization: Bearer <token>` header")
        return tokens.resolve(token)

    return identify
