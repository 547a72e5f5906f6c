"""The WHM and cPanel pages as a hosting admin and a customer use them (issue 18), in real headless Chromium.

One world for the module (tests/functional/ui_world.py: a real `mailward serve` holding 68 messages of five
accounts, the emulated cpsrvd in front of it) and one browser. Every page state reached is checked with axe-core
(offline copy, tests/functional/vendor/axe-core) for serious and critical violations, and, at 1366x768 and 390x844,
that its action buttons lie within the viewport. Screenshots land in test-artifacts/screenshots.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.functional.axe_check import assert_accessible, assert_inside_viewport
from tests.functional.conftest import SystemUser
from tests.functional.plugin_fixtures import artifacts_dir, browser_requirements
from tests.functional.ui_world import LIMITED, SHOP_SCRIPT, UiWorld, seed_bulk, ui_world

pytestmark = [pytest.mark.functional, pytest.mark.slow,
              pytest.mark.skipif(bool(browser_requirements()), reason=browser_requirements() or "ok")]

TIMEOUT_MS = 30_000
LAPTOP, PHONE = (1366, 768), (390, 844)
#: 1280 px wide WHM minus its left menu (about 230 px): what the plugin's frame gets on a small laptop.
IN_WHM = (1050, 768)
CPANEL = "#mailward-app"  # the plugin's part of the cPanel page (the chrome around it is cPanel's)


@pytest.fixture(scope="module")
def world(system_users: dict[str, SystemUser]) -> Iterator[UiWorld]:
    with ui_world(system_users) as w:
        yield w


def open_page(browser: Any, url: str, size: tuple[int, int], locale: str = "en-US", timezone: str = "") -> Any:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale=locale,
                                  **({"timezone_id": timezone} if timezone else {}))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    answer = page.goto(url)
    assert answer is not None and answer.status == 200
    return page


def whm(world: UiWorld, browser: Any, size: tuple[int, int] = LAPTOP, tab: str = "", **kw: str) -> Any:
    page = open_page(browser, world.host.whm_url() + (f"#{tab}" if tab else ""), size, **kw)
    if not tab or tab == "quarantine":
        page.wait_for_selector("#q-table tbody tr[data-email-id]")
    return page


def cpanel(world: UiWorld, browser: Any, user: str = "mwt-alice", size: tuple[int, int] = LAPTOP, **kw: str) -> Any:
    page = open_page(browser, world.host.cpanel_url(user), size, **kw)
    page.wait_for_selector("#quarantine-table:not([aria-busy]) tbody tr[data-email-id]")
    return page


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(artifacts_dir() / f"{name}.png"), full_page=False)


def api_requests(page: Any, method: str, path: str) -> list[Any]:
    """Start recording the page's `method` calls of API path (as the CGI gets them); the list fills as they go."""
    seen: list[Any] = []
    quoted = "api=" + path.replace("/", "%2F")
    page.on("request", lambda r: seen.append(r) if r.method == method and f"{quoted}&" in r.url + "&" else None)
    return seen


# ------------------------------------------------------------------------------------------------ WHM: S1


def test_settings_form_is_locked_while_loading_and_saves_only_what_changed(world: UiWorld, browser: Any) -> None:
    """Item 1: Save during a slow load sends nothing; bad numbers are refused in words; a save sends the changed
    field only, so the server's other limits, its mode and dry run stay as they were."""
    root = world.api()
    assert root.call("PATCH", "/am/server-settings", body={"account": 500, "domain": 200, "limit_mode": 2,
                                                             "dry_run": True}).status == 200
    before = root.get("/am/server-settings").json
    page = open_page(browser, world.host.whm_url(), LAPTOP)
    held: list[Any] = []
    released = threading.Event()

    def hold_get(route: Any) -> None:
        if route.request.method == "GET" and not released.is_set():
            held.append(route)  # answered later: the form stays in its loading state meanwhile
        else:
            route.continue_()

    page.route(re.compile(r"api=%2Fam%2Fserver-settings"), hold_get)
    patches = api_requests(page, "PATCH", "/am/server-settings")
    page.click("#tab-settings")
    page.wait_for_selector("#ams-state .text-muted")
    assert "Loading the current server limits" in page.text_content("#ams-state")
    assert page.is_disabled("#ams-form button[type=submit]") and page.is_disabled("#ams-account")
    page.evaluate("document.getElementById('ams-form').requestSubmit()")  # Enter, or a script: still nothing
    assert_accessible(page, "WHM settings while loading")
    shot(page, "whm-settings-loading-1366")
    assert held, "the GET is held back"
    released.set()
    held[0].continue_()
    page.wait_for_function("!document.getElementById('ams-fields').disabled")
    assert page.input_value("#ams-account") == "500"
    assert page.is_checked("#ams-mode-2") and page.is_checked("#ams-dry_run")
    assert patches == []

    page.fill("#ams-domain", "1.7")
    page.fill("#ams-script", "")
    page.click("#ams-form button[type=submit]")
    page.wait_for_selector("#ams-result .alert-danger")
    text = page.text_content("#ams-result")
    assert "Nothing was saved" in text and "Domain per hour: enter a whole number" in text
    assert "PHP script per hour: enter a number (0 for unlimited)" in text
    assert page.get_attribute("#ams-domain", "aria-invalid") == "true" and patches == []
    assert page.evaluate("document.activeElement.id") in ("ams-result", "ams-domain")
    shot(page, "whm-settings-invalid-1366")

    page.fill("#ams-domain", "40")
    page.fill("#ams-script", str(before["script"]))
    with page.expect_response(lambda r: "api=%2Fam%2Fserver-settings" in r.url and r.request.method == "PATCH"):
        page.click("#ams-form button[type=submit]")
    page.wait_for_selector("#ams-result .alert-success")
    assert [json.loads(r.post_data) for r in patches] == [{"domain": 40}]
    after = root.get("/am/server-settings").json
    assert after == {**before, "domain": 40}
    # the result is beside the form the admin used, focused, and no other form shows one
    assert page.evaluate("document.activeElement.id") == "ams-result"
    assert page.text_content("#qd-result") == "" and page.text_content("#fs-result") == ""
    assert_accessible(page, "WHM settings saved")
    page.context.close()
    root.call("PATCH", "/am/server-settings", body={"account": 0, "domain": 0, "limit_mode": 1, "dry_run": False})


