"""How ie-cli's argv becomes a fire call: command lookup, short flags, switches; then explicit value coercion.

Fire guesses types from values (`0001` becomes 1, `1,2` a tuple, `1e3` a float), so every command takes its
arguments as raw strings (`SetParseFn(str)`) and coerces them here, with errors that name the flag. The argv is
rewritten before fire sees it: short flags become long ones, `--flag value` becomes `--flag=value` (so a value
that starts with a dash stays a value), switches become `--json=true`, and anything unknown is refused before
any command runs (fire would call the command first and complain about leftovers afterwards).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import fire

from core.durations import parse_duration
from core.errors import MailwardError, ValidationError

F = TypeVar("F", bound=Callable[..., Any])

SPEC_ATTR = "__ie_cli__"
HELP_FLAGS = ("-h", "--help")
BOOL_WORDS = {"true": True, "yes": True, "1": True, "on": True, "false": False, "no": False, "0": False,
              "off": False}
#: Dashes that word processors (and the Imunify documentation: en-dash + "-json") put where "--" was meant.
_TYPOGRAPHIC_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_FLAG_BODY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(=.*)?$", re.DOTALL)
_WHOLE = re.compile(r"^[+-]?\d+$")


class UsageError(MailwardError):
    """The command line itself is wrong (unknown flag, bad value): exit status 2."""

    status = 400
    code = "usage"


class Group:
    """A node of the command tree whose public attributes are commands or further groups."""

    #: The command (a method name) run when the group is named without one, as `ie-cli am server-settings`
    #: (which shows the settings, while `... server-settings set` changes them); "" shows the group's help.
    #: A leading underscore keeps it off the group's list of commands.
    default_command = ""

    def __init__(self, connect: Callable[[], Any]) -> None:
        self._connect = connect  # () -> ApiClient, called only when a command talks to the API


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """How one command's flags are spelled on the command line."""

    short: Mapping[str, str]  # "-a" letter -> parameter name
    synonyms: Mapping[str, str]  # other long flag (dashed) -> parameter name
    switches: frozenset[str]  # parameters that take no separate value: --json, --nojson, --json=false
    optional_bools: frozenset[str]  # a true/false word may follow as the value: --allow-winexec false


def command(*, short: Mapping[str, str] | None = None, synonyms: Mapping[str, str] | None = None,
            switches: Iterable[str] = ("json",), optional_bools: Iterable[str] = ()) -> Callable[[F], F]:
    """Mark a method as an ie-cli command: record its flag spelling and make fire pass every value as a string."""

    def wrap(fn: F) -> F:
        params = inspect.signature(fn).parameters.values()
        loose = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD and p.name != "self"]
        if loose:  # a positional parameter would let fire fill a flag from a stray word
            raise TypeError(f"{fn.__qualname__}: make {loose} keyword-only")
        spec = CommandSpec(short=dict(short or {}), synonyms=dict(synonyms or {}), switches=frozenset(switches),
                           optional_bools=frozenset(optional_bools))
        setattr(fn, SPEC_ATTR, spec)
        return fire.decorators.SetParseFn(str)(fn)

    return wrap


def is_command(obj: Any) -> bool:
    """True if obj is a (bound) method decorated with @command."""
    return callable(obj) and isinstance(getattr(obj, SPEC_ATTR, None), CommandSpec)


def members(node: Any) -> list[str]:
    """The command-line names of a group's commands and subgroups."""
    names = [n for n in dir(node) if not n.startswith("_")]
    return [n.replace("_", "-") for n in names if _is_node(getattr(node, n, None))]


def default_command(node: Any) -> Any:
    """The command a group runs when named alone (see Group.default_command), or None."""
    name = getattr(node, "default_command", "") if isinstance(node, Group) else ""
    found = getattr(node, name, None) if name else None
    return found if is_command(found) else None


def _is_node(obj: Any) -> bool:
    return is_command(obj) or isinstance(obj, Group)


def _member(node: Any, word: str) -> Any:
    name = word.replace("-", "_")
    if name.startswith("_") or not isinstance(node, Group):
        return None
    found = getattr(node, name, None)
    return found if _is_node(found) else None


def _undash(token: str) -> str:
    """Typographic dashes before a flag name become "--"; anything that does not look like a flag is left alone."""
    head = len(token) - len(token.lstrip("-" + _TYPOGRAPHIC_DASHES))
    if head == 0 or not any(c in _TYPOGRAPHIC_DASHES for c in token[:head]):
        return token
    body = token[head:]
    return "--" + body if _FLAG_BODY.match(body) else token


def _is_flag(token: str) -> bool:
    return token.startswith("--") or bool(re.match(r"^-[A-Za-z]", token))


@dataclass(frozen=True, slots=True)
class Invocation:
    """What to run: fire's argv, or (when help is asked for) the command or group to describe."""

    args: list[str]
    where: str  # "ie-cli emails list"
    help_for: Any = None


def prepare(argv: Sequence[str], root: Group, prog: str) -> Invocation:
    """Rewrite ie-cli's argv into the argv fire gets; raise UsageError for anything unknown or malformed."""
    tokens = list(argv)
    node: Any = root
    path: list[str] = []
    while tokens and not is_command(node):
        word = _undash(tokens[0])
        if _is_flag(word):
            break
        found = _member(node, word)
        if found is None:
            where = " ".join([prog, *path])
            raise UsageError(f"unknown command {word!r} for '{where}' (choose from {', '.join(members(node))})")
        node, path = found, [*path, word]
        tokens.pop(0)
    where = " ".join([prog, *path])
    asks_help = any(_undash(t) in HELP_FLAGS for t in tokens)
    default = default_command(node)
    if default is not None and not asks_help:
        # the loop stopped at this group: on its flags or at the end, so its own command runs with them
        name = node.default_command
        return Invocation([*path, name, *_command_args(default, tokens, where)], where)
    if asks_help or (not is_command(node) and not tokens):
        return Invocation(path, where, help_for=node)
    if not is_command(node):
        raise UsageError(f"'{where}' needs a command: {', '.join(members(node))} (see {where} --help)")
    return Invocation([*path, *_command_args(node, tokens, where)], where)


