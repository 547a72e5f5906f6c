"""Incoming filtration through a real private Exim: remote unauthenticated mail for local domains (issue 8)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from core import keys
from core.identity.sender_objects import SoType, object_id
from core.store.incoming import IncomingStore
from core.store.quarantine import QuarantineStore
from core.store.whitelist import WhitelistStore
from tests.cpanel_tree import make_cpanel_tree
from workers.exim_lab import EximLab, free_port
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow]

GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
DOMAINS = {"shopuser": "example.com", "quietuser": "quiet.test"}


def _serve(tmp_path: Path, action: str) -> tuple[ServeProcess, str]:
    cpanel = make_cpanel_tree(tmp_path / "cpanel", DOMAINS)
    incoming = f"127.0.0.1:{free_port()}"
    toml = (f'[scan]\nlisten = ["127.0.0.1:0"]\ntimeout = 5.0\n[incoming]\nlisten = ["{incoming}"]\n'
            f'action = "{action}"\n[workers]\nprocesses = 1\nthreads = 2\n[cpanel]\nroot = "{cpanel}"\n')
    proc = ServeProcess(tmp_path / "state", toml)
    proc.start()
    return proc, incoming


def _redis(serve: ServeProcess) -> redis.Redis:
    return redis.Redis(unix_socket_path=str(serve.state_dir / "redis" / "redis.sock"))


def _send(lab: EximLab, to: str, subject: str, body: str) -> int | None:
    """A remote host's delivery: plain SMTP, no AUTH."""
    return lab.send_smtp_auth("stranger@remote.test", [to], subject=subject, body=body, auth="",
                              remote=True).data_code


def test_incoming_spam_folder_whitelist_and_toggle(tmp_path: Path, exim_lab: Callable[..., EximLab]) -> None:
    serve, incoming = _serve(tmp_path, "spam_folder")
    try:
        client = _redis(serve)
        # set before the first scan: the worker caches these for a few seconds
        WhitelistStore(client).add("recipient", ["vip@example.com"])
        IncomingStore(client).set_enabled("quietuser", False)
        lab = exim_lab(serve.tcp, "open", incoming_address=incoming, local_domains=tuple(DOMAINS.values()))

        assert _send(lab, "info@example.com", "lunch friday", "Hi,\nlunch on Friday at noon?\nTom\n") == 250
        (clean,) = lab.wait_delivered(lambda d: d.subject == "lunch friday")
        assert clean.headers("X-Mailward-Spam") == []
        assert clean.headers("X-ImunifyEmail-Filter-Action") in (["no action"], ["add header"])

        assert _send(lab, "info@example.com", "cheap pills", f"{GTUBE}\n") == 250
        (spam,) = lab.wait_delivered(lambda d: d.subject == "cheap pills", folder=".spam")
        assert spam.headers("X-Mailward-Spam") == ["yes"]
        assert not any(d.subject == "cheap pills" for d in lab.delivered())

        assert _send(lab, "vip@example.com", "vip pills", f"{GTUBE}\n") == 250
        (vip,) = lab.wait_delivered(lambda d: d.subject == "vip pills")
        assert vip.headers("X-Mailward-Spam") == []

        assert _send(lab, "owner@quiet.test", "quiet pills", f"{GTUBE}\n") == 250
        (quiet,) = lab.wait_delivered(lambda d: d.subject == "quiet pills")
        assert quiet.headers("X-Mailward-Spam") == [] and quiet.headers("X-ImunifyEmail-Filter-Action") == [
            "no action"]

        # an authenticated user's mail to a local domain is outgoing mail, scanned on the outgoing listener
        r = lab.send_smtp_auth("alice@example.com", ["info@example.com"], subject="auth pills", body=f"{GTUBE}\n")
        assert r.data_code == 250
        lab.wait_log(f"{r.queue_id} Completed")
        assert not any(d.subject == "auth pills" for d in lab.delivered() + lab.delivered(".spam"))

        day = {k.decode(): int(v) for k, v in client.hgetall(keys.am_stats_day(int(__import__("time").time())
                                                                                 // 86400)).items()}
        shop = object_id(SoType.ACCOUNT, "shopuser", "shopuser")
        assert day.get(f"{shop}:incoming_spam") == 1 and day.get(f"{shop}:incoming_ham") == 2
        assert not any(k.startswith(object_id(SoType.ACCOUNT, "quietuser", "quietuser")) for k in day)
    finally:
        serve.stop()


def test_incoming_spam_quarantined_for_recipient_account(tmp_path: Path,
                                                        exim_lab: Callable[..., EximLab]) -> None:
    serve, incoming = _serve(tmp_path, "quarantine")
    try:
        lab = exim_lab(serve.tcp, "open", incoming_address=incoming, local_domains=tuple(DOMAINS.values()))
        assert _send(lab, "info@example.com", "held pills", f"{GTUBE}\n") == 250
        store = QuarantineStore(serve.state_dir / "quarantine", _redis(serve), default_limit_bytes=10**8,
                                default_releases_limit=5)
        lab.wait_log("Mailward: incoming mail quarantined")
        items, total = store.list("shopuser")
        assert total == 1 and items[0].direction == "incoming" and items[0].recipients == ["info@example.com"]
        assert not lab.delivered() and not lab.delivered(".spam")
    finally:
        serve.stop()