def test_settings_load_error_keeps_the_form_locked_and_says_what_to_check(world: UiWorld, browser: Any) -> None:
    page = open_page(browser, world.host.whm_url(), LAPTOP)
    page.route(re.compile(r"api=%2Fquarantine-defaults"), lambda route: route.fulfill(
        status=502, content_type="text/html", body="<html><body><h1>502 Bad Gateway</h1></body></html>"))
    patches = api_requests(page, "PATCH", "/quarantine-defaults")
    page.click("#tab-settings")
    page.wait_for_selector("#qd-state .alert-danger")
    text = page.text_content("#qd-state")
    assert "could not be loaded, so this form is locked" in text and "ie-config status" in text
    assert "<html" not in text and "Bad Gateway" not in text
    assert page.is_disabled("#qd-form button[type=submit]") and page.is_disabled("#qd-restore")
    page.evaluate("document.getElementById('qd-form').requestSubmit()")
    assert patches == []
    shot(page, "whm-settings-load-error-1366")
    assert_accessible(page, "WHM settings load error")
    page.unroute(re.compile(r"api=%2Fquarantine-defaults"))
    page.click("#qd-state button:has-text('Try again')")
    page.wait_for_function("!document.getElementById('qd-fields').disabled")
    assert page.input_value("#qd-limit") == "100"
    page.context.close()


@pytest.mark.parametrize("size", [LAPTOP, IN_WHM, PHONE], ids=["1366", "1050-in-whm", "390"])
def test_quarantine_actions_are_on_screen(world: UiWorld, browser: Any, size: tuple[int, int]) -> None:
    """Item 2 and 7: Release and Delete of every row within the viewport's width, with long subjects and many
    recipients, at 1366 px, in WHM's frame at 1280 px (menu beside it), and on a phone (one card per message)."""
    page = whm(world, browser, size)
    try:
        assert page.locator("#q-table tbody tr[data-email-id]").count() == 25
        checked = assert_inside_viewport(page, "#q-table tbody .mw-actions .btn", f"WHM quarantine {size[0]}")
        assert checked == 75
        assert_inside_viewport(page, "#q-release, #q-delete", f"WHM toolbar {size[0]}")
        first = page.locator("#q-table tbody tr[data-email-id]").first
        box = first.locator("button:has-text('Delete')").bounding_box()
        assert box is not None and box["y"] + box["height"] <= page.evaluate("document.documentElement.scrollHeight")
        rtl = page.locator("#q-table tbody td.mw-subject bdi[dir=auto]").count()
        assert rtl == 25, "subjects are isolated in their own direction"
        shot(page, f"whm-quarantine-{size[0]}")
        first.scroll_into_view_if_needed()
        shot(page, f"whm-quarantine-{size[0]}-rows")
        assert_accessible(page, f"WHM quarantine {size[0]}")
    finally:
        page.context.close()


def test_results_appear_beside_the_action_and_clear(world: UiWorld, browser: Any) -> None:
    """Item 3: a result shows next to what the admin did, gets focus, and is cleared by the next action or tab."""
    page = whm(world, browser, LAPTOP, "settings")
    page.wait_for_function("!document.getElementById('qd-fields').disabled")
    page.fill("#qd-releases", "7")
    page.click("#qd-form button[type=submit]")
    page.wait_for_selector("#qd-result .alert-success")
    assert page.evaluate("document.activeElement.id") == "qd-result"
    form = page.locator("#qd-form").bounding_box()
    result = page.locator("#qd-result").bounding_box()
    assert form and result and form["y"] <= result["y"] <= form["y"] + form["height"], "inside its own panel"
    assert page.text_content("#ams-result") == "" and page.text_content("#acc-result") == ""
    shot(page, "whm-settings-result-beside-form-1366")
    page.fill("#qd-releases", "x")
    page.click("#qd-form button[type=submit]")
    page.wait_for_selector("#qd-result .alert-danger")
    assert "Quarantine defaults saved." not in page.text_content("#qd-result"), "the old success is gone"
    page.click("#tab-quarantine")
    page.click("#tab-settings")
    assert page.text_content("#qd-result") == ""
    world.api().call("PATCH", "/quarantine-defaults", body={"releases_limit": -1})
    page.context.close()


# ------------------------------------------------------------------------------------------------ WHM: S2