def _command_args(fn: Callable[..., Any], tokens: list[str], where: str) -> list[str]:
    spec: CommandSpec = getattr(fn, SPEC_ATTR)
    params = inspect.signature(fn).parameters.values()
    named = {p.name for p in params if p.kind is p.KEYWORD_ONLY}
    takes_words = any(p.kind is p.VAR_POSITIONAL for p in params)
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(tokens):
        token = _undash(tokens[i])
        i += 1
        if token.startswith("-") and len(token) > 1 and not token.startswith("--") and token[1].isalpha():
            letter, rest = token[1], token[2:]
            if letter not in spec.short:
                raise UsageError(f"unknown flag -{letter} for '{where}' (see {where} --help)")
            long = "--" + spec.short[letter].replace("_", "-")
            token = long + ("=" + rest.removeprefix("=") if rest else "")
        if not token.startswith("--") or token == "--":
            if not takes_words or token in ("-", "--"):
                raise UsageError(f"unexpected argument {token!r} for '{where}' (see {where} --help)")
            out.append(token)
            continue
        key, eq, value = token[2:].partition("=")
        key = key.replace("_", "-")
        param = spec.synonyms.get(key, key).replace("-", "_")
        if not eq and param.startswith("no") and param[2:] in spec.switches | spec.optional_bools:
            param, value, eq = param[2:], "false", "="
        if param not in named:
            raise UsageError(f"unknown flag --{key} for '{where}' (see {where} --help)")
        flag = "--" + param.replace("_", "-")
        if param in seen:
            raise UsageError(f"{flag} is given more than once")
        seen.add(param)
        if not eq:
            if param in spec.switches:
                value = "true"
            elif param in spec.optional_bools:
                if i < len(tokens) and tokens[i].lower() in BOOL_WORDS:
                    value, i = tokens[i], i + 1
                else:
                    value = "true"
            elif i < len(tokens):
                value, i = tokens[i], i + 1
            else:
                raise UsageError(f"{flag} needs a value")
        out.append(f"{flag}={value}")
    return out


# -- value coercion: every command calls these on the raw strings fire hands over ---------------------------


def switch(value: bool | str, flag: str) -> bool:
    """A boolean flag: accepts true/false/yes/no/on/off/1/0."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word not in BOOL_WORDS:
        raise UsageError(f"{flag}: expected true or false, got {value!r}")
    return BOOL_WORDS[word]


def whole(value: int | str, flag: str, *, minimum: int | None = None) -> int:
    """A whole number, optionally at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise UsageError(f"{flag}: expected a whole number, got {value!r}")
    if isinstance(value, str):
        if not _WHOLE.match(value.strip()):
            raise UsageError(f"{flag}: expected a whole number, got {value!r}")
        value = int(value.strip())
    if minimum is not None and value < minimum:
        raise UsageError(f"{flag}: must be at least {minimum}, got {value}")
    return value


def optional_whole(value: int | str | None, flag: str, *, minimum: int | None = None) -> int | None:
    """A whole number, or None when the flag was not given."""
    return None if value is None else whole(value, flag, minimum=minimum)


def duration(value: str, flag: str) -> str:
    """A duration as the API reads it (core.durations: `<digits><s|m|h|d>` or plain seconds), passed on as written."""
    text_value = str(value).strip().lower()
    try:
        parse_duration(text_value, flag)
    except ValidationError as exc:
        raise UsageError(exc.message) from None
    return text_value


def text(value: str | None, flag: str, *, required: bool = False) -> str | None:
    """A non-empty string, or None when the flag was not given (an error if required)."""
    if value is None:
        if required:
            raise UsageError(f"{flag} is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{flag}: must not be empty")
    return value


def name(value: str | None, flag: str, *, required: bool = False) -> str | None:
    """An account name or an id: non-empty, no whitespace, not a dot-segment."""
    found = text(value, flag, required=required)
    if found is None:
        return None
    found = found.strip()
    if any(c.isspace() for c in found) or found in (".", ".."):
        raise UsageError(f"{flag}: invalid value {value!r}")
    return found


def choice(value: str | None, flag: str, choices: Sequence[str]) -> str | None:
    """One of `choices` (case-insensitive), or None when the flag was not given."""
    if value is None:
        return None
    word = str(value).strip().lower()
    if word not in choices:
        raise UsageError(f"{flag}: expected one of {', '.join(choices)}, got {value!r}")
    return word


def id_list(value: str | None, flag: str) -> list[str]:
    """Ids separated by commas (or spaces), in order, without repeats."""
    raw = text(value, flag, required=True) or ""
    ids = [i for i in re.split(r"[,\s]+", raw) if i]
    if not ids:
        raise UsageError(f"{flag}: give at least one email id")
    for one in ids:
        name(one, flag)
    return list(dict.fromkeys(ids))


def words(values: Sequence[str], what: str) -> list[str]:
    """Positional values (whitelist entries): at least one, each non-empty, without repeats."""
    cleaned = [str(v).strip() for v in values]
    if not cleaned:
        raise UsageError(f"give at least one {what}")
    if any(not v for v in cleaned):
        raise UsageError(f"empty {what} in the arguments")
    return list(dict.fromkeys(cleaned))
