"""The engine clients and checks against canned replies: real shapes, hostile shapes, dead and hung engines."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from core.detection.checks import engine_clamav, engine_rspamd, engine_spamassassin
from core.detection.engines import clamd, rspamd_http, spamd, transport
from core.errors import ConfigError, EngineError
from core.identity.cpanel import MemoryCpanelAccounts
from core.mail.mime import ParsedMessage, parse_message
from core.models import AccountState, Action, Envelope, Reason
from core.scan.pipeline import Pipeline, Policy
from core.settings import Settings, load_settings
from tests.core.scan_support import context
from tests.fake_engines import dead_address, elapsed, fake_engine, instream_payload, silent_listener

MSG = b"From: a@shop.example\r\nTo: b@example.net\r\nSubject: hi\r\nMessage-ID: <1@shop.example>\r\n\r\nbody\r\n"

# Replies as Debian's rspamd 3.4, spamd 4.0.1 and clamd 1.4 give them (captured from tests/functional).
RSPAMD_GTUBE = {"is_skipped": True, "score": 15.0, "required_score": 15.0, "action": "reject",
                "symbols": {"GTUBE": {"name": "GTUBE", "score": 0.0, "metric_score": 0.0}},
                "messages": {"smtp_message": "Gtube pattern"}, "message-id": "x@example.com", "time_real": 0.04}
RSPAMD_HAM = {"is_skipped": False, "score": 0.9, "required_score": 15.0, "action": "no action",
              "symbols": {"MIME_GOOD": {"name": "MIME_GOOD", "score": -0.1, "options": ["text/plain"]},
                          "DATE_IN_PAST": {"name": "DATE_IN_PAST", "score": 1.0, "options": ["7797"]},
                          "ARC_NA": {"name": "ARC_NA", "score": 0.0}}}
SPAMD_GTUBE = (b"SPAMD/1.1 0 EX_OK\r\nContent-length: 55\r\nSpam: True ; 1000.0 / 5.0\r\n\r\n"
               b"GTUBE,MSGID_SHORT,NO_RECEIVED,NO_RELAYS,TVD_SPACE_RATIO")
SPAMD_HAM = (b"SPAMD/1.1 0 EX_OK\r\nContent-length: 33\r\nSpam: False ; -0.0 / 5.0\r\n\r\n"
             b"MSGID_SHORT,NO_RECEIVED,NO_RELAYS")
CLAMD_FOUND = b"stream: Mailward.Test.EICAR.UNOFFICIAL FOUND\0"


def http(doc: object, status: bytes = b"200 OK", extra: bytes = b"") -> bytes:
    body = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    return (b"HTTP/1.1 " + status + b"\r\nConnection: close\r\nServer: rspamd/3.4\r\nContent-Type: application/json"
            b"\r\n" + extra + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def engine_settings(scores: dict[str, float] | None = None, **engines: dict[str, object]) -> Settings:
    """Defaults plus [engines.<name>] overrides (each enabled unless said otherwise) and [scores]."""
    over: dict[str, object] = {"engines": {name: {"enabled": True, **conf} for name, conf in engines.items()}}
    if scores:
        over["scores"] = scores
    return load_settings(environ={}, overrides=over)


# ---------------------------------------------------------------------------------------------------- rspamd


def test_rspamd_parses_real_replies() -> None:
    spam = rspamd_http.parse_reply(http(RSPAMD_GTUBE))
    assert (spam.score, spam.required_score, spam.action, spam.skipped) == (15.0, 15.0, "reject", True)
    assert spam.symbols == {"GTUBE": 0.0}
    ham = rspamd_http.parse_reply(http(RSPAMD_HAM))
    assert ham.action == "no action" and ham.top_symbols(10) == ["DATE_IN_PAST(1)"]


@pytest.mark.parametrize("reply", [
    b"", b"garbage", b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n",  # no head end
    http(RSPAMD_HAM, b"500 Internal Server Error"), http({"error": "bad request"}, b"400 Bad Request"),
    http({"error": "something"}), http(b"not json"), http(b"[1, 2]"), http(b"[" * 100000 + b"]" * 100000),
    http(b'{"score": NaN, "action": "reject"}'), http(b'{"score": 1e999, "action": "reject"}'),
    http({"score": "15", "action": "reject"}), http({"score": True, "action": "reject"}),
    http({"score": 10 ** 400, "action": "reject"}), http({"score": 1.0}), http({"score": 1.0, "action": 5}),
    http({"score": 1.0, "action": "reject", "symbols": []}),
    http({"score": 1.0, "action": "reject", "symbols": {"X": {"score": "1"}}}),
    http(RSPAMD_HAM, extra=b"Transfer-Encoding: chunked\r\n"), b"SPAMD/1.1 0 EX_OK\r\n\r\n",
])
def test_rspamd_rejects_hostile_replies(reply: bytes) -> None:
    with pytest.raises(EngineError):
        rspamd_http.parse_reply(reply)


def test_rspamd_tolerates_odd_but_usable_replies() -> None:
    odd = {"score": 3, "action": "add header", "symbols": {"A": "not an object", "B" * 500: {"score": 2}}}
    result = rspamd_http.parse_reply(http(odd))
    assert result.score == 3.0 and result.required_score == 0.0 and result.symbols["A"] == 0.0
    assert result.top_symbols(1) == [f"{'B' * 64}(2)"]


def test_rspamd_request_carries_the_envelope_without_header_injection() -> None:
    env = Envelope(sender="a@shop.example\r\nX-Evil: 1", recipients=[f"r{i}@x.test" for i in range(2000)],
                   queue_id="1abc-00", ip="192.0.2.1", helo="shop.example", user="alice")
    head = rspamd_http.build_request(MSG, env).decode()
    assert head.startswith("POST /checkv2 HTTP/1.1\r\n") and head.endswith("\r\n\r\n")
    assert f"Content-Length: {len(MSG)}\r\n" in head and "From: <a@shop.exampleX-Evil: 1>\r\n" in head
    assert "\r\nX-Evil" not in head and head.count("\r\nRcpt: ") == rspamd_http.MAX_RCPTS
    for line in ("Queue-Id: 1abc-00", "IP: 192.0.2.1", "Helo: shop.example", "User: alice"):
        assert f"\r\n{line}\r\n" in head
    assert "IP:" not in rspamd_http.build_request(MSG, Envelope()).decode()


def test_rspamd_client_round_trip() -> None:
    with fake_engine(http(RSPAMD_GTUBE)) as engine:
        result = rspamd_http.check(engine.address, MSG, Envelope(sender="a@x.test"), deadline=time.monotonic() + 5)
    assert result.action == "reject"
    assert engine.requests[0].endswith(b"\r\n\r\n" + MSG)


# ---------------------------------------------------------------------------------------------------- spamd


def test_spamd_parses_real_replies() -> None:
    spam = spamd.parse_reply(SPAMD_GTUBE)
    assert (spam.is_spam, spam.score, spam.threshold) == (True, 1000.0, 5.0)
    assert spam.rules == ["GTUBE", "MSGID_SHORT", "NO_RECEIVED", "NO_RELAYS", "TVD_SPACE_RATIO"]
    ham = spamd.parse_reply(SPAMD_HAM)
    assert (ham.is_spam, ham.score) == (False, 0.0)
    check_reply = spamd.parse_reply(b"SPAMD/1.1 0 EX_OK\r\nSpam: Yes ; 7.5 / 5.0\r\n\r\n")  # CHECK: no body
    assert (check_reply.is_spam, check_reply.score, check_reply.rules) == (True, 7.5, [])


@pytest.mark.parametrize("reply", [
    b"", b"garbage\r\n\r\n", b"SPAMD/1.0 76 Bad header line: (Content-length missing)\r\n",
    b"SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n", b"SPAMD/1.1 0 EX_OK\r\nSpam: Maybe ; 1 / 5\r\n\r\n",
    b"SPAMD/1.1 0 EX_OK\r\nSpam: True ; 1e999 / 5.0\r\n\r\n", b"SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7.5 / 5.0\r\n",
    b"SPAMD/1.1 0 EX_OK\r\nSpam: True ; " + b"9" * 5000 + b" / 5.0\r\n\r\n", b"HTTP/1.1 200 OK\r\n\r\n{}",
])
def test_spamd_rejects_hostile_replies(reply: bytes) -> None:
    with pytest.raises(EngineError):
        spamd.parse_reply(reply)


def test_spamd_keeps_only_rule_names() -> None:
    reply = b"SPAMD/1.1 0 EX_OK\r\nSpam: True ; 6 / 5\r\n\r\nGOOD_RULE, bad rule,\x00NUL,<script>," + b"R," * 500
    assert spamd.parse_reply(reply).rules == ["GOOD_RULE"] + ["R"] * (spamd.MAX_RULES - 1)


def test_spamd_request_framing() -> None:
    head = spamd.build_request(MSG, user="alice\r\nUser: root")
    assert head == f"SYMBOLS SPAMC/1.5\r\nContent-length: {len(MSG)}\r\nUser: aliceUser: root\r\n\r\n".encode()


# ---------------------------------------------------------------------------------------------------- clamd


def test_clamd_parses_real_replies() -> None:
    assert clamd.parse_reply(b"stream: OK\0") == clamd.ClamdResult()
    found = clamd.parse_reply(CLAMD_FOUND)
    assert found.infected and found.signature == "Mailward.Test.EICAR.UNOFFICIAL"
    extended = clamd.parse_reply(b"stream: Win.Test.EICAR_HDB-1(44d88612fea8a8f36de82e1278abb02f:68) FOUND\0")
    assert extended.signature.startswith("Win.Test.EICAR_HDB-1(")


@pytest.mark.parametrize("reply", [
    b"", b"\0", b"INSTREAM size limit exceeded. ERROR\0", b"stream: Can't allocate memory ERROR\0",
    b"stream: FOUND\0", b"stream:  FOUND\0", b"stream: bad name FOUND\0", b"stream: \x01\x02 FOUND\0",
    b"stream: " + b"A" * 300 + b" FOUND\0", b"stream: MAYBE\0", b"UNKNOWN COMMAND\0", b"PONG\0",
    b"/tmp/file: OK\0", b"stream: OK\0stream: OK\0",
])
def test_clamd_rejects_hostile_replies(reply: bytes) -> None:
    with pytest.raises(EngineError):
        clamd.parse_reply(reply)


def test_clamd_streams_in_length_prefixed_chunks() -> None:
    data = bytes(range(256)) * 1000
    request = b"".join(bytes(p) for p in clamd.stream_request(data, chunk=1000))
    assert request.startswith(b"zINSTREAM\0") and request.endswith(b"\0\0\0\0")
    assert instream_payload(request) == data
    assert b"".join(bytes(p) for p in clamd.stream_request(b"")) == b"zINSTREAM\0\0\0\0\0"


def test_clamd_client_over_a_unix_socket(tmp_path: Path) -> None:
    with fake_engine(CLAMD_FOUND, unix_path=tmp_path / "clamd.sock") as engine:
        result = clamd.scan(engine.address, MSG * 5000, deadline=time.monotonic() + 5)
    assert result.infected
    assert instream_payload(engine.requests[0]) == MSG * 5000


# ---------------------------------------------------------------------------------------------------- transport


def test_content_length_completion() -> None:
    assert not transport.content_length_complete(bytearray(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab"))
    assert transport.content_length_complete(bytearray(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd"))
    assert not transport.content_length_complete(bytearray(b"SPAMD/1.1 0 EX_OK\r\nSpam: True ; 1 / 5\r\n\r\n"))


def test_dead_engine_is_refused_at_once() -> None:
    result, took = elapsed(lambda: spamd.check(dead_address(), MSG, deadline=time.monotonic() + 5))
    assert isinstance(result, EngineError) and result.message == "connection refused" and took < 1


def test_missing_unix_socket(tmp_path: Path) -> None:
    with pytest.raises(EngineError):
        clamd.scan(str(tmp_path / "none.sock"), MSG, deadline=time.monotonic() + 5)


@pytest.mark.parametrize("client", ["rspamd", "spamd", "clamd"])
def test_hung_engine_times_out_at_the_deadline(client: str) -> None:
    calls = {"rspamd": lambda a, d: rspamd_http.check(a, MSG, Envelope(), deadline=d),
             "spamd": lambda a, d: spamd.check(a, MSG, deadline=d),
             "clamd": lambda a, d: clamd.scan(a, MSG, deadline=d)}
    with silent_listener() as address:
        result, took = elapsed(lambda: calls[client](address, time.monotonic() + 0.15))
    assert isinstance(result, EngineError) and result.message == "timed out"
    assert 0.14 < took < 1.5


def test_big_message_to_an_engine_that_never_reads_times_out() -> None:
    with silent_listener() as address:
        result, took = elapsed(lambda: clamd.scan(address, b"x" * (32 << 20), deadline=time.monotonic() + 0.15))
    assert isinstance(result, EngineError) and result.message == "timed out" and took < 2


def test_slow_drip_reply_is_cut_by_the_overall_deadline() -> None:
    with fake_engine(b"stream: OK" + b" " * 100 + b"\0", drip=0.05) as engine:
        result, took = elapsed(lambda: clamd.scan(engine.address, MSG, deadline=time.monotonic() + 0.2))
    assert isinstance(result, EngineError) and result.message == "timed out" and took < 1.5


@pytest.mark.parametrize("reply", ["hang", "close"])
def test_engine_that_hangs_or_hangs_up(reply: str) -> None:
    with fake_engine(reply) as engine:
        result, _ = elapsed(lambda: spamd.check(engine.address, MSG, deadline=time.monotonic() + 0.15))
    assert isinstance(result, EngineError)


def test_endless_reply_is_bounded() -> None:
    with fake_engine(b"stream: " + b"A" * 100000) as engine, pytest.raises(EngineError, match="reply larger"):
        clamd.scan(engine.address, MSG, deadline=time.monotonic() + 5)


def test_deadline_already_past() -> None:
    with fake_engine(b"stream: OK\0") as engine:
        result, _ = elapsed(lambda: clamd.scan(engine.address, MSG, deadline=time.monotonic() - 1))
    assert isinstance(result, EngineError) and result.message == "timed out" and engine.connections == 0


# ---------------------------------------------------------------------------------------------------- checks


def test_engines_are_off_by_default_and_never_connect() -> None:
    st = load_settings(environ={})
    assert not any(conf.enabled for conf in st.engines.values())
    msg = _parsed(MSG, st)
    for check in (engine_clamav.CHECK, engine_rspamd.CHECK, engine_spamassassin.CHECK):
        assert check.run(msg, context(st)) == []


def test_rspamd_check_scales_the_score_or_maps_the_action() -> None:
    with fake_engine(http(RSPAMD_GTUBE)) as engine:
        st = engine_settings(rspamd={"address": engine.address})
        [sym] = engine_rspamd.CHECK.run(_parsed(MSG, st), context(st))
        assert sym.name == "ENGINE_RSPAMD" and sym.score == pytest.approx(6.0)
        assert sym.options == ["score=15/15", "action=reject"]
        st = engine_settings(rspamd={"address": engine.address, "mode": "action", "actions": {"reject": 9.0}})
        assert engine_rspamd.CHECK.run(_parsed(MSG, st), context(st))[0].score == 9.0
    negative = {**RSPAMD_HAM, "score": -5.0}
    with fake_engine(http(negative)) as engine:
        st = engine_settings(rspamd={"address": engine.address})
        [sym] = engine_rspamd.CHECK.run(_parsed(MSG, st), context(st))
        assert sym.score == 0.0 and "DATE_IN_PAST(1)" in sym.options


def test_spamassassin_check_scales_the_score() -> None:
    with fake_engine(SPAMD_GTUBE) as engine:
        st = engine_settings(spamassassin={"address": engine.address, "score_factor": 0.01})
        [sym] = engine_spamassassin.CHECK.run(_parsed(MSG, st), context(st))
    assert sym.name == "ENGINE_SPAMASSASSIN" and sym.score == pytest.approx(10.0)
    assert sym.options[:2] == ["score=1000/5", "GTUBE"]


def test_oversize_message_is_not_sent() -> None:
    with fake_engine(SPAMD_GTUBE) as engine:
        st = engine_settings(spamassassin={"address": engine.address, "max_bytes": len(MSG) - 1})
        assert engine_spamassassin.CHECK.run(_parsed(MSG, st), context(st)) == []
    assert engine.connections == 0


@pytest.mark.parametrize("check,engine_name", [(engine_rspamd.CHECK, "rspamd"),
                                               (engine_spamassassin.CHECK, "spamassassin"),
                                               (engine_clamav.CHECK, "clamav")])
def test_failing_engine_becomes_its_error_symbol(check: object, engine_name: str) -> None:
    st = engine_settings(**{engine_name: {"address": dead_address()}},
                         scores={f"ENGINE_{engine_name.upper()}_ERROR": 0.25})
    [sym] = check.run(_parsed(MSG, st), context(st))  # type: ignore[attr-defined]
    assert sym.name == f"ENGINE_{engine_name.upper()}_ERROR" and sym.score == 0.25
    assert sym.options == ["connection refused"]


def test_engine_timeout_is_capped_by_the_scan_deadline() -> None:
    with silent_listener() as address:
        st = engine_settings(clamav={"address": address, "timeout_ms": 10000})
        result, took = elapsed(lambda: engine_clamav.CHECK.run(_parsed(MSG, st), context(st, budget_s=0.2)))
    assert [s.name for s in result] == ["ENGINE_CLAMAV_ERROR"] and took < 1.5  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------------- pipeline


def _evaluate(st: Settings) -> tuple[Action, list[Reason], list[str]]:
    accounts = MemoryCpanelAccounts()
    accounts.add_account("alice", "shop.example")
    policy = Policy(allow_winexec=False, whitelisted=lambda kind, value: False,
                    account_state=lambda account: AccountState.ACTIVE)
    pipe = Pipeline(st, accounts, [engine_clamav.CHECK, engine_spamassassin.CHECK])
    verdict, _ = pipe.evaluate(MSG, Envelope(sender="a@shop.example", recipients=["b@example.net"]), policy)
    return verdict.action, verdict.reasons, [s.name for s in verdict.symbols]


def test_virus_is_a_quarantine_reason_of_its_own() -> None:
    with fake_engine(CLAMD_FOUND) as engine:
        action, reasons, symbols = _evaluate(engine_settings(clamav={"address": engine.address}))
    assert (action, reasons, symbols) == (Action.QUARANTINE, [Reason.VIRUS], ["ENGINE_CLAMAV_VIRUS"])


def test_dead_and_hung_engines_never_hold_or_defer_mail() -> None:
    with silent_listener() as hung:
        st = load_settings(environ={"MAILWARD_FAIL_MODE": "closed"}, overrides={"engines": {
            "clamav": {"enabled": True, "address": dead_address()},
            "spamassassin": {"enabled": True, "address": hung, "timeout_ms": 200}}})
        (action, reasons, symbols), took = elapsed(lambda: _evaluate(st))  # type: ignore[misc]
    assert (action, reasons) == (Action.ACCEPT, [])
    assert symbols == ["ENGINE_CLAMAV_ERROR", "ENGINE_SPAMASSASSIN_ERROR"] and took < 1.5


# ---------------------------------------------------------------------------------------------------- settings


@pytest.mark.parametrize("engines,message", [
    ({"rspamd": {"enabled": True}}, "enabled but has no address"),
    ({"rspamd": {"address": "127.0.0.1:11333"}}, "Mailward's own scan listener"),
    ({"rspamd": {"address": "localhost:11333"}}, "Mailward's own scan listener"),
    ({"spamassassin": {"address": "spamd.example:783"}}, "IP address or localhost"),
    ({"clamav": {"address": "clamd.sock"}}, "absolute unix socket path"),
    ({"clamav": {"enabled": "yes"}}, "true or false"),
    ({"clamav": {"timeout_ms": 0}}, "positive"),
    ({"rspamd": {"mode": "vote"}}, "'score' or 'action'"),
    ({"rspamd": {"actions": {"discard": 1.0}}}, "unknown setting"),
    ({"virustotal": {"enabled": True}}, "unknown setting"),
])
def test_engine_settings_are_validated(engines: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={}, overrides={"engines": engines})


def test_engine_settings_from_the_environment() -> None:
    st = load_settings(environ={"MAILWARD_ENGINES__CLAMAV__ENABLED": "true",
                                "MAILWARD_ENGINES__CLAMAV__ADDRESS": "127.0.0.1:3310",
                                "MAILWARD_ENGINES__SPAMASSASSIN__SCORE_FACTOR": "2"})
    assert st.engines["clamav"].enabled and st.engines["clamav"].address == "127.0.0.1:3310"
    assert st.engines["spamassassin"].score_factor == 2.0 and not st.engines["spamassassin"].enabled


def _parsed(raw: bytes, st: Settings) -> ParsedMessage:
    return parse_message(raw, st.scan)