def test_failures_are_told_in_words_not_api_text(world: UiWorld, browser: Any) -> None:
    """Item 4: a message deleted meanwhile, an HTML error page, and a sender limit typed with decimals."""
    page = whm(world, browser, LAPTOP)
    page.fill("#q-account", "blogger")  # blogger's mail: the other tests do not look for it
    with page.expect_response(lambda r: "api=%2Femails" in r.url and "account=blogger" in r.url):
        page.click("#q-filters button[type=submit]")
    page.wait_for_selector("#q-table tbody tr[data-email-id]")
    (gone, *_) = page.eval_on_selector_all("#q-table tbody tr[data-email-id]",
                                           "rs => rs.map(r => r.getAttribute('data-email-id'))")
    subject = page.text_content(f"tr[data-email-id='{gone}'] td.mw-subject")
    assert world.api().call("DELETE", f"/emails/{gone}").status == 200  # someone else deleted it meanwhile
    page.check(f"tr[data-email-id='{gone}'] input[type=checkbox]")
    page.click("#q-delete")
    page.click("#mw-dialog-ok")
    page.wait_for_selector("#q-result .alert-warning")
    text = page.text_content("#q-result")
    assert "0 messages deleted. 1 could not be deleted:" in text
    assert re.search(f"1 (no longer in the quarantine|already released or deleted): \u201c{re.escape(subject)}\u201d",
                     text), text
    assert gone not in text and "not_found" not in text
    assert page.evaluate("document.activeElement.id") == "q-result"
    shot(page, "whm-bulk-failure-in-words-1366")

    page.route(re.compile(r"api=%2Femails&"), lambda route: route.fulfill(
        status=502, content_type="text/html", body="<html><body>Bad Gateway</body></html>"))
    page.click("#q-filters button[type=submit]")
    page.wait_for_selector("#q-result .alert-danger")
    text = page.text_content("#q-result")
    assert "The quarantine could not be loaded." in text and "ie-config status" in text and "<html" not in text
    assert page.text_content("#q-pager") == "", "no pager for a list that did not load"
    assert_accessible(page, "WHM quarantine load error")
    page.unroute(re.compile(r"api=%2Femails&"))
    page.context.close()


def test_selection_never_follows_the_admin_to_another_page(world: UiWorld, browser: Any) -> None:
    """Item 8: "Select all" selects this page; on the next page nothing is selected and nothing can be deleted."""
    page = whm(world, browser, LAPTOP)
    page.check("#q-all")
    assert page.text_content("#q-selected") == "25 of 25 on this page selected"
    assert page.locator("#q-table tbody input[type=checkbox]:checked").count() == 25
    assert not page.is_disabled("#q-delete")
    with page.expect_response(lambda r: "api=%2Femails" in r.url):
        page.click("#q-pager button:has-text('Next')")
    page.wait_for_selector("#q-table tbody tr[data-email-id]")
    assert page.text_content("#q-selected") == ""
    assert page.locator("#q-table tbody input[type=checkbox]:checked").count() == 0
    assert page.is_disabled("#q-delete") and page.is_disabled("#q-release") and not page.is_checked("#q-all")
    page.check("#q-table tbody tr[data-email-id] input[type=checkbox]")
    assert page.text_content("#q-selected") == "1 of 25 on this page selected"
    page.click("#q-clear")
    assert page.text_content("#q-selected") == "" and page.is_disabled("#q-delete")
    page.context.close()


def test_activity_monitor_warns_only_while_a_sender_is_at_its_limit(world: UiWorld, browser: Any) -> None:
    """Item 9: held for its limit of 2 after sending 2: red; limit raised to 50: no warning, the hold is a note."""
    page = whm(world, browser, LAPTOP, "activity")
    page.wait_for_selector("#am-table tbody button.mw-toggle")
    page.click("#am-expand")
    row = page.locator(f"#am-table tbody tr[data-object='{LIMITED}']")
    row.wait_for()
    cell = row.locator("td").nth(2)
    assert "mw-over" in (cell.get_attribute("class") or "") and "2 sent in the last 60 min" in cell.text_content()
    assert "1 held for its limit" in cell.text_content()
    shot(page, "whm-activity-at-limit-1366")
    assert_accessible(page, "WHM activity monitor")
    row.get_by_role("button", name=re.compile("Update sender limit")).click()
    page.check("input[name=mw-limit-mode][value=custom]")
    page.fill("#mw-limit-value", "1.5")
    page.click("#mw-dialog-ok")
    page.wait_for_selector("#mw-dialog-msg .alert-danger")
    assert "whole number" in page.text_content("#mw-dialog-msg")
    page.fill("#mw-limit-value", "50")
    page.click("#mw-dialog-ok")
    page.wait_for_selector("#am-result .alert-success")
    row = page.locator(f"#am-table tbody tr[data-object='{LIMITED}']")
    cell = row.locator("td").nth(2)
    assert "50" in cell.text_content() and "mw-over" not in (cell.get_attribute("class") or "")
    assert "\u26a0" not in cell.text_content() and "1 held for its limit in this timeframe" in cell.text_content()
    shot(page, "whm-activity-limit-raised-1366")
    page.context.close()


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366", "390"])
def test_unfiltered_server_is_an_unmistakable_banner_with_the_fix(world: UiWorld, browser: Any,
                                                                 size: tuple[int, int]) -> None:
    """Item 10: the world's serve has no working Exim hook (its scan address is port 0): mail is not filtered."""
    page = whm(world, browser, size)
    banner = page.wait_for_selector("#mw-banner:not([hidden])")
    text = banner.inner_text()
    assert text.startswith("Mail on this server is not being filtered")
    assert "ie-config enable" in text and "ie-config status" in text
    assert "alert-danger" in (banner.get_attribute("class") or "")
    assert_inside_viewport(page, "#mw-banner code", f"banner {size[0]}")
    shot(page, f"whm-unfiltered-banner-{size[0]}")
    page.context.close()


