"""CpanelAccounts on a real fixture tree, its Memory twin on the same accounts, and the parsers."""

from __future__ import annotations

import os
import threading
import types
from pathlib import Path

import pytest

import core.identity.cpanel as store
from core.identity.cpanel import (
    CpanelAccounts,
    MemoryCpanelAccounts,
    SendLimit,
    normalize_domain,
    parent_domains,
    parse_colon_map,
    parse_send_limits,
    parse_user_file,
    user_file_domains,
    valid_username,
)
from tests.cpanel_tree import HOSTNAME, make_cpanel_tree, memory_accounts

ACCOUNTS = {
    "bob": {
        "domain": "example.com",
        "addon_domains": ["shop.example.net"],
        "parked_domains": ["example.org"],
        "subdomains": ["blog.example.com", "*.apps.example.com"],
        "uid": 1001,
        "max_email_per_hour": 200,
        "settings": {"MAX_EMAIL_PER_HOUR-shop.example.net": "50"},
    },
    "carol": {"domain": "carol.example.org", "owner": "resell", "uid": 1002, "plan": "gold"},
    "resell": {"domain": "reseller.example", "reseller": True},
    "idn": {"domain": "xn--bcher-kva.example"},
    "dave": "dave.example",
}


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return make_cpanel_tree(tmp_path / "cpanel", ACCOUNTS)


@pytest.fixture(params=["files", "memory"])
def accounts(request: pytest.FixtureRequest, root: Path) -> CpanelAccounts | MemoryCpanelAccounts:
    # the same contract, run against the real store and its stub twin
    if request.param == "files":
        return CpanelAccounts(root)
    return memory_accounts(ACCOUNTS)


# --- the contract both implementations keep ----------------------------------------------------------


@pytest.mark.parametrize(("domain", "owner"), [
    ("example.com", "bob"),
    ("EXAMPLE.COM", "bob"),
    ("example.com.", "bob"),
    ("  example.com  ", "bob"),
    ("shop.example.net", "bob"),
    ("mail.shop.example.net", "bob"),  # walks up labels
    ("a.b.c.blog.example.com", "bob"),
    ("x.apps.example.com", "bob"),  # wildcard subdomain
    ("example.org", "bob"),
    ("carol.example.org", "carol"),
    ("www.carol.example.org", "carol"),
    ("xn--bcher-kva.example", "idn"),
    ("bücher.example", "idn"),  # IDN in UTF-8 maps to the punycode cPanel stores
    ("BÜCHER.example", "idn"),
    ("mail.bücher.example", "idn"),
    ("dave.example", "dave"),
])
def test_owner_of_domain(accounts, domain: str, owner: str) -> None:
    assert accounts.owner_of_domain(domain) == owner


@pytest.mark.parametrize("domain", [
    "", "unknown.example", "com", "example", HOSTNAME, "mail." + HOSTNAME, "*", "*.example.com",
    "example.com..", ".example.com", "exa mple.com", "example.com/../x", "203.0.113.5", "[203.0.113.5]",
    "2001:db8::1", "example.com\r\nx", "a" * 5000 + ".com", "x" * 64 + ".example.com", "-bad.example.com",
    "example.com\x00", "ex\u202eample.com",
])
def test_owner_of_domain_unknown_or_garbage(accounts, domain: str) -> None:
    assert accounts.owner_of_domain(domain) is None


def test_owner_of_domain_non_string(accounts) -> None:
    assert accounts.owner_of_domain(None) is None  # type: ignore[arg-type]
    assert accounts.owner_of_domain(b"example.com") is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("user", "expected"), [
    ("bob", True), ("carol", True), ("resell", True),
    ("BOB", False),  # system logins are case-sensitive; cPanel accounts are lowercase
    ("nobody", False), ("root", False), ("", False), ("bob ", False), ("bo", False),
    ("../../etc/passwd", False), ("../users/bob", False), ("bob/../bob", False), ("/etc/passwd", False),
    ("bob\x00", False), ("bob\n", False), ("b" * 40, False), ("1bob", False), ("bób", False),
])
def test_is_account(accounts, user: str, expected: bool) -> None:
    assert accounts.is_account(user) is expected
    assert accounts.account_of_system_user(user) == (user if expected else None)


@pytest.mark.parametrize(("uid", "expected"), [
    (1001, "bob"), (1002, "carol"), (0, None), (65534, None), (-1, None), (2**32 - 1, None), (2**64, None),
])
def test_account_of_uid(accounts, uid: int, expected: str | None) -> None:
    assert accounts.account_of_uid(uid) == expected


