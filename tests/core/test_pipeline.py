"""The pipeline's decisions with stub checks: whitelist, blocked accounts, winexec, thresholds, errors."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.detection.checks.base import GROUP_SPAM, GROUP_WINEXEC, ScanContext
from core.identity.cpanel import MemoryCpanelAccounts
from core.mail.mime import ParsedMessage
from core.models import AccountState, Action, Envelope, Reason, Symbol, Verdict
from core.scan.pipeline import Pipeline, Policy
from core.settings import Settings, load_settings

MSG = b"From: a@shop.example\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nbody\r\n"


@dataclass
class FixedCheck:
    name: str
    group: str
    symbol: str
    description: str = "test check"
    boom: bool = False

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        if self.boom:
            raise RuntimeError("broken check")
        return [Symbol(self.symbol, ctx.settings.score(self.symbol))] if self.symbol else []


def _settings(**env: str) -> Settings:
    # HIGH is a strong symbol here: these tests are about thresholds and actions; corroboration (a weak signal
    # alone never holds) has its own tests in test_verdict_policy.py.
    base = {"MAILWARD_SCORES__HIGH": "7", "MAILWARD_SCORES__MID": "3.5", "MAILWARD_SCORES__EXE": "0",
            "MAILWARD_VERDICT__STRONG": "HIGH",
            "MAILWARD_SCORES__CHECK_ERROR": "0.5"}
    base.update(env)
    return load_settings(environ=base)


def _accounts() -> MemoryCpanelAccounts:
    acc = MemoryCpanelAccounts()
    acc.add_account("alice", "shop.example")
    return acc


def _policy(**kw: object) -> Policy:
    p = {"allow_winexec": False, "whitelisted": lambda kind, addr: False,
         "account_state": lambda account: AccountState.ACTIVE}
    p.update(kw)
    return Policy(**p)  # type: ignore[arg-type]


ENV = Envelope(sender="a@shop.example", recipients=["b@example.net"], user="a@shop.example", ip="192.0.2.1")


def _run(checks: list[FixedCheck], policy: Policy | None = None, settings: Settings | None = None) -> Verdict:
    pipe = Pipeline(settings or _settings(), _accounts(), checks)
    verdict, _ = pipe.evaluate(MSG, ENV, policy or _policy())
    return verdict


def test_attributes_and_accepts_clean() -> None:
    v = _run([FixedCheck("none", GROUP_SPAM, "")])
    assert v.action == Action.ACCEPT and v.sender.account == "alice" and v.sender.how == "auth"


def test_score_thresholds() -> None:
    assert _run([FixedCheck("mid", GROUP_SPAM, "MID")]).action == Action.ADD_HEADER
    v = _run([FixedCheck("hi", GROUP_SPAM, "HIGH")])
    assert (v.action, v.reasons, v.score) == (Action.QUARANTINE, [Reason.SPAM], 7.0)
    v = _run([FixedCheck("hi", GROUP_SPAM, "HIGH")], settings=_settings(MAILWARD_THRESHOLDS__REJECT="6.5"))
    assert v.action == Action.REJECT


def test_winexec_quarantines_regardless_of_score_unless_allowed() -> None:
    v = _run([FixedCheck("exe", GROUP_WINEXEC, "EXE")])
    assert (v.action, v.reasons) == (Action.QUARANTINE, [Reason.WINEXEC])
    v = _run([FixedCheck("exe", GROUP_WINEXEC, "EXE")], _policy(allow_winexec=True))
    assert v.action == Action.ACCEPT


def test_whitelisted_sender_or_authuser_bypasses() -> None:
    checks = [FixedCheck("hi", GROUP_SPAM, "HIGH")]
    v = _run(checks, _policy(whitelisted=lambda kind, addr: kind == "sender" and addr == "a@shop.example"))
    assert v.action == Action.ACCEPT and v.whitelisted and v.symbols == []
    v = _run(checks, _policy(whitelisted=lambda kind, addr: kind == "authuser"))
    assert v.whitelisted


def _run_env(checks: list[FixedCheck], env: Envelope, policy: Policy, msg: bytes = MSG) -> Verdict:
    acc = _accounts()
    acc.add_account("mallory", "mallory.example")
    acc.add_account("trusty", "trusted.example")
    verdict, _ = Pipeline(_settings(), acc, checks).evaluate(msg, env, policy)
    return verdict


TRUSTED = _policy(whitelisted=lambda kind, addr: kind == "sender" and addr.endswith("trusted.example"))


@pytest.mark.parametrize(("env", "msg"), [
    # an account sends with a null sender and the whitelisted domain in From: (the attack of issue 14)
    (Envelope(sender="", recipients=["v@example.net"], user="m@mallory.example", ip="192.0.2.1"),
     b"From: News <news@trusted.example>\r\nSubject: hi\r\n\r\nbody\r\n"),
    # an account sends with the whitelisted domain, which another account owns, as its envelope sender
    (Envelope(sender="news@trusted.example", recipients=["v@example.net"], user="m@mallory.example",
              ip="192.0.2.1"), MSG),
    # nobody vouches for the sender at all (unauthenticated SMTP from this server, sendmail as nobody)
    (Envelope(sender="news@trusted.example", recipients=["v@example.net"], ip="127.0.0.1"), MSG),
    (Envelope(sender="news@trusted.example", recipients=["v@example.net"], user="nobody"), MSG),
])
def test_sender_whitelist_never_trusts_a_sender_the_account_does_not_own(env: Envelope, msg: bytes) -> None:
    v = _run_env([FixedCheck("hi", GROUP_SPAM, "HIGH")], env, TRUSTED, msg)
    assert not v.whitelisted and v.action == Action.QUARANTINE


def test_sender_whitelist_holds_for_the_owning_account_and_its_auth_id() -> None:
    own = Envelope(sender="news@trusted.example", recipients=["v@example.net"], user="t@trusted.example",
                   ip="192.0.2.1")
    assert _run_env([FixedCheck("hi", GROUP_SPAM, "HIGH")], own, TRUSTED).whitelisted
    local = Envelope(sender="news@trusted.example", recipients=["v@example.net"], user="trusty")
    assert _run_env([FixedCheck("hi", GROUP_SPAM, "HIGH")], local, TRUSTED).whitelisted
    # the authuser whitelist names an SMTP AUTH id: a local login of the same text is not one
    authuser = _policy(whitelisted=lambda kind, addr: kind == "authuser" and addr == "trusty")
    assert not _run_env([FixedCheck("hi", GROUP_SPAM, "HIGH")], local, authuser).whitelisted


def test_blocked_account_is_rejected() -> None:
    v = _run([], _policy(account_state=lambda account: AccountState.BLOCK if account == "alice" else "active"))
    assert v.action == Action.REJECT and "blocked" in v.message


@pytest.mark.parametrize(("mode", "action"), [("open", Action.ACCEPT), ("closed", Action.DEFER)])
def test_raising_check_becomes_symbol_and_follows_fail_mode(mode: str, action: Action) -> None:
    v = _run([FixedCheck("bad", GROUP_SPAM, "", boom=True)], settings=_settings(MAILWARD_FAIL_MODE=mode))
    assert [s.name for s in v.symbols] == ["CHECK_ERROR"] and v.symbols[0].options == ["bad"]
    assert v.action == action


def test_time_budget_stops_checks() -> None:
    s = _settings(MAILWARD_SCAN__TIME_BUDGET_MS="1")

    @dataclass
    class Slow(FixedCheck):
        def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
            while not ctx.out_of_time():
                pass
            return []

    v = _run([Slow("slow", GROUP_SPAM, ""), FixedCheck("hi", GROUP_SPAM, "HIGH")], settings=s)
    assert "SCAN_TIMEOUT" in [x.name for x in v.symbols] and "HIGH" not in [x.name for x in v.symbols]


def test_mta_bounces_are_not_scanned() -> None:
    pipe = Pipeline(_settings(), _accounts(), [FixedCheck("hi", GROUP_SPAM, "HIGH")])
    bounce = Envelope(sender="", recipients=["a@shop.example"], user="Debian-exim")
    assert pipe.evaluate(MSG, bounce, _policy())[0].action == Action.ACCEPT
    forged = Envelope(sender="", recipients=["a@shop.example"], user="alice")
    assert pipe.evaluate(MSG, forged, _policy())[0].action == Action.QUARANTINE