# ------------------------------------------------------------------------------------------------ WHM: parity


def test_go_to_quarantine_shows_only_that_script_and_root_only_its_own(world: UiWorld, browser: Any) -> None:
    """Item 13: the form's reset no longer sends a second, unfiltered request that wins; scripts filter."""
    page = whm(world, browser, LAPTOP, "activity")
    page.wait_for_selector("#am-table tbody button.mw-toggle")
    page.click("#am-expand")
    lists = api_requests(page, "GET", "/emails")
    page.locator(f"#am-table tbody tr[data-object='{SHOP_SCRIPT}']").get_by_role(
        "button", name=re.compile("Go to quarantine")).click()
    page.wait_for_selector("#pane-quarantine:not([hidden])")
    page.wait_for_function("document.querySelector('#q-pager .mw-showing')")
    page.wait_for_load_state("networkidle")
    assert len(lists) == 1 and "script=" in lists[0].url, [r.url for r in lists]
    assert page.text_content("#q-pager .mw-showing") == "Showing 1\u201316 of 16"  # 15 seeded + 1 scanned
    accounts = page.eval_on_selector_all("#q-table tbody td.mw-account", "cs => cs.map(c => c.textContent)")
    assert set(accounts) == {"shopco"} and page.input_value("#q-script") == SHOP_SCRIPT
    assert world.extra["script_held"] in page.eval_on_selector_all(
        "#q-table tbody tr[data-email-id]", "rs => rs.map(r => r.getAttribute('data-email-id'))")
    shot(page, "whm-go-to-quarantine-script-1366")

    page.fill("#q-script", "")
    page.fill("#q-account", "root")
    with page.expect_response(lambda r: "api=%2Femails" in r.url):
        page.click("#q-filters button[type=submit]")
    page.wait_for_function("document.querySelector('#q-pager .mw-showing')")
    accounts = page.eval_on_selector_all("#q-table tbody td.mw-account", "cs => cs.map(c => c.textContent)")
    assert accounts == ["root"] * 5, "root's own mail, not every account's"
    page.context.close()


def test_account_dialog_turns_incoming_off_and_shows_own_values(world: UiWorld, browser: Any) -> None:
    """Items 15 and 18: incoming filtration per account in WHM; an edit sends only what changed, and the table
    says per field which values are the account's own."""
    page = whm(world, browser, LAPTOP, "settings")
    row = page.locator("#acc-table tbody tr[data-account='blogger']")
    row.wait_for()
    assert row.locator("td").nth(0).text_content().endswith("default")
    patches = api_requests(page, "PATCH", "/accounts/blogger")
    row.get_by_role("button", name="Edit blogger").click()
    page.uncheck("#mw-acc-incoming")
    page.fill("#mw-acc-rel", "9")
    page.click("#mw-dialog-ok")
    page.wait_for_selector("#acc-result .alert-success")
    assert [json.loads(r.post_data) for r in patches] == [{"incoming": False, "releases_limit": 9}]
    acc = world.api().get("/accounts/blogger").json
    assert acc["incoming"] is False and acc["own_fields"] == ["releases_limit"]
    row = page.locator("#acc-table tbody tr[data-account='blogger']")
    assert "own" in row.locator("td").nth(3).text_content() and "default" in row.locator("td").nth(0).text_content()
    assert "incoming off" in row.text_content()
    assert_accessible(page, "WHM accounts")
    world.api().call("PATCH", "/accounts/blogger", body={"incoming": True, "releases_limit": -1})
    page.context.close()


# ------------------------------------------------------------------------------------------------ cPanel


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366", "390"])
def test_cpanel_page_fits_the_screen_with_cards_on_a_phone(world: UiWorld, browser: Any,
                                                          size: tuple[int, int]) -> None:
    """Item 7: no sideways scrolling, every action within the screen, one card per message on a phone."""
    page = cpanel(world, browser, size=size)
    rows = page.locator("#quarantine-table tbody tr[data-email-id]").count()
    assert rows == 25
    assert assert_inside_viewport(page, "#quarantine-table tbody .mw-actions .btn", f"cPanel {size[0]}") >= 2 * rows
    if size == PHONE:
        assert page.evaluate("getComputedStyle(document.querySelector('#quarantine-table tbody tr')).display") == "flex"
    else:  # the row's buttons side by side, not one above the other
        tops = page.eval_on_selector(
            "#quarantine-table tbody tr[data-email-id]:has(button.mw-release) .mw-actions",
            "td => Array.from(td.querySelectorAll('.btn')).map(b => Math.round(b.getBoundingClientRect().top))")
        assert len(set(tops)) == 1, tops
    shot(page, f"cpanel-quarantine-{size[0]}")
    assert_accessible(page, f"cPanel quarantine {size[0]}", CPANEL)
    page.context.close()


