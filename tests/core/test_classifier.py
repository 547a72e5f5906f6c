"""The classifier check: one graded symbol per message, scored from settings, moved by what the server learned."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from core.detection.checks import ALL_CHECKS
from core.detection.checks.classifier import BANDS, CHECK, SYMBOLS, ClassifierCheck, band
from core.identity.cpanel import MemoryCpanelAccounts
from core.learning.spam_model import SpamModel
from core.models import AccountState, Action, Envelope
from core.scan.pipeline import Pipeline, Policy
from core.store.classifier import MemoryClassifierStore
from tests.core.scan_support import context, fixture_bytes, parse_fixture, settings


class FixedLearned:
    """A LearnedSource stub that adds the same weight to every token."""

    def __init__(self, delta: float) -> None:
        self.delta = delta
        self.asked: list[str] = []

    def learned(self, tokens: Sequence[str]) -> Mapping[str, float]:
        self.asked = list(tokens)
        return dict.fromkeys(tokens, self.delta)


@pytest.mark.parametrize(("prob", "symbol"), [
    (0.0, "CLASSIFIER_00"), (0.0099, "CLASSIFIER_00"), (0.01, "CLASSIFIER_01"), (0.3, "CLASSIFIER_30"),
    (0.4999, "CLASSIFIER_30"), (0.5, "CLASSIFIER_50"), (0.85, "CLASSIFIER_80"), (0.99, "CLASSIFIER_99"),
    (0.9995, "CLASSIFIER_999"), (1.0, "CLASSIFIER_999"),
])
def test_bands(prob: float, symbol: str) -> None:
    assert band(prob) == symbol


def test_every_band_has_a_default_score_rising_with_the_probability() -> None:
    scores = settings().scores
    weights = [scores[symbol] for _, symbol in reversed(BANDS)]
    assert weights == sorted(weights)
    assert set(SYMBOLS) <= set(scores)
    # precision first (issue 13): below p = 0.95 the classifier needs other rules to reach the threshold at all
    assert scores["CLASSIFIER_00"] < 0 < scores["CLASSIFIER_80"] < settings().thresholds.quarantine \
        <= scores["CLASSIFIER_95"]


def test_in_all_checks() -> None:
    assert CHECK in ALL_CHECKS


def test_one_symbol_scored_from_settings() -> None:
    st = settings(scores={"CLASSIFIER_999": 42.0})
    [sym] = CHECK.run(parse_fixture("spam_classifier.eml"), context(st))
    assert (sym.name, sym.score) == ("CLASSIFIER_999", 42.0)
    assert sym.options[0].startswith("p=")
    [sym] = CHECK.run(parse_fixture("ham_classifier_reply.eml"), context())
    assert sym.name == "CLASSIFIER_00" and sym.score < 0


def test_an_empty_model_abstains() -> None:
    assert ClassifierCheck(SpamModel()).run(parse_fixture("spam_classifier.eml"), context()) == []


def test_learned_weights_from_the_context_move_the_band() -> None:
    msg = parse_fixture("ham_classifier_reply.eml")
    ctx = context()
    source = FixedLearned(0.5)
    ctx.learned = source
    [sym] = CHECK.run(msg, ctx)
    assert sym.name == "CLASSIFIER_999"
    assert source.asked  # asked for exactly the message's tokens


def _verdict(raw: bytes, store: MemoryClassifierStore | None) -> Action:
    policy = Policy(allow_winexec=False, whitelisted=lambda kind, value: False,
                    account_state=lambda account: AccountState.ACTIVE, learned=store)
    env = Envelope(sender="bob@customer.example", recipients=["alice@shop.example"], user="bob@customer.example",
                   ip="192.0.2.1")
    accounts = MemoryCpanelAccounts()
    accounts.add_account("hosting", "hosting-customer.example")  # a cPanel server none of whose accounts sends this
    verdict, _ = Pipeline(settings(), accounts).evaluate(raw, env, policy)
    return verdict.action


def test_pipeline_passes_the_policy_learned_weights_to_the_classifier() -> None:
    raw = fixture_bytes("ham_classifier_reply.eml")
    store = MemoryClassifierStore(settings().scan)
    assert _verdict(raw, store) == Action.ACCEPT
    store.learn(raw, spam=True)  # an admin confirmed it as spam
    assert _verdict(raw, store) == Action.QUARANTINE
    assert _verdict(raw, None) == Action.ACCEPT  # without the server's learning: the model file only
    store.learn(raw, spam=False)  # ...and then released it
    assert _verdict(raw, store) == Action.ACCEPT
    assert _verdict(fixture_bytes("spam_classifier.eml"), store) == Action.QUARANTINE
