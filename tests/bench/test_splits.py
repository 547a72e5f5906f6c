"""bench.detection's train/test splits and corpus options, shared by bench.calibration."""

from __future__ import annotations

import pytest

from bench import calibration, detection
from bench.corpus import DEFAULT_CORPUS, CorpusMessage
from bench.detection import KINDS, train_test_splits


def corpus(n: int) -> tuple[list[CorpusMessage], list[str]]:
    messages = [CorpusMessage(name=f"{KINDS[i % 3]}/{i:05d}.x", label="ham", raw=b"") for i in range(n)]
    return messages, [KINDS[i % 3] for i in range(n)]


@pytest.mark.parametrize("bench", [detection, calibration])
def test_both_benches_take_the_same_split_options(bench) -> None:
    args = bench.parse_args([])
    assert (args.corpus, args.folds, args.seed, args.split) == (DEFAULT_CORPUS, 5, 0, "cv")
    args = bench.parse_args(["--folds", "3", "--seed", "7", "--split", "time", "--json"])
    assert (args.folds, args.seed, args.split, args.json) == (3, 7, "time", True)
    with pytest.raises(SystemExit) as exc:
        bench.parse_args(["--folds", "1"])
    assert exc.value.code == 2


def test_cv_splits_partition_the_corpus() -> None:
    messages, kinds = corpus(60)
    splits, name = train_test_splits(messages, kinds, detection.parse_args(["--folds", "4", "--seed", "3"]))
    assert name == "4-fold stratified cross-validation, seed 3"
    assert len(splits) == 4
    assert sorted(i for _, test in splits for i in test) == list(range(60))
    for train, test in splits:
        assert sorted(train + test) == list(range(60))
        assert [kinds[i] for i in test].count(KINDS[0]) == 5  # stratified: each kind spread evenly


def test_time_split_tests_on_the_newer_part_of_each_kind() -> None:
    messages, kinds = corpus(30)
    splits, name = train_test_splits(messages, kinds, calibration.parse_args(["--split", "time"]))
    assert name == "time split: train on the older 60% of each kind, test on the rest"
    [(train, test)] = splits
    assert sorted(train + test) == list(range(30))
    for kind in KINDS:
        of_kind = [i for i in range(30) if kinds[i] == kind]
        assert [i for i in test if kinds[i] == kind] == of_kind[6:]


def test_classifier_transfer_auc_and_shares() -> None:
    from bench.modern_detection import auc, classifier_transfer

    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auc([0.1], [0.9]) == 0.0
    assert auc([0.5], [0.5]) == 0.5
    outcomes = [{"label": "spam", "prob": 0.9}, {"label": "spam", "prob": 0.3}, {"label": "ham", "prob": 0.85},
                {"label": "ham", "prob": 0.1}, {"label": "ham", "prob": None}]
    got = classifier_transfer(outcomes)
    assert got == {"auc": 0.75, "spam_p80": 0.5, "ham_p80": 0.5}


def test_flags_on_evidence_tell_the_classifier_alone_apart() -> None:
    from bench.modern_detection import evidence_kinds, flagged_on_evidence

    alone = {"action": "add header", "evidence": ["kinds=origin:0,statistical:5"]}
    content = {"action": "add header", "evidence": ["kinds=content:3,statistical:2.5", "credit=-1"]}
    delivered = {"action": "no action", "evidence": ["kinds=content:3"]}
    assert evidence_kinds(alone) == {"origin", "statistical"}
    assert evidence_kinds({"evidence": ["kinds=-"]}) == set()
    assert not flagged_on_evidence(alone)
    assert flagged_on_evidence(content)
    assert not flagged_on_evidence(delivered)


def test_incoming_scans_count_legitimate_mail_filed_as_spam() -> None:
    """--incoming: the set's messages arrive from a remote host for a local mailbox, and what is filed as spam (or
    held) and what is marked is counted per label."""
    from bench.modern_detection import incoming_envelope, render_incoming, summarize_incoming
    from bench.modern_mail import generate
    from core.models import Direction

    m = generate(0)[0]
    env = incoming_envelope(m)
    assert env.direction == Direction.INCOMING and env.recipients == ["office@localco.example"] and not env.user
    outcomes = [{"label": "ham", "action": "spam"}, {"label": "ham", "action": "add header"},
                {"label": "ham", "action": "no action"}, {"label": "spam", "action": "quarantine"},
                {"label": "spam", "action": "no action"}]
    got = summarize_incoming(outcomes)
    assert (got["ham"], got["ham_filed"], got["ham_flagged"]) == (3, 1, 1)
    assert (got["spam"], got["spam_filed"], got["spam_flagged"]) == (2, 1, 0)
    assert "1/3" in render_incoming({"a": got}).splitlines()[2]


def test_py_spy_option_says_what_to_install_when_py_spy_is_missing(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    import pytest

    from bench.proc_tree import py_spy

    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(SystemExit, match="pip install py-spy"):
        py_spy()
    (tmp_path / "py-spy").write_text("")
    assert py_spy() == str(tmp_path / "py-spy")