def test_cpanel_viewer_is_a_dialog_with_details_and_actions(world: UiWorld, browser: Any) -> None:
    """Item 6: the viewer opens in view, says which view is shown, and can release or delete."""
    for size in (LAPTOP, PHONE):
        page = cpanel(world, browser, size=size)
        page.locator("#quarantine-table tbody tr[data-email-id] button:has-text('View')").first.click()
        page.wait_for_selector("#message-view[open]")
        page.wait_for_function("document.getElementById('mv-content').textContent !== 'Loading\u2026'")
        box = page.locator("#message-view").bounding_box()
        assert box and box["y"] >= 0 and box["y"] + 40 < size[1], box
        assert box["x"] >= 0 and box["x"] + box["width"] <= size[0], box
        meta = page.text_content("#mv-meta")
        assert "From" in meta and "Why it was held" in meta and "Received" in meta
        assert page.get_attribute("#mv-body", "aria-pressed") == "true"
        page.click("#mv-headers")
        page.wait_for_function("document.getElementById('mv-content').textContent.includes('Subject:')")
        assert page.get_attribute("#mv-headers", "aria-pressed") == "true"
        assert page.get_attribute("#mv-body", "aria-pressed") == "false"
        assert page.is_visible("#mv-release") and page.is_visible("#mv-delete")
        assert_inside_viewport(page, "#message-view .mw-dialog-foot .btn", f"cPanel viewer {size[0]}")
        shot(page, f"cpanel-viewer-{size[0]}")
        assert_accessible(page, f"cPanel viewer {size[0]}", CPANEL)
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('message-view').open")
        page.context.close()


def test_html_body_is_shown_formatted_in_a_sandbox_that_fetches_nothing(world: UiWorld, browser: Any) -> None:
    """Item 11: structure and link addresses kept, shown in a sandboxed frame; the tracking pixel is never loaded."""
    items = world.api().get("/emails?account=mwt-alice&limit=25").json["items"]
    html_id = next(i["email_id"] for i in items if world.api().get(f"/emails/{i['email_id']}").json["html"])
    page = cpanel(world, browser)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "example.net" in r.url else None)
    page.click(f"tr[data-email-id='{html_id}'] button:has-text('View')")
    page.wait_for_selector("#mv-html:not([hidden])")
    assert page.get_attribute("#mv-html", "sandbox") == ""
    frame = page.frame_locator("#mv-html")
    assert frame.locator("h1").text_content() == "Special offer"
    assert frame.locator("li").count() == 2
    assert "[https://offers.example.net/deal?id=1]" in frame.locator("body").text_content()
    assert frame.locator("a, img, script").count() == 0
    assert fetched == []
    shot(page, "cpanel-viewer-html-1366")
    assert_accessible(page, "cPanel HTML view", CPANEL)
    page.context.close()


def test_cpanel_release_is_confirmed_and_stops_with_a_local_time(world: UiWorld, browser: Any) -> None:
    """Item 5: Release asks first (Cancel sends nothing); once the hour's releases are used, the buttons are off
    and the page says, in the customer's time, when the next release is possible."""
    page = cpanel(world, browser)
    page.wait_for_function("document.getElementById('release-quota').getAttribute('data-left') !== null")
    first = page.locator("#quarantine-table tbody tr[data-email-id]", has=page.locator("button.mw-release")).first
    email_id = first.get_attribute("data-email-id")
    first.locator("button.mw-release").click()
    page.wait_for_selector("#confirm[open]")
    assert "You have 2 releases left this hour." in page.text_content("#confirm-text")
    shot(page, "cpanel-release-confirm-1366")
    assert_accessible(page, "cPanel release confirmation", CPANEL)
    page.click("#confirm-cancel")
    assert world.api().get(f"/emails/{email_id}").json["status"] == "quarantined"
    assert not list(world.outbox.iterdir())
    for _ in range(2):
        row = page.locator("#quarantine-table tbody tr[data-email-id]", has=page.locator("button.mw-release")).first
        row.locator("button.mw-release").click()
        page.click("#confirm-ok")
        page.wait_for_selector("#mailward-alert .alert-success")
    page.wait_for_function("document.getElementById('release-quota').getAttribute('data-left') === '0'")
    quota = page.text_content("#release-quota")
    assert re.search(r"you can release again at \d{1,2}:\d{2}( [AP]M)? \(your time\)\.$", quota), quota
    assert "UTC" not in quota
    buttons = page.locator("#quarantine-table tbody button.mw-release")
    assert buttons.count() > 0 and all(buttons.nth(i).is_disabled() for i in range(buttons.count()))
    shot(page, "cpanel-releases-used-1366")
    assert len(list(world.outbox.iterdir())) == 2
    page.context.close()


def test_cpanel_errors_are_words_with_a_next_step(world: UiWorld, browser: Any) -> None:
    """Item 4: an API that does not answer reaches the customer as words and "contact your hosting provider"."""
    page = cpanel(world, browser, user="mwt-bob")
    admin_only = page.locator("#quarantine-table tbody .mw-admin-only")
    assert admin_only.count() == 2, "winexec holds are the admin's to release"
    page.route(re.compile(r"api=%2Femails&"), lambda route: route.fulfill(
        status=503, content_type="application/json",
        body=json.dumps({"code": 503, "status": "service_unavailable",
                         "message": "the Mailward API is not reachable: ConnectionRefusedError", "errors": {}})))
    page.click("#quarantine-filter button[type=submit]")
    page.wait_for_selector("#quarantine-table tbody td.text-danger")
    text = page.text_content("#quarantine-table tbody")
    assert "contact your hosting provider" in text and "ConnectionRefusedError" not in text
    assert "API" not in text
    shot(page, "cpanel-error-in-words-1366")
    assert_accessible(page, "cPanel error", CPANEL)
    page.context.close()


