"""workers.exim_spool: Exim's -H spool format (as Exim 4.96 writes it), message ids, queue listings."""

from __future__ import annotations

import pytest

from workers.exim_spool import EximQueue, EximSpoolError, frozen_ids, parse_header_file, valid_message_id

MID = "1xaTqd-0001WE-32"


def h(flag: str, text: str) -> str:
    """One header record of a -H file: its length (3 digits), a flag letter (space: plain, *: rewritten away)."""
    return f"{len(text.encode()):03d}{flag} {text}"



#: A local submission Mailward's ACL froze, as exim -Mvh printed it (4.96).
FROZEN_H = (
    f"{MID}-H\nnobody 65534 65534\n<nobody@lab.mailward.test>\n1796631203 0\n-received_time_usec .944569\n"
    "-received_time_complete 1796631203.950827\n-ident nobody\n-received_protocol local\n"
    "-aclm _mailward_frozen 1\n1\n-body_linecount 2\n-max_received_linelength 51\n-auth_id nobody\n"
    "-auth_sender nobody@lab.mailward.test\n-allow_unqualified_recipient\n-allow_unqualified_sender\n"
    "-deliver_firsttime\n-frozen 1796631203\n-local\n-tls_resumption A\nXX\n2\nx@remote.test\ny@lab.mailward.test\n"
    "\n" + h("P", "Received: from nobody by lab.mailward.test with local (Exim 4.96)\n\t(envelope-from "
              "<nobody@lab.mailward.test>)\n\tid 1xaTqd-0001WE-32;\n\tMon, 07 Dec 2026 08:13:23 +0000\n")
    + h("F", "From: <a@remote.test>\n") + h("T", "To: <x@remote.test>\n") + h(" ", "Subject: frozen one\n")
    + h("*", "X-Old: rewritten away\n") + h(" ", "Date: Mon, 07 Dec 2026 08:13:23 +0000\n")
).encode()


def test_a_frozen_local_submission_parses() -> None:
    msg = parse_header_file(MID, FROZEN_H)
    assert (msg.login, msg.uid, msg.sender) == ("nobody", 65534, "nobody@lab.mailward.test")
    assert msg.recipients == ["x@remote.test", "y@lab.mailward.test"]
    assert msg.acl_vars == {"acl_m_mailward_frozen": "1"}
    assert msg.frozen and msg.options["auth_id"] == "nobody" and msg.options["received_protocol"] == "local"
    assert msg.host_address == ""
    msg.body = b"hi\nthere\n"
    raw = msg.message_bytes()
    assert raw.startswith(b"Received: from nobody by lab.mailward.test with local (Exim 4.96)\n\t(envelope-from")
    assert b"X-Old" not in raw  # a header Exim rewrote away is kept in -H for the record only
    assert raw.endswith(b"Date: Mon, 07 Dec 2026 08:13:23 +0000\n\nhi\nthere\n")


def test_inbound_mail_with_dsn_data_a_delivered_tree_and_a_multiline_acl_variable() -> None:
    value = "in\ncoming"
    head = (
        f"{MID}-H\nDebian-exim 102 102\n<news@sender.test>\n1796631203 0\n"
        f"-aclm _mailward_dir {len(value)}\n{value}\n--aclc _tainted 3\nx y\n-host_address 203.0.113.9.44321\n"
        "-helo_name client.example\n"
        # the tree of recipients already delivered: root b@x (no left, right child), then its right child c@x
        "NY b@x.test\nNN c@x.test\n"
        "4\na@x.test\nb@x.test  0,0  0,-1#3\nc@x.test\n"
        "d x@x.test rfc822;d@x.test 15,2 bounce@x.test 13,-1#3\n"
        "\n" + h(" ", "Subject: hello\n")
    ).encode()
    msg = parse_header_file(MID, head)
    assert msg.recipients == ["a@x.test", "d x@x.test"]  # b and c delivered; DSN and errors_to data stripped
    assert msg.acl_vars == {"acl_m_mailward_dir": value, "acl_c_tainted": "x y"}
    assert msg.host_address == "203.0.113.9" and msg.options["helo_name"] == "client.example"
    assert msg.headers == [b"Subject: hello\n"]
    v6 = parse_header_file(MID, head.replace(b"203.0.113.9.44321", b"2001:db8::1.25"))
    assert v6.host_address == "2001:db8::1"


@pytest.mark.parametrize("bad", [
    b"", b"other-H\n", FROZEN_H.replace(b"<nobody@lab.mailward.test>", b"nobody@lab"),
    FROZEN_H.replace(b"\n2\nx@remote.test", b"\nzz\nx@remote.test"), FROZEN_H[:-30],
    FROZEN_H.replace(b"\n\n165P", b"\nextra\n165P"), FROZEN_H.replace(b"022F", b"9999"),
])
def test_malformed_header_files_are_refused(bad: bytes) -> None:
    with pytest.raises(EximSpoolError):
        parse_header_file(MID, bad)


@pytest.mark.parametrize("mid", [MID, "1xaTqd-00000000001-0aZ9"])
def test_message_ids(mid: str) -> None:
    assert valid_message_id(mid) == mid


@pytest.mark.parametrize("bad", ["", "-Mrm", "../../etc/passwd", f"{MID};rm -rf /", f" {MID}", f"{MID}\n",
                                 "1xaTqd-0001WE-3", "1xaTqd_0001WE-32", f"-{MID}"])
def test_anything_else_never_reaches_exim(bad: str) -> None:
    calls: list[list[str]] = []
    queue = EximQueue("/bin/echo")
    queue._run = lambda *a: calls.append(list(a))  # type: ignore[method-assign,assignment,misc]
    for action in (queue.read, queue.thaw, queue.remove, queue.give_up, queue.deliver):
        with pytest.raises(EximSpoolError):
            action(bad)
    assert calls == []


def test_frozen_ids_from_a_queue_listing() -> None:
    listing = (f" 0m   369 {MID} <nobody@lab.mailward.test> *** frozen ***\n          x@remote.test\n\n"
               " 2h   1.2K 1xaTqe-0001WE-33 <a@b.test>\n          y@remote.test\n\n"
               " 3d   12K 1xaTqf-0001WE-34 <> *** frozen ***\n          D x@remote.test\n\n")
    assert frozen_ids(listing) == [MID, "1xaTqf-0001WE-34"]
