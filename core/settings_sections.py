"""The typed sections of Settings ([scan], [workers], [exim], [limits], [notifications], [history], ...): what each
holds and its built-in default. core/settings.py loads and checks them and re-exports every name here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: The largest scan.redis_body_max_bytes: what the gateway holds of a body in memory while it spools it.
REDIS_BODY_CEILING = 2 << 20


@dataclass(frozen=True, slots=True)
class ScanSettings:
    listen: tuple[str, ...]
    allowed_users: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    timeout: float
    max_message_bytes: int
    oversize_action: str
    max_parts: int
    max_header_bytes: int
    max_text_bytes: int
    max_archive_members: int
    max_archive_depth: int
    time_budget_ms: int
    # the gateway's own bounds: open connections (in total, per peer uid/host) and each request head
    max_connections: int = 256
    max_connections_per_peer: int = 128
    max_head_bytes: int = 1 << 20
    max_head_lines: int = 100_000
    head_timeout: float = 20.0
    # how much longer than timeout the gateway waits for a worker that committed to a verdict (a hold under way)
    commit_grace: float = 5.0
    # a body the spool cannot take (disk full) travels through Redis for its scan, up to this size each and this
    # much in flight per gateway (0: off; then such mail gets the fail mode)
    redis_body_max_bytes: int = 1 << 20
    redis_body_total_bytes: int = 64 << 20


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    processes: int
    threads: int
    poll_timeout_ms: int


@dataclass(frozen=True, slots=True)
class Thresholds:
    quarantine: float
    reject: float
    add_header: float


@dataclass(frozen=True, slots=True)
class IncomingSettings:
    """Incoming filtration ([incoming]): its own listeners, thresholds and what spam becomes."""

    listen: tuple[str, ...] = ()
    spam: float = 6.0
    add_header: float = 3.0
    action: str = "spam_folder"  # "spam_folder", "header" or "quarantine"
    spam_header: str = "X-Mailward-Spam"
    spam_folder: str = ".spam"
    accounts_may_turn_off: bool = False  # account owners may turn their own incoming filtration off (cPanel)


@dataclass(frozen=True, slots=True)
class EximSettings:
    layout: str
    exim_binary: str
    release_user: str
    release_protocol: str
    spamd_timeout: int
    sendmail: str
    release_timeout: float


@dataclass(frozen=True, slots=True)
class LimitDefaults:
    """Tier-1 sender limits from the settings file; Redis values set at run time override them."""

    limit_mode: int
    account: int
    domain: int
    sender_email: int
    script: int
    daily_account: int
    daily_domain: int
    daily_sender_email: int
    daily_script: int
    dry_run: bool

    def to_dict(self) -> dict[str, int | bool]:
        return {f: getattr(self, f) for f in self.__slots__}


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """Webhook delivery ([webhooks]): SSRF guard, per-POST timeout, retries and their back-off."""

    allow_private: bool = False
    timeout: float = 10.0
    max_retries: int = 8
    min_backoff_ms: int = 15_000
    max_backoff_ms: int = 3_600_000


@dataclass(frozen=True, slots=True)
class NotificationSettings:
    """Digests to account owners and alerts to the admin ([notifications]); off by default."""

    enabled: bool = False
    sender: str = ""  # envelope and From: address; "" means mailward@<hostname>
    digest: str = "daily"  # "hourly", "daily", "weekly" or "off"
    admin_email: str = ""  # where alerts go; "" turns alerts off
    base_url: str = ""  # where one-click links point (the API's public URL); "" leaves links out of digests
    max_per_hour: int = 100  # Mailward's own notification mail per clock hour, across every host
    token_ttl_s: int = 7 * 86400  # how long a one-click link works
    check_interval_s: float = 300.0  # how often the notification job runs (alerts; digests when due)
    max_lines: int = 200  # messages listed per digest; the rest are counted in a footer
    burst_threshold: int = 50  # messages held for one account within an hour that look like a compromise


@dataclass(frozen=True, slots=True)
class HistorySettings:
    """Sender history ([history], core.learning.sender_history): when a sender is established, what is an anomaly,
    bounds."""

    enabled: bool = True
    established_min_clean: int = 50
    established_min_days: float = 14.0
    max_held_ratio: float = 0.1
    baseline_hours: int = 48
    baseline_min_hours: int = 6
    spike_factor: float = 5.0
    spike_min: int = 30
    new_rcpt_domains_min: int = 3
    new_rcpt_domains_ratio: float = 0.6
    rcpt_burst_factor: float = 5.0
    rcpt_burst_min: int = 20
    max_domains_per_sender: int = 300
    max_recipients_per_sender: int = 500
    max_objects_per_account: int = 100
    ttl_days: int = 90
    taint_days: int = 30


#: Who may release a hold ([quarantine.release_by]): the account itself; its reseller (or the admin); or the server
#: administrator only.
RELEASERS = ("account", "reseller", "admin")
#: The safe defaults, also in core/defaults.toml: only spam (and incoming mail) is the account's to release; mail of
#: a contained sender object is its reseller's (or the admin's).
RELEASE_BY_DEFAULTS = {"spam": "account", "winexec": "admin", "virus": "admin", "ratelimit": "admin",
                       "incoming": "account", "contained": "reseller"}
#: What [resellers] may_change may list: the per-account settings root lets resellers change for their accounts.
RESELLER_SETTINGS = ("releases_limit", "limit_bytes", "state", "incoming", "digest", "digest_address", "release_by",
                     "sender_limits", "containment")


@dataclass(frozen=True, slots=True)
class ContainmentSettings:
    """Contained sender objects ([containment]): what their mail gets, and the automatic policy."""

    action: str = "hold"  # what a contained object's mail gets by default: "hold" (quarantine) or "reject" (550)
    cache_s: float = 2.0  # a worker re-reads the contained objects at most this often (0: on every scan)
    auto: bool = False  # contain an object automatically once its holds cross `threshold` within `window_s`
    threshold: int = 10
    window_s: int = 3600
    reasons: tuple[str, ...] = ("spam", "virus", "ratelimit")  # the hold reasons that count
    types: tuple[str, ...] = ("script", "sender_email")  # which objects are contained automatically
    auto_lift_by: str = "reseller"  # who may lift an automatic containment: "account", "reseller" or "admin"
    max_objects: int = 10000  # contained objects kept server-wide (a contain beyond it is refused)


@dataclass(frozen=True, slots=True)
class ResellerSettings:
    """What root lets resellers change for the accounts they own ([resellers])."""

    may_change: tuple[str, ...] = ("releases_limit", "state", "digest", "digest_address", "release_by",
                                   "containment")


@dataclass(frozen=True, slots=True)
class ApiSettings:
    socket: Path
    tcp_listen: str  # "" (off) or "host:port" for bearer-token clients
    api_workers: int
    # what one slow or hostile client can hold: threads per API worker, connections per peer, time for a head
    threads: int = 16
    max_connections_per_uid: int = 8
    header_timeout: float = 10.0


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """One optional external engine ([engines.<name>]): where it listens, its bounds, how its verdict weighs."""

    enabled: bool
    address: str  # "host:port" (IP literal or localhost) or an absolute unix socket path
    timeout_ms: int
    max_bytes: int  # larger messages are not sent
    score_factor: float = 1.0  # engine score -> symbol score (rspamd in mode "score", spamassassin)
    mode: str = "score"  # rspamd: "score" or "action"
    actions: dict[str, float] = field(default_factory=dict)  # rspamd in mode "action": action -> symbol score