def test_cpanel_shows_direction_and_its_own_incoming_figures(world: UiWorld, browser: Any) -> None:
    """Item 14: incoming holds are told apart; the Statistics tab and Settings show the account's own per-day
    figures through the proxy's /stats."""
    page = cpanel(world, browser)
    page.select_option("#q-direction", "incoming")
    with page.expect_response(lambda r: "api=%2Femails" in r.url and "direction=incoming" in r.url):
        page.click("#quarantine-filter button[type=submit]")
    page.wait_for_selector("#quarantine-table:not([aria-busy]) tbody tr[data-email-id]")
    reasons = page.eval_on_selector_all("#quarantine-table tbody tr[data-email-id] td:nth-child(5)",
                                        "cs => cs.map(c => c.textContent)")
    assert len(reasons) == 2 and all("(sent to you)" in r for r in reasons), reasons
    page.click("#tab-statistics")
    page.wait_for_selector("#st-table tfoot tr")
    assert page.locator("#st-table tbody tr").count() in (7, 8)
    assert int(page.text_content("#st-table tfoot td[data-label='Sent']").replace(",", "")) >= 3
    shot(page, "cpanel-statistics-1366")
    assert_accessible(page, "cPanel statistics", CPANEL)
    page.click("#tab-settings")
    page.wait_for_selector("#settings-incoming tbody tr")
    assert "Incoming mail to your addresses is filtered" in page.text_content("#incoming-state")
    shot(page, "cpanel-settings-1366")
    assert_accessible(page, "cPanel settings", CPANEL)
    page.context.close()


# ------------------------------------------------------------------------------------------------ item 11 and 18, rest

#: Both quarantines' filters, in order: the cPanel page has the same ones, WHM adds the admin's own around them.
SHARED_FILTERS = ["Sender", "Recipient", "Subject", "Reason", "Direction", "Received"]
WHM_FILTERS = ["Account", *SHARED_FILTERS, "PHP script", "Per page"]
TOKYO = "Asia/Tokyo"


def tokyo_when(epoch: int) -> str:
    """A regex of how en-US Chromium writes epoch in Tokyo with its zone (Intl dateStyle medium, timeStyle long)."""
    t = datetime.fromtimestamp(epoch, ZoneInfo(TOKYO))
    hour = t.hour % 12 or 12
    return (rf"{t.strftime('%b')} {t.day}, {t.year}, {hour}:{t.minute:02d}:{t.second:02d}[\s\u202f]"
            rf"{'AM' if t.hour < 12 else 'PM'} GMT\+9")


def open_filters(page: Any) -> None:
    """Unfold the search and filters (folded on a phone, as a person would tap them open)."""
    box = page.locator("details.mw-filter-box")
    if not box.evaluate("d => d.open"):
        box.locator("summary").click()


def filter_labels(page: Any, form: str) -> list[str]:
    return page.eval_on_selector_all(f"{form} label", "ls => ls.map(l => l.textContent.trim())")


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366", "390"])
def test_scores_show_their_threshold_and_the_viewer_its_time_zone(world: UiWorld, browser: Any,
                                                                 size: tuple[int, int]) -> None:
    """Item 11: "Score 1,009 (holds at 6)" in both quarantines and viewers, incoming holds against the incoming
    threshold; numbers with the locale's separators; the viewer's time in the viewer's zone, named; sizes in KB."""
    api = world.api()
    spam = next(i for i in api.get("/emails?account=mwt-alice&reason=spam&direction=outgoing&limit=5").json["items"])
    assert spam["score"] == 1009.0 and spam["hold_threshold"] == 6.0
    page = whm(world, browser, size, timezone=TOKYO)
    try:
        open_filters(page)
        page.fill("#q-account", "mwt-alice")
        page.select_option("#q-reason", "spam")
        with page.expect_response(lambda r: "api=%2Femails" in r.url and "reason=spam" in r.url):
            page.click("#q-filters button[type=submit]")
        page.wait_for_selector(f"#q-table tr[data-email-id='{spam['email_id']}']")
        scores = page.eval_on_selector_all("#q-table tbody td.mw-reasons .mw-score", "ss => ss.map(s => s.textContent)")
        assert set(scores) == {"Score 1,009 (holds at 6)", "Score 7.5 (holds at 6)"}, scores  # outgoing, incoming
        assert len(scores) == page.locator("#q-table tbody tr[data-email-id]").count()
        assert page.text_content("#q-table thead [data-zone]") == "(GMT+9)"
        page.click(f"#q-table tr[data-email-id='{spam['email_id']}'] button:has-text('View')")
        page.wait_for_selector("#mw-email:not([hidden])")
        meta = dict(zip(page.eval_on_selector_all("#mw-email-meta dt", "ds => ds.map(d => d.textContent)"),
                        page.eval_on_selector_all("#mw-email-meta dd", "ds => ds.map(d => d.textContent)"),
                        strict=True))
        assert meta["Score"] == "1,009 (holds at 6)"
        assert re.fullmatch(tokyo_when(spam["received_date"]), meta["Received"]), meta["Received"]
        assert re.fullmatch(r"\d+(\.\d)? KB", meta["Size"]), meta["Size"]
        shot(page, f"whm-viewer-score-{size[0]}")
        assert_accessible(page, f"WHM viewer with score {size[0]}")
        page.keyboard.press("Escape")
        shot(page, f"whm-quarantine-scores-{size[0]}")
        assert_accessible(page, f"WHM quarantine with scores {size[0]}")
    finally:
        page.context.close()

    page = cpanel(world, browser, size=size, timezone=TOKYO)
    try:
        open_filters(page)
        page.select_option("#q-direction", "incoming")
        with page.expect_response(lambda r: "api=%2Femails" in r.url and "direction=incoming" in r.url):
            page.click("#quarantine-filter button[type=submit]")
        page.wait_for_selector("#quarantine-table:not([aria-busy]) tbody tr[data-email-id]")
        scores = page.eval_on_selector_all("#quarantine-table tbody .mw-score", "ss => ss.map(s => s.textContent)")
        assert scores == ["Score 7.5 (holds at 6)"] * 2, scores  # incoming holds: the incoming threshold
        page.click("#quarantine-filter button[type=reset]")
        page.wait_for_selector(f"#quarantine-table:not([aria-busy]) tr[data-email-id='{spam['email_id']}']")
        row = page.locator(f"#quarantine-table tr[data-email-id='{spam['email_id']}']")
        assert row.locator(".mw-score").text_content() == "Score 1,009 (holds at 6)"
        assert page.text_content("#quarantine-table thead [data-zone]") == "(GMT+9)"
        row.locator("button:has-text('View')").click()
        page.wait_for_selector("#message-view[open]")
        meta = dict(zip(page.eval_on_selector_all("#mv-meta dt", "ds => ds.map(d => d.textContent)"),
                        page.eval_on_selector_all("#mv-meta dd", "ds => ds.map(d => d.textContent)"), strict=True))
        assert meta["Spam score"] == "1,009 (holds at 6)"
        assert re.fullmatch(tokyo_when(spam["received_date"]), meta["Received"]), meta["Received"]
        assert re.fullmatch(r"\d+(\.\d)? KB", meta["Size"]), meta["Size"]
        shot(page, f"cpanel-viewer-score-{size[0]}")
        assert_accessible(page, f"cPanel viewer with score {size[0]}", CPANEL)
    finally:
        page.context.close()


