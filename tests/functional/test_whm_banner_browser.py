"""The WHM page's degraded banner in real Chromium (issue 15 item 4): a serve with no scan worker is degraded, and
the admin sees what fails and the command to check, at 1366x768 and on a phone (390 px). Screenshots go to
test-artifacts/screenshots (or $MW_TEST_ARTIFACTS/screenshots)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.functional.conftest import serve_for_everyone
from tests.functional.plugin_fixtures import REPO, artifacts_dir, browser_requirements
from workers.plugin_host import HostConfig, PluginHost
from workers.serve_process import ServeProcess

pytestmark = [pytest.mark.functional, pytest.mark.slow,
              pytest.mark.skipif(bool(browser_requirements()), reason=browser_requirements() or "ok")]


@pytest.fixture(scope="module")
def host() -> Iterator[tuple[ServeProcess, PluginHost]]:
    """serve without scan workers (so /status is degraded) and the emulated cpsrvd in front of its API."""
    with serve_for_everyone({"workers.processes": "0"}, prefix="mailward-banner-") as serve, \
            PluginHost(HostConfig(api_socket=serve.info["api_socket"])) as plugin_host:
        yield serve, plugin_host


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_degraded_service_shows_a_banner_with_what_fails_and_what_to_run(
        host: tuple[ServeProcess, PluginHost], browser: Any, width: int, height: int) -> None:
    _, plugin_host = host
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        answer = page.goto(plugin_host.whm_url())
        assert answer is not None and answer.status == 200
        banner = page.wait_for_selector("#mw-banner:not([hidden])")
        assert banner is not None
        text = banner.inner_text()
        # no scan worker: mail cannot be filtered, and the banner says so first (issue 18 item 10)
        assert text.startswith("Mail on this server is not being filtered")
        assert "No scan worker is running" in text and "workers:" in text and "ie-config status" in text
        assert "alert-danger" in (banner.get_attribute("class") or "")
        box = banner.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width  # readable without scrolling
        page.screenshot(path=str(artifacts_dir() / f"whm-degraded-banner-{width}.png"), full_page=False)
    finally:
        context.close()


def test_ie_config_status_exits_3_for_a_degraded_service(host: tuple[ServeProcess, PluginHost],
                                                        tmp_path: Path) -> None:
    """Issue 18 item 19, against a real serve: degraded (no worker) is exit 3 even with no Exim hook installed."""
    serve, _ = host
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "MAILWARD_API_SOCKET": serve.info["api_socket"],
           "MAILWARD_EXIM__LAYOUT": "debian", "MAILWARD_EXIM__RELEASE_USER": "root"}
    (tmp_path / "etc/exim4").mkdir(parents=True)
    (tmp_path / "etc/exim4/update-exim4.conf.conf").write_text("dc_use_split_config='true'\n")
    res = subprocess.run([sys.executable, "-m", "workers.ie_config", "status", "--root", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=60, cwd=REPO)
    assert res.returncode == 3, (res.stdout, res.stderr)
    assert "service: degraded" in res.stdout and "workers: FAIL" in res.stdout
