"""bench.peers end to end on a small subset: a real private spamd (Bayes trained by sa-learn), a real private
rspamd (Bayes on its own redis-server, learned through its controller) and Mailward's pipeline answer every
message, and nothing of them is left running or on disk afterwards."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import peers
from bench.corpus import DEFAULT_CORPUS
from bench.peer_results import MAILWARD, RSPAMD, SA
from bench.proc_tree import all_processes, cmdline
from bench.rspamd_private import BayesRspamd, PrivateBayesRedis
from bench.spamd_private import BayesSpamd

MISSING = BayesSpamd.missing() or BayesRspamd.missing() or PrivateBayesRedis.missing() or \
    ("" if DEFAULT_CORPUS.exists() else f"no corpus at {DEFAULT_CORPUS}")
pytestmark = [pytest.mark.functional, pytest.mark.slow, pytest.mark.skipif(bool(MISSING), reason=MISSING or "ok")]

LIMIT = 12


@pytest.fixture
def temp_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory the bench's temporary dir goes under (traversable by spamd's children, like /tmp)."""
    root = Path(tempfile.mkdtemp(prefix="mailward-peers-test-", dir="/tmp"))
    root.chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_every_engine_answers_the_same_messages_and_everything_stops(
        temp_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 400 training messages: SpamAssassin's Bayes answers only after 200 of each label.
    assert peers.main(["--limit", str(LIMIT), "--train-limit", "400", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (section,) = report["sets"]
    assert section["messages"] == LIMIT and section["trained_on"] == 400
    assert section["labels"]["ham"] and section["labels"]["spam"]

    by_engine: dict[str, dict[str, dict]] = {}
    for v in section["verdicts"]:
        by_engine.setdefault(v["engine"], {})[v["name"]] = v
    assert set(by_engine) == {SA, RSPAMD, MAILWARD}
    names = set(by_engine[MAILWARD])
    assert len(names) == LIMIT
    for engine, verdicts in by_engine.items():
        assert set(verdicts) == names, engine  # the same messages, each answered once
        assert not [v for v in verdicts.values() if v["error"]], engine
        for v in verdicts.values():
            assert v["held"] == (v["action"] in {SA: {"spam"}, RSPAMD: {"reject"},
                                                 MAILWARD: {"quarantine", "reject"}}[engine])
    # Both peers scored with their Bayes, learned from the corpus.
    assert section["engines"][SA]["learned"] == {"nspam": 200, "nham": 200}
    assert any(s.startswith("BAYES_") for v in by_engine[SA].values() for s in v["symbols"])
    assert any(s in ("BAYES_SPAM", "BAYES_HAM") for v in by_engine[RSPAMD].values() for s in v["symbols"])
    assert section["engines"][RSPAMD]["learned"]["spam"] >= 100
    # Offline: no SpamAssassin network rule answered.
    assert not any(s.startswith(("RCVD_IN_", "URIBL_", "RAZOR2", "PYZOR", "SPF_", "DKIM_VALID"))
                   for v in by_engine[SA].values() for s in v["symbols"])

    summaries = section["summaries"]
    for engine in (SA, RSPAMD, MAILWARD):
        assert sum(t["total"] for t in summaries[engine]["by_label"].values()) == LIMIT

    # Nothing left: the bench's temporary dir is gone and no process runs from it.
    assert list(temp_root.iterdir()) == []
    leftovers = [cmdline(pid) for pid in all_processes() if str(temp_root) in cmdline(pid)]
    assert leftovers == []
