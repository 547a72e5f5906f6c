"""The spam model: training, scoring, the learning step, the versioned model file and its reproducible build."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from bench.model_build import build
from core import spam_model
from core.errors import ModelError
from core.spam_model import LEARN_MARGIN, MAX_LEARN_STEP, SpamModel, learn_step
from core.store_classifier import load_model
from core.tokenizer import TOKENIZER_VERSION, tokenize
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


def test_file_round_trip_and_bytes_are_stable() -> None:
    model = SpamModel.train(_toy(), meta={"created_from": {"corpus": "toy"}})
    data = model.to_bytes()
    assert data == SpamModel.train(_toy(), meta={"created_from": {"corpus": "toy"}}).to_bytes()
    back = SpamModel.from_bytes(data)
    assert (back.bias, back.weights, back.meta) == (model.bias, model.weights, model.meta)
    doc = json.loads(gzip.decompress(data))
    assert (doc["format"], doc["version"], doc["tokenizer_version"]) == ("mailward-spam-model", 1, TOKENIZER_VERSION)
    assert model.digest() == hashlib.sha256(data).hexdigest()


def _rewrite(data: bytes, **changes: object) -> bytes:
    doc = json.loads(gzip.decompress(data))
    doc.update(changes)
    return gzip.compress(json.dumps(doc).encode())


@pytest.mark.parametrize(("changes", "word"), [
    ({"format": "something-else"}, "not a Mailward spam model"),
    ({"version": 99}, "version 99"),
    ({"tokenizer_version": TOKENIZER_VERSION + 1}, "build-model"),
    ({"weights": ["not", "a", "map"]}, "incomplete"),
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
    assert first == second
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


def _fixture_tokens(fixture: str) -> list[str]:
    return tokenize(parse_fixture(fixture))
