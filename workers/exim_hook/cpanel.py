"""The cPanel installer: ACL block files, acl_<file>=1 in exim.conf.localopts, marked sections of exim.conf.local.

cPanel generates exim.conf itself (buildeximconf) from those customisation files, so enable writes them, rebuilds,
has Exim check the result and restarts Exim; any failure restores the backup. The statements are the same as on
Debian (acl.py); they never `accept`, so cPanel's own later checks still run. Imports params, acl, routers, blocks
and installer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from workers.exim_hook.acl import render_not_smtp_acl, render_smtp_data_acl
from workers.exim_hook.blocks import has_block, insert_block, remove_block
from workers.exim_hook.installer import (
    HookResult,
    HookStatus,
    Installer,
    Plan,
    Runner,
    fail_text,
    read_file,
    run_command,
)
from workers.exim_hook.params import ACTION_VAR, ROUTER_NAME, EximHookError, HookParams
from workers.exim_hook.routers import render_main_options, render_routers

CPANEL_SMTP_BLOCK = "ACL_OUTGOING_SMTP_CHECKALL_BLOCK"
CPANEL_NOTSMTP_BLOCK = "ACL_OUTGOING_NOTSMTP_CHECKALL_BLOCK"
CPANEL_SMTP_FILE = "mailward_scan_smtp"
CPANEL_NOTSMTP_FILE = "mailward_scan_notsmtp"


class CpanelHook(Installer):
    """cPanel: ACL block files + acl_<file>=1 in exim.conf.localopts + exim.conf.local sections."""

    layout = "cpanel"

    def __init__(self, root: str | Path = "/", *, exim_binary: str = "/usr/sbin/exim",
                 buildeximconf: str | None = None, restart_command: Sequence[str] | None = None,
                 restart: bool = True, backup_dir: str | Path | None = None, runner: Runner = run_command) -> None:
        super().__init__(root, exim_binary=exim_binary, backup_dir=backup_dir, runner=runner)
        self.buildeximconf = buildeximconf or str(self.path("usr/local/cpanel/scripts/buildeximconf"))
        default_restart = (str(self.path("usr/local/cpanel/scripts/restartsrv_exim")),)
        self.restart_command = (tuple(restart_command) if restart_command else default_restart) if restart else None
        acls = self.path("usr/local/cpanel/etc/exim/acls")
        self.smtp_file = acls / CPANEL_SMTP_BLOCK / CPANEL_SMTP_FILE
        self.notsmtp_file = acls / CPANEL_NOTSMTP_BLOCK / CPANEL_NOTSMTP_FILE
        self.local = self.path("etc/exim.conf.local")
        self.localopts = self.path("etc/exim.conf.localopts")
        self.exim_conf = self.path("etc/exim.conf")

    def _localopts(self, enable: bool) -> str | None:
        text = read_file(self.localopts)
        keys = (f"acl_{CPANEL_SMTP_FILE}", f"acl_{CPANEL_NOTSMTP_FILE}")
        lines = [] if text is None else text.splitlines(keepends=True)
        kept = [ln for ln in lines if ln.split("=", 1)[0].strip() not in keys]
        if enable:
            if kept and not kept[-1].endswith("\n"):
                kept[-1] += "\n"
            kept += [f"{k}=1\n" for k in keys]
        elif text is None or (not "".join(kept).strip() and len(kept) < len(lines)):
            return None  # only our lines were there: cPanel keeps no empty localopts file around
        return "".join(kept)

    def _local(self, params: HookParams | None) -> str | None:
        text = read_file(self.local)
        for name in ("config", "router"):  # reverse order of insertion: "router" may have created the file
            if text is not None:
                text = remove_block(text, name)
        if params is None:
            return text
        for name, marker, body in (("router", "@ROUTERSTART@", render_routers(params)),
                                   ("config", "@CONFIG@", render_main_options(params))):
            if text is None or not re.search(rf"^{marker}[ \t]*$", text, re.M):
                body = f"{marker}\n{body}"  # the section marker itself belongs to (and leaves with) our block
            text = insert_block(text, name, body, after_line=marker)
        return text

    def plan_enable(self, params: HookParams) -> Plan:
        """The files enable would write."""
        return {
            self.smtp_file: render_smtp_data_acl(params),
            self.notsmtp_file: render_not_smtp_acl(params),
            self.localopts: self._localopts(True),
            self.local: self._local(params),
            self.incoming_state: self._incoming_text(params),
        }

    def plan_disable(self) -> Plan:
        """The files disable would write or remove."""
        return {self.smtp_file: None, self.notsmtp_file: None, self.incoming_state: None,
                self.localopts: self._localopts(False), self.local: self._local(None)}

    def _build(self) -> None:
        proc = self.run([self.buildeximconf])
        if proc.returncode != 0:
            raise EximHookError(f"buildeximconf failed: {fail_text(proc)}")
        self._exim_check(self.exim_conf)
        gen = read_file(self.exim_conf) or ""
        if "spam = nobody:true/defer_ok" in (read_file(self.smtp_file) or "") and ACTION_VAR not in gen:
            raise EximHookError(f"buildeximconf did not include Mailward's ACL blocks in {self.exim_conf}")

    def _after_restore(self) -> None:
        # whether it succeeds or not: the generated exim.conf itself was restored from the backup
        self.run([self.buildeximconf])

    def _restart(self, result: HookResult) -> None:
        if self.restart_command:
            proc = self.run(self.restart_command)
            if proc.returncode != 0:
                raise EximHookError(f"restarting exim failed: {fail_text(proc)}")
            result.reloaded = True

    def enable(self, params: HookParams) -> HookResult:
        """Install (or update) the hook, rebuild and check exim.conf, then restart Exim."""
        result = HookResult(self.layout, "enable")
        if self._apply(self.plan_enable(params), result, self._build, [self.exim_conf]):
            self._restart(result)
        else:
            result.notes.append("already enabled with these settings: nothing changed")
        result.notes.append("the release user must be one of Exim's trusted_users for releases to skip scanning")
        if params.incoming_addresses and params.spam_folder:
            result.notes.append(
                f"cPanel delivers through Dovecot (LMTP), so no spam folder router is installed: incoming spam "
                f"is delivered with the {params.spam_header}: yes header; file it in {params.spam_folder} with a "
                f"Dovecot Sieve rule or cPanel's Email Filters (header {params.spam_header} contains yes)")
        return result

    def disable(self) -> HookResult:
        """Remove exactly what enable added, rebuild and check exim.conf, then restart Exim."""
        result = HookResult(self.layout, "disable")
        if self._apply(self.plan_disable(), result, self._build, [self.exim_conf]):
            self._restart(result)
        else:
            result.notes.append("not installed: nothing changed")
        return result

    def status(self, params: HookParams | None = None) -> HookStatus:
        """Which parts are present, whether exim.conf includes them, and whether they match params."""
        opts = read_file(self.localopts) or ""
        local = read_file(self.local) or ""
        parts = {
            str(self.smtp_file): self.smtp_file.exists(),
            str(self.notsmtp_file): self.notsmtp_file.exists(),
            f"{self.localopts} acl_{CPANEL_SMTP_FILE}=1": bool(
                re.search(rf"^acl_{CPANEL_SMTP_FILE}\s*=\s*1\s*$", opts, re.M)),
            f"{self.localopts} acl_{CPANEL_NOTSMTP_FILE}=1": bool(
                re.search(rf"^acl_{CPANEL_NOTSMTP_FILE}\s*=\s*1\s*$", opts, re.M)),
            f"{self.local} @CONFIG@ block": has_block(local, "config"),
            f"{self.local} @ROUTERSTART@ block": has_block(local, "router"),
        }
        gen = read_file(self.exim_conf) or ""
        active = ACTION_VAR in gen and f"{ROUTER_NAME}:" in gen and "variant=rspamd" in gen
        return self._status(parts, active, f"{self.exim_conf} does not match the installed files: run buildeximconf",
                            params, self.plan_enable)
