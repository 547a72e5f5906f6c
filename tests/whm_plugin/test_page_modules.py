"""The WHM and cPanel pages as ES modules served as files (issue 20): every module is served and shipped, every
import names a module that is, the helpers both pages share live in one common.js, and no module is over 600 lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.whm_plugin.conftest import env
from whm_plugin import cgi_proxy
from whm_plugin.cgi_proxy import CgiConfig, handle

REPO = Path(__file__).resolve().parents[2]
WHM = REPO / "whm_plugin/assets"
CPANEL = REPO / "cpanel_plugin/assets"
IMPORT = re.compile(r"""^import\s+(?:\{[^}]*\}\s+from\s+)?'([^']+)';$""", re.M)
DECLARED = re.compile(r"^(?:export\s+)?(?:function\s+([$\w]+)\s*\(|var\s+([$\w]+)\s*=)", re.M)


def _declared(text: str) -> set[str]:
    return {a or b for a, b in DECLARED.findall(text)}


def test_every_whm_module_is_listed_and_served() -> None:
    assert sorted(p.name for p in WHM.glob("*.js")) == sorted(cgi_proxy.SCRIPTS)
    cfg = CgiConfig(api_socket="/nonexistent", cpanel_root="/", assets_dir=WHM)
    for name in cgi_proxy.SCRIPTS:
        resp = handle(env("root", query=f"asset={name}"), b"", cfg)
        assert resp.status == 200, name
        assert dict(resp.headers)["Content-Type"].startswith("text/javascript"), name
        assert b"".join(resp.chunks()) == (WHM / name).read_bytes(), name


@pytest.mark.parametrize(("assets", "prefix"), [(WHM, "./index.cgi?asset="), (CPANEL, "./")])
def test_imports_name_modules_that_are_served(assets: Path, prefix: str) -> None:
    """A relative specifier resolves beside the importing module's URL: ?asset=NAME through the WHM CGI, a file
    beside it in the cPanel theme directory. Every module is reached from the entry, mailward.js."""
    graph = {}
    for script in assets.glob("*.js"):
        specs = IMPORT.findall(script.read_text(encoding="utf-8"))
        assert all(s.startswith(prefix) for s in specs), (script.name, specs)
        graph[script.name] = [s[len(prefix):] for s in specs]
        assert all((assets / name).is_file() for name in graph[script.name]), (script.name, graph[script.name])
    seen, todo = set(), ["mailward.js"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += graph[name]
    assert seen == set(graph)


def test_page_template_loads_the_entry_as_a_module() -> None:
    assert '<script type="module" src="{{BASE}}?asset=mailward.js"></script>' in (WHM / "index.html").read_text()
    live = (CPANEL.parent / "index.live.py").read_text()
    # the cPanel page names its entry module by content hash (assets/mailward.js?v=...: index.live.py asset_tags)
    assert 'ENTRY = "mailward.js"' in live and '<script type="module" src="' in live and "<script src=" not in live


def test_shared_helpers_live_once() -> None:
    """common.js is one file both pages load (the WHM copy is a link to the cPanel plugin's), and neither page
    declares a helper of the same name again."""
    assert (WHM / "common.js").resolve() == (CPANEL / "common.js").resolve()
    shared = _declared((CPANEL / "common.js").read_text(encoding="utf-8"))
    assert {"$", "fmtSize", "scoreText", "heldForScore", "zoneName", "NUM", "NUM1", "WHEN"} <= shared
    for script in [*WHM.glob("*.js"), *CPANEL.glob("*.js")]:
        if script.name != "common.js":
            assert not _declared(script.read_text(encoding="utf-8")) & shared, script


def test_no_module_over_600_lines() -> None:
    for script in [*WHM.glob("*.js"), *CPANEL.glob("*.js")]:
        assert len(script.read_text(encoding="utf-8").splitlines()) < 600, script
