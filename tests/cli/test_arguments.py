"""argv rewriting (short flags, switches, typographic dashes, unknown flags) and value coercion."""

from __future__ import annotations

import pytest

from cli import arguments as arg
from cli.arguments import UsageError, prepare
from cli.ie_cli import PROG, IeCli, connector


def fire_args(*argv: str) -> list[str]:
    call = prepare(list(argv), IeCli(connector()), PROG)
    assert call.help_for is None
    return call.args


def test_short_flags_are_mapped_per_command_and_values_are_joined_to_their_flag() -> None:
    assert fire_args("emails", "list", "-a", "root", "-l", "10", "-s", "24h") == [
        "emails", "list", "--account=root", "--limit=10", "--since=24h"]
    assert fire_args("emails", "list", "-a=root", "-l10") == ["emails", "list", "--account=root", "--limit=10"]
    assert fire_args("quarantine-defaults", "set", "-r", "50", "-s", "120") == [
        "quarantine-defaults", "set", "--releases-limit=50", "--storage-capacity=120"]
    assert fire_args("audit", "list", "-s", "1h") == ["audit", "list", "--since=1h"]


def test_long_flags_both_spellings_synonyms_and_underscores() -> None:
    assert fire_args("accounts", "edit", "--name=alice", "--releases-limit", "50") == [
        "accounts", "edit", "--account=alice", "--releases-limit=50"]
    assert fire_args("accounts", "list", "--name", "alice") == ["accounts", "list", "--account=alice"]
    assert fire_args("accounts", "edit", "-a", "bob", "--releases_limit=-1") == [
        "accounts", "edit", "--account=bob", "--releases-limit=-1"]


def test_a_value_that_looks_like_a_flag_or_a_negative_number_stays_a_value() -> None:
    assert fire_args("emails", "list", "--subject", "--json") == ["emails", "list", "--subject=--json"]
    assert fire_args("accounts", "edit", "-a", "x", "--limit", "-1") == [
        "accounts", "edit", "--account=x", "--limit=-1"]


def test_switches_never_take_the_next_word() -> None:
    assert fire_args("emails", "list", "--json") == ["emails", "list", "--json=true"]
    assert fire_args("emails", "list", "--nojson") == ["emails", "list", "--json=false"]
    assert fire_args("emails", "list", "--json=no") == ["emails", "list", "--json=no"]
    assert fire_args("whitelist", "sender", "add", "--json", "a.com") == [
        "whitelist", "sender", "add", "--json=true", "a.com"]


def test_optional_bool_takes_a_following_true_false_word_only() -> None:
    assert fire_args("filter-settings", "--allow-winexec", "false") == ["filter-settings", "--allow-winexec=false"]
    assert fire_args("filter-settings", "--allow-winexec", "--json") == [
        "filter-settings", "--allow-winexec=true", "--json=true"]
    assert fire_args("filter-settings", "--noallow-winexec") == ["filter-settings", "--allow-winexec=false"]


def test_en_dash_json_from_the_imunify_documentation_works() -> None:
    assert fire_args("emails", "list", "-a", "root", "\u2013-json") == ["emails", "list", "--account=root",
                                                                        "--json=true"]
    assert fire_args("emails", "list", "\u2014json") == ["emails", "list", "--json=true"]
    # a value is never rewritten, even when it starts with a dash-like character
    assert fire_args("emails", "list", "--subject", "\u2013-json") == ["emails", "list", "--subject=\u2013-json"]


@pytest.mark.parametrize(("argv", "message"), [
    (["emails", "list", "--acount", "x"], "unknown flag --acount for 'ie-cli emails list'"),
    (["emails", "list", "-o", "3"], "unknown flag -o for 'ie-cli emails list'"),
    (["emails", "list", "root"], "unexpected argument 'root' for 'ie-cli emails list'"),
    (["emails", "list", "--limit"], "--limit needs a value"),
    (["emails", "list", "-l", "1", "--limit", "2"], "--limit is given more than once"),
    (["emails", "lsit"],
     "unknown command 'lsit' for 'ie-cli emails' (choose from export, learn, list, release, release-policy, remove, "
     "show)"),
    (["emails", "--json"],
     "'ie-cli emails' needs a command: export, learn, list, release, release-policy, remove, show"),
    (["ip", "list"], "unknown command 'ip' for 'ie-cli'"),
    (["am", "server-settings", "get"], "unknown command 'get' for 'ie-cli am server-settings' (choose from set)"),
    (["whitelist", "sender", "add", "-"], "unexpected argument '-'"),
    (["whitelist", "sender", "add", "--", "x"], "unexpected argument '--'"),
])
def test_unknown_or_malformed_arguments_are_usage_errors(argv: list[str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        fire_args(*argv)
    assert message in caught.value.message


def test_help_anywhere_asks_for_help_of_the_command_named_so_far() -> None:
    root = IeCli(connector())
    call = prepare(["emails", "release", "--ids", "x", "-h"], root, PROG)
    assert call.help_for == root.emails.release and call.where == "ie-cli emails release"
    assert prepare(["whitelist", "sender"], root, PROG).help_for is root.whitelist.sender
    assert prepare([], root, PROG).help_for is root


def test_coercion_keeps_strings_strings_and_names_the_flag() -> None:
    assert arg.whole("0010", "--limit") == 10 and arg.whole(25, "--limit") == 25
    assert arg.whole("-1", "--limit", minimum=-1) == -1
    for bad in ("x", "1e3", "1.5", "", "1,2", True):
        with pytest.raises(UsageError, match="--limit: expected a whole number"):
            arg.whole(bad, "--limit")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="--limit: must be at least 1, got 0"):
        arg.whole("0", "--limit", minimum=1)
    assert [arg.switch(v, "--json") for v in ("True", "false", "YES", "no", "1", "0", True)] == [
        True, False, True, False, True, False, True]
    with pytest.raises(UsageError, match="--json: expected true or false, got 'maybe'"):
        arg.switch("maybe", "--json")
    assert arg.duration("24H", "--since") == "24h" and arg.duration("3600", "--since") == "3600"
    with pytest.raises(UsageError, match="--since: expected a duration"):
        arg.duration("1w", "--since")
    assert arg.id_list("0001, 0002,0001,,0003", "--ids") == ["0001", "0002", "0003"]
    with pytest.raises(UsageError, match="--ids: give at least one email id"):
        arg.id_list(" , ", "--ids")
    with pytest.raises(UsageError, match="--ids is required"):
        arg.id_list(None, "--ids")
    with pytest.raises(UsageError, match="--id: invalid value"):
        arg.name("..", "--id")
    assert arg.choice("Incoming", "--direction", ("outgoing", "incoming")) == "incoming"
    with pytest.raises(UsageError, match="--direction: expected one of outgoing, incoming"):
        arg.choice("sideways", "--direction", ("outgoing", "incoming"))
    assert arg.words(("1.com", "10.20", "1.com"), "value") == ["1.com", "10.20"]


def test_commands_must_take_keyword_only_flags() -> None:
    with pytest.raises(TypeError, match="keyword-only"):

        @arg.command()
        def bad(limit: str = "1") -> None:
            """A command whose flag fire could fill from a stray positional word."""
