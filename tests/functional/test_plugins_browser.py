"""The plugins in real headless Chromium (Playwright), served by the local cpsrvd emulation (workers.plugin_host).

A real `mailward serve` holds GTUBE mail of two cPanel accounts (real system users mwt-alice and mwt-bob); the
cPanel page runs as mwt-alice's uid, so the API identifies her by SO_PEERCRED. Releases go to a fake sendmail run
as the release user. Screenshots of every tab land in test-artifacts/screenshots (or $MW_TEST_ARTIFACTS).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cpanel_tree import make_cpanel_tree
from tests.functional.conftest import SocketApi, SystemUser, hold_through_gateway, lab_dir, serve_for_everyone
from tests.functional.plugin_fixtures import artifacts_dir, browser_requirements, fake_sendmail
from workers.plugin_host import HostConfig, PluginHost
from workers.serve_process import ServeProcess

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.functional, pytest.mark.slow,
              pytest.mark.skipif(bool(browser_requirements()), reason=browser_requirements() or "ok")]

RELEASES_LIMIT = 2
TIMEOUT_MS = 20_000


@dataclass
class World:
    """serve, the plugin host, what each account holds, and the fake sendmail's outbox."""

    serve: ServeProcess
    host: PluginHost
    held: dict[str, list[str]]
    outbox: Path

    def api(self) -> SocketApi:
        """The API as root."""
        return SocketApi(self.serve.info["api_socket"])


@pytest.fixture(scope="module")
def world(system_users: dict[str, SystemUser]) -> Iterator[World]:
    alice, bob = system_users["mwt-alice"], system_users["mwt-bob"]
    base = Path(lab_dir("mailward-plugins-"))
    try:
        tree = make_cpanel_tree(base / "cpanel", {
            "mwt-alice": {"domain": "alice.example", "uid": alice.uid},
            "mwt-bob": {"domain": "bob.example", "uid": bob.uid},
        })
        sendmail, outbox = fake_sendmail(base)
        with serve_for_everyone({"cpanel.root": json.dumps(str(tree)), "exim.sendmail": json.dumps(str(sendmail)),
                                 "exim.release_user": '"mwt-release"'}, prefix="mailward-plugins-serve-") as serve:
            held = {
                "mwt-alice": [hold_through_gateway(serve, "mwt-alice", f"news{i}@alice.example",
                                                   ["to@customer.test"], f"alice offer {i}") for i in range(3)],
                "mwt-bob": [hold_through_gateway(serve, "mwt-bob", "shop@bob.example", ["to@customer.test"],
                                                 "bob secret offer")],
            }
            root = SocketApi(serve.info["api_socket"])
            assert root.call("PATCH", "/accounts/mwt-alice", body={"releases_limit": RELEASES_LIMIT}).status == 200
            cfg = HostConfig(api_socket=serve.info["api_socket"], users=("mwt-alice", "mwt-bob"),
                             cpanel_root=str(tree))
            with PluginHost(cfg) as host:
                yield World(serve, host, held, outbox)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def alice_page(world: World, browser: Any) -> Iterator[Any]:
    """A fresh browser context logged in to cPanel as mwt-alice, on the Mailward page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(world.host.cpanel_url("mwt-alice"))
        page.wait_for_selector("#quarantine-table tbody tr[data-email-id]")
        yield page
    finally:
        context.close()


def rows(page: Any) -> list[str]:
    """Email ids listed on the quarantine tab."""
    return page.eval_on_selector_all("#quarantine-table tbody tr[data-email-id]",
                                     "rs => rs.map(r => r.getAttribute('data-email-id'))")


FETCH = """async ([method, query, headers, body]) => {
  const init = {method, headers, credentials: 'same-origin'};
  if (body !== null) { init.body = body; }
  const r = await fetch('index.live.py?' + query, init);
  return [r.status, await r.text()];
}"""


def crafted(page: Any, method: str, query: str, csrf: bool = True, body: Any = None) -> tuple[int, str]:
    """A request made by script in the page's own context (same origin, same session cookie)."""
    headers = {"X-Mailward-CSRF": page.get_attribute("#mailward-app", "data-csrf")} if csrf else {}
    if body is not None:
        headers["Content-Type"] = "application/json"
    status, text = page.evaluate(FETCH, [method, query, headers, None if body is None else json.dumps(body)])
    return int(status), str(text)


