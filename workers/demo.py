"""The README's demo: Mailward + a private Exim filter real mail; prints what was delivered and what was held."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import redis

from core.store.quarantine import QuarantineStore
from workers.exim_lab import EximLab, build_message, free_port, missing_requirements, poll
from workers.plugin_host import HostConfig, PluginHost
from workers.serve_process import ServeProcess

#: The trusted user that re-injects released mail (Mailward's default exim.release_user).
RELEASE_USER = "mailward"
#: The demo's cPanel account (a cPanel account is a system user: its plugin page runs with its uid).
SHOP_USER = "shopuser"
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"


def _tiny_pe() -> bytes:
    """A minimal, harmless Windows PE header: 'MZ', e_lfanew -> 'PE\\0\\0'."""
    dos = bytearray(128)
    dos[0:2] = b"MZ"
    dos[0x3C:0x40] = (128).to_bytes(4, "little")
    return bytes(dos) + b"PE\0\0" + bytes(20)


def _exe_mail() -> bytes:
    att = base64.encodebytes(_tiny_pe()).decode()
    return (
        "From: Shop <orders@example.com>\nTo: client@customer.test\nSubject: your invoice (see attachment)\n"
        "X-PHP-Script: example.com/wp-content/plugins/contact/send.php for 203.0.113.9\n"
        "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n\n--b1\nContent-Type: text/plain\n\n"
        "Invoice attached.\n--b1\nContent-Type: application/octet-stream; name=\"invoice.pdf.exe\"\n"
        "Content-Disposition: attachment; filename=\"invoice.pdf.exe\"\nContent-Transfer-Encoding: base64\n\n"
        f"{att}--b1--\n"
    ).encode()


def _cpanel_tree(root: Path) -> Path:
    """A one-account cPanel layout: shopuser owns example.com (its uid from the real system user)."""
    (root / "etc").mkdir(parents=True)
    ent = pwd.getpwnam(SHOP_USER)
    (root / "etc" / "passwd").write_text(
        f"root:x:0:0::/root:/bin/sh\n{SHOP_USER}:x:{ent.pw_uid}:{ent.pw_gid}::/:/bin/sh\n")
    (root / "etc" / "userdomains").write_text("example.com: shopuser\n*: nobody\n")
    (root / "etc" / "trueuserdomains").write_text("example.com: shopuser\n")
    (root / "etc" / "domainusers").write_text("shopuser: example.com\n")
    (root / "etc" / "trueuserowners").write_text("shopuser: root\n")
    (root / "var" / "cpanel" / "users").mkdir(parents=True)
    (root / "var" / "cpanel" / "users" / "shopuser").write_text("DNS=example.com\nOWNER=root\nPLAN=default\n")
    return root


def _start_serve(base: Path, cpanel: Path, port: int, lab: EximLab) -> ServeProcess:
    # serve runs in a mount namespace where /usr/sbin/sendmail reads the private Exim's config, so a release
    # goes through the same setuid sendmail, trusted user and ACL bypass as on a real server.
    toml = (f'[scan]\nlisten = ["127.0.0.1:{port}"]\n[workers]\nprocesses = 2\nthreads = 4\n'
            f'[cpanel]\nroot = "{cpanel}"\n[exim]\nrelease_user = "{RELEASE_USER}"\n')
    serve = ServeProcess(base / "state", toml, wrap=lab.namespace_argv())
    serve.start()
    return serve


def ensure_user(name: str, why: str) -> None:
    """Create a system account without login if it does not exist yet."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                       check=True, capture_output=True)
        print(f"demo: created the system user {name!r} ({why})")


def _ie_cli(serve: ServeProcess, *args: str) -> str:
    """Run the real ie-cli (as root: the admin) against serve's API socket; its output."""
    exe = Path(sys.executable).with_name("ie-cli")
    proc = subprocess.run([str(exe), *args], env={**os.environ, "MAILWARD_API_SOCKET": serve.info["api_socket"]},
                          capture_output=True, text=True, timeout=60, check=False)
    return (proc.stdout + proc.stderr).rstrip()


