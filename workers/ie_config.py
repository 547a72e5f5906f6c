"""ie-config: switch Mailward's Exim hook on and off and report its state (python-fire)."""

from __future__ import annotations

import http.client
import json as _json
import os
import shutil
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from pathlib import Path
from typing import Any

import fire

from core.errors import MailwardError
from core.net import unix_http
from core.settings import INCOMING_SOCKET, Settings, load_settings
from workers.exim_hook import (
    CpanelHook,
    DebianHook,
    EximHookError,
    HookParams,
    HookResult,
    HookStatus,
    detect_layout,
    make_hook,
    params_from_settings,
)

PROG = "ie-config"
EXIT_ERROR = 1  # an error; for status: the Exim hook is inconsistent (partly installed, stale, or not active)
EXIT_USAGE = 2
EXIT_DEGRADED = 3  # status: the service answers but a component fails (mail may go out unscanned or be deferred)
EXIT_DOWN = 4  # status: the service does not answer on its API socket


class NotImplementedYet(MailwardError):
    """A command that is declared but not built yet."""

    code = "not_implemented"


def _emit(data: dict[str, Any], as_json: bool, human: Sequence[str]) -> None:
    if as_json:
        print(_json.dumps(data, indent=2, sort_keys=True))
    else:
        print("\n".join(human))


def debian_reload_command() -> tuple[str, ...]:
    """How to make a running Debian exim4 re-read its config: systemctl if systemd runs, else invoke-rc.d."""
    if os.path.isdir("/run/systemd/system") and shutil.which("systemctl"):
        return ("systemctl", "reload", "exim4")
    return ("invoke-rc.d", "exim4", "reload")


def _hook(root: str, layout: str | None, reload: bool, settings: Settings | None = None) -> DebianHook | CpanelHook:
    settings = settings or load_settings()
    chosen = layout or settings.exim.layout
    if chosen == "auto":
        chosen = detect_layout(root)
    if chosen == "debian":
        return make_hook("debian", root, exim_binary=settings.exim.exim_binary,
                         reload_command=debian_reload_command() if reload else None,
                         release_user=settings.exim.release_user)
    return make_hook(chosen, root, exim_binary=settings.exim.exim_binary, restart=reload)


def _params(max_scan_size: int, settings: Settings | None = None, incoming: bool = False) -> HookParams:
    return params_from_settings(settings or load_settings(), max_scan_size=int(max_scan_size), incoming=incoming)


def hook_status(root: str = "/", layout: str | None = None, max_scan_size: int = 0,
                settings: Settings | None = None) -> HookStatus:
    """The Exim hook's state on this host, compared with what the settings would install."""
    hook = _hook(root, layout, reload=False, settings=settings)
    problems: list[str] = []
    try:
        params: HookParams | None = _params(max_scan_size, settings, incoming=hook.incoming_on())
    except EximHookError as exc:
        params, problems = None, [exc.message]
    st = hook.status(params)
    st.problems = problems + st.problems
    st.consistent = st.consistent and not problems
    return st


def version(json: bool = False) -> None:
    """Print Mailward's version."""
    try:
        v = _dist_version("mailward")
    except PackageNotFoundError:
        v = "unknown"
    _emit({"version": v}, json, [v])


def service_status(socket_path: Path, timeout: float = 10.0) -> dict[str, Any]:
    """The running service's own report (GET /api/v1/status on its socket, as root = admin), or why there is none."""
    try:
        code, raw = unix_http.get(socket_path, "/api/v1/status", timeout=timeout,
                                  headers={"X-Mailward-Client": "ie-config"})
        body = _json.loads(raw or b"{}")
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return {"running": False, "status": "down",
                "detail": f"no answer on {socket_path} ({exc}): is `mailward serve` running?", "components": []}
    if code != 200:
        return {"running": True, "status": "unknown", "detail": str(body.get("message", code)),
                "components": []}
    return {"running": True, "status": body.get("status", "unknown"), "detail": "",
            "components": body.get("components", [])}


