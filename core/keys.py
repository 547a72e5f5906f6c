"""Every Redis key name Mailward uses, in one place (prefix `mw:`)."""

from __future__ import annotations

PREFIX = "mw"


def quarantine_meta(email_id: str) -> str:
    """HASH-less JSON string: the metadata of one quarantined message."""
    return f"{PREFIX}:q:meta:{email_id}"


def quarantine_by_account(account: str) -> str:
    """ZSET of email ids of one account, scored by received time."""
    return f"{PREFIX}:q:acct:{account}"


def quarantine_all() -> str:
    """ZSET of all email ids, scored by received time."""
    return f"{PREFIX}:q:all"


def quarantine_used() -> str:
    """HASH account -> bytes used in the quarantine."""
    return f"{PREFIX}:q:used"


def quarantine_accounts() -> str:
    """HASH account -> JSON of per-account overrides (limit_bytes, releases_limit, state)."""
    return f"{PREFIX}:q:accounts"


def quarantine_blocked() -> str:
    """SET of accounts whose state is block (kept beside the overrides so scans read only this small set)."""
    return f"{PREFIX}:q:blocked"


def quarantine_evicted(account: str, hour: int) -> str:
    """Counter of messages evicted for quota in one clock hour (epoch // 3600)."""
    return f"{PREFIX}:q:evicted:{account}:{hour}"


def quarantine_expired(account: str, day: int) -> str:
    """Counter of messages deleted for age (retention) in one UTC day (epoch // 86400), kept 48 hours."""
    return f"{PREFIX}:q:expired:{account}:{day}"


def quota_eviction(job_id: str) -> str:
    """HASH (expiring) of one quota eviction job: a lowered capacity's evictions that did not fit in the request."""
    return f"{PREFIX}:q:eviction:{job_id}"


def quota_eviction_lease(job_id: str) -> str:
    """String (expiring, renewed each batch) held by the API process running a quota eviction job; gone = resumable."""
    return f"{PREFIX}:q:eviction-lease:{job_id}"


def retention_lock() -> str:
    """String set NX (expiring) by the host that sends this period's retention job, so hosts send it once."""
    return f"{PREFIX}:q:retention-lock"


def whitelist(kind: str) -> str:
    """SET of whitelisted entries; kind is authuser, sender or recipient."""
    return f"{PREFIX}:wl:{kind}"


def filter_settings() -> str:
    """HASH of runtime filter toggles (e.g. allow_winexec) that override the file settings."""
    return f"{PREFIX}:filter"


def worker_heartbeats() -> str:
    """ZSET "<host>:<pid>" -> last heartbeat (epoch seconds) of each scan worker process."""
    return f"{PREFIX}:workers"


def quarantine_defaults() -> str:
    """HASH of admin-set defaults (limit_bytes, releases_limit) over the file settings; absent = the common default."""
    return f"{PREFIX}:q:defaults"


def quarantine_claim(email_id: str) -> str:
    """String set NX (with expiry) while one request releases or removes a message: the exactly-once lock."""
    return f"{PREFIX}:q:claim:{email_id}"


def quarantine_released(email_id: str) -> str:
    """JSON of a released message's record (expiring), so a late second release says when it went."""
    return f"{PREFIX}:q:released:{email_id}"


def releases(account: str) -> str:
    """ZSET of one account's releases in the last hour (member: email id, score: epoch): the sliding window."""
    return f"{PREFIX}:rel:{account}"


def audit_log() -> str:
    """STREAM of audit entries of accounts (capped)."""
    return f"{PREFIX}:audit"


def audit_admin_log() -> str:
    """STREAM of the admin's audit entries (capped on its own, so no account's entries can push them out)."""
    return f"{PREFIX}:audit:admin"


def audit_rate(identity: str, window: int) -> str:
    """Counter (expiring) of audit entries one account wrote in one rate window (epoch // window length)."""
    return f"{PREFIX}:audit:rate:{identity}:{window}"


def audit_suppressed() -> str:
    """HASH identity -> JSON summary of its audit entries suppressed over the rate, written out when the window ends."""
    return f"{PREFIX}:audit:suppressed"


def api_tokens() -> str:
    """HASH sha256(token) -> JSON {name, account, created} of API bearer tokens."""
    return f"{PREFIX}:tokens"


def gateway_heartbeats() -> str:
    """HASH "<host>:<pid>" -> JSON {time, listen} of running scan gateways."""
    return f"{PREFIX}:gateways"


