"""Exim's queue as an Exim admin sees it: list it, read a message (-Mvh/-Mvb), thaw, deliver, remove, give up.

Every call runs the Exim binary with an argv list (never a shell), and every message id is checked against Exim's
own id format before it goes anywhere. Exim finds its spool from its own configuration, so nothing here needs to
know where the spool is (Debian, cPanel and split spools alike). These commands need an Exim admin: root, or a
member of Exim's group (admin_groups); `mailward serve` runs as root.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field

from core.errors import MailwardError

#: Exim's message ids: 4.96's 6-6-2 base-62 form and 4.97's longer 6-11-4 form. Nothing else is ever passed on.
MESSAGE_ID_RE = re.compile(r"[0-9A-Za-z]{6}-(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{11}-[0-9A-Za-z]{4})")
#: A queue listing's first line of a frozen message: "<age> <size> <id> <sender> *** frozen ***".
_FROZEN_LINE = re.compile(rf"^\s*\S+\s+\S+\s+(?P<id>{MESSAGE_ID_RE.pattern})\s.*\*\*\* frozen \*\*\*\s*$")
_TREE_LINE = re.compile(rb"^([YN])([YN]) (.*)$")
_HEADER_RECORD = re.compile(rb"(\d+)(.) ", re.S)
#: Largest header (-H) file read: Exim caps recipients at 16,384 in it; past this it is no message of ours.
MAX_HEADER_FILE = 16 * 1024 * 1024
TIMEOUT_S = 60.0


class EximSpoolError(MailwardError):
    """A message could not be read from, or acted on in, Exim's queue."""

    status = 502
    code = "exim_spool_error"


def valid_message_id(value: str) -> str:
    """value if it is an Exim message id, else EximSpoolError (never passed to Exim)."""
    if not isinstance(value, str) or not MESSAGE_ID_RE.fullmatch(value):
        raise EximSpoolError(f"not an Exim message id: {str(value)[:40]!r}")
    return value


@dataclass(slots=True)
class SpooledMessage:
    """One message in Exim's queue, as its -H (envelope, ACL variables, headers) and -D (body) files say."""

    message_id: str
    login: str  # who submitted it (the caller's login for local submission, Exim's user for SMTP)
    uid: int
    sender: str
    recipients: list[str]  # not yet delivered (the non-recipients tree taken out)
    options: dict[str, str] = field(default_factory=dict)  # "-received_protocol local" -> {"received_protocol": ..}
    acl_vars: dict[str, str] = field(default_factory=dict)  # full names: {"acl_m_mailward_dir": "incoming"}
    headers: list[bytes] = field(default_factory=list)  # live headers (rewritten-away ones left out), each with \n
    body: bytes = b""

    @property
    def frozen(self) -> bool:
        return "frozen" in self.options

    @property
    def host_address(self) -> str:
        """The sending host's IP ("" for local submission), without the port Exim appends."""
        value = self.options.get("host_address", "")
        ip, dot, port = value.rpartition(".")
        return ip if dot and port.isdigit() and (":" in ip or ip.count(".") == 3) else value

    def message_bytes(self) -> bytes:
        """The message as a scanner sees it: the live headers, a blank line, the body (LF line ends)."""
        return b"".join(self.headers) + b"\n" + self.body


def parse_header_file(message_id: str, data: bytes) -> SpooledMessage:
    """Parse Exim's -H spool file (format as Exim 4.9x writes it: spool_out.c); EximSpoolError if malformed."""
    try:
        return _parse(message_id, data)
    except (ValueError, IndexError) as exc:
        raise EximSpoolError(f"message {message_id}: malformed spool header file ({exc})") from None


def _parse(message_id: str, data: bytes) -> SpooledMessage:
    pos = 0

    def line() -> bytes:
        nonlocal pos
        end = data.index(b"\n", pos)
        out, pos = data[pos:end], end + 1
        return out

    if line() != f"{message_id}-H".encode():
        raise ValueError("first line is not the message's own name")
    login_b, uid_b, _gid = line().rsplit(b" ", 2)
    sender_b = line()
    if not (sender_b.startswith(b"<") and sender_b.endswith(b">")):
        raise ValueError("no <sender> line")
    line()  # received time, warning count
    options: dict[str, str] = {}
    acl_vars: dict[str, str] = {}
    while True:
        text = line()
        if not text.startswith(b"-"):
            break
        body = text[2:] if text.startswith(b"--") else text[1:]  # "--": a tainted value, read the same way
        if body.startswith((b"aclc ", b"aclm ")):
            name, count = body[5:].rsplit(b" ", 1)
            n = int(count)
            value, pos = data[pos:pos + n], pos + n + 1  # the value, then its newline
            acl_vars[f"acl_{body[3:4].decode()}{name.decode('utf-8', 'replace')}"] = value.decode("utf-8", "replace")
            continue
        key, _, value = body.partition(b" ")
        options[key.decode("ascii", "replace")] = value.decode("utf-8", "replace")
    done: set[bytes] = set()
    text = line() if text == b"XX" else _read_tree(text, line, done)  # then the recipient count
    count = int(text)
    recipients = [_recipient(line()) for _ in range(count)]
    if line() != b"":
        raise ValueError("no blank line before the headers")
    headers: list[bytes] = []
    while pos < len(data):
        m = _HEADER_RECORD.match(data, pos)
        if m is None:
            raise ValueError(f"bad header record at byte {pos}")
        n = int(m.group(1))
        text, pos = data[m.end():m.end() + n], m.end() + n
        if len(text) != n:
            raise ValueError("truncated header")
        if m.group(2) != b"*":  # "*": a header rewritten or removed, kept for the record only
            headers.append(text)
    return SpooledMessage(
        message_id=message_id, login=login_b.decode("utf-8", "replace"), uid=int(uid_b),
        sender=sender_b[1:-1].decode("utf-8", "replace"),
        recipients=[r.decode("utf-8", "replace") for r in recipients if r not in done],
        options=options, acl_vars=acl_vars, headers=headers)