def test_numbers_follow_the_viewers_locale(world: UiWorld, browser: Any) -> None:
    """Item 11: thousands separators and decimals by Intl.NumberFormat in the admin's locale (German here)."""
    page = whm(world, browser, LAPTOP, locale="de-DE")
    try:
        scores = page.eval_on_selector_all("#q-table tbody td.mw-reasons .mw-score", "ss => ss.map(s => s.textContent)")
        assert "Score 1.009 (holds at 6)" in scores, scores
        page.click("#tab-settings")
        row = page.locator("#acc-table tbody tr[data-account='mwt-alice']")
        row.wait_for()
        capacity, used = (row.locator("td").nth(i).text_content() for i in (0, 1))
        assert capacity.startswith("100 MB"), capacity
        assert re.fullmatch(r"\d+(,\d)? KB", used), used
        shot(page, "whm-accounts-de-1366")
    finally:
        page.context.close()


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366", "390"])
def test_quarantine_filters_are_the_same_on_both_pages(world: UiWorld, browser: Any, size: tuple[int, int]) -> None:
    """Item 11: the same filters in the same order; a search that finds nothing says so and leaves no pager; a
    failed search leaves no pager; Reset goes back to every held message."""
    expected_total = {"whm": world.api().get("/emails?limit=1").json["max_count"],
                      "cpanel": world.api().get("/emails?account=mwt-alice&limit=1").json["max_count"]}
    for name, open_, form, table, pager in (
            ("whm", lambda: whm(world, browser, size), "#q-filters", "#q-table", "#q-pager"),
            ("cpanel", lambda: cpanel(world, browser, size=size), "#quarantine-filter", "#quarantine-table",
             "#q-pager")):
        page = open_()
        try:
            open_filters(page)
            labels = filter_labels(page, form)
            assert labels == (WHM_FILTERS if name == "whm" else SHARED_FILTERS), labels
            options = {f: page.eval_on_selector_all(f"#q-{f} option", "os => os.map(o => o.value)")
                       for f in ("reason", "direction", "since")}
            assert options == {"reason": ["", "spam", "winexec", "virus", "ratelimit", "contained"],
                               "direction": ["", "outgoing", "incoming"], "since": ["", "1h", "24h", "7d", "30d"]}
            total = f"of {expected_total[name]:,}"
            assert total in page.text_content(pager)

            page.fill("#q-subject", "no message has this subject")
            page.select_option("#q-since", "7d")
            with page.expect_response(lambda r: "api=%2Femails" in r.url and "since=7d" in r.url):
                page.click(f"{form} button[type=submit]")
            page.wait_for_selector(f"{table} tbody td.mw-empty")
            assert page.text_content(f"{table} tbody").startswith("No held messages match these filters.")
            assert not page.is_visible(f"{pager} button") and "of" not in page.inner_text(pager)
            shot(page, f"{name}-filters-nothing-found-{size[0]}")
            assert_accessible(page, f"{name} nothing found {size[0]}", CPANEL if name == "cpanel" else None)

            page.fill("#q-subject", "")
            page.route(re.compile(r"api=%2Femails&"), lambda route: route.fulfill(
                status=503, content_type="application/json", body=json.dumps(
                    {"code": 503, "status": "service_unavailable", "message": "down", "errors": {}})))
            page.click(f"{form} button[type=submit]")
            page.wait_for_selector(f"{table} tbody td.text-danger")
            assert not page.is_visible(f"{pager} button") and "of" not in page.inner_text(pager)
            page.unroute(re.compile(r"api=%2Femails&"))

            with page.expect_response(lambda r: "api=%2Femails" in r.url and "since" not in r.url):
                page.click(f"{form} button[type=reset]")
            page.wait_for_selector(f"{table} tbody tr[data-email-id]")
            assert page.input_value("#q-since") == "" and page.input_value("#q-subject") == ""
            assert total in page.text_content(pager), "back to every held message"
            assert page.locator(f"{table} tbody tr[data-email-id]").count() == 25
            assert_accessible(page, f"{name} filters reset {size[0]}", CPANEL if name == "cpanel" else None)
        finally:
            page.context.close()


