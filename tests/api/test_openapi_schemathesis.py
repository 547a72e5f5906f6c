"""Schemathesis against the app's own OpenAPI document, in-process over WSGI, as the admin and as an account."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from typing import Any

import hypothesis.strategies as st
import pytest
import redis
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case, HookContext

from api.accounts.schemas import ACCOUNT_OR_EMPTY_PATTERN, ACCOUNT_PATTERN
from api.app import create_app
from api.fields import SINCE_PATTERN
from core import keys
from core.durations import parse_duration
from core.errors import ValidationError
from core.identity.caller import Identity, account, admin
from core.identity.sender_objects import sender_objects
from core.models import QuarantineRecord, Sender
from core.names import _ACCOUNT_RE
from core.settings import load_settings
from tests.api.conftest import ENV_KEY, ApiEnv, StubReinjector
from tests.cpanel_tree import memory_accounts

#: Fixed ids so generated requests can name messages that exist (and the run is the same every time).
ALICE_IDS = ("0b6f3a52-6c1e-4b7d-9a51-3f0c2d1e4a01", "0b6f3a52-6c1e-4b7d-9a51-3f0c2d1e4a02",
             "0b6f3a52-6c1e-4b7d-9a51-3f0c2d1e4a03")
BOB_IDS = ("0b6f3a52-6c1e-4b7d-9a51-3f0c2d1e4b01", "0b6f3a52-6c1e-4b7d-9a51-3f0c2d1e4b02")
ROOT_IDS = ("0b6f3a52-6c1e-4b7d-9a51-3f0c2d1e4c01",)
SEEDED = {"alice": ALICE_IDS, "bob": BOB_IDS, "root": ROOT_IDS}
#: Activity Monitor sender objects (their ids are derived from these), so /am/limit can name objects that exist.
SENDERS = (Sender(account="alice", email="news@alice.example"), Sender(account="bob", email="info@bob.example"))
SEEDED_OBJECTS = tuple(o for sender in SENDERS for o in sender_objects(sender))
SO_IDS = tuple(o.id for o in SEEDED_OBJECTS)
ACCOUNTS = ("alice", "bob", "root", "carol")
IDENTITIES: dict[str, Identity] = {"admin": admin(0), "alice": account("alice", 1001)}
#: Examples per operation and generation phase: enough to walk every operation, small enough to stay fast.
MAX_EXAMPLES = 12


def _message(subject: str) -> bytes:
    return (f"From: <a@shop.example>\r\nTo: <b@x.example>\r\nSubject: {subject}\r\n"
            "Content-Type: text/html\r\n\r\n<p>Buy <b>now</b></p>\r\n").encode()


def seed(env: ApiEnv) -> None:
    """Hold every fixed id that is not held (a generated release or remove may have taken it)."""
    held = {r.email_id for r in env.store.list(None, limit=1000)[0]}
    for acct, ids in SEEDED.items():
        for n, eid in enumerate(ids):
            if eid in held:
                continue
            sid = env.spool.write(_message(f"offer {n} for {acct}"))
            rec = QuarantineRecord(email_id=eid, account=acct, received=time.time() - 60 * (n + 1),
                                   sender="a@shop.example", recipients=["b@x.example", "c@y.example"],
                                   subject=f"offer {n}", reasons=["spam"], score=9.5, symbols=["GTUBE"], size=0)
            env.store.hold(env.spool.path(sid), rec)
    # a live worker, so /health describes a healthy service (it answers 503 while degraded: tests/api/test_health_*)
    env.store.client.zadd(keys.worker_heartbeats(), {"schemathesis:1": time.time()})
    limits = env.app.extensions["mailward.services"].limits
    if len(limits.objects(SO_IDS)) < len(SO_IDS):
        for sender in SENDERS:
            limits.admit(sender_objects(sender), 1)


def _with_identity(app_wsgi: Callable[..., Iterable[bytes]], who: Identity) -> Callable[..., Iterable[bytes]]:
    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ[ENV_KEY] = who
        return app_wsgi(environ, start_response)

    return wsgi


def _known_or(strategy: st.SearchStrategy, key: str, values: st.SearchStrategy) -> st.SearchStrategy:
    """Half of the time, replace `key` (when generated) with a value that exists."""
    return st.one_of(strategy, strategy.flatmap(
        lambda d: values.map(lambda v: {**d, key: v}) if isinstance(d, dict) and key in d else st.just(d)))


def _spec_app() -> Any:
    """An app that only serves its OpenAPI document (its Redis client points nowhere and is never used)."""
    spec_settings = load_settings(environ={"MAILWARD_STATE_DIR": "/nonexistent/mailward-spec-only"})
    return create_app(spec_settings, identify=lambda environ: admin(0), reinjector=StubReinjector(),
                      accounts=memory_accounts({}), client=redis.Redis(host="127.0.0.1", port=1))


#: Every built-in check stays on (not_a_server_error, status_code_conformance, content_type_conformance,
#: response_schema_conformance, response_headers_conformance, positive_data_acceptance, negative_data_rejection,
#: unsupported_method, ...). One documented exception: a whitelist value's validity depends on the path's kind
#: (authuser takes email addresses only), which one request-body schema cannot say, so a schema-valid value there
#: may be refused with 400 invalid_argument (api/README.md: "invalid values -> 400 and nothing written").
#: Likewise a sender object's id and so_type must agree (POST /am/limit), which the schema cannot say either.
_ALSO_400 = {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]}}
CONFIG = schemathesis.Config.from_dict({
    "seed": 20240601,
    "operations": [
        {"include-path-regex": "^/api/v1/whitelist/", "include-method": "POST", "checks": _ALSO_400},
        {"include-path-regex": "^/api/v1/am/limit$", "include-method": "POST", "checks": _ALSO_400},
    ],
})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _spec_app(), config=CONFIG)
_IDS = st.sampled_from([*ALICE_IDS, *BOB_IDS, *ROOT_IDS])
_NAMES = st.sampled_from(ACCOUNTS)
_SO_IDS = st.sampled_from(SO_IDS)
_SO_ID_TYPES = st.sampled_from([{"id": o.id, "so_type": o.type.value} for o in SEEDED_OBJECTS])


@schema.hook
def before_generate_path_parameters(context: HookContext, strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Let generated paths name seeded messages and known accounts too, not only random strings."""
    return _known_or(_known_or(strategy, "email_id", _IDS), "name", _NAMES)


