"""core.detection.word_sets: the phrase index login_lure, spam_phrases and money_ask share."""

from __future__ import annotations

import random

from core.detection.word_sets import WordSets


def _brute(needs: list[frozenset[str]], words: set[str], only: set[int] | None = None) -> list[int]:
    return [i for i, need in enumerate(needs) if (only is None or i in only) and need <= words]


def test_within_is_every_set_the_words_hold_in_table_order() -> None:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(30)] + ["account", "verify", "suspended", "x"]
    needs = [frozenset(rng.sample(vocab, rng.randint(0, 3))) for _ in range(200)]
    only = {i for i in range(200) if i % 3}
    full, part = WordSets(needs), WordSets(needs, only)
    for _ in range(500):
        words = set(rng.sample(vocab, rng.randint(0, 20)))
        assert full.within(words) == _brute(needs, words)
        assert part.within(words) == _brute(needs, words, only)


def test_a_set_without_words_is_always_returned_and_no_words_find_nothing_else() -> None:
    sets = WordSets([frozenset({"gift", "card"}), frozenset(), frozenset({"card"})])
    assert sets.within(set()) == [1]
    assert sets.within({"card"}) == [1, 2]
    assert sets.within({"gift", "card", "other"}) == [0, 1, 2]
