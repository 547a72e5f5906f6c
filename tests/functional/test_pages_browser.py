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
from collections.abc import Iterator
from typing import Any

import pytest

from tests.functional.axe_check import assert_accessible, assert_inside_viewport
from tests.functional.conftest import SystemUser
from tests.functional.plugin_fixtures import artifacts_dir, browser_requirements
from tests.functional.ui_world import LIMITED, SHOP_SCRIPT, UiWorld, ui_world

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


def open_page(browser: Any, url: str, size: tuple[int, int]) -> Any:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    answer = page.goto(url)
    assert answer is not None and answer.status == 200
    return page


def whm(world: UiWorld, browser: Any, size: tuple[int, int] = LAPTOP, tab: str = "") -> Any:
    page = open_page(browser, world.host.whm_url() + (f"#{tab}" if tab else ""), size)
    if not tab or tab == "quarantine":
        page.wait_for_selector("#q-table tbody tr[data-email-id]")
    return page


def cpanel(world: UiWorld, browser: Any, user: str = "mwt-alice", size: tuple[int, int] = LAPTOP) -> Any:
    page = open_page(browser, world.host.cpanel_url(user), size)
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
    assert len(reasons) == 2 and all(r.endswith("(sent to you)") for r in reasons)
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