@schema.hook
def before_generate_query(context: HookContext, strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Let a generated `account` (or `account_name`) query parameter name a known account too."""
    return _known_or(_known_or(strategy, "account", _NAMES), "account_name", _NAMES)


@schema.hook
def before_generate_body(context: HookContext, strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Let a generated sender object id (POST /am/limit) name a seeded object too, of its own type or not."""
    matching = strategy.flatmap(lambda d: _SO_ID_TYPES.map(lambda o: {**d, **{k: v for k, v in o.items() if k in d}})
                                if isinstance(d, dict) and "id" in d else st.just(d))
    return st.one_of(matching, _known_or(strategy, "id", _SO_IDS))


@pytest.fixture(params=sorted(IDENTITIES))
def target(request: pytest.FixtureRequest, api_env: ApiEnv) -> Callable[..., Iterable[bytes]]:
    """The app under test (on the test Redis, messages seeded) as a WSGI callable that calls as one identity."""
    seed(api_env)
    return _with_identity(api_env.app, IDENTITIES[request.param])


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_openapi_document(case: Case, target: Any, api_env: ApiEnv) -> None:
    seed(api_env)
    case.call_and_validate(app=target, headers={"X-Mailward-Client": "schemathesis"})


def test_the_documented_rules_are_the_validators_rules() -> None:
    assert _ACCOUNT_RE.pattern == ACCOUNT_PATTERN
    assert "^(" + ACCOUNT_PATTERN[1:-1] + ")?$" == ACCOUNT_OR_EMPTY_PATTERN
    since = re.compile(SINCE_PATTERN)
    for text in ("5", "100s", " 24 h ", "9999d", "99999h", "9999999m", "999999999", "30d"):
        assert since.match(text), text
        parse_duration(text)
    for text in ("yesterday", "5w", "-5", "  ", "1.5h", "5 d s"):
        assert not since.match(text), text
        with pytest.raises(ValidationError):
            parse_duration(text)
    paths = schema.raw_schema["paths"]
    assert paths["/api/v1/accounts/{name}"]["parameters"][0]["schema"]["pattern"] == ACCOUNT_PATTERN
    assert paths["/api/v1/emails/{email_id}"]["parameters"][0]["schema"]["format"] == "uuid"
    assert paths["/api/v1/whitelist/{kind}"]["parameters"][0]["schema"]["enum"] == ["authuser", "sender", "recipient"]
