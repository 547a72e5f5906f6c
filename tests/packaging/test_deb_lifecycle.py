"""The .deb's whole life in a clean Debian 12 root (debootstrap, cached), in its own mount/PID/network namespace.

Install (users, /opt/mailward, the service started the way its unit says, `ie-config enable` on the root's own
Exim), mail through that Exim (held and delivered; a release through Exim's setuid sendmail from inside the unit's
sandbox), a reload, the WHM/cPanel registration against stand-in cPanel tools, an upgrade (held mail, settings and
Redis-kept limits survive; a stale Exim hook is re-rendered), removal (Exim's configuration back byte for byte,
mail still delivered, data kept) and purge. systemd is not PID 1 here: tests/packaging/fake_systemctl.py runs the
unit's ExecStart with its environment, notify protocol, mount sandbox and capability bounding set.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging import debian_root
from tests.packaging.debian_root import Namespace
from tests.whm_plugin.test_install import FAKE_REGISTER, FAKE_UNREGISTER

pytestmark = [pytest.mark.slow, pytest.mark.functional]

HERE = Path(__file__).resolve().parent
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
FAKE_TOOL = '#!/bin/sh\necho "$(basename "$0") $*" >> /srv/cpanel/calls.log\n'


@pytest.fixture(scope="module")
def ns(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Namespace]:
    why = debian_root.unavailable()
    if why:
        pytest.skip(why)
    with debian_root.namespace(tmp_path_factory.mktemp("debroot")) as n:
        n.copy_in(HERE / "fake_systemctl.py", "/usr/local/bin/systemctl")
        n.run("chmod 0755 /usr/local/bin/systemctl && mkdir -p /run/systemd/system && useradd -m alice"
              " && /etc/init.d/exim4 start >/dev/null")
        yield n


def send(ns: Namespace, subject: str, body: str, smtp: bool = False) -> None:
    """A message from root to alice@localhost: a local submission (sendmail) or SMTP to the running Exim."""
    msg = f"From: root@localhost\nTo: alice@localhost\nSubject: {subject}\n\n{body}\n"
    if smtp:
        ns.path("/root/smtp_send.py").write_text(
            "import smtplib, sys\ns = smtplib.SMTP('127.0.0.1', 25)\n"
            "s.sendmail('root@localhost', ['alice@localhost'], sys.stdin.buffer.read())\ns.quit()\n")
        ns.run(f"printf %s {quote(msg)} | python3 /root/smtp_send.py")
    else:
        ns.run(f"printf %s {quote(msg)} | /usr/sbin/sendmail -odi -f root@localhost alice@localhost")


def quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


def headers_of(box: str, subject: str) -> str:
    """The header block of the mbox message with this subject."""
    msg = next(m for m in box.split("\nFrom ") if f"Subject: {subject}\n" in m)
    return msg.split("\n\n", 1)[0]


def mailbox(ns: Namespace) -> str:
    p = ns.path("/var/mail/alice")
    return p.read_text(errors="replace") if p.exists() else ""


def wait_mail(ns: Namespace, needle: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        box = mailbox(ns)
        if needle in box:
            return box
        ns.run("exim -qff >/dev/null 2>&1 || true", check=False)  # an SMTP message may wait for a queue run
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} not delivered to alice within {timeout:g}s; mailbox:\n{mailbox(ns)}\n"
                         f"exim log:\n{ns.run('tail -20 /var/log/exim4/mainlog', check=False).stdout}")


def held(ns: Namespace) -> list[dict]:
    out = ns.run("ie-cli emails list -a root --json").stdout
    return json.loads(out)["items"]


def tree_digest(ns: Namespace, rel: str) -> dict[str, str]:
    base = ns.path(rel)
    return {str(p.relative_to(base)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(base.rglob("*")) if p.is_file()}


def hook_and_service(ns: Namespace) -> tuple[dict, dict]:
    """`ie-config status --json`: the hook's state, and the service's own components but for its Exim-hook report,
    which it refreshes every 30 s (it may still describe the hook as it was before the package changed it)."""
    out = json.loads(ns.run("ie-config status --json", check=False).stdout)
    service = {c["name"]: c["ok"] for c in out.pop("service")["components"] if c["name"] != "exim_hook"}
    return out, service


def main_pid(ns: Namespace) -> int:
    return int(ns.path("/run/fake-systemd/mailward.service.pid").read_text())


def test_install_mail_upgrade_remove_purge(ns: Namespace, deb: Path, deb_newer: Path) -> None:
    exim_before = tree_digest(ns, "/etc/exim4")
    ns.copy_in(deb, "/root/mailward-1.deb")
    ns.copy_in(deb_newer, "/root/mailward-2.deb")

    # ---- install: users, venv, service up (Type=notify: start returned once it answered), Exim hooked
    ns.run("dpkg -i /root/mailward-1.deb")
    assert ns.run("getent passwd mailward").stdout.split(":")[6].strip().endswith("nologin")
    assert ns.run("find /opt/mailward ! -user root -o -perm -o+w ! -type l").stdout == ""
    where = ns.run("/opt/mailward/bin/python -c 'import core, workers; print(core.__file__)'").stdout
    assert where.startswith("/opt/mailward/lib/python3.11/site-packages/core/")  # a real install, not editable
    assert not ns.run("ls /opt/mailward/lib/python3.11/site-packages | grep -E '\\.egg-link$|^__editable__'",
                      check=False).stdout
    assert ns.run("stat -c '%a %U' /var/lib/mailward /run/mailward /etc/mailward/mailward.toml").stdout.split(
        "\n")[:3] == ["750 root", "755 root", "640 root"]
    assert ns.path("/etc/systemd/system/multi-user.target.wants/mailward.service").is_symlink()  # enabled
    assert ns.run("systemctl is-active mailward").returncode == 0
    assert ns.run("mailward version && ie-cli version && ie-config version").stdout.split() == ["0.1.0"] * 3
    status, service = hook_and_service(ns)
    assert status["installed"] and status["active"] and status["consistent"], status
    assert service and all(service.values()), service
    assert "MAIN_TRUSTED_USERS = uucp : mailward" in ns.path("/etc/exim4/exim4.conf.localmacros").read_text()
    assert list(ns.path("/var/backups/mailward").iterdir())  # enable backed Exim's files up first
    # systemd-analyze verify on the installed unit, with the installed /opt/mailward in place
    r = ns.host(["sh", "-c", f"mount -t tmpfs tmpfs /opt && mkdir /opt/mailward && mount --bind "
                 f"{ns.root}/opt/mailward /opt/mailward && systemd-analyze verify "
                 f"{ns.root}/lib/systemd/system/mailward.service"])
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr

    # ---- mail through the root's own Exim, configured by the package's `ie-config enable`
    send(ns, "clean local", "Hello Alice, see you at lunch tomorrow.")
    box = wait_mail(ns, "Subject: clean local")
    assert "X-ImunifyEmail-Filter-Action: no action" in headers_of(box, "clean local")
    send(ns, "clean smtp", "Hello again Alice, the minutes are attached.", smtp=True)
    box = wait_mail(ns, "Subject: clean smtp")
    assert "X-ImunifyEmail-Filter-Action: no action" in headers_of(box, "clean smtp")
    send(ns, "spam one", GTUBE)
    items = held(ns)
    assert [i["subject"] for i in items] == ["spam one"]
    assert GTUBE not in mailbox(ns)

    # ---- release: Exim's setuid sendmail, run by the service inside the unit's sandbox, as the release user
    ns.run(f"ie-cli emails release -a {items[0]['account_name']} --ids {items[0]['email_id']}")
    box = wait_mail(ns, GTUBE)
    assert held(ns) == []
    assert "P=mailward-release" in ns.run("grep -F 'P=mailward-release' /var/log/exim4/mainlog").stdout

    # ---- settings: the conffile edited, `systemctl reload` re-reads it; a Redis-kept limit set through the API
    pid_before = main_pid(ns)
    conf = ns.path("/etc/mailward/mailward.toml")
    conf.write_text(conf.read_text() + "\n[thresholds]\nadd_header = 2.5\n")
    ns.run("systemctl reload mailward")
    assert main_pid(ns) == pid_before
    assert json.loads(ns.run("mailward config").stdout)["thresholds"]["add_header"] == 2.5
    ns.run("ie-cli quarantine-defaults set -r 7")
    send(ns, "spam two", GTUBE)
    kept = held(ns)
    assert [i["subject"] for i in kept] == ["spam two"]

    # ---- cPanel: the WHM and cPanel plugins and the update hook registered with stand-in cPanel tools
    cp = "/srv/cpanel/usr/local/cpanel"
    for tool, text in (("bin/register_appconfig", FAKE_REGISTER.format(python="/usr/bin/python3")),
                       ("bin/unregister_appconfig", FAKE_UNREGISTER.format(python="/usr/bin/python3")),
                       ("bin/manage_hooks", FAKE_TOOL), ("scripts/install_plugin", FAKE_TOOL),
                       ("scripts/uninstall_plugin", FAKE_TOOL)):
        ns.path(f"{cp}/{tool}").parent.mkdir(parents=True, exist_ok=True)
        ns.path(f"{cp}/{tool}").write_text(text)
    ns.run(f"chmod 0755 {cp}/bin/* {cp}/scripts/* && CPANEL_ROOT=/srv/cpanel /usr/lib/mailward/mailward-pkg cpanel")
    assert ns.path("/srv/cpanel/var/cpanel/apps/mailward.conf").is_file()
    cgi = ns.path(f"{cp}/whostmgr/docroot/cgi/mailward/index.cgi")
    assert cgi.read_text().startswith("#!/usr/bin/python3 -IS")
    ns.run(f"{cp}/whostmgr/docroot/cgi/mailward/index.cgi --check")  # refuses unless all it loads is root's
    assert json.loads(ns.path(f"{cp}/whostmgr/docroot/cgi/mailward/config.json").read_text())["api_socket"] == \
        "/run/mailward/api.sock"
    assert ns.path("/opt/mailward/lib/mailward-whm/cgi_proxy.py").is_file()
    calls = ns.path("/srv/cpanel/calls.log").read_text()
    assert "manage_hooks add script /usr/lib/mailward/cpanel-postupcp" in calls and "--event upcp" in calls
    assert "install_plugin /usr/share/mailward/cpanel_plugin --theme=jupiter" in calls
    assert json.loads(ns.path("/srv/cpanel/usr/local/cpanel/base/frontend/jupiter/mailward/mailward.json")
                      .read_text()) == {"api_socket": "/run/mailward/api.sock"}

    # ---- upgrade: an older hook template on disk is re-rendered; held mail, settings, limits survive
    acl = ns.path("/etc/exim4/mailward_check_data.acl")
    acl.write_text(acl.read_text() + "  # from an older Mailward\n")
    assert not json.loads(ns.run("ie-config status --json --noservice", check=False).stdout)["consistent"]
    out = ns.run("dpkg -i /root/mailward-2.deb")
    assert "Unpacking mailward (0.1.0-2) over (0.1.0-1)" in out.stdout, out.stdout
    assert ns.run("dpkg-query -W -f '${Version}' mailward").stdout == "0.1.0-2"
    assert main_pid(ns) != pid_before  # restarted on the new files
    status, service = hook_and_service(ns)
    assert status["consistent"] and status["active"] and all(service.values()), (status, service)
    assert "older Mailward" not in acl.read_text()
    assert "add_header = 2.5" in conf.read_text()  # the admin's conffile kept
    assert json.loads(ns.run("mailward config").stdout)["thresholds"]["add_header"] == 2.5
    assert [i["email_id"] for i in held(ns)] == [i["email_id"] for i in kept]
    defaults = json.loads(ns.run("ie-cli quarantine-defaults list --json").stdout)
    assert "7" in json.dumps(defaults), defaults
    send(ns, "spam three", GTUBE)
    assert len(held(ns)) == 2

    # ---- remove: Exim's configuration restored before the service stops; mail still delivered; data kept
    ns.run("dpkg -r mailward")
    assert tree_digest(ns, "/etc/exim4") == exim_before
    assert "mailward" not in ns.run("exim -bP acl_not_smtp spamd_address system_filter").stdout
    assert ns.run("systemctl is-active mailward", check=False).returncode != 0
    assert not ns.path("/opt/mailward").exists() and not ns.path("/usr/bin/ie-cli").exists()
    assert len(list(ns.path("/var/lib/mailward/quarantine").rglob("*.eml"))) == 2
    assert ns.path("/etc/mailward/mailward.toml").is_file()  # a conffile stays until purge
    send(ns, "after removal", "Hello Alice, Mailward is gone and mail still flows.")
    box = wait_mail(ns, "Subject: after removal")
    assert "X-ImunifyEmail" not in headers_of(box, "after removal")

    # ---- purge: the data and settings go too
    ns.run("dpkg -P mailward")
    assert not ns.path("/var/lib/mailward").exists() and not ns.path("/etc/mailward").exists()
    assert ns.run("dpkg-query -W mailward", check=False).returncode != 0