def status(json: bool = False, root: str = "/", layout: str | None = None, max_scan_size: int = 0,
           service: bool = True) -> None:
    """Report the Exim hook (installed, active in Exim's config, consistent) and every part of the service.

    Exit codes, for monitoring: 0 all is well (the hook consistent and, unless --noservice, the service answers with
    every component healthy); 1 the Exim hook is inconsistent; 3 the service is degraded (a component fails, e.g.
    no scan worker or Exim not passing mail to Mailward); 4 the service does not answer. When several hold, the
    highest code wins. 2 is a usage error.

    Args:
        json: print machine-readable JSON.
        root: filesystem root to operate under (tests; "/" on a server).
        layout: debian, cpanel or auto (default: the exim.layout setting).
        max_scan_size: the size limit enable was given, to compare the installed snippets with.
        service: also ask the running service for its components (--noservice: only the hook).
    """
    st = hook_status(root, layout, max_scan_size)
    data = st.to_dict()
    yn = {True: "yes", False: "no"}
    human = [f"layout: {st.layout}", f"installed: {yn[st.installed]}", f"active: {yn[st.active]}",
             f"consistent: {yn[st.consistent]}", f"incoming: {'on' if st.incoming else 'off'}"]
    human += [f"problem: {p}" for p in st.problems]
    code = 0 if st.consistent else EXIT_ERROR
    if service:
        svc = service_status(load_settings().api_socket)
        data["service"] = svc
        human.append(f"service: {svc['status']}" + (f" ({svc['detail']})" if svc["detail"] else ""))
        human += [f"  {c['name']}: {'ok' if c['ok'] else 'FAIL'} - {c['detail']}" for c in svc["components"]]
        if not svc["running"]:
            code = EXIT_DOWN
        elif svc["status"] != "ok":
            code = max(code, EXIT_DEGRADED)
    data["exit_code"] = code
    _emit(data, json, human)
    if code:
        sys.exit(code)


def enable(json: bool = False, root: str = "/", layout: str | None = None, reload: bool = True,
           max_scan_size: int = 0) -> None:
    """Install (or update) the Exim hook that sends outgoing mail to the scan gateway; back up, check, reload.

    Idempotent: a second run with the same settings changes nothing. Settings come from MAILWARD_CONFIG and
    MAILWARD_* variables (scan.listen, fail_mode, exim.spamd_timeout, exim.release_user/release_protocol).
    Incoming filtration stays as enable-incoming/disable-incoming left it.

    Args:
        json: print machine-readable JSON.
        root: filesystem root to operate under (tests; "/" on a server).
        layout: debian, cpanel or auto (default: the exim.layout setting).
        reload: reload/restart Exim after a successful check (--noreload to skip).
        max_scan_size: do not scan messages of this many bytes or more (0: scan everything).
    """
    hook = _hook(root, layout, reload)
    res = hook.enable(_params(max_scan_size, incoming=hook.incoming_on()))
    _report(res, json, "enabled", "already enabled")


def _report(res: HookResult, as_json: bool, done: str, already: str) -> None:
    human = [f"{done} ({res.layout})" if res.changed else f"{already} ({res.layout})"]
    human += [f"changed: {c}" for c in res.changed]
    human += [f"backup: {res.backup_dir}"] if res.backup_dir else []
    human += ["exim reloaded" if res.reloaded else "exim not reloaded"] if res.changed else []
    human += [f"note: {n}" for n in res.notes]
    _emit(res.to_dict(), as_json, human)


def disable(json: bool = False, root: str = "/", layout: str | None = None, reload: bool = True) -> None:
    """Remove exactly what enable added (and nothing else); back up, check, reload. Idempotent.

    Args:
        json: print machine-readable JSON.
        root: filesystem root to operate under (tests; "/" on a server).
        layout: debian, cpanel or auto (default: the exim.layout setting).
        reload: reload/restart Exim after a successful check (--noreload to skip).
    """
    _report(_hook(root, layout, reload).disable(), json, "disabled", "already disabled")