def test_account_details(accounts) -> None:
    assert accounts.main_domain("bob") == "example.com"
    assert accounts.domains_of("bob") == ["example.com", "blog.example.com", "example.org", "shop.example.net"]
    assert accounts.domains_of("dave") == ["dave.example"]
    assert accounts.reseller_of("carol") == "resell"
    assert accounts.reseller_of("bob") == "root"
    settings = accounts.user_settings("bob")
    assert settings["DNS"] == "example.com"
    assert settings["DNS1"] == "shop.example.net"
    assert settings["MAX_EMAIL_PER_HOUR"] == "200"
    assert settings["MAX_EMAIL_PER_HOUR-shop.example.net"] == "50"
    assert accounts.user_settings("carol")["PLAN"] == "gold"
    assert accounts.accounts() == ["bob", "carol", "dave", "idn", "resell"]


def test_send_limits_and_local_domains(accounts) -> None:
    assert accounts.send_limit_of_domain("example.com") == SendLimit(200, None, 5)
    assert accounts.send_limit_of_domain("Shop.Example.NET.") == SendLimit(50, None, 5)
    assert accounts.send_limit_of_domain("dave.example") == SendLimit(None, None, 5)
    assert accounts.send_limit_of_domain("unknown.example") is None
    assert accounts.is_local_domain("EXAMPLE.com")
    assert accounts.is_local_domain(HOSTNAME)
    assert not accounts.is_local_domain("unknown.example")


@pytest.mark.parametrize("user", ["nobody", "root", "../../etc/passwd", "ghost", "BOB", ""])
def test_non_accounts_have_nothing(accounts, user: str) -> None:
    assert accounts.main_domain(user) is None
    assert accounts.domains_of(user) == []
    assert accounts.reseller_of(user) is None
    assert accounts.user_settings(user) == {}


def test_user_settings_is_a_copy(accounts) -> None:
    accounts.user_settings("bob")["DNS"] = "evil.example"
    assert accounts.user_settings("bob")["DNS"] == "example.com"


# --- the file store only -----------------------------------------------------------------------------


def test_construction_does_no_io(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a, **_k):
        raise AssertionError("I/O at construction")

    monkeypatch.setattr(store.os, "stat", boom)
    monkeypatch.setattr(store.os, "scandir", boom)
    monkeypatch.setattr(store, "_read_text", boom)
    CpanelAccounts(tmp_path / "nowhere")


def test_missing_root_is_empty(tmp_path: Path) -> None:
    acc = CpanelAccounts(tmp_path / "nowhere")
    assert acc.owner_of_domain("example.com") is None
    assert not acc.is_account("bob")
    assert acc.accounts() == []
    assert acc.main_domain("bob") is None


def test_domain_of_deleted_account_is_nobodys(root: Path) -> None:
    # userdomains still lists the domain, but /var/cpanel/users/bob is gone: no owner, and no walking up
    (root / "var/cpanel/users/bob").unlink()
    with (root / "etc/userdomains").open("a") as f:
        f.write("sub.dave.example: bob\n")
    acc = CpanelAccounts(root)
    assert acc.owner_of_domain("example.com") is None
    assert acc.owner_of_domain("sub.dave.example") is None
    assert acc.owner_of_domain("dave.example") == "dave"


def test_only_valid_regular_files_are_accounts(root: Path) -> None:
    users = root / "var/cpanel/users"
    (users / "bob.bak").write_text("USER=bob\n")
    (users / "Mallory").write_text("USER=Mallory\n")
    (users / "adir").mkdir()
    (users / "nobody").write_text("USER=nobody\n")
    acc = CpanelAccounts(root)
    assert not acc.is_account("bob.bak")
    assert not acc.is_account("Mallory")
    assert not acc.is_account("adir")
    assert not acc.is_account("nobody")
    assert "adir" not in acc.accounts()


def test_garbage_in_colon_files_is_ignored(root: Path) -> None:
    (root / "etc/userdomains").write_bytes(
        b"# comment: bob\n"
        b"\n"
        b"   \n"
        b"no colon here\n"
        b"  Mixed.CASE.example  :   carol  \n"
        b"tabs.example\t:\tcarol\n"
        b"extra.example: carol: junk\n"
        b"traversal.example: ../../etc\n"
        b"upper.example: CAROL\n"
        b"nobody.example: nobody\n"
        b"root.example: root\n"
        b"*: nobody\n"
        b"*: carol\n"
        b": carol\n"
        b"empty.example:\n"
        b"\xff\xfe binary.example: carol\n"
        b"latin1-\xe9.example: carol\n"
        + b"x" * 100_000 + b".example: carol\n"
        b"last.example: carol\r\n"
    )
    acc = CpanelAccounts(root)
    assert acc.owner_of_domain("mixed.case.example") == "carol"
    assert acc.owner_of_domain("tabs.example") == "carol"
    assert acc.owner_of_domain("last.example") == "carol"
    for domain in ("extra.example", "traversal.example", "upper.example", "nobody.example", "root.example",
                   "empty.example", "anything.invalid", "binary.example"):
        assert acc.owner_of_domain(domain) is None, domain
    # trueuserdomains still names main domains when userdomains lost them
    assert acc.owner_of_domain("example.com") == "bob"


