"""The WHM admin page in real headless Chromium (Playwright), served by the local cpsrvd emulation.

One module-scoped stack, wired as tests/functional/test_release.py: a private Exim lab (trusted_users =
mwt-release) scans through a real `mailward serve` whose API runs in a mount namespace where /usr/sbin/sendmail
submits to the lab, so Release & Send really delivers. workers.plugin_host runs the WHM CGI as root, as cpsrvd
does. Screenshots of every tab land in test-artifacts/screenshots (or $MW_TEST_ARTIFACTS/screenshots).
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest

from core.identity.sender_objects import sender_objects
from core.models import Envelope, QuarantineRecord, Sender
from core.settings import HistorySettings
from core.store.incoming import IncomingStore
from core.store.sender_history import SenderHistoryStore
from tests.core.history_support import DAY, grow
from tests.functional.conftest import (
    GTUBE,
    SocketApi,
    SystemUser,
    release_stack,
    serve_quarantine,
    serve_redis,
)
from tests.functional.plugin_fixtures import artifacts_dir, browser_requirements
from workers.exim_lab import EximLab, build_message, poll
from workers.plugin_host import HostConfig, PluginHost
from workers.scan_client import check_legacy
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow,
              pytest.mark.skipif(bool(browser_requirements()), reason=browser_requirements() or "ok")]

SENDER = "user@alice.example"
PASSWORD = "alice-secret"
LIMITED = "limited@alice.example"  # sends through the gateway as the local login mwt-alice (sendmail -t)
MARKER = "mailward-release"
BULK_ACCOUNT = "mwtbulk"  # only ever holds the 10,000 seeded messages
BULK = 10_000
TIMEOUT_MS = 30_000


@dataclass
class Stack:
    """The lab Exim, the serve whose releases reach it, and the plugin host in front of serve's API."""

    serve: ServeProcess
    lab: EximLab
    host: PluginHost

    def api(self) -> SocketApi:
        return SocketApi(self.serve.info["api_socket"])

    def find(self, **query: str) -> list[dict[str, Any]]:
        """Quarantined messages matching an /emails query (as root)."""
        reply = self.api().get(f"/emails?{urlencode(query)}")
        assert reply.status == 200, reply.text
        return list(reply.json["items"])

    def hold_via_lab(self, subject: str, rcpts: list[str]) -> str:
        """GTUBE with SMTP AUTH through the lab: To is rcpts[0], the rest are Bcc (envelope only). Its email id."""
        msg = build_message(SENDER, [rcpts[0]], subject, f"{GTUBE}\n")
        r = self.lab.send_smtp_auth(SENDER, rcpts, message=msg)
        assert r.data_code == 250, r.transcript
        self.lab.wait_log(f"{r.queue_id} Completed")
        (found,) = self.find(subject=subject)
        assert found["recipients"] == rcpts and found["account_name"] == "mwt-alice"
        return str(found["email_id"])


@pytest.fixture(scope="module")
def stack(system_users: dict[str, SystemUser]) -> Iterator[Stack]:
    accounts = {"mwt-alice": {"domain": "alice.example", "uid": system_users["mwt-alice"].uid},
                BULK_ACCOUNT: "bulk.example"}
    with release_stack("mailward-whm-", accounts, users={SENDER: PASSWORD}, marker=MARKER) as (serve, lab, tree):
        cfg = HostConfig(api_socket=serve.info["api_socket"], users=("mwt-alice",), cpanel_root=str(tree))
        with PluginHost(cfg) as host:
            yield Stack(serve, lab, host)


@pytest.fixture
def page(stack: Stack, browser: Any) -> Iterator[Any]:
    """A fresh WHM session on the Mailward page (Quarantine tab loaded)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    try:
        answer = pg.goto(stack.host.whm_url())
        assert answer is not None and answer.status == 200
        pg.wait_for_selector("#q-table tbody tr td")
        settled(pg)
        yield pg
    finally:
        context.close()


def quarantine_search(page: Any, **fields: str) -> None:
    """Set the quarantine's text filters (unset ones empty) and search; wait until the table shows the answer."""
    for name in ("account", "sender", "recipient", "subject"):
        page.fill(f"#q-{name}", fields.get(name, ""))
    with page.expect_response(lambda r: "api=%2Femails" in r.url):
        page.click("#q-filters button[type=submit]")
    settled(page)


def settled(page: Any) -> None:
    """Wait until the quarantine table is not loading."""
    page.wait_for_function("!document.querySelector('#q-table tbody').textContent.includes('Loading')")


def subjects(page: Any) -> list[str]:
    return page.eval_on_selector_all("#q-table tbody tr td.mw-subject", "cs => cs.map(c => c.textContent)")