def enable_incoming(json: bool = False, root: str = "/", layout: str | None = None, reload: bool = True,
                    max_scan_size: int = 0) -> None:
    """Scan incoming mail too: the incoming ACL block, spamd_address picking [incoming] listen, the spam folder.

    Needs the hook installed (ie-config enable). Exim asks the gateway on [incoming] listen, by default the unix
    socket <state_dir>/incoming.sock, on which `mailward serve` always listens; a note says which. With incoming.action
    spam_folder, Debian's split configuration gets a router and transport filing spam in ~/Maildir/<spam_folder>/;
    elsewhere spam is delivered with incoming.spam_header (a note says so). Backs up, checks, reloads; idempotent.

    Args:
        json: print machine-readable JSON.
        root: filesystem root to operate under (tests; "/" on a server).
        layout: debian, cpanel or auto (default: the exim.layout setting).
        reload: reload/restart Exim after a successful check (--noreload to skip).
        max_scan_size: do not scan messages of this many bytes or more (0: scan everything), as for enable.
    """
    settings = load_settings()
    hook = _hook(root, layout, reload, settings)
    params = _params(max_scan_size, settings, incoming=True)
    if not hook.status().installed:
        raise EximHookError("the Exim hook is not installed: run `ie-config enable` first")
    res = hook.enable(params)
    res.action = "enable-incoming"
    res.notes = [n.replace("already enabled", "incoming already enabled") for n in res.notes]
    listen = ", ".join(settings.incoming.listen)
    defaulted = settings.incoming.listen == (str(settings.state_dir / INCOMING_SOCKET),)
    res.notes.append(f"incoming mail is scanned on {listen}" + (
        " (the default: [incoming] listen is empty; mailward serve listens there)" if defaulted else
        " ([incoming] listen)") + f"; incoming spam: {settings.incoming.action}")
    _report(res, json, "incoming enabled", "incoming already enabled")


def disable_incoming(json: bool = False, root: str = "/", layout: str | None = None, reload: bool = True,
                     max_scan_size: int = 0) -> None:
    """Stop scanning incoming mail: remove exactly what enable-incoming added; back up, check, reload. Idempotent.

    Args:
        json: print machine-readable JSON.
        root: filesystem root to operate under (tests; "/" on a server).
        layout: debian, cpanel or auto (default: the exim.layout setting).
        reload: reload/restart Exim after a successful check (--noreload to skip).
        max_scan_size: the size limit enable was given, so the outgoing snippets stay as they are.
    """
    hook = _hook(root, layout, reload)
    if hook.status().installed:
        res = hook.enable(_params(max_scan_size, incoming=False))
        res.notes = [n for n in res.notes if not n.startswith("already enabled")]
    else:
        res = hook.forget_incoming()
    res.action = "disable-incoming"
    _report(res, json, "incoming disabled", "incoming already disabled")


COMMANDS = {
    "version": version,
    "status": status,
    "enable": enable,
    "disable": disable,
    "enable-incoming": enable_incoming,
    "disable-incoming": disable_incoming,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ie-config console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        fire.Fire(COMMANDS, command=args, name=PROG)
    except NotImplementedYet as exc:
        print(f"{PROG}: error: {exc.message}", file=sys.stderr)
        return _exit(EXIT_USAGE, argv)
    except MailwardError as exc:
        print(f"{PROG}: error: {exc.message}", file=sys.stderr)
        return _exit(EXIT_ERROR, argv)
    except fire.core.FireExit as exc:
        return _exit(int(exc.code or 0), argv)
    except SystemExit as exc:
        return _exit(int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_ERROR, argv)
    return 0


def _exit(code: int, argv: Sequence[str] | None) -> int:
    if argv is None:  # console script: really exit
        sys.exit(code)
    return code


if __name__ == "__main__":
    main()
