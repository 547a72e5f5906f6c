"""Incoming filtration: the pipeline's inbound branch, the gateway's direction marker, the Exim snippet."""

from __future__ import annotations

import io

import pytest

from core.detection.checks.base import GROUP_SPAM
from core.models import Action, Direction, Envelope, Reason
from core.scan.pipeline import INCOMING_OFF, Pipeline
from tests.core.test_pipeline import MSG, FixedCheck, _accounts, _policy, _settings
from workers.exim_hook import HookParams, render_incoming_acl, render_main_options, render_smtp_data_acl

IN = Envelope(sender="x@remote.test", recipients=["info@shop.example"], ip="192.0.2.9",
              direction=Direction.INCOMING)


def _run_in(symbol: str, action: str = "spam_folder", **policy: object):  # type: ignore[no-untyped-def]
    settings = _settings(MAILWARD_INCOMING__ACTION=action)
    pipe = Pipeline(settings, _accounts(), [FixedCheck("c", GROUP_SPAM, symbol)])
    verdict, _ = pipe.evaluate(MSG, IN, _policy(**policy))
    return verdict


@pytest.mark.parametrize(("symbol", "action", "want"), [
    ("", "spam_folder", Action.ACCEPT), ("MID", "spam_folder", Action.ADD_HEADER),
    ("HIGH", "spam_folder", Action.SPAM), ("HIGH", "header", Action.SPAM), ("HIGH", "quarantine", Action.QUARANTINE),
])
def test_incoming_thresholds_and_action(symbol: str, action: str, want: Action) -> None:
    v = _run_in(symbol, action)
    assert v.action == want and v.sender.account == "alice" and v.required_score == 6.0
    assert (Reason.SPAM in v.reasons) == (want in (Action.SPAM, Action.QUARANTINE))


def test_incoming_recipient_whitelist_and_account_toggle() -> None:
    v = _run_in("HIGH", whitelisted=lambda kind, addr: kind == "recipient" and addr == "info@shop.example")
    assert v.action == Action.ACCEPT and v.whitelisted
    v = _run_in("HIGH", incoming_enabled=lambda account: account != "alice")
    assert v.action == Action.ACCEPT and [s.name for s in v.symbols] == [INCOMING_OFF]


def test_gateway_marks_incoming_listener_requests() -> None:
    from workers.gateway import ScanGateway

    seen = []
    gw = ScanGateway.__new__(ScanGateway)
    gw._scan_request = lambda req, rfile: seen.append(req.envelope.direction) or _run_in("")  # type: ignore
    for direction in (Direction.INCOMING, Direction.OUTGOING):
        out = io.BytesIO()
        gw.handle(io.BytesIO(b"CHECK RSPAMC/1.3\r\nContent-length: 0\r\n\r\n"), out, direction=direction)
        assert out.getvalue().startswith(b"RSPAMD/1.3 0 EX_OK")
    assert seen == [Direction.INCOMING, Direction.OUTGOING]


def test_incoming_snippet_only_with_incoming_listeners() -> None:
    plain = HookParams()
    assert render_incoming_acl(plain) == "" and "$" not in render_main_options(plain)
    p = HookParams(incoming_addresses=("127.0.0.1:11334",))
    assert render_main_options(p).startswith("spamd_address = ${if eq{$acl_m_mailward_dir}{incoming}{127.0.0.1 11334")
    acl = render_smtp_data_acl(p)
    assert acl.index("incoming scan") < acl.index("outgoing scan") and "add_header = X-Mailward-Spam: yes" in acl
