"""The optional engines against Debian's real rspamd, spamd and clamd: private daemons on loopback ports.

One daemon of each per module (each starts in about a second); a dead engine is a closed port and a hung one a
listener that never answers. Startup times show in `pytest --durations` as the first user's setup.
"""

from __future__ import annotations

import base64
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.detection.checks import ENGINE_CHECKS, engine_clamav, engine_rspamd, engine_spamassassin
from core.detection.engines import spamd
from core.identity.cpanel import MemoryCpanelAccounts
from core.mail.mime import parse_message
from core.models import AccountState, Action, Envelope, Reason, Symbol, Verdict
from core.scan.pipeline import Pipeline, Policy
from core.settings import Settings, load_settings
from tests.core.scan_support import EML_DIR, context
from tests.cpanel_tree import make_cpanel_tree
from tests.fake_engines import dead_address, silent_listener
from tests.functional.conftest import lab_dir
from tests.functional.engine_daemons import (
    EICAR,
    EICAR_SIGNATURE,
    PrivateClamd,
    PrivateDaemon,
    PrivateRspamd,
    PrivateSpamd,
)
from workers.scan_client import check_http
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

GTUBE_MSG = (EML_DIR / "spam_gtube.eml").read_bytes()
HAM_MSG = (EML_DIR / "ham_plain.eml").read_bytes()
ENVELOPE = Envelope(sender="alice@shop.example", recipients=["bob@customer.example"], queue_id="1eng-0001",
                    ip="127.0.0.1", helo="shop.example", user="alice")
TIMEOUT_MS = 10000  # generous for a busy CI machine; the dead/hung tests set their own short ones


