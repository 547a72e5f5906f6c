"""Attribution of a forwarded copy (issue 14 item 8): the forwarding address's account, never the sender's word."""

from __future__ import annotations

from core.identity.attribution import FALLBACK_ACCOUNT, VOUCHED, HeaderList, How, attribute
from core.models import Envelope
from tests.cpanel_tree import memory_accounts

ACCOUNTS = memory_accounts({"alice": {"domain": "alice.example", "uid": 1001},
                            "bob": {"domain": "bob.example", "uid": 1002}})


def test_a_forwarded_copy_is_the_forwarding_domains_account() -> None:
    env = Envelope(sender="ceo@bob.example", recipients=["out@remote.test"], ip="203.0.113.9",
                   forwarded_by="info@alice.example")
    headers = HeaderList([("From", "ceo@bob.example"), ("X-PHP-Originating-Script", "1002:x.php")])
    s = attribute(env, headers, ACCOUNTS)
    assert (s.account, s.how) == ("alice", How.FORWARDED)
    assert s.email == "ceo@bob.example" and s.script.raw == ""  # bob's script header is no alice script
    assert How.FORWARDED not in VOUCHED  # the remote sender's address is nobody's word here: no whitelist


def test_a_forwarder_on_a_domain_nobody_owns_is_roots() -> None:
    for parent in ("alice@server.example", "bogus", "@alice.example", "x@"):
        env = Envelope(sender="a@remote.test", recipients=["out@remote.test"], forwarded_by=parent, user="alice")
        s = attribute(env, HeaderList(), ACCOUNTS)
        assert (s.account, s.how) == (FALLBACK_ACCOUNT, How.FALLBACK), parent


def test_a_scan_request_cannot_name_a_forwarder() -> None:
    env = Envelope.from_dict({"sender": "a@remote.test", "recipients": ["x@remote.test"], "forwarded_by": ""})
    assert attribute(env, HeaderList(), ACCOUNTS).how == How.FALLBACK
    assert Envelope.from_dict(Envelope(forwarded_by="info@alice.example").to_dict()).forwarded_by \
        == "info@alice.example"