def host_status(host: str) -> str:
    """JSON (expiring) of one host's locally observed status: Exim hook, quarantine disk."""
    return f"{PREFIX}:status:{host}"


def am_settings() -> str:
    """HASH of Activity Monitor server settings set at run time (over the settings file's [limits])."""
    return f"{PREFIX}:am:settings"


def am_overrides() -> str:
    """HASH sender-object id -> its own hourly limit (tier 2)."""
    return f"{PREFIX}:am:over"


def am_objects() -> str:
    """HASH sender-object id -> JSON {type, account, name, id, account_id, domain_id} of every object seen."""
    return f"{PREFIX}:am:objects"


def am_account_objects(account_id: str, so_type: str) -> str:
    """ZSET sender-object id -> when it last sent: one account's objects of one type (capped: more fold into one)."""
    return f"{PREFIX}:am:acct:{account_id}:{so_type}"


def am_seen() -> str:
    """ZSET sender-object id -> when it last sent (for pruning objects gone quiet)."""
    return f"{PREFIX}:am:seen"


def am_window(so_id: str) -> str:
    """HASH minute (epoch // 60) -> messages (or recipients) one object sent: its sliding-hour window."""
    return f"{PREFIX}:am:win:{so_id}"


def am_daily(so_id: str) -> str:
    """HASH hour (epoch // 3600) -> messages (or recipients) one object sent: its 24-hour window."""
    return f"{PREFIX}:am:day:{so_id}"


def am_stats_hour(hour: int) -> str:
    """HASH "<so id>:<outcome>" -> count for one clock hour (epoch // 3600), kept 31 days."""
    return f"{PREFIX}:am:h:{hour}"


def am_stats_day(day: int) -> str:
    """HASH "<so id>:<outcome>" -> count for one UTC day (epoch // 86400), kept 31 days."""
    return f"{PREFIX}:am:d:{day}"


def classifier_weights(tokenizer_version: int) -> str:
    """HASH token -> what online learning added to the spam classifier's weight of it (per tokenizer version)."""
    return f"{PREFIX}:clf:v{tokenizer_version}:weights"


def classifier_totals(tokenizer_version: int) -> str:
    """HASH ham/spam -> messages learned online as that class."""
    return f"{PREFIX}:clf:v{tokenizer_version}:totals"


def classifier_learned(tokenizer_version: int) -> str:
    """HASH message digest -> "<class> <step>": how it was learned, so it is never learned twice and unlearns."""
    return f"{PREFIX}:clf:v{tokenizer_version}:learned"


def classifier_learned_order(tokenizer_version: int) -> str:
    """ZSET message digest -> when it was learned (the oldest are forgotten past the cap)."""
    return f"{PREFIX}:clf:v{tokenizer_version}:order"


def campaign_band(band: str) -> str:
    """ZSET of one body-fingerprint band key's last hour (core.store.campaigns): messages, recipients, accounts."""
    return f"{PREFIX}:camp:b:{band}"


def campaign_confirmed() -> str:
    """ZSET band key -> expiry (epoch) of the fingerprints of confirmed spam."""
    return f"{PREFIX}:camp:spam"


def events() -> str:
    """STREAM of events (quarantined, released, deleted, limit reached, account blocked...), capped."""
    return f"{PREFIX}:events"


def event_once(name: str) -> str:
    """String set NX (expiring) so a repeated condition (a limit reached) emits one event per window."""
    return f"{PREFIX}:ev:once:{name}"


def webhooks() -> str:
    """HASH webhook id -> JSON {id, url, events, secret, enabled, created}."""
    return f"{PREFIX}:webhooks"


def webhook_status() -> str:
    """HASH webhook id -> JSON of its last delivery attempt; "<id>:delivered" / "<id>:failed" -> counters."""
    return f"{PREFIX}:webhooks:status"


def notify_secret() -> str:
    """String: the server secret that signs one-click action tokens (generated once, SET NX)."""
    return f"{PREFIX}:notify:secret"


def notify_token_used(token_id: str) -> str:
    """String set NX when a one-click action token is used (expires with the token)."""
    return f"{PREFIX}:notify:used:{token_id}"


def notify_cursors() -> str:
    """HASH account -> received time up to which its held mail was listed in a digest (or skipped while off)."""
    return f"{PREFIX}:notify:cursors"


def notify_sent(hour: int) -> str:
    """Counter of notification mails sent in one clock hour (epoch // 3600): Mailward's own rate limit."""
    return f"{PREFIX}:notify:sent:{hour}"


def notify_lock() -> str:
    """String set NX (expiring) by the host that sends this period's notification job."""
    return f"{PREFIX}:notify:lock"