def _read_tree(first: bytes, read: Callable[[], bytes], done: set[bytes]) -> bytes:
    """Read the non-recipients tree (pre-order, "<left Y/N><right Y/N> <address>" per node) into done; returns the
    line after it (the recipient count)."""
    pending = 1
    text = first
    while pending:
        m = _TREE_LINE.match(text)
        if m is None:
            raise ValueError("bad non-recipients tree line")
        done.add(m.group(3))
        pending += (m.group(1) == b"Y") + (m.group(2) == b"Y") - 1
        text = read()
    return text


def _recipient(text: bytes) -> bytes:
    """A recipient line's address: Exim appends "<orcpt> <len>,<dsn> <errors_to> <len>,<pno>#3" to some."""
    m = re.search(rb"#(\d+)$", text)
    if m is None:
        m2 = re.search(rb" \d+(?:,\d+,\d+)?$", text)  # older forms: "<address> <pno>", Exim 3's "a,b,c"
        return text[:m2.start()] if m2 else text
    flags, rest = int(m.group(1)), text[:m.start()]
    for bit in (1, 2):  # read from the right: errors_to (bit 1), then the DSN original recipient (bit 2)
        if flags & bit:
            f = re.search(rb" (\d+),(-?\d+)$", rest)
            if f is None:
                raise ValueError("bad recipient data")
            rest = rest[:f.start()]
            rest = rest[:len(rest) - int(f.group(1))]
            if not rest.endswith(b" "):
                raise ValueError("bad recipient data")
            rest = rest[:-1]
    return rest


def frozen_ids(listing: str) -> list[str]:
    """The ids of the frozen messages in an `exim -bp` listing."""
    return [m.group("id") for m in map(_FROZEN_LINE.match, listing.splitlines()) if m]


class EximQueue:
    """Exim's queue through the Exim binary (argv only), as an Exim admin."""

    def __init__(self, exim_binary: str = "/usr/sbin/exim", *, timeout: float = TIMEOUT_S) -> None:
        self.exim = exim_binary
        self.timeout = timeout

    def _run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run([self.exim, *args], capture_output=True, timeout=self.timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EximSpoolError(f"{self.exim} {args[0]}: {exc}") from None

    def _ok(self, *args: str) -> bytes:
        proc = self._run(*args)
        if proc.returncode != 0:
            why = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            raise EximSpoolError(f"{self.exim} {' '.join(args)} failed: {why[-1] if why else proc.returncode}")
        return proc.stdout

    def frozen(self) -> list[str]:
        """Ids of every frozen message in the queue (`exim -bp`)."""
        return frozen_ids(self._ok("-bp").decode("utf-8", "replace"))

    def read(self, message_id: str, *, body: bool = True) -> SpooledMessage:
        """A queued message's envelope, ACL variables, headers and (if body) body; EximSpoolError if it is gone."""
        mid = valid_message_id(message_id)
        head = self._ok("-Mvh", mid)
        if len(head) > MAX_HEADER_FILE:
            raise EximSpoolError(f"message {mid}: spool header file over {MAX_HEADER_FILE} bytes")
        msg = parse_header_file(mid, head)
        if body:
            data = self._ok("-Mvb", mid)
            first, _, rest = data.partition(b"\n")
            if first != f"{mid}-D".encode():
                raise EximSpoolError(f"message {mid}: the body file does not name the message")
            if "spool_file_wireformat" in msg.options:
                rest = rest.replace(b"\r\n", b"\n")
            msg.body = rest
        return msg

    def thaw(self, message_id: str) -> None:
        """Thaw a frozen message (`exim -Mt`); the next queue run or deliver() delivers it."""
        self._ok("-Mt", valid_message_id(message_id))

    def deliver(self, message_id: str) -> subprocess.Popen[bytes]:
        """Start a delivery attempt now (`exim -M`, which also thaws); the caller reaps the process."""
        return subprocess.Popen([self.exim, "-M", valid_message_id(message_id)], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def remove(self, message_id: str) -> None:
        """Remove a message from the queue without delivering or bouncing it (`exim -Mrm`)."""
        self._ok("-Mrm", valid_message_id(message_id))

    def give_up(self, message_id: str) -> None:
        """Fail every recipient and bounce the message to its sender (`exim -Mg`)."""
        self._ok("-Mg", valid_message_id(message_id))
