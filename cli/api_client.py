"""ie-cli's HTTP client of the Mailward API: a small Transport protocol, its unix-socket and TCP transports."""

from __future__ import annotations

import http.client
import json
import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from core.errors import MailwardError
from core.net.unix_http import UnixHTTPConnection

API_PREFIX = "/api/v1"
TIMEOUT = 60.0
#: Recorded by the API as the interface of every change in the audit trail; it grants nothing.
CLIENT_HEADERS = {"X-Mailward-Client": "ie-cli", "Accept": "application/json"}

SOCKET_ENV = "MAILWARD_API_SOCKET"
URL_ENV = "MAILWARD_API_URL"
TOKEN_ENV = "MAILWARD_API_TOKEN"


class ApiError(MailwardError):
    """The API answered with an error (status >= 400), or could not be reached."""

    code = "api_error"

    def __init__(self, message: str, *, status: int = 0, word: str = "", errors: dict | None = None) -> None:
        super().__init__(message, errors=errors)
        self.status = status
        self.word = word


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP answer as a transport hands it back."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


class Transport(Protocol):
    """Sends one request to the API; `path` is absolute (`/api/v1/...`), `body` a JSON-able object or None."""

    def request(self, method: str, path: str, *, query: Mapping[str, str] | None = None,
                body: Any = None) -> Response: ...


def _target(path: str, query: Mapping[str, str] | None) -> str:
    return f"{path}?{urllib.parse.urlencode(query)}" if query else path


def _encode(body: Any) -> tuple[bytes | None, dict[str, str]]:
    if body is None:
        return None, dict(CLIENT_HEADERS)
    return json.dumps(body).encode("utf-8"), {**CLIENT_HEADERS, "Content-Type": "application/json"}


def _exchange(conn: http.client.HTTPConnection, method: str, target: str, payload: bytes | None,
              headers: dict[str, str]) -> Response:
    try:
        conn.request(method, target, body=payload, headers=headers)
        answer = conn.getresponse()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read())
    finally:
        conn.close()


class UnixSocketTransport:
    """Talks to the API's unix socket; the API knows the caller from the kernel (SO_PEERCRED)."""

    def __init__(self, path: str | Path, timeout: float = TIMEOUT) -> None:
        self.path = str(path)
        self.timeout = timeout

    def request(self, method: str, path: str, *, query: Mapping[str, str] | None = None,
                body: Any = None) -> Response:
        """Send one request over the socket."""
        payload, headers = _encode(body)
        try:
            return _exchange(UnixHTTPConnection(self.path, self.timeout), method, _target(path, query), payload,
                             headers)
        except (FileNotFoundError, ConnectionRefusedError):
            raise ApiError(f"cannot reach the Mailward API at {self.path}: is `mailward serve` running?") from None
        except TimeoutError:
            raise ApiError(f"the Mailward API at {self.path} did not answer within {self.timeout:g} s") from None
        except PermissionError:
            raise ApiError(f"cannot reach the Mailward API at {self.path}: permission denied") from None
        except (OSError, http.client.HTTPException) as exc:
            raise ApiError(f"cannot talk to the Mailward API at {self.path}: {exc}") from None


class TcpTransport:
    """Talks to the API's TCP listener (or a TLS proxy in front of it) with a bearer token."""

    def __init__(self, url: str, token: str = "", timeout: float = TIMEOUT) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ApiError(f"{URL_ENV} must look like http://host:port, got {url!r}")
        self.url = url
        self.scheme = parts.scheme
        self.host = parts.hostname
        try:
            self.port = parts.port
        except ValueError:
            raise ApiError(f"{URL_ENV} has an invalid port: {url!r}") from None
        self.prefix = parts.path.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(self, method: str, path: str, *, query: Mapping[str, str] | None = None,
                body: Any = None) -> Response:
        """Send one request over TCP."""
        payload, headers = _encode(body)
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        kind = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        try:
            return _exchange(kind(self.host, self.port, timeout=self.timeout), method,
                             _target(self.prefix + path, query), payload, headers)
        except ConnectionRefusedError:
            raise ApiError(f"cannot reach the Mailward API at {self.url}: is its TCP listener on?") from None
        except TimeoutError:
            raise ApiError(f"the Mailward API at {self.url} did not answer within {self.timeout:g} s") from None
        except (OSError, http.client.HTTPException) as exc:
            raise ApiError(f"cannot talk to the Mailward API at {self.url}: {exc}") from None


def transport_from_env(environ: Mapping[str, str] | None = None) -> Transport:
    """TCP when MAILWARD_API_URL is set, else the unix socket (MAILWARD_API_SOCKET or the settings' api.socket)."""
    env = os.environ if environ is None else environ
    if env.get(URL_ENV):
        return TcpTransport(env[URL_ENV], env.get(TOKEN_ENV, ""))
    if env.get(SOCKET_ENV):
        return UnixSocketTransport(env[SOCKET_ENV])
    # Imported late: settings are only needed (and only able to fail) when a command talks to the API.
    from core.settings import load_settings

    return UnixSocketTransport(load_settings(environ=dict(env)).api_socket)


def _error_of(answer: Response) -> ApiError:
    try:
        data = json.loads(answer.body)
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("message"):
        errors = data.get("errors") if isinstance(data.get("errors"), dict) else None
        return ApiError(str(data["message"]), status=answer.status, word=str(data.get("status", "")),
                        errors=errors)
    first = answer.body.decode("utf-8", "replace").strip().splitlines()
    detail = first[0][:200] if first else "no details"
    return ApiError(f"the API answered HTTP {answer.status}: {detail}", status=answer.status)


class ApiClient:
    """JSON calls on the API's /api/v1 resources; errors become ApiError with the API's message."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    def call(self, method: str, path: str, *, query: Mapping[str, Any] | None = None, body: Any = None) -> Any:
        """Send a request and return the decoded JSON answer."""
        answer = self._send(method, path, query, body)
        try:
            return json.loads(answer.body)
        except ValueError:
            raise ApiError(f"the API answered {method} {path} with something that is not JSON") from None

    def raw(self, path: str, *, query: Mapping[str, Any] | None = None) -> bytes:
        """GET a resource and return its bytes unchanged."""
        return self._send("GET", path, query, None).body

    def _send(self, method: str, path: str, query: Mapping[str, Any] | None, body: Any) -> Response:
        clean = {k: str(v) for k, v in (query or {}).items() if v is not None}
        answer = self.transport.request(method, API_PREFIX + path, query=clean or None, body=body)
        if answer.status >= 400:
            raise _error_of(answer)
        return answer


def segment(value: str) -> str:
    """One path segment, percent-encoded so an id or name can never climb out of its resource."""
    quoted = urllib.parse.quote(value, safe="")
    # "." and ".." would be dot-segments that a proxy or a server may resolve.
    return quoted.replace(".", "%2E") if set(value) <= {"."} else quoted
