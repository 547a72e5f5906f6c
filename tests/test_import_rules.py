"""Import rules of core/ (issue 20): the packages form layers, lowest first, and none imports one above it.

core never imports workers, api, cli, bench or tests (nor flask or dramatiq); core's top-level modules (the kernel)
import only each other; a package imports the kernel, itself and the packages below it; and the packages' import
graph has no cycle. Each package's docstring says the same in words.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "core"
KERNEL = frozenset({"durable_files", "durations", "errors", "keys", "models", "names", "settings",
                    "settings_sections", "verdict_policy"})
#: package -> the packages it may import (besides the kernel and itself), lowest package first.
LAYERS = {
    "mail": (),
    "net": (),
    "identity": ('mail', 'net'),
    "learning": ('mail', 'identity'),
    "store": ('mail', 'net', 'identity', 'learning'),
    "detection": ('mail', 'net', 'identity', 'learning', 'store'),
    "quarantine": ('mail', 'net', 'identity', 'learning', 'store', 'detection'),
    "notify": ('mail', 'net', 'identity', 'learning', 'store', 'detection', 'quarantine'),
    "scan": ('mail', 'net', 'identity', 'learning', 'store', 'detection', 'quarantine', 'notify'),
}
FORBIDDEN = ("workers", "api", "cli", "bench", "tests", "flask", "flask_smorest", "dramatiq")


def _module_name(path: Path) -> str:
    rel = path.relative_to(CORE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in path (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[:len(here) - node.level + 1]) if node.level else ""
            mod = ".".join(p for p in (base, node.module or "") if p)
            out.append((node.lineno, mod))
            if mod == "core" or (node.level and not node.module):  # from core import x: x may be a module
                out += [(node.lineno, f"{mod}.{a.name}") for a in node.names]
    return out


def _unit(module: str) -> str | None:
    """The layer a core module belongs to: "kernel", a package name, or None (not a core module)."""
    parts = module.split(".")
    if parts[0] != "core":
        return None
    if len(parts) == 1:
        return "kernel"
    if parts[1] in LAYERS:
        return parts[1]
    return "kernel" if parts[1] in KERNEL or parts[1] == "data" else parts[1]


def _edges() -> list[tuple[str, str, str, int, str]]:
    """(from unit, to unit, file, line, imported module) for every import between core's units."""
    out = []
    for path in sorted(CORE.rglob("*.py")):
        src = _unit(_module_name(path))
        for line, mod in _imports(path):
            dst = _unit(mod)
            if dst is not None and dst != src:
                out.append((src, dst, str(path.relative_to(CORE.parent)), line, mod))
    return out


def violations() -> list[str]:
    """Every import that breaks a rule, as `file:line imports module (why)`."""
    bad = []
    for path in sorted(CORE.rglob("*.py")):
        for line, mod in _imports(path):
            if mod.split(".")[0] in FORBIDDEN:
                bad.append(f"{path.relative_to(CORE.parent)}:{line} imports {mod} (core never imports it)")
    for src, dst, where, line, mod in _edges():
        allowed = {"kernel"} if src == "kernel" else {"kernel", *LAYERS.get(src, ())}
        if src not in LAYERS and src != "kernel":
            bad.append(f"{where}:{line} is in {src}, which is neither the kernel nor a package of LAYERS")
        elif dst not in allowed:
            bad.append(f"{where}:{line} imports {mod} (core.{src} may import only "
                       f"{', '.join(sorted(allowed))})" if src != "kernel" else
                       f"{where}:{line} imports {mod} (core's top-level modules import only each other)")
    return bad


def cycles() -> list[list[str]]:
    """Cycles in the graph of imports between core's packages."""
    graph: dict[str, set[str]] = {}
    for src, dst, *_ in _edges():
        graph.setdefault(src, set()).add(dst)
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_core_imports_follow_the_layers() -> None:
    assert violations() == []


def test_no_cycles_between_core_packages() -> None:
    assert cycles() == []


def test_store_never_imports_detection() -> None:
    assert not [e for e in _edges() if e[0] == "store" and e[1] == "detection"]


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_each_package_says_what_it_holds_and_may_import(package: str) -> None:
    doc = ast.get_docstring(ast.parse((CORE / package / "__init__.py").read_text(encoding="utf-8"))) or ""
    assert "May import:" in doc
    for other in LAYERS[package]:
        assert f"core.{other}" in doc