def test_main_domain_and_reseller_fallbacks(root: Path) -> None:
    (root / "etc/domainusers").unlink()
    (root / "etc/trueuserowners").unlink()
    acc = CpanelAccounts(root)
    assert acc.main_domain("carol") == "carol.example.org"  # from trueuserdomains
    assert acc.reseller_of("carol") == "resell"  # from OWNER=
    (root / "etc/trueuserdomains").unlink()
    acc = CpanelAccounts(root)
    assert acc.main_domain("carol") == "carol.example.org"  # from DNS=


def test_account_of_uid_falls_back_to_pwd(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = {4242: "dave", 4243: "www-data"}

    def getpwuid(uid: int) -> types.SimpleNamespace:
        if uid not in names:
            raise KeyError(uid)
        return types.SimpleNamespace(pw_name=names[uid])

    monkeypatch.setattr(store.pwd, "getpwuid", getpwuid)
    acc = CpanelAccounts(root)
    assert acc.account_of_uid(4242) == "dave"
    assert acc.account_of_uid(4243) is None
    assert acc.account_of_uid(4244) is None
    assert acc.account_of_uid(1001) == "bob"  # the tree's etc/passwd wins under a test root


def test_real_root_uses_pwd_not_a_passwd_file() -> None:
    acc = CpanelAccounts(Path("/"))
    assert acc.account_of_uid(0) is None  # root is never an account
    assert acc._get("passwd") == {}  # on a real server NSS (pwd) is authoritative, not a parsed file


def test_user_file_is_capped_and_tolerant(root: Path) -> None:
    path = root / "var/cpanel/users/dave"
    path.write_bytes(b"# comment\nDNS=dave.example\nnot a pair\n=novalue\nURL=http://x/?a=b\n\xff=\xfe\n"
                     + b"JUNK=" + b"y" * (2 << 20) + b"\nLATE=1\n")
    acc = CpanelAccounts(root)
    settings = acc.user_settings("dave")
    assert settings["DNS"] == "dave.example"
    assert settings["URL"] == "http://x/?a=b"
    assert "LATE" not in settings  # beyond the size cap
    assert "" not in settings


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_reload_on_change_with_interval_zero(tmp_path: Path) -> None:
    root = make_cpanel_tree(tmp_path, {"bob": "example.com", "carol": "carol.example"})
    acc = CpanelAccounts(root, check_interval=0)
    assert acc.owner_of_domain("shop.example") is None
    assert acc.reseller_of("carol") == "root"
    make_cpanel_tree(tmp_path, {"bob": "example.com",
                                "carol": {"domain": "carol.example", "addon_domains": ["shop.example"],
                                          "owner": "bob", "max_email_per_hour": 7},
                                "erin": "erin.example"})
    assert acc.owner_of_domain("shop.example") == "carol"
    assert "shop.example" in acc.domains_of("carol")  # the owner -> domains index follows the file
    assert acc.reseller_of("carol") == "bob"
    assert acc.is_account("erin")
    assert acc.user_settings("carol")["MAX_EMAIL_PER_HOUR"] == "7"
    make_cpanel_tree(tmp_path, {"bob": "example.com"})  # carol and erin removed
    assert not acc.is_account("carol")
    assert acc.owner_of_domain("shop.example") is None


def test_in_place_rewrite_is_noticed(tmp_path: Path) -> None:
    # an editor or `echo >>` rewrites in place (same inode): size and mtime still change
    root = make_cpanel_tree(tmp_path, {"bob": "example.com", "carol": "carol.example"})
    acc = CpanelAccounts(root, check_interval=0)
    assert acc.owner_of_domain("new.example") is None
    with (root / "etc/userdomains").open("a") as f:
        f.write("new.example: carol\n")
    assert acc.owner_of_domain("new.example") == "carol"
    assert "new.example" in acc.domains_of("carol") and "new.example" not in acc.domains_of("bob")


def test_cache_interval_limits_stat_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_cpanel_tree(tmp_path, {"bob": "example.com"})
    clock = FakeClock()
    acc = CpanelAccounts(root, check_interval=5.0, clock=clock)
    stats = []
    real_stat = os.stat
    monkeypatch.setattr(store.os, "stat", lambda p, *a, **k: stats.append(p) or real_stat(p, *a, **k))
    assert acc.owner_of_domain("example.com") == "bob"
    first = len(stats)
    assert first > 0
    for _ in range(100):
        acc.owner_of_domain("example.com")
        acc.is_account("bob")
    assert len(stats) == first  # no stat until the interval passes

    make_cpanel_tree(tmp_path, {"carol": "example.com"})
    assert acc.owner_of_domain("example.com") == "bob"  # still the cached view
    clock.now += 5.0
    assert acc.owner_of_domain("example.com") == "carol"
    assert len(stats) > first


def test_user_settings_reload(tmp_path: Path) -> None:
    root = make_cpanel_tree(tmp_path, {"bob": {"domain": "example.com", "max_email_per_hour": 10}})
    clock = FakeClock()
    acc = CpanelAccounts(root, check_interval=5.0, clock=clock)
    assert acc.user_settings("bob")["MAX_EMAIL_PER_HOUR"] == "10"
    make_cpanel_tree(tmp_path, {"bob": {"domain": "example.com", "max_email_per_hour": 20}})
    assert acc.user_settings("bob")["MAX_EMAIL_PER_HOUR"] == "10"
    clock.now += 6
    assert acc.user_settings("bob")["MAX_EMAIL_PER_HOUR"] == "20"
    make_cpanel_tree(tmp_path, {"bob": {"domain": "example.com", "max_email_per_hour": 30}})
    acc.refresh()
    assert acc.user_settings("bob")["MAX_EMAIL_PER_HOUR"] == "30"


def test_concurrent_readers_during_rewrites(tmp_path: Path) -> None:
    root = make_cpanel_tree(tmp_path, {"bob": "example.com"})
    acc = CpanelAccounts(root, check_interval=0)
    errors: list[BaseException] = []
    seen: set[str | None] = set()

    def reader() -> None:
        try:
            for _ in range(300):
                seen.add(acc.owner_of_domain("example.com"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(20):
        make_cpanel_tree(tmp_path, {("bob" if i % 2 else "carol"): "example.com"})
    for t in threads:
        t.join()
    assert not errors
    # atomic replacement: a reader sees one owner or the other, or None while carol's user file is written
    assert seen <= {"bob", "carol", None}


# --- pure helpers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("Example.COM", "example.com"), ("example.com.", "example.com"), ("bücher.example", "xn--bcher-kva.example"),
    ("xn--bcher-kva.example", "xn--bcher-kva.example"), ("localhost", "localhost"), ("ex_ample.com", "ex_ample.com"),
    ("example.com..", None), ("", None), (".", None), ("a..b", None), ("1.2.3.4", None), ("a b.com", None),
    ("a" * 64 + ".com", None), ("é" * 300 + ".com", None), (None, None), (42, None), ("x" * 2000, None),
    ("-a.com", None), ("a-.com", None), ("a/b.com", None), ("a@b.com", None),
])
def test_normalize_domain(raw: object, expected: str | None) -> None:
    assert normalize_domain(raw) == expected


def test_valid_username_and_parents() -> None:
    assert valid_username("bob1")
    assert not valid_username("root")
    assert not valid_username(None)
    assert parent_domains("a.b.example.com") == ["a.b.example.com", "b.example.com", "example.com"]
    assert parent_domains("example.com") == ["example.com"]
    assert parent_domains("localhost") == ["localhost"]


def test_parsers_directly() -> None:
    assert parse_colon_map("Example.com : bob\n*: nobody\n*.w.example: bob\n", key_kind="domain",
                           value_kind="user") == {"example.com": "bob", "*.w.example": "bob"}
    assert parse_colon_map("bob: root\ncarol: resell\nx: ../y\n", key_kind="user", value_kind="owner") == {
        "bob": "root", "carol": "resell"}
    assert parse_send_limits("a.example: 100,50%,5\nb.example: unlimited,unlimited,5\nc.example: 9\nbad\n") == {
        "a.example": SendLimit(100, 50, 5), "b.example": SendLimit(None, None, 5), "c.example": SendLimit(9)}
    assert parse_user_file("A=1\nB = two = 2\n#C=3\n") == {"A": "1", "B": "two = 2"}
    assert user_file_domains({"DNS": "Main.example", "DNS10": "j.example", "DNS2": "b.example",
                              "DNSX": "no.example", "DNS1": "bad domain"}) == ["main.example", "b.example",
                                                                               "j.example"]


def test_memory_twin_builders() -> None:
    mem = MemoryCpanelAccounts(domains={"Example.com": "bob", "*.apps.example.net": "carol", "*": "nobody"},
                               uids={1001: "bob", 33: "www-data"})
    assert mem.owner_of_domain("example.com") == "bob"
    assert mem.owner_of_domain("x.apps.example.net") == "carol"
    assert mem.owner_of_domain("apps.example.net") is None
    assert mem.account_of_uid(1001) == "bob"
    assert mem.account_of_uid(33) is None
    assert not mem.is_account("nobody")
    with pytest.raises(ValueError):
        mem.add_account("../x", "example.com")
    with pytest.raises(ValueError):
        mem.add_account("eve", "not a domain")
