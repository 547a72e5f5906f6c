"""The spam model: training, calibration, scoring, the learning step, the versioned model file and its
reproducible build."""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import random

import pytest

from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from bench.model_build import build
from core.errors import ModelError
from core.learning import spam_model
from core.learning.spam_model import (
    IDENTITY,
    LEARN_MARGIN,
    MAX_LEARN_STEP,
    Calibration,
    SpamModel,
    fit_platt,
    learn_step,
    out_of_fold_logits,
    stratified_folds,
)
from core.learning.tokenizer import TOKENIZER_VERSION, tokenize
from core.store.classifier import load_model
from tests.core.scan_support import parse_fixture, settings

SPAM_WORDS = ["cash", "free", "offer", "click", "winner", "guaranteed", "remove", "money", "bonus", "act"]
HAM_WORDS = ["meeting", "patch", "kernel", "thanks", "review", "build", "lunch", "draft", "server", "agenda"]
COMMON = ["the", "and", "you", "this", "for"]


def _toy() -> list[tuple[list[str], bool]]:
    """Deterministic toy messages: each holds three class words and the common ones."""
    out = []
    for i in range(60):
        spam = i % 3 == 0
        words = SPAM_WORDS if spam else HAM_WORDS
        out.append(([words[i % 10], words[(i + 3) % 10], words[(i + 7) % 10], *COMMON, f"id{i}"], spam))
    return out


def test_training_separates_and_is_deterministic() -> None:
    model = SpamModel.train(_toy())
    again = SpamModel.train(_toy())
    assert model.weights == again.weights and model.bias == again.bias
    assert "id5" not in model.weights  # seen once: no weight
    spam = model.score(["cash", "free", "click", *COMMON])
    ham = model.score(["patch", "review", "agenda", *COMMON])
    assert spam is not None and ham is not None
    assert spam.prob > 0.9 and ham.prob < 0.1
    assert spam.top and spam.top[0][0] in SPAM_WORDS
    assert SpamModel().score(["cash"]) is None  # an empty model abstains


def _platt_sample(a: float, b: float, n: int, seed: int) -> tuple[list[float], list[bool]]:
    """Logits spread over [-8, 8], each labelled spam with probability sigmoid(a * logit + b)."""
    rnd = random.Random(seed)
    logits = [rnd.uniform(-8.0, 8.0) for _ in range(n)]
    labels = [rnd.random() < 1 / (1 + math.exp(-(a * z + b))) for z in logits]
    return logits, labels


@pytest.mark.parametrize(("a", "b"), [(0.5, -1.0), (1.0, 0.0), (2.0, 0.7)])
def test_platt_fit_recovers_known_parameters(a: float, b: float) -> None:
    logits, labels = _platt_sample(a, b, 20_000, seed=7)
    cal = fit_platt(logits, labels)
    assert cal.a == pytest.approx(a, abs=0.06 * a)
    assert cal.b == pytest.approx(b, abs=0.08)
    assert (cal.spam, cal.ham) == (sum(labels), len(labels) - sum(labels))
    assert cal == fit_platt(logits, labels)  # deterministic


def test_platt_fit_stays_finite_on_separable_data_and_refuses_one_class() -> None:
    cal = fit_platt([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0], [False, False, False, True, True, True])
    assert 0 < cal.a < 50 and math.isfinite(cal.b)
    assert 0.5 < cal.prob(3.0) < 0.9  # Platt's smoothed targets keep three examples from claiming certainty
    with pytest.raises(ValueError):
        fit_platt([1.0, 2.0], [True, True])


def test_calibrated_probability_is_monotone_in_the_raw_logit() -> None:
    model = SpamModel.train(_toy())
    cal = model.calibration
    assert cal != IDENTITY and cal.a > 0
    probs = [cal.prob(z / 4) for z in range(-200, 201)]
    assert probs == sorted(probs) and probs[0] < probs[-1]
    scores = [model.score(tokens) for tokens in (["patch", "review"], ["the", "and"], ["cash", "free", "click"])]
    ranked = sorted((s.logit, s.prob) for s in scores if s is not None)
    assert len(ranked) == 3 and [p for _, p in ranked] == sorted(p for _, p in ranked)


