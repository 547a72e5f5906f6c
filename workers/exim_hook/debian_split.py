"""Debian's split configuration (dc_use_split_config='true'): Mailward's own files in conf.d/.

Main options in conf.d/main/000_mailward, the hold and forwarded-copy routers first in conf.d/router/, and with
incoming spam_folder a router and transport filing incoming spam. Imports debian_files, routers, blocks.
"""

from __future__ import annotations

from pathlib import Path

from workers.exim_hook.blocks import has_block, remove_block
from workers.exim_hook.debian_files import CONFLICT_NAMES, DebianFiles
from workers.exim_hook.installer import Plan, read_file
from workers.exim_hook.params import HookParams
from workers.exim_hook.routers import render_routers, render_spam_folder_router, render_spam_folder_transport

NAME = "split"


def conflict_texts(files: DebianFiles) -> list[tuple[Path, str]]:
    """Every conf.d file but Mailward's own, with its text: where a clashing setting could be."""
    ours = {files.main_file, files.router_file, files.spam_router_file, files.spam_transport_file}
    paths = [p for p in sorted(files.confdir.joinpath("conf.d").rglob("*")) if p.is_file() and p not in ours]
    return [(p, read_file(p) or "") for p in paths]


def conflict_names() -> tuple[str, ...]:
    """Settings of others that Mailward's would clash with in this scheme."""
    return CONFLICT_NAMES


def main_extra(files: DebianFiles) -> list[str]:
    """Main-section lines this scheme adds to the shared ones: none (its router does the hold)."""
    return []


def plan(files: DebianFiles, params: HookParams, main: str, plan: Plan, notes: list[str]) -> None:
    """Add this scheme's files to plan: main options and routers in conf.d (no system filter, no localmacros)."""
    plan[files.main_file] = main
    plan[files.router_file] = render_routers(params)
    plan[files.system_filter] = None
    folder = params.spam_folder if params.incoming_addresses else ""
    if folder:
        plan[files.spam_router_file] = render_spam_folder_router(folder, local_user=True)
        plan[files.spam_transport_file] = render_spam_folder_transport(folder)
    lm = read_file(files.localmacros)
    if lm is not None and has_block(lm, "main"):
        plan[files.localmacros] = remove_block(lm, "main")


def status_parts(files: DebianFiles, localmacros: str | None) -> dict[str, bool]:
    """This scheme's parts, present or not (beside the two ACL files)."""
    return {str(files.main_file): files.main_file.exists(), str(files.router_file): files.router_file.exists()}