def select_tab(page: Any, name: str) -> None:
    page.click(f"#tab-{name}")
    page.wait_for_selector(f"#pane-{name}:not([hidden])")


def test_release_and_send_delivers_to_every_recipient(stack: Stack, page: Any) -> None:
    subject = "whm release me"
    rcpts = ["to@dest.test", "bcc@hidden.test"]
    email_id = stack.hold_via_lab(subject, rcpts)
    quarantine_search(page, subject=subject)
    assert subjects(page) == [subject]
    page.check("#q-table tbody tr input[type=checkbox]")
    assert page.text_content("#q-selected") == "1 of 1 on this page selected"
    page.click("#q-release")
    page.wait_for_selector("#mw-dialog:not([hidden])")
    assert f"Release & Send \u201c{subject}\u201d?" in page.text_content("#mw-dialog-body")
    page.screenshot(path=str(artifacts_dir() / "whm-release-confirm.png"), full_page=True)
    page.click("#mw-dialog-ok")
    page.wait_for_selector("#q-result .alert-success")
    assert "1 message released and sent." in page.text_content("#q-result")
    page.wait_for_selector("#q-table tbody td[colspan='8']")  # "No quarantined messages match."
    assert subjects(page) == []

    copies = stack.lab.wait_delivered(lambda d: d.subject == subject, count=len(rcpts), timeout=30)
    assert sorted(h for d in copies for h in d.headers("Envelope-to")) == sorted(rcpts)
    assert all(GTUBE.encode() in d.raw and not d.headers("Bcc") for d in copies)
    assert stack.find(subject=subject) == []
    gone = stack.api().get(f"/emails/{email_id}")
    assert gone.status == 409 and "already released" in gone.message, gone.text


def _send_ham(stack: Stack, subject: str) -> Any:
    msg = (f"From: <{LIMITED}>\r\nTo: <colleague@dest.test>\r\nSubject: {subject}\r\n"
           f"Message-ID: <{uuid.uuid4().hex}@alice.example>\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n"
           "Hello,\r\nthe minutes of Tuesday's meeting are on the shared drive.\r\nRegards\r\n").encode()
    return check_legacy(stack.serve.tcp, msg, Envelope(sender=LIMITED, recipients=["colleague@dest.test"],
                                                       user="mwt-alice"))


def test_sender_limit_set_in_activity_monitor_holds_the_next_message(stack: Stack, page: Any) -> None:
    sent = 2
    for i in range(sent):
        reply = _send_ham(stack, f"minutes {i}")
        assert reply.action in ("no action", "add header"), reply
    select_tab(page, "activity")
    page.fill("#am-sender", LIMITED)
    page.click("#am-filters button[type=submit]")
    page.wait_for_selector("#am-table tbody button.mw-toggle")
    page.click("#am-expand")
    row = page.locator("#am-table tbody tr", has=page.locator("span", has_text=LIMITED))
    row.wait_for()
    cells = row.locator("td").all_text_contents()
    assert cells[1].strip() == str(sent) and "unlimited" in cells[2], cells
    page.screenshot(path=str(artifacts_dir() / "whm-activity-sender.png"), full_page=True)

    row.get_by_role("button", name="Update sender limit").click()
    page.wait_for_selector("#mw-dialog:not([hidden])")
    assert LIMITED in page.text_content("#mw-dialog-title")
    page.check("input[name=mw-limit-mode][value=custom]")
    page.fill("#mw-limit-value", str(sent))
    page.screenshot(path=str(artifacts_dir() / "whm-sender-limit-dialog.png"), full_page=True)
    page.click("#mw-dialog-ok")
    page.wait_for_selector("#am-result .alert-success")
    assert f"Limit of {LIMITED} is now {sent} per hour." in page.text_content("#am-result")
    row = page.locator("#am-table tbody tr", has=page.locator("span", has_text=LIMITED))
    poll(lambda: str(sent) in row.locator("td").nth(2).text_content(), 10, "the new limit in the table")

    over = _send_ham(stack, "minutes over the limit")
    assert over.action == "quarantine", over
    (held,) = stack.find(sender=LIMITED)
    assert held["subject"] == "minutes over the limit" and "ratelimit" in held["reasons"], held


