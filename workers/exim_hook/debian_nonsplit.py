"""Debian's non-split configuration (one exim4.conf.template): Mailward's main options as a marked block in
exim4.conf.localmacros, and a system filter where the split scheme has its hold router.

That scheme has no place for a router, so neither forwarded copies nor incoming spam_folder are possible there:
the plan says so in its notes. Imports debian_files, routers, blocks.
"""

from __future__ import annotations

from pathlib import Path

from workers.exim_hook.blocks import has_block, insert_block, remove_block
from workers.exim_hook.debian_files import CONFLICT_NAMES, DebianFiles
from workers.exim_hook.installer import Plan, read_file
from workers.exim_hook.params import HookParams
from workers.exim_hook.routers import render_system_filter

NAME = "non-split"


def conflict_texts(files: DebianFiles) -> list[tuple[Path, str]]:
    """The template and exim4.conf.localmacros without Mailward's block: where a clashing setting could be."""
    template = files.confdir / "exim4.conf.template"
    lm = read_file(files.localmacros)
    return [(template, read_file(template) or ""),
            (files.localmacros, (remove_block(lm, "main") or "") if lm else "")]


def conflict_names() -> tuple[str, ...]:
    """Settings of others that Mailward's would clash with in this scheme (its system filter too)."""
    return (*CONFLICT_NAMES, "system_filter")


def main_extra(files: DebianFiles) -> list[str]:
    """Main-section lines this scheme adds to the shared ones: the system filter doing the hold router's job."""
    return [f"system_filter = {files.system_filter}"]


def plan(files: DebianFiles, params: HookParams, main: str, plan: Plan, notes: list[str]) -> None:
    """Add this scheme's files to plan: the localmacros block and the system filter (no conf.d files)."""
    plan[files.localmacros] = insert_block(read_file(files.localmacros), "main", main)
    plan[files.system_filter] = render_system_filter()
    plan[files.main_file] = None
    plan[files.router_file] = None
    if params.query_socket:
        notes.append("forwarded copies (inbound mail a local alias or .forward sends on to a remote address) "
                     "are scanned by a router, and the non-split configuration has no place for one: use "
                     "the split configuration (dc_use_split_config='true') to scan them as outgoing mail")
    folder = params.spam_folder if params.incoming_addresses else ""
    if folder:
        notes.append(f"incoming spam_folder needs the split configuration (dc_use_split_config='true') "
                     f"for its router: incoming spam is delivered to the inbox with the "
                     f"{params.spam_header} header instead (a Sieve rule can file it in {folder})")


def status_parts(files: DebianFiles, localmacros: str | None) -> dict[str, bool]:
    """This scheme's parts, present or not (beside the two ACL files)."""
    return {f"{files.localmacros} (block)": bool(localmacros and has_block(localmacros, "main")),
            str(files.system_filter): files.system_filter.exists()}
