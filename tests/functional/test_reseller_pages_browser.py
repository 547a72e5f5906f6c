"""The pages' side of issue 19 in real headless Chromium: release-by-reason, containment and the reseller's view.

One world for the module: a real `mailward serve` whose fake cPanel tree makes the real system user mwt-bob a
reseller (ACL list-accts) owning the account blogger; held mail of five accounts (spam, ratelimit, winexec and
contained holds) and a little scanned mail for the Activity Monitor. Two emulated cpsrvds in front of it: WHM as root,
and WHM as mwt-bob's login (REMOTE_USER=mwt-bob, the reseller). Every state is checked at 1366x768 and 390x844 with
axe-core for serious and critical violations; screenshots land in test-artifacts/screenshots (reseller-*.png).
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
from tests.functional.axe_check import assert_accessible, assert_inside_viewport
from tests.functional.conftest import SocketApi, SystemUser, lab_dir, serve_for_everyone
from tests.functional.plugin_fixtures import artifacts_dir, browser_requirements, fake_sendmail
from tests.functional.ui_world import ACCOUNTS, LIMITED, SHOP_SCRIPT, scan_some_mail, seed_quarantine
from workers.plugin_host import HostConfig, PluginHost
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow,
              pytest.mark.skipif(bool(browser_requirements()), reason=browser_requirements() or "ok")]

TIMEOUT_MS = 30_000
SIZES = {"laptop": (1366, 768), "phone": (390, 844)}
CPANEL = "#mailward-app"
#: (account, count, reason, direction, script): what each account holds
PLAN: list[tuple[str, int, str, str, str]] = [
    ("mwt-alice", 3, "spam", "outgoing", ""),
    ("mwt-alice", 2, "ratelimit", "outgoing", ""),
    ("mwt-alice", 2, "contained", "outgoing", ""),
    ("mwt-bob", 3, "spam", "outgoing", ""),
    ("mwt-bob", 1, "winexec", "outgoing", ""),
    ("shopco", 3, "spam", "outgoing", SHOP_SCRIPT),
    ("blogger", 3, "spam", "outgoing", ""),
    ("root", 1, "spam", "outgoing", ""),
]
BOB_OWNS = ["blogger", "mwt-bob"]


@dataclass
class World:
    serve: ServeProcess
    admin: PluginHost  # WHM as root; cPanel as mwt-alice or mwt-bob
    reseller: PluginHost  # WHM as mwt-bob's login
    held: dict[str, list[str]]

    def api(self) -> SocketApi:
        return SocketApi(self.serve.info["api_socket"])


@pytest.fixture(scope="module")
def world(system_users: dict[str, SystemUser]) -> Iterator[World]:
    base = Path(lab_dir("mailward-ui19-"))
    try:
        spec: dict[str, Any] = {a: {"domain": d} for a, d in ACCOUNTS.items() if d}
        for name in ("mwt-alice", "mwt-bob"):
            spec[name]["uid"] = system_users[name].uid
        spec["mwt-bob"]["reseller"] = ["list-accts"]
        spec["blogger"]["owner"] = "mwt-bob"
        tree = make_cpanel_tree(base / "cpanel", spec)
        sendmail, _ = fake_sendmail(base)
        settings = {"cpanel.root": json.dumps(str(tree)), "exim.sendmail": json.dumps(str(sendmail)),
                    "exim.release_user": '"mwt-release"'}
        with serve_for_everyone(settings, prefix="mailward-ui19-serve-") as serve:
            held = seed_quarantine(serve, PLAN)
            scan_some_mail(serve)
            sock = serve.info["api_socket"]
            with PluginHost(HostConfig(api_socket=sock, users=("mwt-alice", "mwt-bob"), cpanel_root=str(tree))) as a, \
                    PluginHost(HostConfig(api_socket=sock, cpanel_root=str(tree), whm_user="mwt-bob")) as r:
                yield World(serve, a, r, held)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def open_page(browser: Any, url: str, size: tuple[int, int]) -> Any:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    answer = page.goto(url)
    assert answer is not None and answer.status == 200
    return page


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(artifacts_dir() / f"reseller-{name}.png"), full_page=False)


def check(page: Any, where: str, include: str | None = None) -> None:
    """axe-core on the state as a reader sees it (the pointer off the table: a hovered row is another colour)."""
    page.mouse.move(0, 0)
    assert_accessible(page, where, include=include)


def cpanel_rows(page: Any) -> list[dict[str, Any]]:
    """Each quarantine row: its id, why it was held, its Release button's state and the words beside it."""
    return page.eval_on_selector_all("#quarantine-table tbody tr[data-email-id]", """rows => rows.map(r => {
        const b = [...r.querySelectorAll('button')].find(x => x.textContent.trim() === 'Release');
        const d = b ? b.getAttribute('aria-describedby') : null;
        const why = d ? document.getElementById(d) : null;
        return {id: r.getAttribute('data-email-id'), why_held: r.children[4].textContent,
                release: b ? (b.disabled ? 'disabled' : 'enabled') : 'none',
                words: why ? why.textContent : '', visible: why ? why.offsetParent !== null : false}; })""")