def _seed(stack: Stack, n: int) -> None:
    """n small messages held for BULK_ACCOUNT straight into serve's quarantine (files, then the Redis index)."""
    store = serve_quarantine(stack.serve)
    adir = store.root / BULK_ACCOUNT
    adir.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = time.time()
    for i in range(n):
        email_id = str(uuid.uuid4())
        body = f"From: <shop@bulk.example>\r\nTo: <c{i}@dest.test>\r\nSubject: bulk {i:05d}\r\n\r\n{GTUBE}\r\n"
        rec = QuarantineRecord(email_id=email_id, account=BULK_ACCOUNT, received=now - i, sender="shop@bulk.example",
                               recipients=[f"c{i}@dest.test"], subject=f"bulk {i:05d}", reasons=["spam"],
                               score=1000.0, symbols=["GTUBE"], size=len(body), sender_domain="bulk.example",
                               sender_email="shop@bulk.example")
        (adir / f"{email_id}.eml").write_bytes(body.encode())
        meta = json.dumps(rec.to_dict(), separators=(",", ":")).encode()
        (adir / f"{email_id}.json").write_bytes(meta)
        assert store._index(rec, meta) == []  # nothing evicted


def test_quarantine_stays_usable_with_ten_thousand_messages(stack: Stack, browser: Any) -> None:
    _seed(stack, BULK)
    assert stack.api().get(f"/emails?account={BULK_ACCOUNT}&limit=1").json["max_count"] == BULK
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(stack.host.whm_url())
        page.wait_for_selector("#q-table tbody tr td.mw-subject")
        settled(page)
        assert len(subjects(page)) == 25
        quarantine_search(page, account=BULK_ACCOUNT)
        assert subjects(page) == [f"bulk {i:05d}" for i in range(25)]  # newest first
        assert page.text_content("#q-pager .mw-showing") == "Showing 1\u201325 of 10,000"
        assert page.input_value("#q-pager input[type=number]") == "1"
        assert "of 400" in page.text_content("#q-pager")
        page.screenshot(path=str(artifacts_dir() / "whm-quarantine-10000.png"), full_page=True)

        page.click("#q-pager button[aria-label='Last page']")
        page.wait_for_function("document.querySelector('#q-pager .mw-showing') && "
                               "document.querySelector('#q-pager .mw-showing').textContent.startsWith('Showing 9,976')")
        assert page.text_content("#q-pager .mw-showing") == "Showing 9,976\u201310,000 of 10,000"
        assert subjects(page) == [f"bulk {i:05d}" for i in range(BULK - 25, BULK)]
        assert page.input_value("#q-pager input[type=number]") == "400"
        assert page.is_disabled("#q-pager button[aria-label='Last page']")
        page.screenshot(path=str(artifacts_dir() / "whm-quarantine-10000-last-page.png"), full_page=True)

        # the page-number box jumps anywhere too
        page.fill("#q-pager input[type=number]", "200")
        page.press("#q-pager input[type=number]", "Enter")
        page.wait_for_function("document.querySelector('#q-pager .mw-showing').textContent.startsWith('Showing 4,976')")
        assert subjects(page)[0] == "bulk 04975"
    finally:
        context.close()


def test_screenshots_of_every_tab(stack: Stack, page: Any) -> None:
    shots = artifacts_dir()
    reporter = "report@alice.example"
    msg = build_message(reporter, ["boss@dest.test"], "weekly report", "Hello,\nthe weekly report is attached.\n")
    assert check_legacy(stack.serve.tcp, msg, Envelope(sender=reporter, recipients=["boss@dest.test"],
                                                       user="mwt-alice")).action in ("no action", "add header")
    stack.hold_via_lab("whm viewer sample", ["to@dest.test", "bcc@hidden.test"])
    quarantine_search(page, subject="whm viewer sample")
    page.screenshot(path=str(shots / "whm-1-quarantine.png"), full_page=True)

    page.click("#q-table tbody tr button:has-text('View')")
    page.wait_for_selector("#mw-email:not([hidden])")
    page.wait_for_function("document.getElementById('mw-email-view').textContent.includes('GTUBE')")
    page.screenshot(path=str(shots / "whm-2-email-viewer.png"), full_page=True)
    page.click("#mw-email-views [data-view=headers]")
    page.wait_for_function("document.getElementById('mw-email-view').textContent.includes('Subject: whm viewer')")
    page.click("#mw-email .modal-footer [data-close]")
    page.wait_for_selector("#mw-email", state="hidden")

    select_tab(page, "activity")
    page.wait_for_selector("#am-table tbody tr td")
    page.click("#am-expand")
    page.screenshot(path=str(shots / "whm-3-activity-monitor.png"), full_page=True)

    select_tab(page, "settings")
    page.wait_for_selector("#acc-table tbody tr th")
    assert "Deleted (age, last day)" in page.text_content("#acc-table thead")
    assert page.locator("#acc-table tbody tr:first-child td").count() == 8
    page.screenshot(path=str(shots / "whm-4-settings.png"), full_page=True)

    select_tab(page, "statistics")
    page.wait_for_selector("#st-sent-chart rect")
    page.wait_for_selector("#st-top-table tbody tr")
    assert page.is_visible("#st-incoming-note")
    assert "No incoming mail was scanned in this period" in page.text_content("#st-incoming-note")
    incoming = IncomingStore(serve_redis(stack.serve))
    for spam in (True, True, False):
        incoming.count("mwt-alice", spam)
    with page.expect_response(lambda r: "api=%2Fstats" in r.url):
        page.click("#st-form button[type=submit]")
    page.wait_for_selector("#st-incoming-chart rect")
    assert page.locator("#st-incoming-note").count() == 0
    assert page.text_content("#st-incoming-table tfoot td[data-key=incoming_spam]") == "2"
    assert page.text_content("#st-incoming-table tfoot td[data-key=incoming_ham]") == "1"
    sent_total = page.text_content("#st-sent-table tfoot td[data-key=sent]")
    assert sent_total is not None and int(sent_total.replace(",", "")) >= 1
    assert page.locator("#st-sent-table tbody tr").count() in (24, 25)  # one row per clock hour
    assert reporter in page.text_content("#st-top-table")
    page.screenshot(path=str(shots / "whm-5-statistics-24h.png"), full_page=True)
    for view, rows in (("7d", (7, 8)), ("30d", (30, 31))):
        with page.expect_response(lambda r, v=view: "api=%2Fstats" in r.url and f"since={v}" in r.url):
            page.select_option("#st-range", view)
        page.wait_for_selector("#st-sent-chart")
        poll(lambda r=rows: page.locator("#st-sent-table tbody tr").count() in r, 10, f"the {view} table")
        page.screenshot(path=str(shots / f"whm-5-statistics-{view}.png"), full_page=True)
    for name in ("whm-1-quarantine", "whm-2-email-viewer", "whm-3-activity-monitor", "whm-4-settings",
                 "whm-5-statistics-24h"):
        assert os.path.getsize(shots / f"{name}.png") > 1000, name