def test_score_calibrates_the_probability_and_keeps_the_raw_logit() -> None:
    model = SpamModel.train(_toy())
    model.calibration = Calibration(a=0.5, b=-1.0)
    tokens = ["cash", "free", "click", *COMMON]
    result = model.score(tokens)
    assert result is not None
    assert result.logit == pytest.approx(model.logit(tokens))
    assert result.raw_prob == pytest.approx(1 / (1 + math.exp(-result.logit)))
    assert result.prob == pytest.approx(1 / (1 + math.exp(-(0.5 * result.logit - 1.0))))
    # learned weights move the raw log-odds, and the calibration extrapolates to them
    learned = model.score(tokens, {"cash": 2.0})
    assert learned is not None and learned.logit == pytest.approx(result.logit + 2.0)
    assert learned.prob == pytest.approx(model.calibration.prob(result.logit + 2.0))


def test_training_calibrates_out_of_fold() -> None:
    data = _toy()
    model = SpamModel.train(data)
    labels = [y for _, y in data]
    assert model.calibration == fit_platt(out_of_fold_logits(data), labels)  # what bench.calibration re-does
    assert model.calibration.base_rate == pytest.approx(20 / 60)
    raw = SpamModel.train(data, calibration_folds=0)
    assert raw.calibration == IDENTITY and raw.calibration.base_rate is None
    assert (raw.bias, raw.weights) == (model.bias, model.weights)  # calibration leaves the weights alone
    assert SpamModel.train(data[:8]).calibration == IDENTITY  # fewer spam than folds: not calibrated


def test_stratified_folds_partition_and_keep_the_class_mix() -> None:
    labels = [i % 5 == 0 for i in range(103)]
    folds = stratified_folds(labels, 5, seed=3)
    assert sorted(i for f in folds for i in f) == list(range(103))
    assert all(sum(labels[i] for i in f) in (4, 5) for f in folds)
    assert folds == stratified_folds(labels, 5, seed=3) != stratified_folds(labels, 5, seed=4)


def test_learned_weights_add_and_are_capped() -> None:
    model = SpamModel.train(_toy())
    base = model.logit(["patch", "review"])
    assert model.logit(["patch", "review"], {"patch": 1.0}) == pytest.approx(base + 1.0)
    capped = model.logit(["patch"], {"patch": 1000.0})
    assert capped == pytest.approx(model.logit(["patch"]) + spam_model.MAX_LEARNED_DELTA)


def test_learn_step() -> None:
    assert learn_step(-5.0, True, 100) == pytest.approx((LEARN_MARGIN + 5.0) / 100)
    assert learn_step(5.0, False, 100) == pytest.approx(-(LEARN_MARGIN + 5.0) / 100)
    assert learn_step(LEARN_MARGIN + 1, True, 10) == 0.0  # already confidently spam
    assert learn_step(-LEARN_MARGIN - 1, False, 10) == 0.0
    assert learn_step(-20.0, True, 2) == MAX_LEARN_STEP  # a short message cannot swing its tokens far
    assert learn_step(0.0, True, 0) == 0.0


def test_learn_step_reaches_the_margin_through_the_calibration() -> None:
    """A learned message scores p = sigmoid(LEARN_MARGIN) (0.99) calibrated, whatever the calibration."""
    cal = Calibration(a=0.5, b=-1.0)
    spam_target, ham_target = (LEARN_MARGIN + 1.0) / 0.5, (-LEARN_MARGIN + 1.0) / 0.5
    assert learn_step(-5.0, True, 100, cal) == pytest.approx((spam_target + 5.0) / 100)
    assert learn_step(5.0, False, 100, cal) == pytest.approx((ham_target - 5.0) / 100)
    assert cal.prob(-5.0 + 100 * learn_step(-5.0, True, 100, cal)) == pytest.approx(0.99, abs=0.001)
    assert learn_step(spam_target + 0.1, True, 10, cal) == 0.0
    assert learn_step(LEARN_MARGIN + 0.1, True, 10, cal) > 0  # far enough raw, not far enough calibrated
    assert cal.raw_logit(cal.logit(2.5)) == pytest.approx(2.5)


