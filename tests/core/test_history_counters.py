"""core.store.sender_history.counters: each stored hash field lands in its own Counters field, whatever order
FIELDS and RING list them in (counters reads them by position for speed)."""

from __future__ import annotations

from core.learning.sender_history import BUCKET_S, BUCKETS
from core.store.sender_history import FIELDS, RING, counters

#: Each hash field and the Counters field it is read into.
NAMES = {"c": "clean", "h": "held", "s": "spam", "f": "first_seen", "l": "last_seen", "fc": "first_clean",
         "lc": "last_clean", "t": "taint_until", "b": "baseline", "bn": "baseline_new_rcpts", "n": "active_hours",
         "hr": "hour", "hc": "hour_clean", "hn": "hour_new_rcpts", "rc": "recent_clean", "rh": "recent_held",
         "rt": "recent_at", "sc": "script_clean"}


def test_every_field_is_read_into_its_own_counter() -> None:
    assert set(NAMES) == set(FIELDS)
    stored = {name: str(100 + i) for i, name in enumerate(sorted(FIELDS))}  # a distinct value per field
    now = 1_000_000 * BUCKET_S
    bucket = int(now // BUCKET_S)
    for i in range(BUCKETS):  # slot i: bucket - i (all in the window), i + 1 messages, 10 * (i + 1) new recipients
        stored |= {f"wb{i}": str(bucket - i), f"w{i}": str(i + 1), f"wr{i}": str(10 * (i + 1))}
    got = counters([stored.get(name) for name in FIELDS + RING], now)
    for field_name, attr in NAMES.items():
        assert getattr(got, attr) == float(stored[field_name]), (field_name, attr)
    assert got.window == sum(range(1, BUCKETS + 1)) and got.window_new_rcpts == 10 * got.window


def test_stale_ring_slots_and_missing_fields() -> None:
    now = 1_000_000 * BUCKET_S
    bucket = int(now // BUCKET_S)
    stored = {"wb0": str(bucket), "w0": "4", "wr0": "2", "wb1": str(bucket - BUCKETS), "w1": "9", "wr1": "9"}
    got = counters([stored.get(name) for name in FIELDS + RING], now)
    assert (got.window, got.window_new_rcpts) == (4, 2)  # slot 1 is out of the sliding hour
    assert (got.clean, got.hour, got.first_seen) == (0, -1, 0.0)