HISTORY_SENDER = "orders@alice.example"


def _history_page(stack: Stack, browser: Any, width: int, height: int) -> Any:
    """A WHM page of that size on the Activity Monitor, filtered to HISTORY_SENDER and expanded."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    assert pg.goto(stack.host.whm_url()).status == 200
    settled(pg)
    select_tab(pg, "activity")
    pg.fill("#am-sender", HISTORY_SENDER)
    with pg.expect_response(lambda r: "api=%2Fam%2Fstats" in r.url and "history=true" in r.url):
        pg.click("#am-filters button[type=submit]")
    pg.wait_for_selector("#am-table tbody button.mw-toggle")
    pg.click("#am-expand")
    return pg


def test_activity_monitor_shows_a_senders_history(stack: Stack, browser: Any) -> None:
    """Three weeks of clean mail make the sender established: the table says so with its usual hour, and the
    history dialog shows the detail (at 1366x768 and on a 390 px phone)."""
    objs = sender_objects(Sender(account="mwt-alice", domain="alice.example", email=HISTORY_SENDER))
    grow(SenderHistoryStore(serve_redis(stack.serve), HistorySettings()), objs, start=time.time() - 22 * DAY)
    msg = build_message(HISTORY_SENDER, ["maria@customer.test"], "order 1003",
                        "Thank you for your order number 1003. See you soon.\n")
    reply = check_legacy(stack.serve.tcp, msg, Envelope(sender=HISTORY_SENDER, recipients=["maria@customer.test"],
                                                        user="mwt-alice"))
    assert reply.action in ("no action", "add header"), reply
    shots = artifacts_dir()
    for width, height in ((1366, 768), (390, 844)):
        page = _history_page(stack, browser, width, height)
        try:
            row = page.locator("#am-table tbody tr", has=page.locator("span", has_text=HISTORY_SENDER))
            row.wait_for()
            cell = row.locator("td.mw-history")
            assert "Established" in cell.text_content() and "4/h usual" in cell.text_content()
            page.screenshot(path=str(shots / f"whm-activity-history-{width}.png"), full_page=True)
            cell.get_by_role("button", name=re.compile(f"Sending history of {HISTORY_SENDER}")).click()
            page.wait_for_selector("#mw-dialog:not([hidden]) dl")
            body = page.text_content("#mw-dialog-body")
            assert "Usual hour4 messages (over 20 active hours)" in body, body
            assert re.search(r"Delivered8[01] messages over 2[12](\.\d)? days", body), body  # the scan's, if recorded
            assert "customer0.example" in body and "Long clean history" in body
            assert not page.is_visible("#mw-dialog .modal-footer [data-close]"), "Close is the only answer"
            page.screenshot(path=str(shots / f"whm-history-dialog-{width}.png"), full_page=True)
            page.click("#mw-dialog-ok")
            page.wait_for_selector("#mw-dialog", state="hidden")
        finally:
            page.context.close()