# ------------------------------------------------------------------------------------ cPanel: release by reason


@pytest.mark.parametrize("size", SIZES)
def test_cpanel_release_is_disabled_with_the_reason_the_policy_gives(world: World, browser: Any, size: str) -> None:
    """mwt-alice may release her spam; mail held for a sender limit (admin only) and for a contained sender
    (reseller or admin) has Release disabled with the reason in words beside it; the reason filter finds the
    contained holds by a human label."""
    page = open_page(browser, world.admin.cpanel_url("mwt-alice"), SIZES[size])
    page.wait_for_selector("#quarantine-table:not([aria-busy]) tbody tr[data-email-id]")
    rows = {r["id"]: r for r in cpanel_rows(page)}
    assert set(world.held["mwt-alice"]) <= set(rows)  # and the message scan_some_mail held for LIMITED's limit
    by_state: dict[str, list[dict[str, Any]]] = {}
    for r in rows.values():
        by_state.setdefault(r["release"], []).append(r)
    assert len(by_state.get("enabled", [])) == 3 and all("spam" in r["why_held"] for r in by_state["enabled"])
    refused = by_state.get("disabled", [])
    assert len(refused) == len(rows) - 3 >= 4, rows
    for r in refused:
        assert r["visible"] and r["words"].startswith("Only ") and "release this one" in r["words"], r
        assert "email " not in r["words"] and "_" not in r["words"]  # no message id, no API words
    assert {("sending limit" in r["words"], "contained sender" in r["words"]) for r in refused} == \
        {(True, False), (False, True)}
    assert any("hosting provider" in r["words"] for r in refused if "contained" in r["words"])
    assert any("server administrator" in r["words"] for r in refused if "sending limit" in r["words"])
    assert_inside_viewport(page, f"{CPANEL} #quarantine-table tbody .mw-actions .btn", f"cPanel release {size}")
    shot(page, f"cpanel-release-refused-{size}")
    check(page, f"cPanel release refused {size}", include=CPANEL)
    # the reason filter: "contained sender"
    label = page.eval_on_selector("#q-reason option[value=contained]", "o => o.textContent")
    assert label == "contained sender"
    if not page.is_visible("#q-reason"):  # a phone starts with the search and filters folded away
        page.click("#quarantine summary")
    page.select_option("#q-reason", "contained")
    page.click("#quarantine-filter button[type=submit]")
    page.wait_for_function("""() => { const r = document.querySelectorAll('#quarantine-table tbody tr[data-email-id]');
        return r.length === 2 && !document.querySelector('#quarantine-table[aria-busy]'); }""")
    assert all(r["release"] == "disabled" and "contained" in r["why_held"] for r in cpanel_rows(page))
    shot(page, f"cpanel-release-contained-filter-{size}")
    check(page, f"cPanel contained filter {size}", include=CPANEL)
    page.context.close()


# ------------------------------------------------------------------------------------ WHM: contain / uncontain


def am_row(page: Any, name: str) -> dict[str, Any] | None:
    return page.eval_on_selector_all("#am-table tbody tr[data-object]", """(rows, name) => {
        const r = rows.find(x => x.getAttribute('data-object') === name);
        if (!r) return null;
        const b = [...r.querySelectorAll('button')].map(x => [x.textContent.trim(), x.disabled]);
        return {contained: r.getAttribute('data-contained'), buttons: b, text: r.textContent}; }""", name)


