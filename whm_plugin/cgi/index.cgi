#!/usr/bin/python3 -IS
"""Mailward's WHM CGI. install.sh writes the installed copy: its interpreter line and PREFIX are fixed there.

cpsrvd runs this file as root, so before it imports a line of Mailward it checks that nothing it loads (the
interpreter, every directory on sys.path, cgi_proxy.py under PREFIX, config.json and the assets beside this file,
and every directory above each of them, symlinks followed) is writable by anyone but root; otherwise it answers
an error page naming the path and imports nothing. The interpreter runs with -I -S: no site-packages, no .pth
files, no PYTHON* variables, no script directory on sys.path; cgi_proxy needs the standard library only.
Run by hand with --check (outside a CGI request) it prints the verdict and exits 0 (safe) or 1.
"""

import os
import stat
import sys

#: The root-owned install prefix whose lib/mailward-whm holds cgi_proxy.py; install.sh writes it. None: the
#: source tree (local mode, workers/plugin_host.py), where cgi_proxy.py is one directory up.
PREFIX: str | None = None
LIB = "lib/mailward-whm"
MAX_LINKS = 40


def trail(path: str, depth: int = 0) -> list[str]:
    """Every path the kernel walks through to reach path, in order; a symlink is replaced by its target's trail."""
    if depth > MAX_LINKS:
        raise OSError(f"too many symlinks under {path}")
    cur = "/"
    out = ["/"]
    for name in path.split("/"):
        if name in ("", "."):
            continue
        if name == "..":
            cur = os.path.dirname(cur)
            continue
        nxt = os.path.join(cur, name)
        if os.path.islink(nxt):
            link = os.readlink(nxt)
            target = link if link.startswith("/") else os.path.join(cur, link)
            out += trail(target, depth + 1)
            cur = os.path.realpath(target)
        else:
            out.append(nxt)
            cur = nxt
    return out


def writable_by_others(st: os.stat_result, passable: bool) -> str:
    """Why a file or directory could be changed by a non-root user, or "" when only root can change it."""
    mode = st.st_mode
    if st.st_uid != 0:
        return f"owned by uid {st.st_uid}"
    if mode & stat.S_IWGRP and st.st_gid != 0:
        return f"writable by group {st.st_gid} (mode {stat.S_IMODE(mode):04o})"
    # A sticky, world-writable directory (/tmp) is safe to pass through: others cannot rename or replace the
    # root-owned entry below it. It is never safe as the place modules are looked up or read from.
    if mode & stat.S_IWOTH and not (passable and stat.S_ISDIR(mode) and mode & stat.S_ISVTX):
        return f"writable by everyone (mode {stat.S_IMODE(mode):04o})"
    return ""


def unsafe(path: str) -> str:
    """Why path (or a directory on the way to it) is not root's alone, or "" when it is."""
    try:
        steps = trail(os.path.abspath(path))
    except OSError as exc:
        return f"{path}: {exc}"
    checked = []
    for step in steps:
        try:
            checked.append((step, os.lstat(step)))
        except FileNotFoundError:
            break  # what does not exist is judged by its parent: whoever can write there could create it
        except OSError as exc:
            return f"{step}: {exc}"
    for i, (step, st) in enumerate(checked):
        why = writable_by_others(st, passable=i < len(checked) - 1)
        if why:
            return f"{step} is {why}"
    return ""


def guarded_paths(cgi_dir: str, lib: str) -> list[str]:
    """Everything the installed CGI executes, imports or reads."""
    paths = [os.path.abspath(__file__), sys.executable, os.path.realpath(sys.executable)]
    venv_cfg = os.path.join(os.path.dirname(os.path.dirname(sys.executable)), "pyvenv.cfg")
    if os.path.exists(venv_cfg):
        paths.append(venv_cfg)  # its `home` decides where the standard library comes from
    paths += [p or os.getcwd() for p in sys.path]
    paths += [lib, os.path.join(lib, "cgi_proxy.py"), os.path.join(cgi_dir, "config.json")]
    assets = os.path.join(cgi_dir, "assets")
    for top, _dirs, files in os.walk(assets):
        paths += [top] + [os.path.join(top, f) for f in files]
    return paths


def refusal(prefix: str) -> str:
    """The first reason the installed CGI must not run, or ""."""
    cgi_dir = os.path.dirname(os.path.abspath(__file__))
    for path in guarded_paths(cgi_dir, os.path.join(prefix, LIB)):
        why = unsafe(path)
        if why:
            return why
    return ""


def plain(text: str) -> str:
    """text with HTML's and JSON's special characters and control characters made harmless, without imports."""
    text = "".join(c if c >= " " else "?" for c in text)
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\\", "&#92;")):
        text = text.replace(a, b)
    return text


def refuse(why: str) -> int:
    """Answer the error page (JSON for API calls) without importing anything."""
    fix = (f"The WHM plugin runs as root, so everything it loads must be writable by root alone. Reinstall it "
           f"with whm_plugin/install.sh (MAILWARD_PREFIX={PREFIX}), or give the path to root: chown root:root, "
           f"chmod go-w.")
    api = "api=" in os.environ.get("QUERY_STRING", "") or os.environ.get("PATH_INFO", "").startswith("/api/")
    if api:
        ctype = "application/json"
        body = ('{"code": 500, "status": "internal_error", "message": "Mailward refuses to run: '
                + plain(why) + ". " + plain(fix) + '", "errors": {}}')
    else:
        ctype = "text/html; charset=utf-8"
        body = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Mailward refuses to run'
                f"</title></head><body><h1>Mailward refuses to run</h1><p><code>{plain(why)}</code></p>"
                f"<p>{plain(fix)}</p></body></html>")
    out = f"Status: 500 Internal Server Error\r\nContent-Type: {ctype}\r\nCache-Control: no-store\r\n\r\n{body}"
    sys.stdout.buffer.write(out.encode("utf-8", "replace"))
    sys.stdout.flush()
    return 0


def main() -> int:
    """Check the install (installed copy), then hand the request to cgi_proxy."""
    here = os.path.dirname(os.path.abspath(__file__))
    if PREFIX is None:
        sys.path.insert(0, here if os.path.isfile(os.path.join(here, "cgi_proxy.py")) else os.path.dirname(here))
    else:
        checking = sys.argv[1:] == ["--check"] and "GATEWAY_INTERFACE" not in os.environ
        why = refusal(PREFIX)
        if checking:
            print(f"index.cgi: refusing: {why}" if why else "index.cgi: every path it loads is root's alone",
                  file=sys.stderr if why else sys.stdout)
            return 1 if why else 0
        if why:
            return refuse(why)
        sys.path.insert(0, os.path.join(PREFIX, LIB))
    import cgi_proxy

    return cgi_proxy.main()


if __name__ == "__main__":
    sys.exit(main())
