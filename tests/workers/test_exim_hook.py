"""workers.exim_hook: rendering, and install/uninstall on copied Debian trees and fake cPanel trees."""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from workers import ie_config
from workers.exim_hook import (
    ACTION_VAR,
    CpanelHook,
    DebianHook,
    EximHookError,
    HookParams,
    detect_layout,
    exim_server_address,
    has_block,
    insert_block,
    make_hook,
    remove_block,
    render_forwarded_router,
    render_hold_router,
    render_main_options,
    render_not_smtp_acl,
    render_routers,
    render_smtp_data_acl,
    render_spam_folder_router,
    render_spam_folder_transport,
    render_system_filter,
    spamd_address_value,
)
from workers.exim_lab import SYSTEM_CONFIG

EXIM = "/usr/sbin/exim4"
have_exim = pytest.mark.skipif(not os.access(EXIM, os.X_OK), reason="exim4 is not installed")
debian_copy_ok = pytest.mark.skipif(
    os.geteuid() != 0 or not Path("/etc/exim4/update-exim4.conf.conf").exists()
    or not os.access("/usr/sbin/update-exim4.conf", os.X_OK),
    reason="needs root, Debian's /etc/exim4 and update-exim4.conf (update-exim4.conf runs in a mount namespace)")

P = HookParams(scan_addresses=("127.0.0.1:11333",), timeout=30, fail_mode="open",
               release_protocol="mailward-release", release_uid=998)
#: P with incoming filtration filing spam in .spam.
PI = HookParams(scan_addresses=("127.0.0.1:11333",), timeout=30, fail_mode="open",
                release_protocol="mailward-release", release_uid=998, incoming_addresses=("127.0.0.1:11334",),
                spam_folder=".spam")


# ------------------------------------------------------------------------------------------ rendering


@pytest.mark.parametrize(("addr", "want"), [
    ("127.0.0.1:11333", "127.0.0.1 11333"),
    ("localhost:783", "localhost 783"),
    ("[::1]:11333", "::1 11333"),
    ("/run/mailward/scan.sock", "/run/mailward/scan.sock"),
])
def test_exim_server_address(addr: str, want: str) -> None:
    assert exim_server_address(addr) == want


@pytest.mark.parametrize("addr", ["127.0.0.1", "host:0", "host:99999", "relative.sock", "/a b", "a b:1", ":25"])
def test_exim_server_address_rejects_garbage(addr: str) -> None:
    with pytest.raises(EximHookError):
        exim_server_address(addr)


def test_spamd_address_forms() -> None:
    assert render_main_options(P) == "spamd_address = 127.0.0.1 11333 variant=rspamd tmo=30s\n"
    two = HookParams(scan_addresses=("127.0.0.1:1", "/run/s.sock"), timeout=7)
    assert spamd_address_value(two) == "127.0.0.1 1 variant=rspamd tmo=7s : /run/s.sock variant=rspamd tmo=7s"
    v6 = HookParams(scan_addresses=("[::1]:1", "127.0.0.1:2"))
    assert spamd_address_value(v6) == "<; ::1 1 variant=rspamd tmo=30s ; 127.0.0.1 2 variant=rspamd tmo=30s"


@pytest.mark.parametrize("kwargs", [
    {"fail_mode": "maybe"}, {"release_protocol": "bad proto"}, {"release_protocol": "x}{"},
    {"timeout": 0}, {"max_scan_size": -1}, {"scan_addresses": ()}, {"release_uid": -1},
])
def test_params_are_validated(kwargs: dict) -> None:
    with pytest.raises(EximHookError):
        HookParams(**kwargs)


def test_data_acl_statements() -> None:
    acl = render_smtp_data_acl(P)
    direction, outgoing = acl.split("# BEGIN Mailward outgoing scan")
    first = direction.splitlines()[1].split()
    assert first[:3] == ["warn", "remove_header", "="]  # forged filter headers go, whatever the direction
    bypass = re.findall(r"^  (?:accept|warn|deny|defer|discard)\b.*\n.*$", outgoing, re.M)[0].split()
    assert bypass == ["accept", "condition", "=", "${if", "eq{$acl_m_mailward_dir}{}}", "condition", "=",
                      "${if", "and{{eq{$received_protocol}{mailward-release}}{eq{$originator_uid}{998}}}}"]
    assert "remove_header = X-ImunifyEmail-Filter-Score : X-ImunifyEmail-Filter-Action" in acl
    assert "spam = nobody:true/defer_ok" in acl
    assert f"set {ACTION_VAR} = $spam_action" in acl
    guard = r"condition = \$\{if eq\{\$acl_m_mailward_dir\}\{\}\}\n +"  # outgoing mail only (not inbound, not a test)
    assert re.search(guard.join(["discard ", r"condition = \$\{if eq\{\$acl_m_mailward_action\}\{quarantine\}\}"]), acl)
    assert re.search(guard.join(["deny    ", r"condition = .*\{reject\}\}\n +message = 5\.7\.1 "]), acl)
    assert re.search(guard.join(["defer   ", r"condition = .*\{soft reject\}\}\n +message = 4\.7\.1 "]), acl)
    assert "add_header = X-ImunifyEmail-Filter-Score: $spam_score" in acl
    assert f"add_header = X-ImunifyEmail-Filter-Action: ${ACTION_VAR}" in acl
    assert "$message_size" not in acl
    # Only the release bypass may accept: inside cPanel's ACL blocks an accept would skip cPanel's own checks.
    assert len(re.findall(r"^\s*accept\b", acl, re.M)) == 1