def test_file_round_trip_and_bytes_are_stable() -> None:
    model = SpamModel.train(_toy(), meta={"created_from": {"corpus": "toy"}})
    data = model.to_bytes()
    assert data == SpamModel.train(_toy(), meta={"created_from": {"corpus": "toy"}}).to_bytes()
    back = SpamModel.from_bytes(data)
    assert (back.bias, back.weights, back.meta, back.calibration) == (model.bias, model.weights, model.meta,
                                                                      model.calibration)
    assert back.calibration != IDENTITY
    doc = json.loads(gzip.decompress(data))
    assert (doc["format"], doc["version"], doc["tokenizer_version"]) == ("mailward-spam-model", 1, TOKENIZER_VERSION)
    assert doc["calibration"] == {"method": "platt", "a": model.calibration.a, "b": model.calibration.b,
                                  "spam": 20, "ham": 40}
    assert model.digest() == hashlib.sha256(data).hexdigest()


def test_a_file_without_calibration_loads_as_the_identity() -> None:
    """Model files made before calibration existed have no "calibration" key: they score as they always did."""
    model = SpamModel.train(_toy())
    doc = json.loads(gzip.decompress(model.to_bytes()))
    del doc["calibration"]
    old = SpamModel.from_bytes(gzip.compress(json.dumps(doc).encode()))
    assert old.calibration == IDENTITY
    tokens = ["cash", "free", "click"]
    result = old.score(tokens)
    assert result is not None and result.prob == pytest.approx(result.raw_prob)
    assert "calibration" not in json.loads(gzip.decompress(old.to_bytes()))  # and is written back the same way


def _rewrite(data: bytes, **changes: object) -> bytes:
    doc = json.loads(gzip.decompress(data))
    doc.update(changes)
    return gzip.compress(json.dumps(doc).encode())


@pytest.mark.parametrize(("changes", "word"), [
    ({"format": "something-else"}, "not a Mailward spam model"),
    ({"version": 99}, "version 99"),
    ({"tokenizer_version": TOKENIZER_VERSION + 1}, "build-model"),
    ({"weights": ["not", "a", "map"]}, "incomplete"),
    ({"calibration": {"method": "isotonic"}}, "unknown calibration"),
    ({"calibration": {"method": "platt", "a": 1.0}}, "incomplete"),
    ({"calibration": {"method": "platt", "a": -0.5, "b": 0.0}}, "not monotone"),
    ({"calibration": {"method": "platt", "a": "nan", "b": 0.0}}, "not monotone"),
])
def test_file_checks_refuse_other_formats_and_versions(changes: dict[str, object], word: str) -> None:
    data = SpamModel.train(_toy()).to_bytes()
    with pytest.raises(ModelError, match=word):
        SpamModel.from_bytes(_rewrite(data, **changes))


def test_garbage_file_is_refused() -> None:
    with pytest.raises(ModelError):
        SpamModel.from_bytes(b"not gzip at all")
    with pytest.raises(ModelError):
        SpamModel.from_bytes(gzip.compress(b"[1, 2"))


@pytest.mark.skipif(not DEFAULT_CORPUS.exists(), reason="training corpus not present")
def test_build_from_a_corpus_sample_is_reproducible() -> None:
    messages = sorted(sample(load_corpus(), 120, seed=3), key=lambda m: m.name)
    scan = settings().scan
    first = build(messages, "sha", "sample.tar.gz", scan).to_bytes()
    second = build(messages, "sha", "sample.tar.gz", scan).to_bytes()
    assert first == second  # calibration's inner folds included
    assert SpamModel.from_bytes(first).calibration != IDENTITY
    meta = SpamModel.from_bytes(first).meta["created_from"]
    assert meta["ham"] + meta["spam"] == 120


def test_shipped_model_loads_and_separates_obvious_mail() -> None:
    model = load_model()
    assert model is load_model()  # read once per process
    origin = model.meta["created_from"]
    assert (origin["ham"], origin["spam"]) == (2625, 500) and len(origin["sha256"]) == 64
    tokens = _fixture_tokens("spam_classifier.eml")
    spam = model.score(tokens)
    ham = model.score(_fixture_tokens("ham_classifier_reply.eml"))
    plain = model.score(_fixture_tokens("ham_plain.eml"))
    assert spam is not None and ham is not None and plain is not None
    assert spam.prob > 0.99
    assert ham.prob < 0.01 and plain.prob < 0.1
    cal = model.calibration  # fitted out-of-fold on the whole corpus by scripts/build-model
    assert 0 < cal.a < 1 and (cal.spam, cal.ham) == (500, 2625)  # the raw model is over-confident
    assert spam.prob < spam.raw_prob and ham.prob > ham.raw_prob


def _fixture_tokens(fixture: str) -> list[str]:
    return tokenize(parse_fixture(fixture))
