"""The Exim hook's names and parameters: the ACL variables and headers every layout shares, and HookParams.

Imports only core.errors (and the standard library); every other module of the package builds on this one.
"""

from __future__ import annotations

import pwd
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import MailwardError

#: Headers Mailward owns; any copy a client sends is removed so verdicts cannot be forged.
FILTER_HEADERS = ("X-ImunifyEmail-Filter-Score", "X-ImunifyEmail-Filter-Action")
SCORE_HEADER, ACTION_HEADER = FILTER_HEADERS
#: ACL variables the snippets use (acl_m_* survive into the spool file, so routers can read them).
ACTION_VAR = "acl_m_mailward_action"
HOLD_VAR = "acl_m_mailward_hold"
DIR_VAR = "acl_m_mailward_dir"  # "incoming" while the incoming scan runs: selects the incoming listener
#: Set (to 1) on a local submission frozen because the gateway could not answer; Mailward's frozen-queue job
#: (workers/frozen_queue.py) scans such messages once it can, and touches no other frozen message.
FROZEN_VAR = "acl_m_mailward_frozen"
FROZEN = "frozen"  # ACTION_VAR's value for such a message: no verdict headers (there is no verdict yet)
FORWARDED_ROUTER_NAME = "mailward_forwarded"
#: The unix socket (in Mailward's state directory) the forwarded-copy router asks: workers/forwarded_copies.py.
QUERY_SOCKET_NAME = "exim-query.sock"
#: Seconds the router waits for Mailward beyond the spam= tmo (a forwarded-copy answer also reads Exim's spool).
QUERY_EXTRA_S = 15
SPAM_ROUTER_NAME = "mailward_spam_folder"
ROUTER_NAME = "mailward_hold"
MARK = "mailward"  # every file or block Mailward adds carries this word
DEFAULT_REJECT_TEXT = "Message rejected by the Mailward content filter"
DEFAULT_DEFER_TEXT = "Temporarily rejected by the content filter, try again later"
UNSCANNED_DEFER_TEXT = "Message could not be scanned, try again later"

_PROTO_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_HOST_RE = re.compile(r"^[A-Za-z0-9._:-]+$")
#: Where the incoming switch is kept (its presence means on); enable re-renders from it.
INCOMING_STATE = "var/lib/mailward/exim_incoming"
INCOMING_STATE_TEXT = "on\n# written by ie-config enable-incoming, removed by disable-incoming\n"


#: Hosts whose unauthenticated SMTP is a local submission, never inbound mail: loopback and every address of
#: this server (Exim's `@[]`). A local process (a PHP script's SMTP client, a compromised account) reaching the
#: server's own port must be scanned as outgoing, whatever the recipients' domains.
LOCAL_SUBMISSION_HOSTS = "<; 127.0.0.0/8 ; ::1 ; @[]"
#: DIR_VAR's value in an Exim test session (`exim -bh`/`-bhc`): nothing of Mailward's runs.
TEST_SESSION = "test"


class EximHookError(MailwardError):
    """The Exim hook could not be rendered, installed, checked or removed."""

    status = 500
    code = "exim_hook_error"