@pytest.mark.parametrize("size", SIZES)
def test_whm_activity_monitor_contains_and_lifts_a_script(world: World, browser: Any, size: str) -> None:
    """Root contains shopco's contact-form script from its Activity Monitor row (hold, with a note): the row says
    so, the Contained senders list has it, the API holds it with the note; Uncontain lifts it."""
    root = world.api()
    page = open_page(browser, world.admin.whm_url() + "#activity", SIZES[size])
    page.wait_for_selector("#am-table tbody tr[data-object]")
    page.click("#am-expand")
    page.wait_for_function("name => [...document.querySelectorAll('#am-table tbody tr')].some("
                           "r => r.getAttribute('data-object') === name)", arg=SHOP_SCRIPT)
    row = am_row(page, SHOP_SCRIPT)
    assert row is not None and row["contained"] is None and ["Contain", False] in row["buttons"]
    assert all(b[0] != "Contain" for b in am_row(page, "shopco")["buttons"])  # an account is never contained
    page.click(f"#am-table button[aria-label='Contain: {SHOP_SCRIPT}']")
    page.wait_for_selector("#mw-dialog:not([hidden]) #mw-contain-note")
    shot(page, f"whm-contain-dialog-{size}")
    check(page, f"WHM contain dialog {size}")
    page.fill("#mw-contain-note", "hacked contact form")
    page.click("#mw-dialog-ok")
    page.wait_for_selector("#am-result .alert-success")
    assert "is contained: its mail is held" in page.text_content("#am-result")
    row = am_row(page, SHOP_SCRIPT)
    assert row is not None and row["contained"] == "hold" and "contained: mail held" in row["text"]
    assert ["Uncontain", False] in row["buttons"]
    page.wait_for_selector(f"#ct-table tbody tr[data-object='{SHOP_SCRIPT}']")
    listed = root.get("/am/contained").json["items"]
    assert [(c["name"], c["action"], c["note"], c["account_name"]) for c in listed] == \
        [(SHOP_SCRIPT, "hold", "hacked contact form", "shopco")]
    assert_inside_viewport(page, "#am-table tbody .mw-actions-cell .btn, #ct-table tbody .btn", f"WHM contained {size}")
    page.eval_on_selector(f"#am-table tr[data-object='{SHOP_SCRIPT}']", "r => r.scrollIntoView({block: 'center'})")
    shot(page, f"whm-contained-row-{size}")
    check(page, f"WHM contained {size}")
    page.click(f"#ct-table button[aria-label='Uncontain: {SHOP_SCRIPT}']")
    page.wait_for_selector("#mw-dialog:not([hidden])")
    page.click("#mw-dialog-ok")
    page.wait_for_selector("#am-result .alert-success:has-text('is no longer contained')")
    assert am_row(page, SHOP_SCRIPT)["contained"] is None
    page.wait_for_selector("#ct-table tbody td:has-text('No sender is contained.')")
    assert root.get("/am/contained").json["items"] == []
    shot(page, f"whm-uncontained-{size}")
    check(page, f"WHM uncontained {size}")
    page.context.close()


def test_cpanel_uncontain_is_disabled_with_who_may_lift(world: World, browser: Any) -> None:
    """Root contains mwt-alice's sender address: her cPanel Activity Monitor shows it contained, Uncontain disabled
    with who may lift it; she contains her own orders address herself (the proxy names her account) and lifts it."""
    root = world.api()
    contained = root.post("/am/contain", {"so_type": "sender_email", "account_name": "mwt-alice", "name": LIMITED})
    assert contained.status == 200, contained.text
    try:
        for size, dims in SIZES.items():
            page = open_page(browser, world.admin.cpanel_url("mwt-alice"), dims)
            page.wait_for_selector("#quarantine-table:not([aria-busy]) tbody tr[data-email-id]")
            page.click("#tab-activity")
            page.wait_for_selector(f"#am-table tbody tr[data-object='{LIMITED}']")
            page.wait_for_selector(f"#contained-table tbody tr[data-object='{LIMITED}']")
            row = am_row(page, LIMITED)
            assert row is not None and row["contained"] == "hold" and ["Uncontain", True] in row["buttons"]
            assert "Only the server administrator can lift this." in row["text"]
            page.eval_on_selector(f"#am-table tr[data-object='{LIMITED}']", "r => r.scrollIntoView({block: 'center'})")
            shot(page, f"cpanel-uncontain-refused-{size}")
            check(page, f"cPanel uncontain refused {size}", include=CPANEL)
            page.context.close()
        page = open_page(browser, world.admin.cpanel_url("mwt-alice"), SIZES["laptop"])
        page.wait_for_selector("#quarantine-table:not([aria-busy]) tbody tr[data-email-id]")
        page.click("#tab-activity")
        own = "orders@alice.example"
        page.wait_for_selector(f"#am-table tbody tr[data-object='{own}']")
        page.click(f"#am-table button[aria-label='Contain: {own}']")
        page.wait_for_selector("#contain-dialog[open]")
        check(page, "cPanel contain dialog", include="#contain-dialog")
        page.check("#contain-reject")
        page.click("#contain-ok")
        page.wait_for_selector("#am-result .alert-success")
        assert am_row(page, own)["contained"] == "reject"
        mine = {c["name"]: c for c in root.get("/am/contained?account_name=mwt-alice").json["items"]}
        assert mine[own]["action"] == "reject" and mine[own]["by"].startswith("uid ")
        page.click(f"#contained-table button[aria-label='Uncontain: {own}']")
        page.click("#confirm-ok")
        page.wait_for_function("own => document.querySelector('#am-result .alert-success') && "
                               "![...document.querySelectorAll('#contained-table tr')].some("
                               "r => r.getAttribute('data-object') === own)", arg=own)
        assert own not in {c["name"] for c in root.get("/am/contained").json["items"]}
        page.context.close()
    finally:
        root.post("/am/uncontain", {"id": contained.json["id"]})


