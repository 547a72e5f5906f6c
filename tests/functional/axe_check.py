"""Accessibility and layout checks for the plugin pages' browser tests (issue 18 item 12).

axe-core runs offline: the vendored tests/functional/vendor/axe-core/axe.min.js (MPL-2.0) is injected into the page
under test; nothing is downloaded at test time. Serious and critical violations fail a test.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"  # axe-core 4.14.1
FAILING_IMPACTS = ("serious", "critical")

_RUN = """async (include) => {
  const r = await axe.run(include ? {include: [include]} : document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').slice(0, 200))}));
}"""
_source: str | None = None


def axe_source() -> str:
    """The vendored axe.min.js, checked against its known hash (a truncated or swapped file fails loudly)."""
    global _source
    if _source is None:
        data = AXE.read_bytes()
        assert hashlib.sha256(data).hexdigest() == AXE_SHA256, f"{AXE} is not the vendored axe-core 4.14.1"
        _source = data.decode("utf-8")
    return _source


def axe_violations(page: Any, include: str | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (every impact); include: only within this selector."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return list(page.evaluate(_RUN, include))


def assert_accessible(page: Any, where: str, include: str | None = None) -> None:
    """No serious or critical axe-core violation in this page state (include: the plugin's own part of a page that
    also has cPanel's chrome, which is not ours to fix)."""
    bad = [v for v in axe_violations(page, include) if v["impact"] in FAILING_IMPACTS]
    assert not bad, f"axe-core ({where}): " + "; ".join(
        f"{v['impact']} {v['id']} ({v['help']}): {v['nodes']}" for v in bad)


def assert_inside_viewport(page: Any, selector: str, where: str) -> int:
    """Every visible element matching selector lies within the viewport's width (scrolling down is fine, sideways is
    not); returns how many were checked (at least one)."""
    width = page.viewport_size["width"]
    boxes = page.eval_on_selector_all(selector, """els => els.filter(e => e.offsetParent !== null).map(e => {
        const r = e.getBoundingClientRect(); return [r.left + window.scrollX, r.right + window.scrollX,
        e.textContent.trim()]; })""")
    assert boxes, f"{where}: nothing visible matches {selector}"
    outside = [b for b in boxes if b[0] < 0 or b[1] > width + 0.5]
    assert not outside, f"{where}: {len(outside)} of {len(boxes)} {selector} outside 0..{width}px: {outside[:3]}"
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width + 1, f"{where}: the page is {overflow}px wide in a {width}px viewport"
    return len(boxes)
