"""The whole path: a real private Exim -> Mailward's gateway -> Dramatiq workers -> quarantine / delivery."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from core.store.quarantine import QuarantineStore
from tests.cpanel_tree import make_cpanel_tree
from workers.exim_lab import EximLab, build_message, poll
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eml"
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"


def _serve(tmp_path: Path, *, fail_mode: str = "open", processes: int = 1, timeout: float = 5.0,
           scan_extra: str = "") -> ServeProcess:
    cpanel = make_cpanel_tree(tmp_path / "cpanel", {"shopuser": "example.com"})
    toml = (f'fail_mode = "{fail_mode}"\n[scan]\nlisten = ["127.0.0.1:0"]\ntimeout = {timeout}\n{scan_extra}\n'
            f'[workers]\nprocesses = {processes}\nthreads = 2\n[cpanel]\nroot = "{cpanel}"\n')
    proc = ServeProcess(tmp_path / "state", toml)
    proc.start()
    return proc


@pytest.fixture
def stack(tmp_path: Path, exim_lab: Callable[..., EximLab]) -> Iterator[tuple[ServeProcess, EximLab]]:
    serve = _serve(tmp_path)
    try:
        yield serve, exim_lab(serve.tcp, "open")
    finally:
        serve.stop()


def _store(serve: ServeProcess) -> QuarantineStore:
    client = redis.Redis(unix_socket_path=str(serve.state_dir / "redis" / "redis.sock"))
    return QuarantineStore(serve.state_dir / "quarantine", client, default_limit_bytes=10**8,
                           default_releases_limit=5)


def test_clean_mail_is_delivered_with_headers(stack: tuple[ServeProcess, EximLab]) -> None:
    serve, lab = stack
    r = lab.send_smtp_auth("alice@example.com", ["bob@customer.test"], subject="quarterly report",
                           body="Hi Bob,\nthe report is ready on the portal.\nAlice\n",
                           headers=[("X-ImunifyEmail-Filter-Action", "forged")])
    assert r.data_code == 250
    (d,) = lab.wait_delivered(lambda d: d.subject == "quarterly report")
    assert d.headers("X-ImunifyEmail-Filter-Action") in (["no action"], ["add header"])
    assert len(d.headers("X-ImunifyEmail-Filter-Score")) == 1
    assert "account=shopuser" in serve.log() and "how=auth" in serve.log()


def test_spam_over_smtp_is_quarantined_not_delivered(stack: tuple[ServeProcess, EximLab]) -> None:
    serve, lab = stack
    r = lab.send_smtp_auth("alice@example.com", ["to@customer.test", "hidden-bcc@other.test"],
                           subject="win now", body=f"{GTUBE}\n")
    assert r.data_code == 250  # the client cannot tell: quarantine is a discard after 250
    lab.wait_log(f"{r.queue_id} Completed")
    store = _store(serve)
    items, total = store.list("shopuser")
    assert total == 1
    rec = items[0]
    assert rec.reasons == ["spam"] and rec.queue_id == r.queue_id
    assert rec.recipients == ["to@customer.test", "hidden-bcc@other.test"]  # Bcc kept from the envelope
    assert GTUBE.encode() in store.read_message(rec)
    assert not any(d.subject == "win now" for d in lab.delivered())
    assert "queue_id=" + r.queue_id in serve.log()


def test_exe_from_php_sendmail_is_quarantined(stack: tuple[ServeProcess, EximLab]) -> None:
    serve, lab = stack
    msg = (FIXTURES / "winexec_exe.eml").read_bytes()
    done = lab.send_sendmail_as("nobody", msg, ["bob@customer.test"])
    assert done.returncode == 0, done.stderr
    store = _store(serve)
    items = poll(lambda: store.list(None)[0] or None, 15, "a quarantined message")
    assert items[0].reasons == ["winexec"]  # type: ignore[index]
    lab.wait_queue_empty()
    assert not any(d.subject == "The installer" for d in lab.delivered())


def test_malformed_mime_is_scanned_and_delivered(stack: tuple[ServeProcess, EximLab]) -> None:
    _, lab = stack
    msg = (FIXTURES / "malformed_mime.eml").read_bytes()
    r = lab.send_smtp_auth("alice@example.com", ["bob@customer.test"], message=msg)
    assert r.data_code == 250
    (d,) = lab.wait_delivered(lambda d: d.subject == "Broken multipart")
    assert d.headers("X-ImunifyEmail-Filter-Action")


@pytest.mark.parametrize(("mode", "code"), [("open", 250), ("closed", 451)])
def test_fail_mode_with_workers_stopped(tmp_path: Path, exim_lab: Callable[..., EximLab], mode: str,
                                        code: int) -> None:
    serve = _serve(tmp_path, processes=0, timeout=1.0, fail_mode=mode)
    try:
        lab = exim_lab(serve.tcp, mode)
        r = lab.send_smtp_auth("alice@example.com", ["bob@customer.test"], subject="no workers",
                               body=f"{GTUBE}\n")
        assert r.data_code == code
        if mode == "open":
            (d,) = lab.wait_delivered(lambda d: d.subject == "no workers")
            assert d.headers("X-ImunifyEmail-Filter-Action") == ["unscanned"]
        else:
            assert lab.delivered() == []
        assert list((serve.state_dir / "quarantine").glob("*/*.eml")) == []
    finally:
        serve.stop()


def test_oversized_follows_setting(tmp_path: Path, exim_lab: Callable[..., EximLab]) -> None:
    serve = _serve(tmp_path, scan_extra='max_message_bytes = 4000\noversize_action = "reject"')
    try:
        lab = exim_lab(serve.tcp, "open")
        big = build_message("alice@example.com", ["bob@customer.test"], "big one", "x" * 8000 + "\n")
        r = lab.send_smtp_auth("alice@example.com", ["bob@customer.test"], message=big)
        assert r.data_code == 550
        assert "why=oversize" in serve.log()
        small = lab.send_smtp_auth("alice@example.com", ["bob@customer.test"], subject="small one")
        assert small.data_code == 250
        lab.wait_delivered(lambda d: d.subject == "small one")
    finally:
        serve.stop()