# ------------------------------------------------------------------------------------ WHM as a reseller


@pytest.mark.parametrize("size", SIZES)
def test_whm_reseller_view_shows_its_accounts_and_hides_root_settings(world: World, browser: Any, size: str) -> None:
    """Through the WHM CGI as mwt-bob's login: its two accounts' mail only, no service status banner, no
    server-wide settings; its winexec hold disabled with the reason; the account dialog edits only what root lets
    resellers change, and shows the account's release policy."""
    page = open_page(browser, world.reseller.whm_url(), SIZES[size])
    page.wait_for_selector("#q-table tbody tr[data-email-id]")
    page.wait_for_selector("#mw-scope")
    assert "Reseller view" in page.text_content("#mw-scope") and "blogger, mwt-bob" in page.text_content("#mw-scope")
    assert page.eval_on_selector("#mw-banner", "b => b.hidden")
    accounts = page.eval_on_selector_all("#q-table tbody tr[data-email-id] .mw-account",
                                         "c => c.map(x => x.textContent)")
    assert sorted(set(accounts)) == BOB_OWNS and len(accounts) == 3 + 1 + 3
    winexec = page.eval_on_selector_all("#q-table tbody tr[data-email-id]", """rows => rows.filter(
        r => r.querySelector('.mw-reasons').textContent.includes('winexec')).map(r => {
        const b = [...r.querySelectorAll('button')].find(x => x.textContent.includes('Release'));
        return [b.disabled, (r.querySelector('.mw-why') || {}).textContent]; })""")
    assert len(winexec) == 1 and winexec[0][0] and winexec[0][1].startswith("Held for a Windows executable"), winexec
    assert "server administrator" in winexec[0][1] and "email " not in winexec[0][1]
    shot(page, f"whm-reseller-quarantine-{size}")
    check(page, f"WHM reseller quarantine {size}")
    page.click("#tab-settings")
    page.wait_for_selector("#acc-table tbody tr[data-account]")
    listed = page.eval_on_selector_all("#acc-table tbody tr[data-account]", "r => r.map(x => x.dataset.account)")
    assert listed == BOB_OWNS
    hidden = page.evaluate("""() => ['qd-form', 'fs-form', 'ams-form', 'wl-form'].map(
        id => document.getElementById(id).offsetParent === null)""")
    assert hidden == [True, True, True, True]
    shot(page, f"whm-reseller-settings-{size}")
    check(page, f"WHM reseller settings {size}")
    page.click("#acc-table button[aria-label='Edit blogger']")
    page.wait_for_selector("#mw-policy-contained")
    assert page.is_disabled("#mw-acc-cap") and not page.is_disabled("#mw-acc-rel")
    assert page.eval_on_selector("#mw-policy-contained", "s => s.value") == "default"
    page.select_option("#mw-policy-spam", "reseller")
    page.click("#mw-policy-save")
    page.wait_for_selector("#mw-policy-result .alert-success")
    assert world.api().get("/accounts/blogger/release-policy").json["own"] == {"spam": "reseller"}
    shot(page, f"whm-reseller-account-dialog-{size}")
    check(page, f"WHM reseller account dialog {size}")
    # a reseller may not loosen the server's policy: words, nothing saved
    page.select_option("#mw-policy-winexec", "account")
    page.click("#mw-policy-save")
    page.wait_for_selector("#mw-policy-result .alert-danger")
    assert page.text_content("#mw-policy-result").startswith("The release policy was not saved.")
    assert "{" not in page.text_content("#mw-policy-result")
    assert world.api().get("/accounts/blogger/release-policy").json["own"] == {"spam": "reseller"}
    assert world.api().call("PATCH", "/accounts/blogger/release-policy",
                            body={"release_by": {"spam": "default"}}).status == 200
    page.context.close()


def test_a_resellers_own_cpanel_page_shows_its_own_account_only(world: World, browser: Any) -> None:
    """mwt-bob's uid has reseller scope in the API (blogger too); its cPanel page is pinned to mwt-bob itself."""
    bob_api = SocketApi(world.serve.info["api_socket"])
    assert {e["account_name"] for e in bob_api.get("/emails?limit=100").json["items"]} >= set(BOB_OWNS)
    page = open_page(browser, world.admin.cpanel_url("mwt-bob"), SIZES["laptop"])
    page.wait_for_selector("#quarantine-table:not([aria-busy]) tbody tr[data-email-id]")
    ids = {r["id"] for r in cpanel_rows(page)}
    assert ids == set(world.held["mwt-bob"])
    page.click("#tab-activity")
    page.wait_for_selector("#am-table:not([aria-busy])")
    names = page.eval_on_selector_all("#am-table tbody tr[data-object]", "r => r.map(x => x.dataset.object)")
    assert "blogger" not in names
    page.context.close()
