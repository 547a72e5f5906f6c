"""The stock `rspamc` client (Debian's rspamd package) works against Mailward's gateway over HTTP."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cpanel_tree import make_cpanel_tree
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow,
              pytest.mark.skipif(shutil.which("rspamc") is None,
                                 reason="rspamc missing: scripts/test installs Debian's rspamd for it")]

GTUBE = b"XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
MSG = b"From: a@example.com\nTo: b@customer.test\nSubject: t\nMessage-ID: <1@example.com>\n\n"


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServeProcess]:
    cpanel = make_cpanel_tree(tmp_path / "cpanel", {"shopuser": "example.com"})
    proc = ServeProcess(tmp_path / "state", '[scan]\nlisten = ["127.0.0.1:0"]\n[workers]\nprocesses = 1\n'
                                            f'threads = 2\n[cpanel]\nroot = "{cpanel}"\n')
    proc.start()
    yield proc
    proc.stop()


def _rspamc(serve: ServeProcess, path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["rspamc", "-h", serve.tcp, "-F", "a@example.com", "-r", "b@customer.test",
                           "-r", "bcc@other.test", "-u", "a@example.com", "-i", "192.0.2.1", *extra, str(path)],
                          capture_output=True, text=True, timeout=60, check=True)


def test_rspamc_json_and_text(serve: ServeProcess, tmp_path: Path) -> None:
    spam = tmp_path / "spam.eml"
    spam.write_bytes(MSG + GTUBE + b"\n")
    reply = json.loads(_rspamc(serve, spam, "-j").stdout)
    assert reply["action"] == "quarantine" and "GTUBE" in reply["symbols"]
    assert reply["required_score"] == 6.0
    assert reply["mailward"]["account"] == "shopuser"  # rspamc's User header drove attribution
    held = list((serve.state_dir / "quarantine" / "shopuser").glob("*.json"))
    assert len(held) == 1
    assert json.loads(held[0].read_text())["recipients"] == ["b@customer.test", "bcc@other.test"]

    ham = tmp_path / "ham.eml"
    ham.write_bytes(MSG + b"See you at the meeting tomorrow.\n")
    text = _rspamc(serve, ham).stdout
    assert "Action: no action" in text and "[Metric: default]" in text
