"""ie-cli under test: a fake transport that records requests and answers per the API contract, and a runner."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask

from cli.api_client import CLIENT_HEADERS, Response, Transport
from cli.ie_cli import main
from core.identity.caller import Identity, account, admin

# The in-process tests run ie-cli against the real app: reuse the API tests' app fixture (same stores, same
# identity hook) rather than building a second copy of it.
from tests.api.conftest import ENV_KEY, ApiEnv, api_env  # noqa: F401


@dataclass(frozen=True, slots=True)
class Call:
    """One request ie-cli sent."""

    method: str
    path: str
    query: dict[str, str]
    body: Any


Answer = Any  # a JSON-able object (200), a Response, or a callable(Call) returning either


def error(status: int, word: str, message: str) -> Response:
    """An error answer in the API's one error shape."""
    body = {"code": status, "status": word, "message": message, "errors": {}}
    return Response(status, {"content-type": "application/json"}, json.dumps(body).encode())


@dataclass
class FakeTransport:
    """Answers requests from a table of (method, path) -> answer; records every request."""

    routes: dict[tuple[str, str], Answer] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)

    def on(self, method: str, path: str, answer: Answer) -> FakeTransport:
        """Register the answer to `method /api/v1<path>`."""
        self.routes[(method, "/api/v1" + path)] = answer
        return self

    def request(self, method: str, path: str, *, query: Mapping[str, str] | None = None,
                body: Any = None) -> Response:
        """Record the request and give the registered answer (404 in the API's shape when there is none)."""
        call = Call(method, path, dict(query or {}), body)
        self.calls.append(call)
        answer = self.routes.get((method, path))
        if answer is None:
            return error(404, "not_found", f"no route {method} {path}")
        if callable(answer):
            answer = answer(call)
        if isinstance(answer, Response):
            return answer
        return Response(200, {"content-type": "application/json"}, json.dumps(answer).encode())


@dataclass(frozen=True, slots=True)
class Result:
    """Exit status and captured output of one ie-cli run."""

    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


Run = Callable[..., Result]


@pytest.fixture
def fake() -> FakeTransport:
    """A fresh fake API."""
    return FakeTransport()


@pytest.fixture
def run(fake: FakeTransport, capsys: pytest.CaptureFixture[str]) -> Run:
    """run("emails", "list", ...) -> Result, against the fake API."""

    def _run(*argv: str, transport: Transport | None = None) -> Result:
        capsys.readouterr()
        code = main(list(argv), transport=transport or fake)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


# ---- against the real API in-process (Flask test client) on a real Redis ------------------------------------


class FlaskTransport:
    """The Transport protocol over app.test_client(), as one identity (what SO_PEERCRED decides in production)."""

    def __init__(self, app: Flask, who: Identity) -> None:
        self.client = app.test_client()
        self.who = who

    def request(self, method: str, path: str, *, query: Mapping[str, str] | None = None,
                body: Any = None) -> Response:
        answer = self.client.open(path, method=method, query_string=dict(query or {}), json=body,
                                  headers=dict(CLIENT_HEADERS), environ_base={ENV_KEY: self.who})
        return Response(answer.status_code, {k.lower(): v for k, v in answer.headers.items()}, answer.get_data())


def api_runner(env: ApiEnv, who: Identity, capsys: pytest.CaptureFixture[str]) -> Any:
    """ie-cli against the real app in-process, as `who`: run(*argv) -> Result."""
    transport = FlaskTransport(env.app, who)

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv), transport=transport)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def as_root(api_env: ApiEnv, capsys: pytest.CaptureFixture[str]) -> Any:  # noqa: F811 - the imported fixture
    return api_runner(api_env, admin(0), capsys)


@pytest.fixture
def as_alice(api_env: ApiEnv, capsys: pytest.CaptureFixture[str]) -> Any:  # noqa: F811 - the imported fixture
    return api_runner(api_env, account("alice", 1001), capsys)