def eicar_message() -> bytes:
    """A plain message with the EICAR test file attached (base64, a harmless .txt name)."""
    return (b"From: Alice Example <alice@shop.example>\r\nTo: bob@customer.example\r\nSubject: the file\r\n"
            b"Date: Mon, 04 May 2026 10:00:00 +0000\r\nMessage-ID: <eicar1@shop.example>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
            b"Here it is.\r\n--b1\r\nContent-Type: application/octet-stream; name=readme.txt\r\n"
            b"Content-Disposition: attachment; filename=readme.txt\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64.encodebytes(EICAR).replace(b"\n", b"\r\n") + b"--b1--\r\n")


@pytest.fixture(scope="module")
def engines_dir() -> Iterator[Path]:
    base = Path(lab_dir("mailward-engines-"))  # 0755: spamd reads its site config as nobody
    yield base
    shutil.rmtree(base, ignore_errors=True)


def _daemon(kind: type[PrivateDaemon], base: Path) -> Iterator[PrivateDaemon]:
    reason = kind.missing()
    if reason:
        pytest.skip(reason)
    daemon = kind(base / kind.name)
    daemon.start()
    try:
        yield daemon
    finally:
        daemon.stop()


@pytest.fixture(scope="module")
def clamd_daemon(engines_dir: Path) -> Iterator[PrivateDaemon]:
    yield from _daemon(PrivateClamd, engines_dir)


@pytest.fixture(scope="module")
def spamd_daemon(engines_dir: Path) -> Iterator[PrivateDaemon]:
    yield from _daemon(PrivateSpamd, engines_dir)


@pytest.fixture(scope="module")
def rspamd_daemon(engines_dir: Path) -> Iterator[PrivateDaemon]:
    yield from _daemon(PrivateRspamd, engines_dir)


def engine_settings(env: dict[str, str] | None = None, **addresses: str | dict[str, object]) -> Settings:
    """Defaults with the named engines enabled at these addresses (or with these [engines.<name>] keys)."""
    engines = {name: {"enabled": True, "timeout_ms": TIMEOUT_MS,
                      **(conf if isinstance(conf, dict) else {"address": conf})} for name, conf in addresses.items()}
    return load_settings(environ=env or {}, overrides={"engines": engines})


def run_check(check: object, st: Settings, raw: bytes) -> list[Symbol]:
    ctx = context(st)
    ctx.envelope = ENVELOPE
    return check.run(parse_message(raw, st.scan), ctx)  # type: ignore[attr-defined]


def evaluate(st: Settings, raw: bytes) -> Verdict:
    """The real pipeline with only the engine checks, so the verdict is the engines' alone."""
    accounts = MemoryCpanelAccounts()
    accounts.add_account("alice", "shop.example")
    policy = Policy(allow_winexec=False, whitelisted=lambda kind, value: False,
                    account_state=lambda account: AccountState.ACTIVE)
    verdict, _ = Pipeline(st, accounts, ENGINE_CHECKS).evaluate(raw, ENVELOPE, policy)
    return verdict


def by_name(symbols: list[Symbol]) -> dict[str, Symbol]:
    return {s.name: s for s in symbols}


def test_spamassassin_scores_gtube_high_and_ham_low(spamd_daemon: PrivateDaemon) -> None:
    st = engine_settings(spamassassin=spamd_daemon.address)
    [spam] = run_check(engine_spamassassin.CHECK, st, GTUBE_MSG)
    assert spam.name == "ENGINE_SPAMASSASSIN" and spam.score >= st.thresholds.quarantine
    assert "GTUBE" in spam.options
    [ham] = run_check(engine_spamassassin.CHECK, st, HAM_MSG)
    assert ham.name == "ENGINE_SPAMASSASSIN" and ham.score < st.thresholds.add_header
    reply = spamd.check(spamd_daemon.address, GTUBE_MSG, deadline=time.monotonic() + 10)
    assert reply.is_spam and reply.score >= 1000 and reply.threshold == 5.0


def test_rspamd_scores_gtube_high_and_ham_low(rspamd_daemon: PrivateDaemon) -> None:
    st = engine_settings(rspamd=rspamd_daemon.address)
    [spam] = run_check(engine_rspamd.CHECK, st, GTUBE_MSG)
    assert spam.name == "ENGINE_RSPAMD" and spam.score >= st.thresholds.quarantine
    assert "action=reject" in spam.options
    [ham] = run_check(engine_rspamd.CHECK, st, HAM_MSG)
    assert ham.name == "ENGINE_RSPAMD" and ham.score < st.thresholds.add_header
    st = engine_settings(rspamd={"address": rspamd_daemon.address, "mode": "action"})
    assert run_check(engine_rspamd.CHECK, st, GTUBE_MSG)[0].score == st.engines["rspamd"].actions["reject"]


def test_clamav_finds_eicar_and_passes_clean_mail(clamd_daemon: PrivateDaemon) -> None:
    st = engine_settings(clamav=clamd_daemon.address)
    [virus] = run_check(engine_clamav.CHECK, st, eicar_message())
    assert virus.name == "ENGINE_CLAMAV_VIRUS" and virus.options[0].startswith(EICAR_SIGNATURE)
    assert run_check(engine_clamav.CHECK, st, HAM_MSG) == []
    assert run_check(engine_clamav.CHECK, st, GTUBE_MSG) == []
    # Above clamd's StreamMaxLength (10M here) clamd refuses the stream: an error, never a verdict of clean.
    st = engine_settings(clamav={"address": clamd_daemon.address, "max_bytes": 64 << 20})
    [error] = run_check(engine_clamav.CHECK, st, HAM_MSG + b"x" * (11 << 20))
    assert error.name == "ENGINE_CLAMAV_ERROR" and error.score == 0, error.options


def test_pipeline_with_every_engine(clamd_daemon: PrivateDaemon, spamd_daemon: PrivateDaemon,
                                    rspamd_daemon: PrivateDaemon) -> None:
    st = engine_settings(clamav=clamd_daemon.address, spamassassin=spamd_daemon.address,
                         rspamd=rspamd_daemon.address)
    virus = evaluate(st, eicar_message())
    assert virus.action == Action.QUARANTINE and Reason.VIRUS in virus.reasons
    assert {"ENGINE_CLAMAV_VIRUS", "ENGINE_RSPAMD", "ENGINE_SPAMASSASSIN"} <= set(by_name(virus.symbols))
    spam = evaluate(st, GTUBE_MSG)
    assert (spam.action, spam.reasons) == (Action.QUARANTINE, [Reason.SPAM])
    assert set(by_name(spam.symbols)) == {"ENGINE_RSPAMD", "ENGINE_SPAMASSASSIN"}
    ham = evaluate(st, HAM_MSG)
    assert (ham.action, ham.reasons) == (Action.ACCEPT, [])
    assert set(by_name(ham.symbols)) == {"ENGINE_RSPAMD", "ENGINE_SPAMASSASSIN"}


def test_dead_and_hung_engines_leave_the_message_decided(clamd_daemon: PrivateDaemon) -> None:
    with silent_listener() as hung:
        st = engine_settings({"MAILWARD_FAIL_MODE": "closed"}, clamav=clamd_daemon.address,
                             rspamd=dead_address(), spamassassin={"address": hung, "timeout_ms": 300})
        started = time.monotonic()
        virus = evaluate(st, eicar_message())
        ham = evaluate(st, HAM_MSG)
        took = time.monotonic() - started
    assert (virus.action, virus.reasons) == (Action.QUARANTINE, [Reason.VIRUS])
    assert (ham.action, ham.reasons) == (Action.ACCEPT, [])  # fail_mode closed, yet no defer for an engine
    symbols = by_name(ham.symbols)
    assert symbols["ENGINE_RSPAMD_ERROR"].options == ["connection refused"]
    assert symbols["ENGINE_SPAMASSASSIN_ERROR"].options == ["timed out"]
    assert all(s.score == 0 for s in ham.symbols)
    assert took < 3.0  # two scans, each waiting once for the 0.3 s timeout


def test_hung_engine_is_cut_by_the_scan_time_budget() -> None:
    with silent_listener() as hung:
        st = engine_settings({"MAILWARD_SCAN__TIME_BUDGET_MS": "300"}, spamassassin=hung)  # engine: 10 s
        started = time.monotonic()
        verdict = evaluate(st, HAM_MSG)
        took = time.monotonic() - started
    assert verdict.action == Action.ACCEPT
    assert by_name(verdict.symbols)["ENGINE_SPAMASSASSIN_ERROR"].options == ["timed out"]
    assert took < 2.0


def test_serve_quarantines_a_virus_end_to_end(clamd_daemon: PrivateDaemon, tmp_path: Path) -> None:
    """The setting reaches the worker processes of a real `mailward serve`; rspamc's protocol asks."""
    cpanel = make_cpanel_tree(tmp_path / "cpanel", {"alice": "shop.example"})
    proc = ServeProcess(tmp_path / "state", '[scan]\nlisten = ["127.0.0.1:0"]\n[workers]\nprocesses = 1\n'
                                            f'threads = 2\n[cpanel]\nroot = "{cpanel}"\n'
                                            f'[engines.clamav]\nenabled = true\naddress = "{clamd_daemon.address}"\n')
    proc.start()
    try:
        reply = check_http(proc.tcp, eicar_message(), ENVELOPE, timeout=30)
        clean = check_http(proc.tcp, HAM_MSG, ENVELOPE, timeout=30)
    finally:
        proc.stop()
    assert reply.action == "quarantine" and reply.raw["mailward"]["reasons"] == ["virus"]
    assert "ENGINE_CLAMAV_VIRUS" in reply.symbols
    assert "ENGINE_CLAMAV_VIRUS" not in clean.symbols and "virus" not in clean.raw["mailward"]["reasons"]
