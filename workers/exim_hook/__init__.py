"""Mailward's Exim hook: render the ACL/router/option snippets and install them on Debian or cPanel.

Where things are:
  params.py           names every layout shares (ACL variables, headers, router names), HookParams, EximHookError
  acl.py              the one model of the ACL statements (Statement, Section) and the sections Mailward renders:
                      direction, incoming scan, outgoing scan (acl_smtp_data), local submission scan (acl_not_smtp)
  routers.py          spamd_address, the hold / forwarded-copy / spam-folder routers, the system filter
  blocks.py           marked BEGIN/END blocks in files Mailward shares with others
  installer.py        plan -> backup -> write -> check -> restore -> reload, shared by the layouts
  debian_files.py     Debian exim4-config's paths, scheme detection, clashing settings
  debian_split.py     Debian's split conf.d scheme;  debian_nonsplit.py: the non-split template scheme
  debian.py           the Debian installer;  cpanel.py: the cPanel installer

Imports point down that list (params at the bottom); nothing here imports workers' other modules, and only
params imports core (core.errors). Callers import from this package, which re-exports the public names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workers.exim_hook.acl import render_incoming_acl, render_not_smtp_acl, render_smtp_data_acl
from workers.exim_hook.blocks import has_block, insert_block, remove_block
from workers.exim_hook.cpanel import (
    CPANEL_NOTSMTP_BLOCK,
    CPANEL_NOTSMTP_FILE,
    CPANEL_SMTP_BLOCK,
    CPANEL_SMTP_FILE,
    CpanelHook,
)
from workers.exim_hook.debian import DebianHook
from workers.exim_hook.installer import HookResult, HookStatus, Plan, Runner, run_command
from workers.exim_hook.params import (
    ACTION_HEADER,
    ACTION_VAR,
    DEFAULT_DEFER_TEXT,
    DEFAULT_REJECT_TEXT,
    DIR_VAR,
    FILTER_HEADERS,
    FORWARDED_ROUTER_NAME,
    FROZEN,
    FROZEN_VAR,
    HOLD_VAR,
    INCOMING_STATE,
    INCOMING_STATE_TEXT,
    LOCAL_SUBMISSION_HOSTS,
    MARK,
    QUERY_EXTRA_S,
    QUERY_SOCKET_NAME,
    ROUTER_NAME,
    SCORE_HEADER,
    SPAM_ROUTER_NAME,
    TEST_SESSION,
    UNSCANNED_DEFER_TEXT,
    EximHookError,
    HookParams,
    exim_server_address,
    params_from_settings,
    user_uid,
)
from workers.exim_hook.routers import (
    render_forwarded_router,
    render_hold_router,
    render_main_options,
    render_routers,
    render_spam_folder_router,
    render_spam_folder_transport,
    render_system_filter,
    spamd_address_value,
)

__all__ = [
    "ACTION_HEADER", "ACTION_VAR", "CPANEL_NOTSMTP_BLOCK", "CPANEL_NOTSMTP_FILE", "CPANEL_SMTP_BLOCK",
    "CPANEL_SMTP_FILE", "DEFAULT_DEFER_TEXT", "DEFAULT_REJECT_TEXT", "DIR_VAR", "FILTER_HEADERS",
    "FORWARDED_ROUTER_NAME", "FROZEN", "FROZEN_VAR", "HOLD_VAR", "INCOMING_STATE", "INCOMING_STATE_TEXT",
    "LOCAL_SUBMISSION_HOSTS", "MARK", "QUERY_EXTRA_S", "QUERY_SOCKET_NAME", "ROUTER_NAME", "SCORE_HEADER",
    "SPAM_ROUTER_NAME", "TEST_SESSION", "UNSCANNED_DEFER_TEXT", "CpanelHook", "DebianHook", "EximHookError",
    "HookParams", "HookResult", "HookStatus", "Plan", "Runner", "detect_layout", "exim_server_address", "has_block",
    "insert_block", "make_hook", "params_from_settings", "remove_block", "render_forwarded_router",
    "render_hold_router", "render_incoming_acl", "render_main_options", "render_not_smtp_acl", "render_routers",
    "render_smtp_data_acl", "render_spam_folder_router", "render_spam_folder_transport", "render_system_filter",
    "run_command", "spamd_address_value", "user_uid",
]


def detect_layout(root: str | Path = "/") -> str:
    """'cpanel' if /usr/local/cpanel exists under root, else 'debian'."""
    return "cpanel" if (Path(root) / "usr/local/cpanel").is_dir() else "debian"


def make_hook(layout: str = "auto", root: str | Path = "/", **options: Any) -> DebianHook | CpanelHook:
    """The installer for a layout ("auto", "debian", "cpanel"); options go to its constructor."""
    if layout == "auto":
        layout = detect_layout(root)
    if layout == "debian":
        return DebianHook(root, **options)
    if layout == "cpanel":
        return CpanelHook(root, **options)
    raise EximHookError(f"unknown Exim layout {layout!r} (auto, debian or cpanel)")
