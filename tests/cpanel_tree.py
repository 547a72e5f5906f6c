"""Build a realistic cPanel file tree (the files that map mail to accounts) under a test root.

Usage, from any test (unit, API, functional)::

    root = make_cpanel_tree(tmp_path / "cpanel", {
        "bob": {"domain": "example.com", "addon_domains": ["shop.example.net"], "uid": 1001},
        "carol": {"domain": "carol.example.org", "owner": "resell", "settings": {"MAX_EMAIL_PER_HOUR": "50"}},
        "resell": {"domain": "reseller.example", "reseller": True},
        "dave": "dave.example",            # shorthand: just the main domain
    })
    settings = load_settings(overrides={"cpanel": {"root": str(root)}})

It writes what a cPanel server has (see /work/shared/reference/cpanel-conventions.md):
  etc/userdomains        `domain: user` for every domain, plus `<hostname>: nobody` and the `*: nobody` catch-all
  etc/trueuserdomains    `maindomain: user`
  etc/domainusers        `user: maindomain`
  etc/trueuserowners     `user: owner`
  etc/localdomains       every domain and the hostname, one a line
  etc/email_send_limits  `domain: MAXPERHOUR,MAXDEFERFAIL%,MINDEFERFAIL` for every domain
  etc/passwd             root, nobody, and every account that has a `uid`
  var/cpanel/users/USER  KEY=VALUE: USER, DNS, DNS1.. (addon and parked domains), OWNER, PLAN, IP,
                         MAX_EMAIL_PER_HOUR, MAX_DEFER_FAIL_PERCENTAGE, ... (+ the spec's `settings`)
  var/cpanel/resellers   `user:acl,...` for accounts with `reseller`
Calling it again on the same root rewrites the tree (files are replaced atomically, as cPanel does, and user
files of accounts no longer listed are removed), so a test can change accounts under a running service.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TypedDict

from core.identity.cpanel import MemoryCpanelAccounts, parse_send_limits

HOSTNAME = "server.example.net"
MIN_DEFER_FAIL = 5


class AccountSpec(TypedDict, total=False):
    """One account of the tree; every key is optional (the main domain defaults to `<user>.example`)."""

    domain: str  # main domain
    addon_domains: list[str]  # own docroot; in userdomains and DNSn
    parked_domains: list[str]  # aliases of the main domain; in userdomains and DNSn
    subdomains: list[str]  # full names (e.g. "blog.example.com" or "*.example.com"); userdomains only
    owner: str  # the reseller that owns the account, or "root" (default)
    plan: str
    ip: str
    uid: int  # written to etc/passwd so CpanelAccounts.account_of_uid finds the account
    max_email_per_hour: int | str  # MAX_EMAIL_PER_HOUR: a number, "unlimited" (default) or "default"
    max_defer_fail_percentage: int | str
    settings: dict[str, str]  # extra or overriding KEY=VALUE lines of var/cpanel/users/USER
    send_limits: dict[str, str]  # domain -> the text after "domain: " in etc/email_send_limits
    reseller: bool | list[str]  # True (acl "all") or a list of ACL names, for var/cpanel/resellers


def _spec(user: str, raw: AccountSpec | str) -> AccountSpec:
    spec: AccountSpec = {"domain": raw} if isinstance(raw, str) else dict(raw)  # type: ignore[assignment]
    spec.setdefault("domain", f"{user}.example")
    return spec


def _write(path: Path, lines: list[str]) -> None:
    # write-then-rename like cPanel's safe file writes: readers never see a half-written file
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    os.replace(tmp, path)


def user_file_lines(user: str, spec: AccountSpec) -> list[str]:
    """Return the KEY=VALUE lines of var/cpanel/users/USER for one account spec."""
    values: dict[str, str] = {
        "BACKUP": "1",
        "BWLIMIT": "unlimited",
        "CONTACTEMAIL": f"admin@{spec['domain']}",
        "DEMO": "0",
        "DNS": spec["domain"],
        "FEATURELIST": "default",
        "HASCGI": "1",
        "IP": spec.get("ip", "192.0.2.10"),
        "LANG": "en",
        "LOCALE": "en",
        "MAXADDON": "unlimited",
        "MAXPARK": "unlimited",
        "MAXPOP": "unlimited",
        "MAXSUB": "unlimited",
        "MAX_DEFER_FAIL_PERCENTAGE": str(spec.get("max_defer_fail_percentage", "unlimited")),
        "MAX_EMAILACCT_QUOTA": "unlimited",
        "MAX_EMAIL_PER_HOUR": str(spec.get("max_email_per_hour", "unlimited")),
        "OWNER": spec.get("owner", "root"),
        "PLAN": spec.get("plan", "default"),
        "RS": "jupiter",
        "STARTDATE": "1700000000",
        "USER": user,
    }
    for n, domain in enumerate([*spec.get("addon_domains", []), *spec.get("parked_domains", [])], start=1):
        values[f"DNS{n}"] = domain
    values.update(spec.get("settings", {}))
    header = "# cPanel -- If you edit this file directly you must run /usr/local/cpanel/scripts/updateuserdatacache"
    return [header, *(f"{k}={v}" for k, v in sorted(values.items()))]


def _domains(spec: AccountSpec) -> list[str]:
    return [spec["domain"], *spec.get("addon_domains", []), *spec.get("parked_domains", []),
            *spec.get("subdomains", [])]


def send_limit_lines(spec: AccountSpec) -> list[str]:
    """Return the etc/email_send_limits lines of one account spec (per-domain MAX_EMAIL_PER_HOUR-d wins)."""
    settings = spec.get("settings", {})
    default_hour = str(spec.get("max_email_per_hour", "unlimited"))
    defer = str(spec.get("max_defer_fail_percentage", "unlimited"))
    lines = []
    for d in _domains(spec):
        if d.startswith("*"):
            continue
        line = spec.get("send_limits", {}).get(d)
        if line is None:
            hour = settings.get(f"MAX_EMAIL_PER_HOUR-{d}", default_hour)
            line = f"{hour},{defer}{'%' if defer.isdigit() else ''},{MIN_DEFER_FAIL}"
        lines.append(f"{d}: {line}")
    return lines


def make_cpanel_tree(root: Path, accounts: Mapping[str, AccountSpec | str], *, hostname: str = HOSTNAME,
                     catch_all: bool = True) -> Path:
    """Write cPanel's account-mapping files for `accounts` under `root` and return `root`."""
    root = Path(root)
    specs = {user: _spec(user, raw) for user, raw in accounts.items()}
    userdomains: list[str] = []
    localdomains = [hostname]
    send_limits: list[str] = []
    passwd = ["root:x:0:0:root:/root:/bin/bash", "nobody:x:65534:65534:nobody:/:/sbin/nologin"]
    resellers: list[str] = []
    for user, spec in specs.items():
        domains = _domains(spec)
        userdomains += [f"{d}: {user}" for d in domains]
        localdomains += [d for d in domains if not d.startswith("*")]
        send_limits += send_limit_lines(spec)
        if "uid" in spec:
            uid = spec["uid"]
            passwd.append(f"{user}:x:{uid}:{uid}::/home/{user}:/bin/bash")
        reseller = spec.get("reseller")
        if reseller:
            acls = ["all"] if reseller is True else list(reseller)
            resellers.append(f"{user}:{','.join(acls)}")
    userdomains.append(f"{hostname}: nobody")
    if catch_all:
        userdomains.append("*: nobody")

    etc = root / "etc"
    _write(etc / "userdomains", userdomains)
    _write(etc / "trueuserdomains", [f"{s['domain']}: {u}" for u, s in specs.items()])
    _write(etc / "domainusers", [f"{u}: {s['domain']}" for u, s in specs.items()])
    _write(etc / "trueuserowners", [f"{u}: {s.get('owner', 'root')}" for u, s in specs.items()])
    _write(etc / "localdomains", localdomains)
    _write(etc / "email_send_limits", send_limits)
    _write(etc / "passwd", passwd)
    _write(root / "var/cpanel/resellers", resellers)
    users_dir = root / "var/cpanel/users"
    users_dir.mkdir(parents=True, exist_ok=True)
    for stale in users_dir.iterdir():
        if stale.name not in specs:
            stale.unlink()
    for user, spec in specs.items():
        _write(users_dir / user, user_file_lines(user, spec))
    return root


def memory_accounts(accounts: Mapping[str, AccountSpec | str]) -> MemoryCpanelAccounts:
    """Return a MemoryCpanelAccounts holding the same accounts `make_cpanel_tree` would write."""
    mem = MemoryCpanelAccounts(local_domains=[HOSTNAME])
    for user, raw in accounts.items():
        spec = _spec(user, raw)
        settings = dict(line.split("=", 1) for line in user_file_lines(user, spec)[1:])
        mem.add_account(user, spec["domain"], domains=_domains(spec)[1:], owner=spec.get("owner", "root"),
                        uid=spec.get("uid"), settings=settings)
        mem.send_limits.update(parse_send_limits("\n".join(send_limit_lines(spec))))
    return mem