def notify_digest_due(frequency: str) -> str:
    """String set NX (expiring after one period) by the run that sends this period's digests of one frequency."""
    return f"{PREFIX}:notify:digest-due:{frequency}"


def notify_prefs() -> str:
    """HASH account -> JSON of the account owner's digest choices (digest frequency, address) over the defaults."""
    return f"{PREFIX}:notify:prefs"


def notify_alerted(name: str) -> str:
    """String set NX (expiring) per alert, so one condition is reported once per window."""
    return f"{PREFIX}:notify:alerted:{name}"


def notify_events_cursor() -> str:
    """String: id of the last event-stream entry the alert job has read."""
    return f"{PREFIX}:notify:events-cursor"


def incoming_off() -> str:
    """SET: accounts whose incoming mail is not scanned (issue 8's per-account toggle)."""
    return f"{PREFIX}:incoming:off"


def history_object(so_id: str) -> str:
    """HASH of one sender object's history (core.store.sender_history): counts, baselines, sliding-hour buckets."""
    return f"{PREFIX}:hist:o:{so_id}"


def history_domains(so_id: str) -> str:
    """ZSET recipient domain -> when a sender address or script last delivered to it (capped)."""
    return f"{PREFIX}:hist:d:{so_id}"


def history_recipients(so_id: str) -> str:
    """ZSET recipient digest -> when a sender address or script last delivered to it (capped)."""
    return f"{PREFIX}:hist:r:{so_id}"


def history_account(account_id: str) -> str:
    """ZSET sender-object id -> last message: the objects of one account with a history (capped, LRU)."""
    return f"{PREFIX}:hist:a:{account_id}"


def scan_claim(spool_id: str) -> str:
    """STRING (expiring) deciding who owns one scan's outcome: open, w:<token>, committed or abandoned
    (core.store.scan_claims)."""
    return f"{PREFIX}:scan:claim:{spool_id}"


def scan_body(spool_id: str) -> str:
    """HASH (expiring) of a message the spool could not take: b = its body, s = ready, taken or held
    (core.store.scan_bodies)."""
    return f"{PREFIX}:scan:body:{spool_id}"


def dead_workers() -> str:
    """ZSET worker consumer id (host:pid) -> when serve reaped it: their committed scan claims may be taken over."""
    return f"{PREFIX}:scan:dead"


def forwarded_copy(message_id: str, rcpt_digest: str) -> str:
    """String: the outcome of one forwarded copy (Exim message id + a digest of its remote recipient): pending,
    deliver, hold or fail; read before any scan, so a router retried for a deferred address never scans twice."""
    return f"{PREFIX}:fwd:{message_id}:{rcpt_digest}"


def frozen_submission(message_id: str) -> str:
    """String: what Mailward did with a local submission it froze while the scanner was down (Exim message id):
    pending, held, released or rejected; read before any scan, so each frozen message has one outcome."""
    return f"{PREFIX}:frozen:{message_id}"


def contained() -> str:
    """HASH sender object id -> JSON of its containment (core.store.containment)."""
    return f"{PREFIX}:contained"


def contained_version() -> str:
    """Counter bumped on every containment change: workers re-read the hash only when it moved."""
    return f"{PREFIX}:contained:v"


def contained_holds(so_id: str) -> str:
    """ZSET (expiring) of one sender object's recent holds, for automatic containment."""
    return f"{PREFIX}:contained:holds:{so_id}"


def release_by_account(account: str) -> str:
    """HASH hold reason -> who may release it, one account's own release policy (core.store.release_policy)."""
    return f"{PREFIX}:release_by:acct:{account}"


def answer_state(spool_id: str) -> str:
    """STRING (expiring) of one scan's answer to Exim: answered, direct (nobody waits on a socket) or withdrawn
    (the sweep took its holds back); absent while a hold waits for it (core.store.pending_answers)."""
    return f"{PREFIX}:ans:state:{spool_id}"


def answer_holds(spool_id: str) -> str:
    """LIST (expiring) of `account/email_id` of the copies a worker held for one scan, until its answer."""
    return f"{PREFIX}:ans:holds:{spool_id}"


def answers_pending() -> str:
    """ZSET spool id -> when (Redis's clock, ms) its first hold was registered, until the gateway answers it."""
    return f"{PREFIX}:ans:pending"


def answers_withdrawing() -> str:
    """ZSET spool id -> when (Redis's clock, ms) a sweep took it to withdraw its holds (retried if it died)."""
    return f"{PREFIX}:ans:withdrawing"
