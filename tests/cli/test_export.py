"""`ie-cli emails export`: mbox and .eml output, paging, progress, refusals; fake API and the real app."""

from __future__ import annotations

import mailbox
import stat
import time
import uuid
from pathlib import Path
from typing import Any

from cli.api_client import Response
from core.identity.caller import account, admin
from tests.api.conftest import ApiEnv
from tests.cli.conftest import Call, FakeTransport, Run, api_runner, error

BODY = b"From: <a@x.example>\r\nSubject: hi\r\n\r\nline one\r\nFrom here on\r\n>From quoted\r\nend"


def _fake_held(fake: FakeTransport, n: int, *, gone: tuple[int, ...] = ()) -> list[str]:
    ids = [str(uuid.UUID(int=i + 1)) for i in range(n)]
    items = [{"email_id": e, "sender": "" if i == 0 else f"s{i}@x.example", "received_date": 1_700_000_000 + i,
              "size_bytes": len(BODY)} for i, e in enumerate(ids)]

    def page(call: Call) -> dict[str, Any]:
        off, lim = int(call.query["offset"]), int(call.query["limit"])
        newest_first = items[::-1]
        return {"items": newest_first[off:off + lim], "max_count": n}

    fake.on("GET", "/emails", page)
    for i, e in enumerate(ids):
        answer = error(404, "not_found", "gone") if i in gone else Response(200, {}, BODY)
        fake.on("GET", f"/emails/{e}/raw", answer)
    return ids


def test_mbox_export_pages_quotes_and_round_trips(fake: FakeTransport, run: Run, tmp_path: Path) -> None:
    ids = _fake_held(fake, 1203, gone=(5,))
    out = tmp_path / "held.mbox"
    res = run("emails", "export", "-a", "alice", "--since", "30d", "-o", str(out))
    assert res.code == 0, res.err
    lists = [c for c in fake.calls if c.path == "/api/v1/emails"]
    assert [(c.query["limit"], c.query["offset"]) for c in lists] == [("500", "0"), ("500", "500"), ("500", "1000")]
    assert all(c.query["account"] == "alice" and c.query["since"] == "30d" for c in lists)
    assert res.err.splitlines() == [f"{ids[5]}: skipped: gone", "exported 500/1203", "exported 1000/1203",
                                    "exported 1202/1203"]
    assert res.out == f"exported 1202 emails ({1202 * len(BODY)} bytes, 1 skipped) to {out}\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    assert data.startswith(b"From MAILER-DAEMON Tue Nov 14 22:13:20 2023\nFrom: <a@x.example>\n")
    assert data.endswith(b"end\n\n") and b"\r" not in data
    assert b"\n>From here on\n>>From quoted\n" in data
    box = mailbox.mbox(out)
    msgs = list(box)
    assert len(msgs) == 1202
    assert msgs[1].get_from() == "s1@x.example Tue Nov 14 22:13:21 2023" and msgs[1]["Subject"] == "hi"
    assert msgs[1].get_payload() == "line one\n>From here on\n>>From quoted\nend\n"
    box.close()
    assert not list(tmp_path.glob(".*.part"))


def test_eml_export_writes_files_and_never_overwrites(fake: FakeTransport, run: Run, tmp_path: Path) -> None:
    ids = _fake_held(fake, 3)
    out = tmp_path / "eml"
    res = run("emails", "export", "--format", "eml", "--output", str(out), "--json")
    assert res.code == 0, res.err
    assert res.json == {"exported": 3, "bytes": 3 * len(BODY), "skipped": [], "format": "eml", "path": str(out)}
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{e}.eml" for e in ids)
    assert (out / f"{ids[0]}.eml").read_bytes() == BODY  # exactly as held
    assert stat.S_IMODE((out / f"{ids[0]}.eml").stat().st_mode) == 0o600
    (out / f"{ids[1]}.eml").write_bytes(b"mine")
    res = run("emails", "export", "-f", "eml", "-o", str(out))
    assert res.code == 1 and "already exist" in res.err and "--force" in res.err
    assert (out / f"{ids[1]}.eml").read_bytes() == b"mine"
    res = run("emails", "export", "-f", "eml", "-o", str(out), "--force")
    assert res.code == 0 and (out / f"{ids[1]}.eml").read_bytes() == BODY


def test_export_refuses_bad_arguments_and_paths(fake: FakeTransport, run: Run, tmp_path: Path) -> None:
    _fake_held(fake, 1)
    taken = tmp_path / "taken.mbox"
    taken.write_bytes(b"keep")
    cases = [
        (("emails", "export"), 2, "--output is required"),
        (("emails", "export", "-o", str(tmp_path / "x"), "--format", "maildir"), 2, "--format: expected one of"),
        (("emails", "export", "-o", str(tmp_path / "x"), "--since", "soon"), 2, "--since: expected a duration"),
        (("emails", "export", "-o", str(taken)), 1, "already exists; give --force"),
        (("emails", "export", "-o", str(tmp_path)), 1, "is not a file"),
        (("emails", "export", "-f", "eml", "-o", str(taken)), 1, "is not a directory"),
        (("emails", "export", "-o", str(tmp_path / "no" / "such.mbox")), 1, "is not a directory"),
    ]
    for argv, code, text in cases:
        res = run(*argv)
        assert (res.code, res.out) == (code, ""), argv
        assert len(res.err.splitlines()) == 1 and text in res.err, (argv, res.err)
    assert taken.read_bytes() == b"keep"
    res = run("emails", "export", "-o", str(taken), "--force")
    assert res.code == 0 and taken.read_bytes().startswith(b"From MAILER-DAEMON ")


def test_export_through_the_api_as_root_and_as_an_account(api_env: ApiEnv, capsys: Any, tmp_path: Path) -> None:
    a1 = api_env.hold("alice", subject="first", received=1_700_000_000.0)
    a2 = api_env.hold("alice", subject="second", body=b"Subject: second\r\n\r\nFrom me\r\n",
                      received=time.time() - 10)
    b1 = api_env.hold("bob", subject="bob's", received=time.time() - 5)
    as_root = api_runner(api_env, admin(0), capsys)
    res = as_root("emails", "export", "-a", "root", "-o", str(tmp_path / "all.mbox"))
    assert res.code == 0, res.err
    box = mailbox.mbox(tmp_path / "all.mbox")
    assert [m["Subject"] for m in box] == ["first", "second", "bob's"]  # oldest first
    assert box[1].get_payload() == ">From me\n" and box[0].get_from().endswith("Tue Nov 14 22:13:20 2023")
    box.close()
    as_alice = api_runner(api_env, account("alice", 1001), capsys)
    res = as_alice("emails", "export", "-f", "eml", "-o", str(tmp_path / "mine"), "--since", "1h")
    assert res.code == 0, res.err
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == [f"{a2}.eml"]
    assert a1 and b1
    res = as_alice("emails", "export", "-a", "bob", "-o", str(tmp_path / "bob.mbox"))
    assert res.code == 1 and not (tmp_path / "bob.mbox").exists()
