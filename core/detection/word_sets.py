"""Which of a table's phrases a text can hold, from the text's words, without testing every phrase.

Each phrase needs a set of words; a text can only hold the phrase if all of them are among its words. The sets are
indexed by one word each (the longest: the rarest in text), so a text's words pick the few sets worth testing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set


class WordSets:
    """Word sets (the words each phrase of a table needs, in table order), indexed by one word of each."""

    __slots__ = ("_empty", "_index", "_keys", "needs")

    def __init__(self, needs: Sequence[frozenset[str]], only: Iterable[int] | None = None) -> None:
        """`only`: the positions to index (the rest are never returned); all by default."""
        self.needs = tuple(needs)
        keep = None if only is None else frozenset(only)
        index: dict[str, list[int]] = {}
        empty: list[int] = []  # sets without words: no word test possible, always returned
        for i, need in enumerate(self.needs):
            if keep is not None and i not in keep:
                continue
            if need:
                index.setdefault(max(sorted(need), key=len), []).append(i)
            else:
                empty.append(i)
        self._index, self._keys, self._empty = index, frozenset(index), empty

    def within(self, words: Set[str]) -> list[int]:
        """Positions, in table order, of the sets `words` holds whole (and of those without words)."""
        needs, index = self.needs, self._index
        found = [i for key in self._keys.intersection(words) for i in index[key] if needs[i] <= words]
        return sorted(found + self._empty) if self._empty else sorted(found)