@dataclass(frozen=True, slots=True)
class HookParams:
    """Everything the rendered Exim snippets depend on."""

    scan_addresses: tuple[str, ...] = ("127.0.0.1:11333",)  # "host:port", "[v6]:port" or "/socket/path"
    timeout: int = 30  # Exim's tmo= in seconds: bounds the whole exchange with the gateway
    fail_mode: str = "open"
    release_protocol: str = "mailward-release"
    release_uid: int | None = None  # None: no release bypass statement
    max_scan_size: int = 0  # bytes; 0 = scan every message (the gateway handles oversize mail)
    incoming_addresses: tuple[str, ...] = ()  # the gateway's incoming listeners; empty: no incoming scan
    spam_header: str = "X-Mailward-Spam"  # what incoming spam is delivered with
    spam_folder: str = ""  # Maildir++ folder incoming spam is filed in (a router); empty: header only
    local_hosts: str = LOCAL_SUBMISSION_HOSTS  # Exim host list: unauthenticated SMTP from these is not inbound
    query_socket: str = ""  # Mailward's Exim query socket; empty: no forwarded-copy router

    def __post_init__(self) -> None:
        if not self.scan_addresses:
            raise EximHookError("at least one scan address is needed")
        for a in (*self.scan_addresses, *self.incoming_addresses):
            exim_server_address(a)
        if not re.fullmatch(r"[A-Za-z0-9-]{1,64}", self.spam_header):
            raise EximHookError(f"spam header {self.spam_header!r} is not a header name")
        if self.spam_folder and not (re.fullmatch(r"\.[A-Za-z0-9_.-]{1,64}", self.spam_folder)
                                     and ".." not in self.spam_folder):
            raise EximHookError(f"spam folder {self.spam_folder!r} must be a Maildir++ folder name such as .spam")
        if self.fail_mode not in ("open", "closed"):
            raise EximHookError(f"fail_mode must be 'open' or 'closed', got {self.fail_mode!r}")
        if not _PROTO_RE.match(self.release_protocol):
            raise EximHookError(f"release protocol {self.release_protocol!r} must match {_PROTO_RE.pattern}")
        if not re.fullmatch(r"<; [0-9A-Fa-f.:/@\[\]! ;]+", self.local_hosts):
            raise EximHookError(f"local_hosts {self.local_hosts!r} must be an Exim host list of addresses "
                                "starting with '<; '")
        if self.query_socket and not re.fullmatch(r"/[A-Za-z0-9._/-]{1,200}", self.query_socket):
            raise EximHookError(f"query socket {self.query_socket!r} must be an absolute path of letters, digits, "
                                "'.', '_', '-' and '/'")
        if self.timeout <= 0 or self.max_scan_size < 0:
            raise EximHookError("timeout must be positive and max_scan_size not negative")
        if self.release_uid is not None and self.release_uid < 0:
            raise EximHookError("release_uid must not be negative")


def params_from_settings(settings: Any, *, release_uid: int | None = None, max_scan_size: int = 0,
                         incoming: bool = False) -> HookParams:
    """Build HookParams from core.settings.Settings (release uid resolved from exim.release_user if not given).

    With incoming, the incoming block uses [incoming] listen, spam_header and (action spam_folder) spam_folder.
    """
    exim = settings.exim
    if release_uid is None:
        release_uid = user_uid(exim.release_user)
    inc: dict[str, Any] = {}
    if incoming:
        cfg = settings.incoming
        if not cfg.listen:
            raise EximHookError("incoming.listen is empty: set [incoming] listen (the scan gateway's incoming "
                                "listeners) before turning incoming filtration on")
        inc = {"incoming_addresses": tuple(cfg.listen), "spam_header": cfg.spam_header,
               "spam_folder": cfg.spam_folder if cfg.action == "spam_folder" else ""}
    return HookParams(
        scan_addresses=tuple(settings.scan.listen), timeout=int(exim.spamd_timeout),
        fail_mode=settings.fail_mode, release_protocol=exim.release_protocol,
        release_uid=release_uid, max_scan_size=max_scan_size,
        query_socket=str(Path(settings.state_dir) / QUERY_SOCKET_NAME), **inc,
    )


def user_uid(user: str | int) -> int:
    """The numeric uid of a login name (or the number itself); EximHookError if unknown."""
    if isinstance(user, int) or str(user).isdigit():
        return int(user)
    try:
        return pwd.getpwnam(str(user)).pw_uid
    except KeyError:
        raise EximHookError(f"user {user!r} does not exist: create it or set exim.release_user "
                            "(the release bypass needs its uid)") from None


def exim_server_address(addr: str) -> str:
    """Turn a gateway listen address ("127.0.0.1:11333", "[::1]:11333", "/run/x.sock") into Exim's form."""
    if addr.startswith("/"):
        if any(c.isspace() for c in addr) or ":" in addr or ";" in addr:
            raise EximHookError(f"socket path {addr!r} must not contain spaces, ':' or ';'")
        return addr
    host, sep, port = addr.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not (sep and host and port.isdigit() and 0 < int(port) < 65536 and _HOST_RE.match(host)):
        raise EximHookError(f"scan address {addr!r} must be host:port or an absolute socket path")
    return f"{host} {port}"
