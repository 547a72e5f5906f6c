"""Whitelist and filter-setting stores against a real Redis."""

from __future__ import annotations

import pytest
import redis

from core.errors import ValidationError
from core.settings import Settings
from core.store.filters import FilterSettingsStore
from core.store.whitelist import WhitelistStore


def test_add_list_remove_and_match(redis_client: redis.Redis) -> None:
    wl = WhitelistStore(redis_client, ttl=0)
    assert wl.add("sender", ["Example.COM.", "boss@shop.example"]) == [("domain", "example.com"),
                                                                      ("email", "boss@shop.example")]
    assert wl.list("sender") == (["boss@shop.example"], ["example.com"])
    assert wl.matches("sender", "anyone@example.com")
    assert wl.matches("sender", "x@mail.example.com")  # subdomains of a whitelisted domain
    assert wl.matches("sender", "BOSS@shop.example")
    assert not wl.matches("sender", "other@shop.example")
    assert not wl.matches("sender", "x@notexample.com")
    wl.remove("sender", ["example.com"])
    assert not wl.matches("sender", "anyone@example.com")


def test_authuser_takes_emails_only_and_never_domains(redis_client: redis.Redis) -> None:
    wl = WhitelistStore(redis_client, ttl=0)
    with pytest.raises(ValidationError, match="email addresses only"):
        wl.add("authuser", ["example.com"])
    wl.add("authuser", ["alice@example.com"])
    assert wl.matches("authuser", "alice@example.com") and not wl.matches("authuser", "bob@example.com")


@pytest.mark.parametrize("bad", ["not a domain", "a@b", "@example.com", "x@-bad-.com", "a..com", ""])
def test_invalid_values_rejected_and_nothing_written(redis_client: redis.Redis, bad: str) -> None:
    wl = WhitelistStore(redis_client, ttl=0)
    with pytest.raises(ValidationError):
        wl.add("sender", ["good.example", bad])
    assert wl.list("sender") == ([], [])  # validated all before writing any


def test_numeric_looking_domain_is_a_domain(redis_client: redis.Redis) -> None:
    assert WhitelistStore(redis_client).add("sender", ["1.com"]) == [("domain", "1.com")]


def test_filter_settings_toggle(redis_client: redis.Redis, settings: Settings) -> None:
    fs = FilterSettingsStore(redis_client, settings, ttl=0)
    assert fs.all() == {"allow_winexec": False}
    assert fs.set("allow_winexec", True) == {"allow_winexec": True}
    assert FilterSettingsStore(redis_client, settings).all()["allow_winexec"] is True
    with pytest.raises(ValidationError, match="unknown filter setting"):
        fs.set("allow_everything", True)