def test_cpanel_user_sees_only_own_mail_and_every_tab(world: World, alice_page: Any) -> None:
    page = alice_page
    shots = artifacts_dir()
    assert page.text_content("#cp-user") == "mwt-alice"  # wrapped in the (fake) LiveAPI chrome
    assert sorted(rows(page)) == sorted(world.held["mwt-alice"])
    assert "bob secret offer" not in page.content()
    # the quota loads with its own request: wait for it (Playwright's deadline) rather than read it mid-load
    page.wait_for_function("document.getElementById('release-quota').getAttribute('data-left') !== null")
    assert page.text_content("#release-quota") == f"{RELEASES_LIMIT} of {RELEASES_LIMIT} releases left this hour"
    page.screenshot(path=str(shots / "cpanel-quarantine.png"), full_page=True)

    page.click(f'tr[data-email-id="{world.held["mwt-alice"][0]}"] button:has-text("View")')
    page.wait_for_function("document.getElementById('mv-content').textContent.includes('GTUBE')")
    page.click("#mv-headers")
    page.wait_for_function("document.getElementById('mv-content').textContent.includes('Subject: alice offer')")
    page.click("#mv-raw")
    page.wait_for_function("document.getElementById('mv-content').textContent.includes('Message-ID:')")
    page.screenshot(path=str(shots / "cpanel-message-view.png"), full_page=True)
    page.click("#mv-close")

    page.focus("#tab-quarantine")
    page.keyboard.press("ArrowRight")  # keyboard navigation between tabs
    assert page.get_attribute("#tab-activity", "aria-selected") == "true"
    page.wait_for_selector("#am-table:not([aria-busy]) tbody tr td")
    page.screenshot(path=str(shots / "cpanel-activity.png"), full_page=True)
    activity = page.text_content("#am-table tbody")
    assert "mwt-alice" in activity and "mwt-bob" not in activity
    heads = page.locator("#am-table thead th")
    assert (heads.nth(6).text_content(), heads.last.text_content()) == ("Sending history", "Contained")  # issue 19
    assert page.locator("#am-table tbody tr:first-child td").count() == 8
    assert page.locator("#am-table tbody tr:first-child td").nth(6).text_content() in ("new", "learning")  # fresh
    for width, height in ((1366, 768), (390, 844)):  # the Sending history column on a laptop and a phone
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(shots / f"cpanel-activity-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.keyboard.press("ArrowRight")  # Statistics
    page.wait_for_selector("#st-table tfoot tr")
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("#settings-account tbody tr")
    page.wait_for_selector("#settings-limits tbody tr")
    assert "mwt-alice" in page.text_content("#settings-account")
    page.screenshot(path=str(shots / "cpanel-settings.png"), full_page=True)


def test_cpanel_page_asks_for_each_module_once_by_its_content_hash(world: World, browser: Any) -> None:
    """cPanel's web server caches the page's modules under fixed names; the page asks for every module and style
    sheet by its content hash (the import map covers the modules' own imports), so a browser cannot mix an old
    cached module with new ones after an upgrade."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    asked: list[str] = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("request", lambda request: asked.append(request.url))
        page.goto(world.host.cpanel_url("mwt-alice"))
        page.wait_for_selector("#quarantine-table tbody tr[data-email-id]")
    finally:
        context.close()
    assets = [u.split("/assets/", 1)[1] for u in asked if "/assets/" in u]
    modules = sorted(p.name for p in (REPO / "cpanel_plugin" / "assets").glob("*.js"))
    assert sorted(a.split("?", 1)[0] for a in assets if ".js" in a) == modules  # each module once
    assert all("?v=" in a for a in assets), assets


def test_crafted_requests_cannot_reach_another_account(world: World, alice_page: Any) -> None:
    bob_id = world.held["mwt-bob"][0]
    own = world.held["mwt-alice"][-1]
    for method, query, want in [
        ("GET", f"api=/emails/{bob_id}", 404),
        ("GET", f"api=/emails/{bob_id}/raw", 404),
        ("POST", f"api=/emails/{bob_id}/release", 404),
        ("DELETE", f"api=/emails/{bob_id}", 404),
        # the page names its own account in every call (issue 19): naming another gets its own mail, never bob's
        ("GET", "api=/emails&account=mwt-bob", 200),
        ("GET", f"api=/emails/{bob_id}&account=mwt-bob", 404),
        ("GET", "api=/accounts/mwt-bob", 403),
        ("GET", "api=/am/stats&account_name=mwt-bob", 200),
        ("GET", "api=/am/contained&account_name=mwt-bob", 200),
        ("GET", "api=/accounts/mwt-bob/release-policy", 403),
        ("PATCH", "api=/accounts/mwt-alice", 403),  # the proxy forwards no admin edits, only digest choices
        ("GET", "api=/whitelist/sender", 404),
    ]:
        status, text = crafted(alice_page, method, query)
        assert status == want, (method, query, status, text)
        assert "bob secret offer" not in text and "bob.example" not in text and '"mwt-bob"' not in text
    status, _ = crafted(alice_page, "DELETE", f"api=/emails/{own}", csrf=False)
    assert status == 403  # no CSRF header, no state change
    listing = crafted(alice_page, "GET", "api=/emails")
    assert listing[0] == 200 and {m["account_name"] for m in json.loads(listing[1])["items"]} == {"mwt-alice"}
    assert world.api().get(f"/emails/{bob_id}").json["status"] == "quarantined"
    assert world.api().get(f"/emails/{own}").json["status"] == "quarantined"


def test_the_owner_chooses_its_digest_on_the_settings_tab(world: World, alice_page: Any) -> None:
    page = alice_page
    page.click("#tab-settings")
    page.wait_for_selector("#settings-limits tbody tr")
    assert page.input_value("#digest-frequency") == "default" and page.input_value("#digest-address") == ""
    page.select_option("#digest-frequency", "hourly")
    page.fill("#digest-address", "owner@alice.example")
    page.click("#digest-save")
    page.wait_for_selector("#digest-result .alert-success")
    page.screenshot(path=str(artifacts_dir() / "cpanel-digest.png"), full_page=True)
    root = world.api()
    mine = root.get("/accounts/mwt-alice").json
    assert (mine["digest"], mine["digest_address"]) == ("hourly", "owner@alice.example")
    (edit, *_) = root.get("/audit?action=account.edit&account=mwt-alice").json["items"]
    assert edit["actor"]["account"] == "mwt-alice" and edit["interface"] == "cpanel"

    for query, body in [("api=/accounts/mwt-bob", {"digest": "off"}),  # the API: another account
                        ("api=/accounts/mwt-alice", {"digest": "off", "releases_limit": 100})]:  # the proxy
        status, text = crafted(page, "PATCH", query, body=body)
        assert status == 403, (query, status, text)
    assert root.get("/accounts/mwt-bob").json["digest"] == "default"
    assert root.get("/accounts/mwt-alice").json["digest"] == "hourly"

    page.select_option("#digest-frequency", "default")  # back as it was, for the module's other tests
    page.fill("#digest-address", "")
    page.click("#digest-save")
    page.wait_for_function("!document.getElementById('digest-save').disabled")
    assert root.get("/accounts/mwt-alice").json["digest_address"] == ""


def test_release_limit_is_shown_and_enforced(world: World, alice_page: Any) -> None:
    page = alice_page
    ids = rows(page)
    for left in range(RELEASES_LIMIT - 1, -1, -1):
        released = ids[0]
        page.click(f'tr[data-email-id="{released}"] button:has-text("Release")')
        page.wait_for_selector("#confirm[open]")  # a release is confirmed first
        page.click("#confirm-ok")
        # the quota and the list are refreshed separately: wait for both before reading the rows again
        page.wait_for_function(f"document.getElementById('release-quota').getAttribute('data-left') === '{left}'"
                               f" && !document.querySelector('tr[data-email-id=\"{released}\"]')")
        page.wait_for_selector("#quarantine-table:not([aria-busy]) tbody tr[data-email-id]")
        ids = rows(page)
    quota = page.text_content("#release-quota")
    assert quota.startswith(f"0 of {RELEASES_LIMIT} releases left this hour: you can release again at "), quota
    assert quota.endswith("(your time)."), quota
    assert len(list(world.outbox.iterdir())) == RELEASES_LIMIT

    # no release left: the button is off and says until when, instead of failing after a click
    page.wait_for_function(f'document.querySelector(\'tr[data-email-id="{ids[0]}"] button.mw-release\').disabled')
    page.screenshot(path=str(artifacts_dir() / "cpanel-release-limit.png"), full_page=True)
    status, text = crafted(page, "POST", f"api=/emails/{ids[0]}/release")
    assert status == 429, text
    assert len(list(world.outbox.iterdir())) == RELEASES_LIMIT
    assert world.api().get(f"/emails/{ids[0]}").json["status"] == "quarantined"

    page.click(f'tr[data-email-id="{ids[0]}"] button:has-text("Delete")')
    page.wait_for_selector("#confirm[open]")
    page.click("#confirm-ok")
    page.wait_for_function(f"!document.querySelector('tr[data-email-id=\"{ids[0]}\"]')")
    assert world.api().get(f"/emails/{ids[0]}").status == 404  # gone for the admin too


def test_local_mode_refuses_a_wrong_session_token(world: World, browser: Any) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        wrong = world.host.cpanel_url("mwt-alice").replace(world.host.config.token, "0000000000"
                                                            if world.host.config.token != "0000000000" else "1")
        assert page.goto(wrong).status == 403
    finally:
        context.close()


def test_whm_page_tabs(world: World, browser: Any) -> None:
    if not world.host.config.whm_cgi.is_file():
        pytest.skip("the WHM plugin (whm_plugin/cgi/index.cgi) is not there yet")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        answer = page.goto(world.host.whm_url())
        assert answer is not None and answer.status == 200
        page.wait_for_load_state("networkidle")
        shots = artifacts_dir()
        page.screenshot(path=str(shots / "whm-tabs-0-start.png"), full_page=True)
        tabs = page.query_selector_all('[role="tab"]')
        for i, tab in enumerate(tabs, 1):
            if not tab.is_visible():
                continue  # a sub-tab of a pane not shown
            name = "".join(c if c.isalnum() else "-" for c in (tab.text_content() or f"tab{i}").strip().lower())
            tab.click()
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(shots / f"whm-tabs-{i}-{name}.png"), full_page=True)
    finally:
        context.close()