def _release_demo(serve: ServeProcess, lab: EximLab) -> bool:
    """Show the quarantine with ie-cli, release the spam as the admin, and watch Exim deliver it (Bcc too)."""
    print("\n$ ie-cli emails list -a root")
    print(_ie_cli(serve, "emails", "list", "-a", "root"))
    listing = json.loads(_ie_cli(serve, "emails", "list", "-a", "root", "--json"))
    winner = next((i for i in listing["items"] if i["subject"] == "You are a WINNER"), None)
    if winner is None:
        print("demo: the WINNER message is not in the quarantine   <-- UNEXPECTED")
        return False
    print(f"\n$ ie-cli emails release --ids {winner['email_id']} -a root")
    print(_ie_cli(serve, "emails", "release", "--ids", winner["email_id"], "-a", "root"))
    def copies() -> list | None:
        found = [d for d in lab.delivered() if d.subject == "You are a WINNER"]
        return found if len(found) >= len(winner["recipients"]) else None

    try:
        got = poll(copies, 30, "the released message")
    except TimeoutError:
        print("demo: the released message was not delivered   <-- UNEXPECTED")
        return False
    rcpts = sorted({r for d in got for r in d.headers("X-Delivered-To") or d.headers("Envelope-To")})
    print(f"released and delivered {len(got)} copies (envelope recipients {', '.join(winner['recipients'])}"
          f"{'; delivered to ' + ', '.join(rcpts) if rcpts else ''}); Exim logged it with "
          f"{'P=mailward-release' if 'P=mailward-release' in lab.mainlog() else 'NO release marker'}")
    print("\n$ ie-cli audit list")
    print(_ie_cli(serve, "audit", "list"))
    return True


def _get_json(url: str, cookie: str = "") -> tuple[int, dict]:
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _plugins_demo(serve: ServeProcess, cpanel_root: Path, keep: bool) -> bool:
    """Serve both plugins as cpsrvd would and ask each for the quarantine: root sees all, shopuser its own."""
    config = HostConfig(api_socket=serve.info["api_socket"], users=(SHOP_USER,), cpanel_root=str(cpanel_root))
    with PluginHost(config) as host:
        print("\nlocal mode (emulated cpsrvd): the WHM and cPanel plugins over the same API")
        print(f"  WHM, as root:           {host.whm_url()}")
        print(f"  cPanel, as {SHOP_USER}:   {host.cpanel_url(SHOP_USER)}")
        code, whm = _get_json(f"{host.whm_url()}?api=/emails&account=root")
        print(f"  WHM proxy  GET /emails -> {code}: {whm.get('max_count')} held message(s) on the server")
        login = f"mailward_login={SHOP_USER}"
        code, mine = _get_json(f"{host.cpanel_url()}?api=/emails", cookie=login)
        print(f"  cPanel proxy GET /emails as {SHOP_USER} -> {code}: {mine.get('max_count')} of its own")
        # The cPanel proxy pins every call to the account it runs as: asking for root's mail gets its own.
        code, other = _get_json(f"{host.cpanel_url()}?api=/emails&account=root", cookie=login)
        accounts = sorted({row.get("account_name", "?") for row in other.get("items", [])})
        print(f"  cPanel proxy GET /emails?account=root as {SHOP_USER} -> {code}: {other.get('max_count')} "
              f"message(s), of account(s) {', '.join(accounts) or '-'} (pinned to its own)")
        good = (whm.get("max_count", -1) >= 1 and mine.get("max_count", -1) >= 1 and code == 200
                and other.get("max_count") == mine.get("max_count") and accounts in ([], [SHOP_USER]))
        if keep:
            print(f"\n--keep: serving until Ctrl-C (forward 127.0.0.1:{host.port} to browse; only uid "
                  f"{', '.join(map(str, sorted(config.operators)))} may connect, e.g. ssh -L as root)")
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
        return good


