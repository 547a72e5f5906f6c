"""Re-injection of released mail into Exim: setuid sendmail, run as the trusted release user, argv only.

Exim lets this through unscanned only when both hold: the protocol is the marker (`-oMr`, honoured for trusted
users only) and the caller's uid is the release user's (checked in the ACL). Recipients are passed explicitly,
never `-t`, so Bcc recipients are kept and headers cannot add recipients. The release path skips the ACL's
removal of Mailward's own headers, so any copy of them the sender wrote is removed here.
"""

from __future__ import annotations

import os
import pwd
import re
import subprocess
from typing import Protocol

from core.errors import ServiceUnavailable
from core.models import QuarantineRecord
from core.settings import EximSettings

# An address as it may appear on sendmail's command line: no whitespace, no control characters, no leading '-'
# (we also put "--" before recipients), bounded length.
_ADDRESS_RE = re.compile(r"^[^\s\x00-\x1f\x7f<>()\[\],;:\\\"-][^\s\x00-\x1f\x7f<>()\[\],;:\\\"]{0,253}$")
_MAX_STDERR = 400
#: Header names only Mailward may write (workers.exim_hook.FILTER_HEADERS and any later X-ImunifyEmail-Filter-*,
#: plus the incoming spam mark's default name): a held message still carries whatever its sender forged.
OWN_HEADER_PREFIXES = (b"x-imunifyemail-filter-", b"x-mailward-spam:")


class ReinjectError(ServiceUnavailable):
    """Exim did not take the released message; it stays in the quarantine."""

    code = "reinject_failed"


def run_sendmail(exim: EximSettings, argv: list[str], message: bytes, as_user: pwd.struct_passwd | None) -> None:
    """Run sendmail (argv, no shell, a clean environment) as as_user, or as this process when None; ReinjectError
    with Exim's own words when it fails or does not finish within exim.release_timeout."""
    extra = {} if as_user is None else {"user": as_user.pw_uid, "group": as_user.pw_gid, "extra_groups": []}
    try:
        proc = subprocess.run(argv, input=message, capture_output=True, timeout=exim.release_timeout, check=False,
                              env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"}, cwd="/", **extra)
    except subprocess.TimeoutExpired:
        raise ReinjectError(f"sendmail did not finish within {exim.release_timeout:g}s") from None
    except OSError as exc:
        raise ReinjectError(f"cannot run {exim.sendmail}: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        why = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().replace("\n", " ")
        raise ReinjectError(f"sendmail exited {proc.returncode}: {why[:_MAX_STDERR] or 'no message'}")


class Reinjector(Protocol):
    """Hands a released message back to the MTA."""

    def reinject(self, record: QuarantineRecord, message: bytes) -> None:
        """Submit message to record.recipients from record.sender; raise ReinjectError if the MTA refuses."""
        ...


def safe_address(value: str, what: str) -> str:
    """An address fit for sendmail's argv, or ReinjectError."""
    if not isinstance(value, str) or not _ADDRESS_RE.fullmatch(value) or value.count("@") > 1:
        raise ReinjectError(f"{what} {value!r} cannot be passed to sendmail")
    return value


def release_argv(exim: EximSettings, record: QuarantineRecord) -> list[str]:
    """The sendmail command line for one release (no shell is ever involved)."""
    if not record.recipients:
        raise ReinjectError("the message has no envelope recipients to release to")
    sender = "<>" if record.sender in ("", "<>") else safe_address(record.sender, "sender")
    rcpts = [safe_address(r, "recipient") for r in record.recipients]
    # -oep: errors go to our stderr (and into the API's answer), never as a bounce to the original sender.
    return [exim.sendmail, "-oMr", exim.release_protocol, "-oi", "-odi", "-oep", "-f", sender, "--", *rcpts]


def strip_own_headers(message: bytes, prefixes: tuple[bytes, ...] = OWN_HEADER_PREFIXES) -> bytes:
    """The message without the header fields (folded lines too) whose lowercased `name:` starts with a prefix.

    Works on the raw header block only, so the body and every other byte stay exactly as held.
    """
    ends = [i for i in (message.find(b"\n\n"), message.find(b"\n\r\n")) if i >= 0]
    cut = min(ends) + 1 if ends else len(message)
    out: list[bytes] = []
    dropping = False
    for line in message[:cut].splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):  # a folded continuation belongs to the field before it
            if not dropping:
                out.append(line)
            continue
        name, colon, _ = line.partition(b":")
        dropping = bool(colon) and (name.strip().lower() + b":").startswith(prefixes)
        if not dropping:
            out.append(line)
    return b"".join(out) + message[cut:]


class SendmailReinjector:
    """The real re-injector: `sendmail -oMr <marker>` as exim.release_user (dropping root when run as root)."""

    def __init__(self, exim: EximSettings, spam_header: str = "") -> None:
        self.exim = exim
        # the incoming spam mark under the admin's own name ([incoming] spam_header) is Mailward's too
        extra = (spam_header.strip().lower().encode() + b":",) if spam_header.strip() else ()
        self.own_headers = OWN_HEADER_PREFIXES + extra

    def _user(self) -> pwd.struct_passwd | None:
        """The account to switch to, or None when already running as it; ReinjectError if impossible."""
        try:
            ent = pwd.getpwnam(self.exim.release_user)
        except KeyError:
            raise ReinjectError(f"release user {self.exim.release_user!r} does not exist: create it (see README) "
                                "or set exim.release_user") from None
        euid = os.geteuid()
        if euid == ent.pw_uid:
            return None
        if euid != 0:
            raise ReinjectError(f"releasing needs root or the release user {ent.pw_name}; running as uid {euid}")
        return ent

    def reinject(self, record: QuarantineRecord, message: bytes) -> None:
        """Run sendmail; ReinjectError with Exim's own words when it fails."""
        argv = release_argv(self.exim, record)
        message = strip_own_headers(message, self.own_headers)  # Exim's ACL does not strip them on this path
        ent = self._user()
        run_sendmail(self.exim, argv, message, ent)