def test_lowering_a_capacity_shows_the_eviction_going_on(world: UiWorld, browser: Any) -> None:
    """Item 18: a capacity lowered below a large quarantine: the save answers at once and a progress bar beside the
    form follows the job until it says how many were deleted; the same for a lowered default, on a phone."""
    api = world.api()
    held = seed_bulk(world.serve, "bulkco", 600, 4000)
    mib = 1024 * 1024
    try:
        page = whm(world, browser, LAPTOP, "settings")
        page.fill("#acc-name", "bulkco")
        page.click("#acc-filters button[type=submit]")
        row = page.locator("#acc-table tbody tr[data-account='bulkco']")
        row.wait_for()
        held_back: list[Any] = []
        go = threading.Event()

        def hold_first(route: Any) -> None:
            if not go.is_set() and not held_back:
                held_back.append(route)  # the first look at the job waits: the page shows what the save said
            else:
                route.continue_()

        page.route(re.compile(r"api=%2Fquota-evictions"), hold_first)
        row.get_by_role("button", name="Edit bulkco").click()
        page.fill("#mw-acc-cap", "1")
        page.click("#mw-dialog-ok")
        page.wait_for_selector("#mw-dialog-msg .alert-danger")
        assert "deleted at once" in page.text_content("#mw-dialog-msg")
        with page.expect_response(lambda r: "api=%2Faccounts%2Fbulkco" in r.url and r.request.method == "PATCH") as ans:
            page.click("#mw-dialog-ok")
        job = ans.value.json()["eviction"]
        assert job["state"] == "running" and job["evicted"] == 200, job
        page.wait_for_selector("#acc-result progress")
        text = page.text_content("#acc-result")
        assert "Deleting the oldest held messages of bulkco" in text and "200 deleted so far" in text, text
        assert re.search(r"200 deleted so far; 781 KB of 1\.3 MB freed \(\d+%\)", text), text
        assert page.get_attribute("#acc-result", "aria-busy") == "true"
        assert page.evaluate("document.activeElement.id") == "acc-result"
        shot(page, "whm-eviction-progress-1366")
        assert_accessible(page, "WHM eviction in progress")
        deadline = time.monotonic() + 30
        while not held_back and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        go.set()
        held_back[0].continue_()
        page.wait_for_selector("#acc-result .alert-success", timeout=TIMEOUT_MS)
        done = api.get(f"/quota-evictions/{job['id']}").json
        assert done["state"] == "done" and done["evicted"] > 200
        assert (f"{done['evicted']:,} of the oldest held messages were deleted to fit the new storage capacity"
                in page.text_content("#acc-result"))
        acc = api.get("/accounts/bulkco").json
        assert acc["used_bytes"] <= mib and acc["messages"] == 600 - done["evicted"]
        assert page.get_attribute("#acc-result", "aria-busy") is None
        shot(page, "whm-eviction-done-1366")
        assert_accessible(page, "WHM eviction done")
        page.context.close()

        # a lowered default, followed on a phone
        assert api.call("PATCH", "/accounts/bulkco", body={"limit_bytes": -1}).status == 200
        held = seed_bulk(world.serve, "bulkco", 300, 4000, age_s=50 * 86400) + acc["used_bytes"]
        page = whm(world, browser, PHONE, "settings")
        page.wait_for_function("!document.getElementById('qd-fields').disabled")
        go.clear()
        held_back.clear()
        page.route(re.compile(r"api=%2Fquota-evictions"), hold_first)
        page.fill("#qd-limit", "1")
        with page.expect_response(
                lambda r: "api=%2Fquarantine-defaults" in r.url and r.request.method == "PATCH") as ans:
            page.click("#qd-form button[type=submit]")
        job = ans.value.json()["eviction"]
        page.wait_for_selector("#qd-result progress")
        assert "the accounts that follow the defaults" in page.text_content("#qd-result")
        assert_inside_viewport(page, "#qd-result progress", "eviction progress 390")
        shot(page, "whm-eviction-progress-390")
        assert_accessible(page, "WHM default eviction in progress 390")
        while not held_back and time.monotonic() < deadline + 30:
            page.wait_for_timeout(50)
        go.set()
        held_back[0].continue_()
        page.wait_for_selector("#qd-result .alert-success", timeout=TIMEOUT_MS)
        done = api.get(f"/quota-evictions/{job['id']}").json
        assert f"{done['evicted']:,} of the oldest held messages were deleted" in page.text_content("#qd-result")
        assert api.get("/accounts/bulkco").json["used_bytes"] <= mib < held
        shot(page, "whm-eviction-done-390")
        page.context.close()
    finally:
        api.call("PATCH", "/quarantine-defaults", body={"limit_bytes": -1})
        api.call("DELETE", "/accounts/bulkco/emails")