def test_fail_modes_and_options_change_the_acl() -> None:
    open_ = render_smtp_data_acl(P)
    closed = render_smtp_data_acl(HookParams(fail_mode="closed", release_uid=998))
    assert "could not be scanned" not in open_
    assert re.search(r"defer   condition = \$\{if eq\{\$acl_m_mailward_dir\}\{\}\}\n"
                     r" +condition = \$\{if eq\{\$acl_m_mailward_action\}\{\}\}\n +message = 4\.7\.1 ", closed)
    nobypass = render_smtp_data_acl(HookParams(max_scan_size=1000))
    assert "accept" not in nobypass
    assert "condition = ${if <{$message_size}{1000}}" in nobypass


def test_not_smtp_acl_holds_freezes_and_rejects_but_never_defers_or_discards() -> None:
    acl = render_not_smtp_acl(HookParams(fail_mode="closed", release_uid=998))
    assert "set acl_m_mailward_hold = 1" in acl
    assert not re.search(r"^\s*(discard|defer)\b", acl, re.M)
    # only a reject fails a local submission, with its reason on the submitter's stderr (a panic-log copy)
    assert re.search(r"deny    condition = \$\{if eq\{\$acl_m_mailward_action\}\{reject\}\}\n.*\n"
                     r" +log_message = Mailward: rejected by the content filter: .*\n"
                     r" +log_reject_target = main : panic", acl)
    assert len(re.findall(r"^  deny\b", acl, re.M)) == 2  # that one and the untrusted release user's
    # unanswered (fail mode closed) or "retry later": accepted frozen and marked for Mailward's frozen-queue job
    (freeze,) = [st for st in re.split(r"\n(?=  \w)", acl) if "control = freeze" in st]
    assert freeze.splitlines()[0] == ("  warn    condition = ${if or{{eq{$acl_m_mailward_action}{soft reject}}"
                                      "{eq{$acl_m_mailward_action}{}}}}")
    assert freeze.splitlines()[2:] == ["          set acl_m_mailward_frozen = 1",
                                       "          set acl_m_mailward_action = frozen",
                                       "          control = freeze/no_tell"]
    assert "match{$acl_m_mailward_action}{\\N^(unscanned|frozen)$\\N}{no}{yes}" in acl  # no verdict header yet
    assert acl.index("mailward-release") < acl.index("spam =")
    opened = render_not_smtp_acl(HookParams(fail_mode="open"))
    assert "condition = ${if eq{$acl_m_mailward_action}{soft reject}}\n          logwrite" in opened
    assert "set acl_m_mailward_action = unscanned" in opened.split("control = freeze")[1]


def test_forwarded_copy_router() -> None:
    assert render_forwarded_router(P) == ""  # no query socket: no router
    sock = "/var/lib/mailward/exim-query.sock"
    for mode, unavailable in (("open", "{}}\n"), ("closed", "{:defer: Mailward: the forwarded copy could not be "
                                                              "scanned (scan gateway unavailable)}}\n")):
        router = render_forwarded_router(HookParams(fail_mode=mode, timeout=30, query_socket=sock))
        assert router.startswith("# Mailward: a copy that a local forwarder")
        lines = router.split("mailward_forwarded:\n", 1)[1].splitlines()
        assert lines[:3] == ["  driver = redirect", "  domains = ! +local_domains",
                             "  condition = ${if and{{def:parent_domain}{eq{$acl_m_mailward_dir}{incoming}}"
                             "{def:message_exim_id}}}"]
        assert lines[4:] == ["  allow_defer", "  allow_fail", "  no_verify", "  no_expn", "  no_address_test"]
        data = lines[3]
        assert data.startswith(f"  data = ${{if match{{${{readsocket{{{sock}}}{{FORWARDED\\nId: $message_exim_id"
                               "\\nRcpt: ${escape:$local_part@$domain}\\nParent: "
                               "${escape:$parent_local_part@$parent_domain}\\n}{45s}{}"
                               "{mailward-forward: unavailable}}}")
        assert "{\\N^mailward-forward: (deliver|hold|fail|defer)$\\N}" in data
        assert data.endswith(unavailable.rstrip("\n"))
        assert ":blackhole:" in data and ":fail: " in data and ":defer: " in data and "$1" in data
    both = render_routers(HookParams(query_socket=sock))
    assert both.index("mailward_hold:") < both.index("mailward_forwarded:")
    with pytest.raises(EximHookError):
        HookParams(query_socket="/run/x y.sock")
    with pytest.raises(EximHookError):
        HookParams(query_socket="relative.sock")


def test_router_and_filter() -> None:
    router = render_hold_router()
    assert "mailward_hold:\n  driver = redirect\n" in router
    assert "data = :blackhole:" in router and "condition = ${if eq{$acl_m_mailward_hold}{1}}" in router
    assert render_system_filter().startswith("# Exim filter\n")
    assert "seen finish" in render_system_filter()


