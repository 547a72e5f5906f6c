"""`ie-cli emails` against a fake API: requests sent, Imunify's plain and JSON outputs, bulk chunking."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from cli.api_client import Response
from tests.cli.conftest import Call, FakeTransport, Run, error

RULE = "-" * 107


def summary(email_id: str, account: str, recipients: list[str], subject: str, size: int) -> dict[str, Any]:
    """An EmailSummary as the API sends it (more keys than Imunify's JSON has)."""
    return {"email_id": email_id, "size_bytes": size, "account_name": account, "sender": f"{account}@site.example",
            "recipients": recipients, "subject": subject, "received_date": 1643805800, "reasons": ["spam"],
            "score": 9.5, "direction": "outgoing", "status": "quarantined",
            "script_header": {"raw": "", "domain": "", "path": ""}}


REFERENCE_ITEMS = [
    summary("ef69f707-d547-4b29-b8f0-f5331821c930", "mws", ["me@somehost.com"],
            "Ge t G:eneric V1agra f:or as 1ow as $2.50 per 50 mg", 8190),
    summary("fbc2efd0-1808-4e54-99ce-3082708b28ee", "oregdent", ["steve@hillcabinet.com", "x@y.example"],
            "FWD:Xanax.x Valium.m Xanax.x Vicodin.n h ogzmwggi", 8971),
]


@pytest.fixture
def listing(fake: FakeTransport) -> FakeTransport:
    return fake.on("GET", "/emails", {"items": REFERENCE_ITEMS, "max_count": 2})


def test_list_sends_the_defaults_and_prints_imunify_blocks(run: Run, listing: FakeTransport) -> None:
    res = run("emails", "list")
    assert res.code == 0 and res.err == ""
    assert listing.calls == [Call("GET", "/api/v1/emails", {"limit": "25", "since": "30d", "offset": "0"}, None)]
    assert res.out == "\n".join([
        RULE,
        "Email_ID ef69f707-d547-4b29-b8f0-f5331821c930",
        "Size_Bytes\t      8190",
        "Account_Name\t  mws",
        "Recipients\t      me@somehost.com",
        "Subject        \t  Ge t G:eneric V1agra f:or as 1ow as $2.50 per 50 mg",
        "",
        RULE,
        "Email_ID fbc2efd0-1808-4e54-99ce-3082708b28ee",
        "Size_Bytes\t      8971",
        "Account_Name\t  oregdent",
        "Recipients\t      steve@hillcabinet.com,x@y.example",
        "Subject        \t  FWD:Xanax.x Valium.m Xanax.x Vicodin.n h ogzmwggi",
        "",
        RULE,
        "Max Count\t     2",
    ]) + "\n"


def test_list_json_has_exactly_imunifys_keys(run: Run, listing: FakeTransport) -> None:
    res = run("emails", "list", "-a", "root", "\u2013-json")
    assert res.code == 0
    assert listing.calls[0].query["account"] == "root"
    assert set(res.json) == {"items", "max_count"} and res.json["max_count"] == 2
    first = res.json["items"][0]
    assert list(first) == ["email_id", "size_bytes", "account_name", "recipients", "subject", "script_header"]
    assert first["script_header"] == {"raw": "", "domain": "", "path": ""}
    assert first["size_bytes"] == 8190 and first["recipients"] == ["me@somehost.com"]


def test_list_passes_every_filter_as_typed(run: Run, listing: FakeTransport) -> None:
    res = run("emails", "list", "-l", "0100", "-s", "24h", "--offset=50", "--direction", "Incoming",
              "--reason=winexec", "--sender", "a@b.example", "--recipient", "c@d.example", "--subject", "1e3")
    assert res.code == 0, res.err
    assert listing.calls[0].query == {"limit": "100", "since": "24h", "offset": "50", "direction": "incoming",
                                      "reason": "winexec", "sender": "a@b.example", "recipient": "c@d.example",
                                      "subject": "1e3"}


@pytest.mark.parametrize(("argv", "message"), [
    (["--limit", "x"], "ie-cli: error: --limit: expected a whole number, got 'x'"),
    (["-l", "0"], "ie-cli: error: --limit: must be at least 1, got 0"),
    (["--since", "yesterday"], "ie-cli: error: --since: expected a duration like 100s, 5m, 24h or 30d, "
                               "got 'yesterday'"),
    (["--reason", "phishing"],
     "ie-cli: error: --reason: expected one of spam, winexec, ratelimit, virus, got 'phishing'"),
    (["--json=maybe"], "ie-cli: error: --json: expected true or false, got 'maybe'"),
])
def test_bad_values_are_one_line_and_exit_2_before_any_request(run: Run, listing: FakeTransport,
                                                               argv: list[str], message: str) -> None:
    res = run("emails", "list", *argv)
    assert (res.code, res.out, res.err) == (2, "", message + "\n")
    assert listing.calls == []


def detail() -> dict[str, Any]:
    d = summary("0001", "mws", ["me@somehost.com"], "FWD: Want Pills \x1b[31mred", 8534)
    return {**d, "symbols": ["GTUBE"], "queue_id": "1nFEym-0005TO-Qs",
            "headers": [["Content-Type", 'text/html; charset="iso-8859-7"'], ["Date", "Fri, 13 Feb 2019 04:48:28"],
                        ["X-ImunifyEmail-Filter-Action", "reject"], ["Received", "from a\n\tby b"]],
            "body": "Buy now\nat \x1b]8;;http://x\x07 half price"}


RAW = (b"Content-Type: text/html; charset=\"iso-8859-7\"\r\nSubject: FWD\r\n\r\n"
       b"<p>Buy now</p>\r\n\xff\x00binary\r\n")


def test_show_prints_the_reference_layout_with_the_verdict_and_the_raw_body_in_base64(
        run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/emails/0001", {**detail(), "score": 6.1,
                                    "headers": [h for h in detail()["headers"] if not h[0].startswith("X-")]})
    fake.on("GET", "/emails/0001/raw", Response(200, {"content-type": "message/rfc822"}, RAW))
    res = run("emails", "show", "--id", "0001", "-a", "root")
    assert res.code == 0, res.err
    assert [c.path for c in fake.calls] == ["/api/v1/emails/0001", "/api/v1/emails/0001/raw"]
    assert all(c.query == {"account": "root"} for c in fake.calls)
    assert res.out == "\n".join([
        "EmailID:                      0001",
        "SizeBytes:                    8534",
        "AccountName:                  mws",
        "Sender:                       mws@site.example",
        "Recipients:                   me@somehost.com",
        "ReceivedDate:                 1643805800",
        # a stranger's escape sequence reaches the terminal without its ESC
        "Subject:                      FWD: Want Pills [31mred",
        "",
        'Content-Type:                 text/html; charset="iso-8859-7"',
        "Date:                         Fri, 13 Feb 2019 04:48:28",
        "Received:                     from a by b",
        "",
        "X-ImunifyEmail-Filter-Action: quarantine",  # the held copy has none: the verdict, as a delivered copy's
        "X-ImunifyEmail-Filter-Score:  6.1",
        "",
        "Body: " + base64.b64encode(b"<p>Buy now</p>\r\n\xff\x00binary\r\n").decode(),
    ]) + "\n"


