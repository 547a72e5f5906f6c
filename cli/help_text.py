"""`--help` screens in the layout of Imunify's ie-cli, built from the commands' docstrings (fire's parser).

Fire's own help advertises the short flags it would guess (`-j`, `-o`), underscored names and the parse-function
metadata as a "group"; ie-cli spells its flags itself, so it describes them itself.
"""

from __future__ import annotations

import inspect
import textwrap
from typing import Any

from fire import docstrings

from cli.arguments import SPEC_ATTR, CommandSpec, Group, default_command, is_command, members

WIDTH = 100


def _doc(obj: Any) -> docstrings.DocstringInfo:
    return docstrings.parse(inspect.getdoc(obj) or "")


def _intro(info: docstrings.DocstringInfo) -> list[str]:
    lines = [info.summary or ""]
    if info.description:
        lines += ["", *textwrap.wrap(" ".join(info.description.split()), WIDTH)]
    return lines


def _kind(param: inspect.Parameter) -> str:
    annotation = str(param.annotation)
    return "int" if isinstance(param.default, int) or "int" in annotation else "string"


def _flag_rows(fn: Any, spec: CommandSpec, where: str) -> list[tuple[str, str]]:
    described = {a.name: a.description or "" for a in (_doc(fn).args or [])}
    shorts = {param: letter for letter, param in spec.short.items()}
    aliases: dict[str, list[str]] = {}
    for alias, param in spec.synonyms.items():
        aliases.setdefault(param, []).append("--" + alias)
    rows: list[tuple[str, str]] = [("-h, --help", f"help for {where.split()[-1]}")]
    for p in inspect.signature(fn).parameters.values():
        if p.kind is not p.KEYWORD_ONLY:
            continue
        flag = "--" + p.name.replace("_", "-")
        if p.name in spec.switches:
            shown = flag
        elif p.name in spec.optional_bools:
            shown = f"{flag} [true|false]"
        else:
            shown = f"{flag} {_kind(p)}"
        left = (f"-{shorts[p.name]}, " if p.name in shorts else "    ") + shown
        text = " ".join(described.get(p.name, "").split())
        if p.name in aliases:
            text += f" (also {', '.join(aliases[p.name])})"
        rows.append((left, text))
    return sorted(rows, key=lambda r: r[0].lstrip(" -").split(",")[-1].strip(" -"))


def _columns(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(left) for left, _ in rows) + 3
    out = []
    for left, text in rows:
        wrapped = textwrap.wrap(text, WIDTH - width - 2) or [""]
        out.append(f"  {left.ljust(width)}{wrapped[0]}".rstrip())
        out += [" " * (width + 2) + more for more in wrapped[1:]]
    return out


def command_help(fn: Any, where: str) -> str:
    """The help screen of one command."""
    spec: CommandSpec = getattr(fn, SPEC_ATTR)
    params = inspect.signature(fn).parameters.values()
    words = [p for p in params if p.kind is p.VAR_POSITIONAL]
    usage = f"{where} [flags]" + (f" {words[0].name.upper()}..." if words else "")
    lines = [*_intro(_doc(fn)), "", "Usage:", f"  {usage}"]
    if words:
        described = {a.name: a.description or "" for a in (_doc(fn).args or [])}
        lines += ["", "Arguments:", *_columns([(words[0].name.upper(), described.get(words[0].name, ""))])]
    lines += ["", "Flags:", *_columns(_flag_rows(fn, spec, where))]
    return "\n".join(lines)


def group_help(node: Group, where: str) -> str:
    """The help screen of a group: its commands and subgroups."""
    rows = [(n, _doc(getattr(node, n.replace("-", "_"))).summary or "") for n in sorted(members(node))]
    own = default_command(node)
    usage = [f"  {where} [flags]", f"  {where} [command]"] if own is not None else [f"  {where} [command] [flags]"]
    flags = (_flag_rows(own, getattr(own, SPEC_ATTR), where) if own is not None
             else [("-h, --help", f"help for {where.split()[-1]}")])
    lines = [*_intro(_doc(node)), "", "Usage:", *usage, "", "Available Commands:", *_columns(rows), "", "Flags:",
             *_columns(flags), "", f'Use "{where} [command] --help" for more information about a command.']
    return "\n".join(lines)


def render(node: Any, where: str) -> str:
    """The help screen of a command or a group."""
    return command_help(node, where) if is_command(node) else group_help(node, where)
