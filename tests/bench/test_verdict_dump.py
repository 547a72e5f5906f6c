"""bench.verdict_dump: the report it compares drops what differs from run to run, whatever a set's summary lists."""

from __future__ import annotations

from bench.verdict_dump import _without_timings


def test_timings_go_from_listed_messages_and_counted_sets_pass_through() -> None:
    report = {
        "meta": {"date": "now"}, "speed": {"ms": 1.0},
        "modern": {"cpu_ms_per_message": 1.2, "held_ham": [{"name": "a", "cpu_ms": 3.0}],
                   "missed_spam": [{"name": "b", "cpu_ms": 2.0}]},
        "modern_e": {"cpu_ms_per_message": 0.9, "held_ham": 0, "missed_spam": []},  # held-out: a count only
    }
    out = _without_timings(report)
    assert "meta" not in out and "speed" not in out
    assert out["modern"] == {"held_ham": [{"name": "a"}], "missed_spam": [{"name": "b"}]}
    assert out["modern_e"] == {"held_ham": 0, "missed_spam": []}