def test_show_text_keeps_the_readable_form(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/emails/0001", detail())
    res = run("emails", "show", "--id", "0001", "-a", "root", "--text")
    assert res.code == 0, res.err
    assert fake.calls == [Call("GET", "/api/v1/emails/0001", {"account": "root"}, None)]
    assert res.out == "\n".join([
        "EmailID:                      0001",
        "SizeBytes:                    8534",
        "AccountName:                  mws",
        "Sender:                       mws@site.example",
        "Recipients:                   me@somehost.com",
        "ReceivedDate:                 1643805800",
        "Subject:                      FWD: Want Pills [31mred",
        "",
        'Content-Type:                 text/html; charset="iso-8859-7"',
        "Date:                         Fri, 13 Feb 2019 04:48:28",
        "X-ImunifyEmail-Filter-Action: reject",
        "Received:                     from a by b",
        "",
        "Body: Buy now",
        "at ]8;;http://x half price",
    ]) + "\n"


def test_show_json_is_the_api_detail_as_is(run: Run, fake: FakeTransport) -> None:
    fake.on("GET", "/emails/0001", detail())
    res = run("emails", "show", "--id=0001", "--json")
    assert res.code == 0 and fake.calls[0].query == {}
    assert res.json == detail()
    assert "\\u001b" in res.out  # escaped in JSON, never a raw ESC


def test_show_raw_writes_the_bytes_unchanged(fake: FakeTransport, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from cli.ie_cli import main

    message = b"From: a@b\r\nSubject: \xff\xfe\r\n\r\nbody\x00\r\n"
    fake.on("GET", "/emails/0001/raw", Response(200, {"content-type": "message/rfc822"}, message))
    assert main(["emails", "show", "--id", "0001", "--raw"], transport=fake) == 0
    assert capsysbinary.readouterr().out == message


def test_show_needs_an_id_and_refuses_json_with_raw(run: Run) -> None:
    assert run("emails", "show").err == "ie-cli: error: --id is required\n"
    assert run("emails", "show", "--id", "x", "--json", "--raw").code == 2
    assert run("emails", "show", "--id", "x", "--text", "--raw").code == 2


def test_show_path_segment_cannot_escape_the_resource(run: Run, fake: FakeTransport) -> None:
    run("emails", "show", "--id", "../accounts/alice")
    assert fake.calls[0].path == "/api/v1/emails/..%2Faccounts%2Falice"


def bulk_answer(call: Call, fail: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    results = [{"email_id": i, "ok": i not in fail, "status": "not_found" if i in fail else "released",
                "message": f"no email {i}" if i in fail else "OK"} for i in call.body["ids"]]
    ok = sum(r["ok"] for r in results)
    return {"results": results, "succeeded": ok, "failed": len(results) - ok}


def test_release_one_chunk_prints_ok(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/emails/release", bulk_answer)
    res = run("emails", "release", "--ids", "0001,0002", "-a", "root")
    assert (res.code, res.out, res.err) == (0, "OK\n", "")
    assert fake.calls == [Call("POST", "/api/v1/emails/release", {}, {"ids": ["0001", "0002"], "account": "root"})]


def test_release_goes_in_chunks_of_50_with_progress(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/emails/release", bulk_answer)
    ids = [f"id{n:03d}" for n in range(120)]
    res = run("emails", "release", "--ids", ",".join(ids))
    assert (res.code, res.out) == (0, "OK\n")
    assert [c.body["ids"] for c in fake.calls] == [ids[:50], ids[50:100], ids[100:]]
    assert "account" not in fake.calls[0].body
    assert res.err == "released 50/120\nreleased 100/120\nreleased 120/120\n"


def test_remove_reports_each_failure_and_exits_1(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/emails/remove", lambda call: bulk_answer(call, {"b", "d"}))
    res = run("emails", "remove", "--ids", "a,b,c,d")
    assert (res.code, res.out) == (1, "")
    assert res.err == "b: no email b\nd: no email d\nie-cli: error: 2 of 4 emails were not removed\n"


def test_remove_json_prints_the_merged_bulk_result(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/emails/remove", lambda call: bulk_answer(call, {"id007"}))
    res = run("emails", "remove", "--ids", ",".join(f"id{n:03d}" for n in range(60)), "--json")
    assert res.code == 1
    assert res.json["succeeded"] == 59 and res.json["failed"] == 1 and len(res.json["results"]) == 60
    assert "id007: no email id007" in res.err


def test_a_chunk_refused_by_the_api_says_how_far_it_got(run: Run, fake: FakeTransport) -> None:
    answers = iter([None, error(503, "service_unavailable", "Redis is unavailable")])

    def flaky(call: Call) -> Any:
        return next(answers) or bulk_answer(call)

    fake.on("POST", "/emails/release", flaky)
    res = run("emails", "release", "--ids", ",".join(f"id{n}" for n in range(70)))
    assert res.code == 1
    assert res.err.splitlines()[-1] == "ie-cli: error: released 50/70, then: Redis is unavailable"


def test_learn_sends_spam_or_ham_and_needs_exactly_one(run: Run, fake: FakeTransport) -> None:
    fake.on("POST", "/emails/learn", bulk_answer)
    res = run("emails", "learn", "--ids", "0001,0002", "--spam")
    assert (res.code, res.out) == (0, "OK\n")
    assert fake.calls[-1].body == {"ids": ["0001", "0002"], "spam": True}
    assert run("emails", "learn", "--ids", "0003", "--ham").code == 0
    assert fake.calls[-1].body == {"ids": ["0003"], "spam": False}
    for argv in (("--ids", "0001"), ("--ids", "0001", "--spam", "--ham")):
        bad = run("emails", "learn", *argv)
        assert bad.code == 2 and "exactly one of --spam or --ham" in bad.err
