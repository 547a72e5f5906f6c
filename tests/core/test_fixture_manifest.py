"""Every .eml fixture, through the real parser and ALL_CHECKS, must produce the action expected.toml gives it.

A fixture with a `campaign` entry is scanned after that server-wide state was built in the test Redis (see
_campaign_view); every other fixture is scanned without Redis state. The statistical classifier scores every
message, so only fixtures marked `classifier = true` are scanned with it; the others test their own checks.
"""

from __future__ import annotations

import tomllib

import pytest

from core.detection.checks import ALL_CHECKS, ENGINE_CHECKS
from core.detection.checks.base import GROUP_WINEXEC, Check, ScanContext
from core.detection.checks.classifier import ClassifierCheck
from core.models import Envelope, Sender, Symbol
from core.store.campaigns import CampaignStore, CampaignView
from core.verdict_policy import assess
from tests.core.history_support import fixture_history
from tests.core.scan_support import EML_DIR, context, fixture_bytes, names, parse_fixture, settings

MANIFEST = tomllib.loads((EML_DIR / "expected.toml").read_text(encoding="utf-8"))
QUARANTINE_AT = 6.0


def _classify(symbols: list[tuple[str, Symbol]]) -> tuple[str, str, float]:
    """core.scan.pipeline's verdict under default thresholds: (action, reason, score), with the precision-first policy
    (core.verdict_policy): a score at the threshold holds only when corroborated, else it is "add header"."""
    judged = assess([sym for _, sym in symbols], settings().verdict)
    if any(group == GROUP_WINEXEC for group, _ in symbols):
        return "quarantine", "winexec", judged.score
    if judged.holds(QUARANTINE_AT):
        return "quarantine", "spam", judged.score
    if judged.score >= QUARANTINE_AT:
        return "add header", "", judged.score
    return "accept", "", judged.score


def _campaign_view(name: str, request: pytest.FixtureRequest) -> CampaignView:
    """The fixture's body sent `copies` times (one new recipient each) from `accounts` accounts in the last hour,
    confirmed as spam by an admin if `confirmed`; then the fixture itself from the first account, counted too."""
    state = MANIFEST[name]["campaign"]
    client = request.getfixturevalue("redis_client")
    client.flushall()
    store = CampaignStore(client, settings())
    raw = fixture_bytes(name)
    fp = store.fingerprint(raw)
    assert fp is not None, f"{name}: body too short for a fingerprint"
    for i in range(int(state.get("copies", 0))):
        store.observe(fp, account=f"account{i % int(state.get('accounts', 1))}", recipients=[f"r{i}@dest.example"])
    if state.get("confirmed"):
        store.confirm_spam(raw)
    return store.observe(fp, account="account0", recipients=["last@dest.example"])


def _context(name: str, request: pytest.FixtureRequest) -> ScanContext:
    """A cPanel server. Without an `account` entry: mail no MTA-identified account vouches for (SENDER_UNVERIFIED).
    With one: sent
    by that account through SMTP AUTH as `login`, from `mail_from`, the account owning `domains`."""
    ctx = context()
    ctx.accounts_known = True  # a cPanel server
    if "campaign" in MANIFEST[name]:
        ctx.campaign = _campaign_view(name, request)
    if "history" in MANIFEST[name]:
        ctx.history = fixture_history(MANIFEST[name]["history"])
    account = MANIFEST[name].get("account")
    if account:
        ctx.vouched = True
        ctx.own_domains = frozenset(account["domains"])
        ctx.sender = Sender(account=account["name"], how="auth")
        rcpts = account.get("rcpts", ["maria.santos@customer.example"])  # `rcpts`: the envelope's, if given
        ctx.envelope = Envelope(sender=account["mail_from"], recipients=rcpts, user=account["login"], ip="192.0.2.1")
    return ctx


def _checks(name: str) -> list[Check]:
    """ALL_CHECKS, without the classifier unless the fixture asks for it."""
    return [c for c in ALL_CHECKS if c.name != ClassifierCheck.name or MANIFEST[name].get("classifier")]


def _scan(name: str, request: pytest.FixtureRequest) -> list[tuple[str, Symbol]]:
    msg = parse_fixture(name)
    ctx = _context(name, request)
    return [(check.group, sym) for check in _checks(name) for sym in check.run(msg, ctx)]


def test_manifest_and_fixture_files_match() -> None:
    on_disk = {p.name for p in EML_DIR.glob("*.eml")}
    assert on_disk == set(MANIFEST)


def test_default_quarantine_threshold_is_the_one_assumed_here() -> None:
    assert settings().thresholds.quarantine == QUARANTINE_AT


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_fixture_verdict(name: str, request: pytest.FixtureRequest) -> None:
    expected = MANIFEST[name]
    found = _scan(name, request)
    action, reason, score = _classify(found)
    got = names([sym for _, sym in found])
    assert set(expected["symbols"]) <= got, f"{name}: missing {set(expected['symbols']) - got}"
    assert (action, reason) == (expected["action"], expected["reason"]), f"{name}: score {score}, {sorted(got)}"


def test_every_check_has_a_fixture(request: pytest.FixtureRequest) -> None:
    covered: set[str] = set()
    for name, expected in MANIFEST.items():
        msg = parse_fixture(name)
        ctx = _context(name, request)
        for check in _checks(name):
            if names(check.run(msg, ctx)) & set(expected["symbols"]):
                covered.add(check.name)
    # The engine checks need real daemons (and are off by default): tests/functional/test_engines.py runs
    # their fixtures (spam_gtube.eml, ham_plain.eml, a generated EICAR message) against Debian's packages.
    assert covered == {check.name for check in ALL_CHECKS if check not in ENGINE_CHECKS}


def test_every_emitted_symbol_has_a_default_score(request: pytest.FixtureRequest) -> None:
    scores = settings().scores
    for name in MANIFEST:
        for _, sym in _scan(name, request):
            assert sym.name in scores, f"{sym.name} has no entry in defaults.toml [scores]"
            assert sym.score == scores[sym.name]