def main() -> int:
    """Run the demo; exit status 0 when every message ended as expected."""
    keep = "--keep" in sys.argv[1:]
    reason = missing_requirements()
    if reason:
        print(f"demo: cannot run: {reason}", file=sys.stderr)
        return 2
    base = Path(tempfile.mkdtemp(prefix="mailward-demo-", dir="/tmp"))
    os.chmod(base, 0o755)
    print(f"demo: working in {base}")
    ensure_user(RELEASE_USER, "it re-injects released mail")
    ensure_user(SHOP_USER, "the demo's cPanel account; its plugin page runs as this user")
    lab_dir = base / "exim"
    lab_dir.mkdir()
    os.chmod(lab_dir, 0o755)
    port = free_port()
    lab = EximLab(lab_dir, f"127.0.0.1:{port}", "open", release_user=RELEASE_USER, trusted_users=[RELEASE_USER])
    lab.prepare()  # the config file must exist before serve's namespace binds it
    serve = _start_serve(base, _cpanel_tree(base / "cpanel"), port, lab)
    ok = True
    try:
        lab.start()
        print(f"demo: mailward serve pid {serve.info['pid']} (gateway {serve.tcp}, private Redis), "
              f"private Exim on 127.0.0.1:{lab.port}\n")
        cases = [
            ("SMTP AUTH", "Lunch on Friday?", "delivered",
             lambda: lab.send_smtp_auth("alice@example.com", ["bob@customer.test"], subject="Lunch on Friday?",
                                        body="Hi Bob,\nare we still on for lunch on Friday at noon?\nAlice\n")),
            ("SMTP AUTH", "Order 1042 shipped", "delivered",
             lambda: lab.send_smtp_auth("alice@example.com", ["client@customer.test", "archive@example.com"],
                                        subject="Order 1042 shipped",
                                        body="Your order 1042 has shipped and should arrive on Tuesday.\n")),
            ("SMTP AUTH", "You are a WINNER", "quarantined",
             lambda: lab.send_smtp_auth("alice@example.com", ["victim@customer.test", "bcc-victim@other.test"],
                                        subject="You are a WINNER", body=f"Claim your prize now!\n{GTUBE}\n")),
            # PHP as the account's own uid (PHP-FPM/suexec, cPanel's default): the caller's login names the account
            ("PHP mail() as shopuser", "your invoice (see attachment)", "quarantined",
             lambda: lab.send_sendmail_as(SHOP_USER, _exe_mail(), ["client@customer.test"])),
            # a shared uid vouches for no account: scanned and limited under root, whatever its headers say
            ("PHP mail() as nobody", "Password reset", "delivered",
             lambda: lab.send_sendmail_as("nobody", build_message(
                 "noreply@example.com", ["user@customer.test"], "Password reset",
                 "Someone asked to reset your password. If it was not you, ignore this mail.\n"),
                 ["user@customer.test"])),
        ]
        client = redis.Redis(unix_socket_path=str(base / "state" / "redis" / "redis.sock"))
        store = QuarantineStore(base / "state" / "quarantine", client, default_limit_bytes=10**8,
                                default_releases_limit=5)
        for _, _, _, send in cases:
            send()

        def outcome(subject: str) -> str | None:
            for d in lab.delivered():
                if d.subject == subject:
                    hdr = ", ".join(d.headers("X-ImunifyEmail-Filter-Action"))
                    score = ", ".join(d.headers("X-ImunifyEmail-Filter-Score"))
                    return f"delivered (Filter-Action: {hdr}; Filter-Score: {score})"
            for rec in store.list(None, limit=100)[0]:
                if rec.subject == subject:
                    return (f"quarantined (reason {','.join(rec.reasons)}; account {rec.account}; "
                            f"score {rec.score}; recipients {', '.join(rec.recipients)}; id {rec.email_id})")
            return None

        print(f"{'path':<22} {'subject':<32} result")
        print("-" * 120)
        for path, subject, expected, _ in cases:
            try:
                result = poll(lambda s=subject: outcome(s), 30, f"the outcome of {subject!r}")
            except TimeoutError:
                result = "NOT FOUND (neither delivered nor quarantined)"
            good = str(result).startswith(expected)
            ok &= good
            print(f"{path:<22} {subject:<32} {result}{'' if good else '   <-- UNEXPECTED'}")
        held = sorted((base / "state" / "quarantine").glob("*/*.eml"))
        print(f"\nquarantine on disk: {len(held)} message(s) under {base / 'state' / 'quarantine'}")
        print("\nmailward's log lines for these messages:")
        for line in serve.log().splitlines():
            if " scan queue_id=" in line:
                print("  " + line.split(" INFO mailward.scan: ", 1)[-1])
        ok &= _release_demo(serve, lab)
        ok &= _plugins_demo(serve, base / "cpanel", keep)
    finally:
        lab.stop()
        serve.stop()
        shutil.rmtree(base, ignore_errors=True)
    print("\ndemo:", "every message ended as expected" if ok else "SOME MESSAGES DID NOT END AS EXPECTED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