@have_exim
@pytest.mark.parametrize("fail_mode", ["open", "closed"])
def test_rendered_snippets_parse_in_exim(tmp_path: Path, fail_mode: str) -> None:
    params = HookParams(scan_addresses=("127.0.0.1:11333", "/run/x.sock"), fail_mode=fail_mode,
                        release_uid=998, max_scan_size=10_000_000, query_socket="/run/mailward/exim-query.sock")
    conf = tmp_path / "exim.conf"
    conf.write_text(
        render_main_options(params) + "domainlist local_domains = example.test\nacl_smtp_data = d\nacl_not_smtp = n\n"
        f"begin acl\nd:\n{render_smtp_data_acl(params)}  accept\nn:\n{render_not_smtp_acl(params)}  accept\n"
        f"begin routers\n{render_routers(params)}\nall:\n  driver = accept\n  transport = t\n"
        "begin transports\nt:\n  driver = appendfile\n  file = /dev/null\n")
    proc = subprocess.run([EXIM, "-C", str(conf), "-bV"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@have_exim
@pytest.mark.parametrize("fail_mode", ["open", "closed"])
def test_rendered_incoming_config_parses_in_exim(tmp_path: Path, fail_mode: str) -> None:
    params = HookParams(scan_addresses=("127.0.0.1:11333",), incoming_addresses=("127.0.0.1:11334", "/run/i.sock"),
                        fail_mode=fail_mode, release_uid=998, max_scan_size=1000, spam_folder=".Junk")
    assert "127.0.0.1 11334 variant=rspamd" in render_main_options(params)
    conf = tmp_path / "exim.conf"
    conf.write_text(
        "domainlist local_domains = example.test\n"
        + render_main_options(params) + "acl_smtp_data = d\n"
        f"begin acl\nd:\n{render_smtp_data_acl(params)}  accept\n"
        f"begin routers\n{render_spam_folder_router('.Junk', local_user=True)}\n"
        "all:\n  driver = accept\n  transport = t\n"
        f"begin transports\n{render_spam_folder_transport('.Junk')}\nt:\n  driver = appendfile\n  file = /dev/null\n")
    proc = subprocess.run([EXIM, "-C", str(conf), "-bV"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "directory = $home/Maildir/.Junk" in render_spam_folder_transport(".Junk")


def test_incoming_statements_never_accept_and_outgoing_ones_skip_incoming_mail() -> None:
    acl = render_smtp_data_acl(PI)
    incoming, outgoing = acl.split("# BEGIN Mailward outgoing scan")
    assert "# BEGIN Mailward incoming scan" in incoming
    # cPanel inlines every ACL block into one acl_smtp_data (etc/exim/defacls/universal.dist): an accept here
    # would end it before cPanel's SpamAssassin, ClamAV and spam score reject blocks see incoming mail.
    assert not re.search(r"^\s*accept\b", incoming, re.M)
    statements = re.findall(r"^  (?:accept|warn|deny|defer|discard)\b.*$", outgoing, re.M)
    assert len(statements) >= 10
    assert all(st.split(None, 1)[1] == "condition = ${if eq{$acl_m_mailward_dir}{}}" for st in statements)
    off = render_smtp_data_acl(P)
    assert "# BEGIN Mailward incoming scan" not in off and "spamd_address" not in off
    # Without incoming filtration, inbound mail is still marked, and the outgoing statements still skip it.
    assert off.split("# BEGIN Mailward outgoing scan")[1] == outgoing


def _exim_bh(tmp: Path, params: HookParams, rcpt: str, after: str = "", header: str = "",
             as_user: str = "Debian-exim") -> str:
    """An `exim -bh` SMTP session from remote host 192.0.2.9 through our data ACL (+ `after`); Exim's trace.

    Run as the Exim user (only root can become it), -bh stands in for the daemon's real session: the ACL then sees
    Exim's own uid as originator, as it does for mail the daemon receives. As anyone else it is a test session.
    """
    tmp.mkdir(parents=True, exist_ok=True)
    spool = tmp / "spool"
    spool.mkdir()
    shutil.chown(spool, "Debian-exim")
    conf = tmp / "exim.conf"
    conf.write_text(
        f"spool_directory = {spool}\nlog_file_path = {tmp}/%slog\nprimary_hostname = mx.example.test\n"
        "domainlist local_domains = example.test\nhost_lookup =\nrfc1413_hosts =\ntls_advertise_hosts =\n"
        "keep_environment =\nacl_smtp_rcpt = r\nacl_smtp_data = d\n" + render_main_options(params)
        + f"begin acl\nr:\n  accept\nd:\n{render_smtp_data_acl(params)}{after}  accept\n"
        "begin routers\nall:\n  driver = redirect\n  data = :blackhole:\n")
    session = (f"EHLO client.remote.test\r\nMAIL FROM:<a@remote.test>\r\nRCPT TO:<{rcpt}>\r\nDATA\r\n"
               f"{header}Subject: hello\r\n\r\nbody\r\n.\r\nQUIT\r\n")
    os.chmod(tmp, 0o755)
    os.chmod(conf, 0o644)
    ent = pwd.getpwnam(as_user)
    argv = [EXIM, "-C", str(conf), "-odq", "-bh", "192.0.2.9"]
    if ent.pw_uid != os.geteuid():
        argv = ["setpriv", f"--reuid={ent.pw_uid}", f"--regid={ent.pw_gid}", "--clear-groups", "--", *argv]
    if as_user not in ("root", "Debian-exim"):
        # Exim honours -C only for root and its own user: anyone else gets this config as the system one, through
        # a private mount namespace (as a local user on a real server gets the real one).
        argv = ["unshare", "-m", "--propagation", "private", "sh", "-c", 'mount --bind "$1" "$2" && shift 2 && '
                'exec "$@"', "sh", str(conf), SYSTEM_CONFIG, *[a for a in argv if a not in ("-C", str(conf))]]
    proc = subprocess.run(argv, input=session, capture_output=True, text=True, check=False, timeout=60)
    return proc.stdout + proc.stderr


@have_exim
@pytest.mark.skipif(os.geteuid() != 0, reason="exim -bh with -C needs root (the spool is Debian-exim's)")
def test_incoming_mail_is_scanned_once_and_reaches_the_acl_statements_after_ours(open_tmp: Path) -> None:
    """exim -bh: remote mail for a local domain meets the incoming scan only, then cPanel's later statements."""
    params = HookParams(scan_addresses=("127.0.0.1:9",), incoming_addresses=("127.0.0.1:9",), timeout=2)
    out = _exim_bh(open_tmp, params, "info@example.test", after="  warn    logwrite = LATER_CPANEL_BLOCK_RAN\n")
    assert "LATER_CPANEL_BLOCK_RAN" in out, out
    assert out.count("check spam = nobody:true/defer_ok") == 1, out  # the incoming scan, never the outgoing one
    assert re.search(r"^250 OK id=", out, re.M), out


@have_exim
@pytest.mark.skipif(os.geteuid() != 0, reason="exim -bh with -C needs root (the spool is Debian-exim's)")
@pytest.mark.parametrize(("rcpt", "scans"), [("info@example.test", 0), ("someone@elsewhere.test", 1)])
def test_without_incoming_inbound_mail_is_not_scanned_as_outgoing(open_tmp: Path, rcpt: str, scans: int) -> None:
    """exim -bh, incoming filtration off: a remote host's mail for a local mailbox is nobody's outgoing mail (no
    scan, no hold, no sender limit); the same host relaying to another domain is outgoing and scanned."""
    out = _exim_bh(open_tmp, HookParams(scan_addresses=("127.0.0.1:9",), timeout=2), rcpt,
                   header="X-ImunifyEmail-Filter-Action: no action\r\n")
    assert out.count("check spam = nobody:true/defer_ok") == scans, out
    assert "remove_header = X-ImunifyEmail-Filter-Score : X-ImunifyEmail-Filter-Action" in out, out
    assert re.search(r"^250 OK id=", out, re.M), out


@have_exim
@pytest.mark.skipif(os.geteuid() != 0, reason="exim -bh with -C needs root (the spool is Debian-exim's)")
@pytest.mark.parametrize("caller", ["root", "nobody"])
@pytest.mark.parametrize("incoming", [False, True])
def test_exim_test_sessions_never_reach_the_gateway(open_tmp: Path, caller: str, incoming: bool) -> None:
    """`exim -bh` by anyone but Exim's own uid is a test: neither scan is asked, even for relayed mail, and the
    ACL says why; the same session as the Exim user (the daemon's case) is scanned."""
    inc = {"incoming_addresses": ("127.0.0.1:9",)} if incoming else {}
    params = HookParams(scan_addresses=("127.0.0.1:9",), timeout=2, **inc)
    for rcpt in ("someone@elsewhere.test", "info@example.test"):
        out = _exim_bh(open_tmp / f"{caller}-{rcpt}", params, rcpt, as_user=caller)
        assert "check spam =" not in out, out
        assert "Mailward: not scanned: an Exim test session (exim -bh) by uid" in out, out
        assert re.search(r"^250 OK id=", out, re.M), out  # the test session itself still runs to the end
    out = _exim_bh(open_tmp / "exim-user", params, "someone@elsewhere.test")
    assert out.count("check spam = nobody:true/defer_ok") == 1, out


@pytest.mark.parametrize("folder", ["spam", ".a/b", "..", ". x"])
def test_spam_folder_is_validated(folder: str) -> None:
    with pytest.raises(EximHookError, match="Maildir"):
        HookParams(spam_folder=folder)


def test_blocks_are_exactly_reversible() -> None:
    for original in ["", "a\nb\n", "no newline at end", "@CONFIG@\nx = 1\n@ROUTERSTART@\n"]:
        for after in (None, "@CONFIG@", "@MISSING@"):
            text = insert_block(original, "x", "body line\n", after_line=after)
            assert has_block(text, "x")
            assert insert_block(text, "x", "body line\n", after_line=after) == text
            assert remove_block(text, "x") == original
    created = insert_block(None, "x", "b")
    assert "[created]" in created and remove_block(created, "x") is None
    placed = insert_block("@CONFIG@\nold = 1\n@ROUTERSTART@\n", "x", "new = 2\n", after_line="@CONFIG@")
    assert placed.index("new = 2") < placed.index("old = 1")


# ------------------------------------------------------------------------------------------ Debian


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "var/backups" not in str(p) and "var/lib/exim4" not in str(p)}


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temp dir under /tmp that Debian-exim can traverse: `exim -C` as root drops to the exim user."""
    path = Path(tempfile.mkdtemp(prefix="mailward-hook-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _debian_copy(tmp_path: Path, split: bool, localmacros: str | None = None) -> Path:
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "var/lib/exim4").mkdir(parents=True)
    shutil.copytree("/etc/exim4", root / "etc/exim4", symlinks=True)
    ue = root / "etc/exim4/update-exim4.conf.conf"
    text = re.sub(r"^dc_use_split_config=.*$", f"dc_use_split_config='{str(split).lower()}'", ue.read_text(),
                  flags=re.M)
    ue.write_text(text)
    lm = root / "etc/exim4/exim4.conf.localmacros"
    lm.unlink(missing_ok=True)
    if localmacros is not None:
        lm.write_text(localmacros)
    return root


def _router_names(conf: str) -> list[str]:
    section = conf.split("\nbegin routers", 1)[1].split("\nbegin transports", 1)[0]
    return re.findall(r"^([A-Za-z0-9_]+):\s*$", section, re.M)


@debian_copy_ok
@pytest.mark.parametrize("split", [True, False])
def test_debian_enable_twice_then_disable_restores_bytes(open_tmp: Path, split: bool) -> None:
    root = _debian_copy(open_tmp, split, localmacros=None if split else "MAIN_LOCAL = 1  # no newline at end")
    before = _snapshot(root)
    reloads: list[list[str]] = []
    hook = DebianHook(root, reload_command=("true",), release_user="www-data",
                      runner=lambda argv: reloads.append(list(argv)) or ie_run(argv))
    res = hook.enable(P)
    assert res.changed and res.reloaded and Path(res.backup_dir).is_dir()
    assert ["true"] in reloads
    gen = (root / "var/lib/exim4/config.autogenerated").read_text()
    assert "spamd_address = 127.0.0.1 11333 variant=rspamd tmo=30s" in gen
    assert f"CHECK_DATA_LOCAL_ACL_FILE = {root}/etc/exim4/mailward_check_data.acl" in gen
    assert f"acl_not_smtp = {root}/etc/exim4/mailward_not_smtp.acl" in gen
    assert "MAIN_TRUSTED_USERS = uucp : www-data" in gen
    if split:
        assert _router_names(gen)[0] == "mailward_hold"  # first router: sorts before 100_*
        assert "system_filter" not in gen
    else:
        assert f"system_filter = {root}/etc/exim4/mailward_system_filter" in gen
        assert "mailward_hold" not in gen
    st = hook.status(P)
    assert (st.installed, st.active, st.consistent) == (True, True, True), st.problems
    assert not hook.status(HookParams(fail_mode="closed", release_uid=998)).consistent

    installed = _snapshot(root)
    reloads.clear()
    again = hook.enable(P)
    assert again.changed == [] and not again.reloaded and again.backup_dir == ""
    assert _snapshot(root) == installed and ["true"] not in reloads

    out = hook.disable()
    assert out.changed and out.reloaded
    assert _snapshot(root) == before
    gen = (root / "var/lib/exim4/config.autogenerated").read_text()
    assert "mailward" not in gen
    st = hook.status()
    assert (st.installed, st.active, st.consistent) == (False, False, True)
    assert hook.disable().changed == []


def ie_run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False)


@debian_copy_ok
@debian_copy_ok
@pytest.mark.parametrize("split", [True, False])
def test_debian_incoming_on_and_off_adds_and_removes_exactly_its_parts(open_tmp: Path, split: bool) -> None:
    root = _debian_copy(open_tmp, split)
    hook = DebianHook(root, reload_command=("true",), runner=ie_run)
    hook.enable(P)
    outgoing = _snapshot(root)
    assert not hook.status(P).incoming
    res = hook.enable(PI)
    assert res.changed and res.reloaded
    gen = (root / "var/lib/exim4/config.autogenerated").read_text()
    assert "127.0.0.1 11334 variant=rspamd" in gen
    assert "Mailward incoming scan" in (root / "etc/exim4/mailward_check_data.acl").read_text()
    spam_router = root / "etc/exim4/conf.d/router/850_mailward_spam_folder"
    if split:
        names = _router_names(gen)
        assert names[0] == "mailward_hold" and "mailward_spam_folder" in names
        if "local_user" in names:
            assert names.index("mailward_spam_folder") < names.index("local_user")
        assert "directory = $home/Maildir/.spam" in gen
        assert not any("spam_folder" in n for n in res.notes)
    else:
        assert not spam_router.exists() and "mailward_spam_folder" not in gen
        assert any("split configuration" in n for n in res.notes)
    st = hook.status(PI)
    assert st.incoming and (st.installed, st.active, st.consistent) == (True, True, True), st.problems
    assert not hook.status(P).consistent  # incoming is on: the settings without it are stale
    assert hook.enable(PI).changed == []
    assert hook.enable(P).changed  # disable-incoming: back to exactly the outgoing hook
    assert _snapshot(root) == outgoing
    assert not hook.status(P).incoming


@debian_copy_ok
def test_debian_failed_check_restores_everything(tmp_path: Path) -> None:
    root = _debian_copy(tmp_path, split=True)
    before = _snapshot(root)
    hook = DebianHook(root, exim_binary="/bin/false", reload_command=("false",))
    with pytest.raises(EximHookError, match="restored"):
        hook.enable(P)
    assert _snapshot(root) == before
    assert not (root / "var/lib/exim4/config.autogenerated").exists()


@debian_copy_ok
def test_debian_refuses_to_clash_with_existing_settings(tmp_path: Path) -> None:
    root = _debian_copy(tmp_path, split=False, localmacros="CHECK_DATA_LOCAL_ACL_FILE = /etc/exim4/mine\n")
    before = _snapshot(root)
    with pytest.raises(EximHookError, match="CHECK_DATA_LOCAL_ACL_FILE"):
        DebianHook(root, reload_command=None).enable(P)
    assert _snapshot(root) == before


#: P with Mailward's query socket: the forwarded-copy router is installed too.
PQ = HookParams(scan_addresses=("127.0.0.1:11333",), timeout=30, fail_mode="closed", release_uid=998,
                query_socket="/var/lib/mailward/exim-query.sock")


@debian_copy_ok
@pytest.mark.parametrize("split", [True, False])
def test_debian_forwarded_copy_router_needs_the_split_config(open_tmp: Path, split: bool) -> None:
    root = _debian_copy(open_tmp, split)
    before = _snapshot(root)
    hook = DebianHook(root, reload_command=None)
    res = hook.enable(PQ)
    gen = (root / "var/lib/exim4/config.autogenerated").read_text()
    if split:
        assert _router_names(gen)[:2] == ["mailward_hold", "mailward_forwarded"]  # before any remote router
        assert not any("forwarded copies" in n for n in res.notes)
    else:
        assert "mailward_forwarded" not in gen
        assert any("forwarded copies" in n and "dc_use_split_config='true'" in n for n in res.notes), res.notes
    assert hook.status(PQ).consistent
    hook.disable()
    assert _snapshot(root) == before


def test_debian_without_update_exim4_conf_conf_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EximHookError, match="not a Debian exim4 layout"):
        DebianHook(tmp_path, reload_command=None).enable(P)


# ------------------------------------------------------------------------------------------ cPanel

FAKE_BUILDEXIMCONF = r'''#!{python}
"""Fake cPanel buildeximconf: exim.conf from a base, exim.conf.local sections and enabled ACL block files."""
import re, sys
from pathlib import Path

root = Path({root!r})
local = root / "etc/exim.conf.local"
opts_text = (root / "etc/exim.conf.localopts").read_text() if (root / "etc/exim.conf.localopts").exists() else ""
enabled = {{m.group(1) for m in re.finditer(r"^acl_(\S+?)\s*=\s*1\s*$", opts_text, re.M)}}
sections = {{}}
current = None
for line in (local.read_text().splitlines() if local.exists() else []):
    m = re.fullmatch(r"@([A-Z_]+)@\s*", line)
    if m:
        current = m.group(1)
        sections.setdefault(current, [])
    elif current:
        sections[current].append(line)

def order(name):
    for i, pre in enumerate(("custom_begin_", "begin_")):
        if name.startswith(pre):
            return (i, name)
    for i, pre in ((4, "custom_end_"), (3, "end_")):
        if name.startswith(pre):
            return (i, name)
    return (2, name)

def block(name):
    d = root / "usr/local/cpanel/etc/exim/acls" / name
    files = sorted((p for p in d.iterdir() if p.is_file()), key=lambda p: order(p.name)) if d.is_dir() else []
    return "".join(p.read_text() for p in files if p.name in enabled)

conf = ("primary_hostname = fake.cpanel.test\ndomainlist local_domains = fake.cpanel.test\n"
        + "\n".join(sections.get("CONFIG", [])) + "\n"
        "acl_smtp_data = acl_smtp_data\nacl_not_smtp = acl_not_smtp\n"
        "begin acl\nacl_smtp_data:\n" + block("ACL_OUTGOING_SMTP_CHECKALL_BLOCK") + "  accept\n"
        "acl_not_smtp:\n" + block("ACL_OUTGOING_NOTSMTP_CHECKALL_BLOCK") + "  accept\n"
        "begin routers\n" + "\n".join(sections.get("ROUTERSTART", [])) + "\n"
        "lookuphost:\n  driver = accept\n  transport = t\n"
        "begin transports\nt:\n  driver = appendfile\n  file = /dev/null\n")
(root / "etc/exim.conf").write_text(conf)
with open(root / "buildeximconf.log", "a") as f:
    f.write("built\n")
'''

CUSTOM_ACL = "  # the admin's own statement\n  warn    log_message = custom acl ran\n"
LOCAL_CONF = "@AUTH@\n\n@CONFIG@\nmessage_size_limit = 20M\n\n@ROUTERSTART@\n\n@TRANSPORTSTART@\n"
LOCALOPTS = "acl_custom_begin_mine=1\nsmtputf8_advertise_hosts=\n"


def _cpanel_root(tmp_path: Path, local_conf: str | None = LOCAL_CONF, localopts: str | None = LOCALOPTS) -> Path:
    root = tmp_path / "cp"
    scripts = root / "usr/local/cpanel/scripts"
    scripts.mkdir(parents=True)
    (root / "etc").mkdir()
    build = scripts / "buildeximconf"
    build.write_text(FAKE_BUILDEXIMCONF.format(python=sys.executable, root=str(root)))
    restart = scripts / "restartsrv_exim"
    restart.write_text(f"#!/bin/sh\necho restarted >> {root}/restart.log\n")
    for s in (build, restart):
        s.chmod(0o755)
    custom = root / "usr/local/cpanel/etc/exim/acls/ACL_OUTGOING_SMTP_CHECKALL_BLOCK/custom_begin_mine"
    custom.parent.mkdir(parents=True)
    custom.write_text(CUSTOM_ACL)
    if local_conf is not None:
        (root / "etc/exim.conf.local").write_text(local_conf)
    if localopts is not None:
        (root / "etc/exim.conf.localopts").write_text(localopts)
    subprocess.run([str(build)], check=True)
    return root


def _all_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "var/backups" not in str(p) and not p.name.endswith(".log")}


@have_exim
@pytest.mark.parametrize(("local_conf", "localopts"), [(LOCAL_CONF, LOCALOPTS), (None, None),
                                                       ("@CONFIG@\nmessage_logs = false", "other=1\n")])
def test_cpanel_enable_twice_then_disable_restores_bytes(tmp_path: Path, local_conf: str | None,
                                                         localopts: str | None) -> None:
    root = _cpanel_root(tmp_path, local_conf, localopts)
    before = _all_files(root)
    assert detect_layout(root) == "cpanel"
    hook = make_hook("auto", root, exim_binary=EXIM)
    assert isinstance(hook, CpanelHook)
    res = hook.enable(P)
    assert res.reloaded and (root / "restart.log").read_text() == "restarted\n"
    acls = root / "usr/local/cpanel/etc/exim/acls"
    assert (acls / "ACL_OUTGOING_SMTP_CHECKALL_BLOCK/mailward_scan_smtp").read_text() == render_smtp_data_acl(P)
    assert (acls / "ACL_OUTGOING_NOTSMTP_CHECKALL_BLOCK/mailward_scan_notsmtp").read_text() == \
        render_not_smtp_acl(P)
    opts = (root / "etc/exim.conf.localopts").read_text()
    assert "acl_mailward_scan_smtp=1\n" in opts and "acl_mailward_scan_notsmtp=1\n" in opts
    gen = (root / "etc/exim.conf").read_text()
    assert "spamd_address = 127.0.0.1 11333 variant=rspamd tmo=30s" in gen
    assert _router_names(gen)[0] == "mailward_hold"
    smtp_acl = gen.split("acl_smtp_data:\n", 1)[1]
    if localopts == LOCALOPTS:  # custom_begin_* comes first and stays
        assert smtp_acl.index("custom acl ran") < smtp_acl.index(ACTION_VAR)
    assert (acls / "ACL_OUTGOING_SMTP_CHECKALL_BLOCK/custom_begin_mine").read_text() == CUSTOM_ACL
    st = hook.status(P)
    assert (st.installed, st.active, st.consistent) == (True, True, True), st.problems

    installed = _all_files(root)
    again = hook.enable(P)
    assert again.changed == [] and not again.reloaded
    assert _all_files(root) == installed

    out = hook.disable()
    assert out.changed and out.reloaded
    assert _all_files(root) == before
    st = hook.status()
    assert (st.installed, st.active, st.consistent) == (False, False, True)
    assert hook.disable().changed == []


@have_exim
@have_exim
def test_cpanel_installs_the_forwarded_copy_router_first(tmp_path: Path) -> None:
    root = _cpanel_root(tmp_path)
    before = _all_files(root)
    hook = make_hook("cpanel", root, exim_binary=EXIM)
    hook.enable(PQ)
    gen = (root / "etc/exim.conf").read_text()
    assert _router_names(gen)[:2] == ["mailward_hold", "mailward_forwarded"]
    assert "readsocket{/var/lib/mailward/exim-query.sock}" in gen
    assert hook.status(PQ).consistent
    hook.disable()
    assert _all_files(root) == before


def test_cpanel_failed_check_restores_backup(tmp_path: Path) -> None:
    root = _cpanel_root(tmp_path)
    before = _all_files(root)
    hook = CpanelHook(root, exim_binary="/bin/false")
    with pytest.raises(EximHookError, match="restored"):
        hook.enable(P)
    assert _all_files(root) == before
    assert not (root / "restart.log").exists()


@have_exim
def test_cpanel_failing_buildeximconf_restores_backup(tmp_path: Path) -> None:
    root = _cpanel_root(tmp_path)
    (root / "usr/local/cpanel/scripts/buildeximconf").write_text("#!/bin/sh\necho broken >&2\nexit 3\n")
    before = _all_files(root)
    with pytest.raises(EximHookError, match="buildeximconf failed: broken"):
        CpanelHook(root, exim_binary=EXIM).enable(P)
    assert _all_files(root) == before


def test_status_reports_partial_install(tmp_path: Path) -> None:
    root = _cpanel_root(tmp_path)
    f = root / "usr/local/cpanel/etc/exim/acls/ACL_OUTGOING_SMTP_CHECKALL_BLOCK/mailward_scan_smtp"
    f.write_text(render_smtp_data_acl(P))
    st = CpanelHook(root).status(P)
    assert not st.installed and not st.consistent
    assert any("partly installed" in p for p in st.problems)


# ------------------------------------------------------------------------------------------ ie-config


@have_exim
def test_ie_config_cli_on_a_fake_cpanel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = _cpanel_root(tmp_path)
    monkeypatch.setenv("MAILWARD_EXIM__RELEASE_USER", "nobody")
    monkeypatch.setenv("MAILWARD_EXIM__EXIM_BINARY", EXIM)
    monkeypatch.setenv("MAILWARD_FAIL_MODE", "closed")
    monkeypatch.delenv("MAILWARD_CONFIG", raising=False)
    base = ["--root", str(root), "--json"]
    assert ie_config.main(["status", *base, "--noservice"]) == 0
    assert json.loads(capsys.readouterr().out)["installed"] is False
    assert ie_config.main(["enable", *base]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["layout"] == "cpanel" and out["reloaded"] and out["changed"]
    assert "could not be scanned" in (root / "etc/exim.conf").read_text()  # fail_mode closed
    assert ie_config.main(["status", *base, "--noservice"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["installed"] and st["active"] and st["consistent"]
    monkeypatch.setenv("MAILWARD_FAIL_MODE", "open")
    assert ie_config.main(["status", "--root", str(root), "--noservice"]) == 1  # installed with other settings
    assert "problem: installed with other settings" in capsys.readouterr().out
    assert ie_config.main(["disable", "--root", str(root), "--noreload"]) == 0
    assert capsys.readouterr().out.startswith("disabled (cpanel)")
    assert (root / "restart.log").read_text() == "restarted\n"  # only enable restarted


@have_exim
def test_ie_config_incoming_on_a_fake_cpanel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = _cpanel_root(tmp_path)
    for k, v in {"RELEASE_USER": "nobody", "EXIM_BINARY": EXIM}.items():
        monkeypatch.setenv(f"MAILWARD_EXIM__{k}", v)
    monkeypatch.setenv("MAILWARD_INCOMING__LISTEN", "127.0.0.1:11334")
    monkeypatch.delenv("MAILWARD_CONFIG", raising=False)
    base = ["--root", str(root), "--noreload"]
    assert ie_config.main(["enable", *base]) == 0
    capsys.readouterr()
    outgoing = _all_files(root)
    assert ie_config.main(["enable-incoming", *base]) == 0
    out = capsys.readouterr().out
    assert out.startswith("incoming enabled (cpanel)")
    assert "note: cPanel delivers through Dovecot" in out and "X-Mailward-Spam" in out
    gen = (root / "etc/exim.conf").read_text()
    assert "Mailward incoming scan" in gen and "127.0.0.1 11334 variant=rspamd" in gen
    assert "mailward_spam_folder" not in gen  # cPanel: header action only
    assert ie_config.main(["status", *base[:2], "--noservice"]) == 0
    assert "incoming: on" in capsys.readouterr().out.splitlines()
    assert ie_config.main(["enable", *base]) == 0  # plain enable keeps incoming on
    assert capsys.readouterr().out.startswith("already enabled (cpanel)")
    assert ie_config.main(["enable-incoming", *base, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changed"] == []
    assert ie_config.main(["disable-incoming", *base]) == 0
    assert capsys.readouterr().out.startswith("incoming disabled (cpanel)")
    assert _all_files(root) == outgoing
    assert ie_config.main(["status", *base[:2], "--noservice", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["incoming"] is False
    assert ie_config.main(["disable-incoming", *base]) == 0
    assert capsys.readouterr().out.startswith("incoming already disabled (cpanel)")


def test_ie_config_errors_and_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("MAILWARD_CONFIG", raising=False)
    assert ie_config.main(["version"]) == 0
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*\n", capsys.readouterr().out)
    monkeypatch.setenv("MAILWARD_EXIM__RELEASE_USER", "nobody")
    monkeypatch.setenv("MAILWARD_INCOMING__LISTEN", "")  # empty: the state dir's incoming.sock (issue 18 item 16)
    assert ie_config.main(["enable-incoming", "--root", str(tmp_path), "--layout", "debian"]) == 1
    assert "not a Debian exim4 layout" in capsys.readouterr().err  # no longer "incoming.listen is empty"
    monkeypatch.setenv("MAILWARD_INCOMING__LISTEN", "127.0.0.1:11334")
    assert ie_config.main(["enable-incoming", "--root", str(tmp_path), "--layout", "cpanel"]) == 1
    assert "run `ie-config enable` first" in capsys.readouterr().err
    assert ie_config.main(["disable-incoming", "--root", str(tmp_path), "--layout", "cpanel"]) == 0
    assert capsys.readouterr().out.startswith("incoming already disabled (cpanel)")
    monkeypatch.setenv("MAILWARD_EXIM__RELEASE_USER", "no-such-user-here")
    assert ie_config.main(["enable", "--root", str(tmp_path), "--layout", "debian"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ie-config: error: ") and "no-such-user-here" in err and err.count("\n") == 1
    monkeypatch.setenv("MAILWARD_FAIL_MODE", "sometimes")
    assert ie_config.main(["status"]) == 1
    assert "fail_mode" in capsys.readouterr().err
