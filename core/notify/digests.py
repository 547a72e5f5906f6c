"""Notifications: digests of newly held mail to account owners and alerts to the admin, sent through Exim.

Each account's digest follows its owner's choices (core.store.digest_prefs: frequency, address) over the server's
`notifications.digest` and the account's cPanel contact address; an address outside the account's own domains and
contacts is never used, whenever it was stored.

Mail is an ordinary local submission (core.mail.exim_submit), never the release path's scan bypass: Exim scans it like
any other mail, so a digest quoting held mail cannot smuggle it anywhere. A Redis counter per clock hour
rate-limits it across every host. One-click links are signed with the key file's key (core.notify.notification_tokens).
"""

from __future__ import annotations

import json
import logging
import re
import socket
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from typing import Any

import redis

from core import keys
from core.errors import MailwardError
from core.identity.caller import ROOT
from core.mail.exim_reinject import Reinjector, SendmailReinjector, safe_address
from core.models import QuarantineRecord
from core.notify.notification_tokens import TokenSigner
from core.quarantine.actions import admin_only_reasons
from core.settings import NotificationSettings
from core.store.digest_prefs import (
    DigestPrefs,
    DigestPrefsStore,
    MemoryDigestPrefs,
    contact_addresses,
    digest_address_allowed,
)
from core.store.quarantine import QuarantineStore

log = logging.getLogger("mailward.notify")

PERIODS_S = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400}
#: Characters of a held message's subject or sender shown in a digest line.
MAX_FIELD = 100
#: Event-stream entries the alert job reads per run at most (a flood must not pin a worker).
MAX_EVENTS_PER_RUN = 5000
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


def plain(value: str, limit: int = MAX_FIELD) -> str:
    """Text from held mail made safe for one digest line: no control or bidi characters, bounded."""
    text = _CONTROL_RE.sub(" ", str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Mailer:
    """Sends Mailward's own mail through a submitter (core.mail.exim_submit), at most max_per_hour per clock hour."""

    def __init__(self, client: redis.Redis, reinjector: Reinjector, settings: NotificationSettings, *,
                 clock: Callable[[], float] = time.time) -> None:
        if isinstance(reinjector, SendmailReinjector):
            raise TypeError("Mailward's own mail never takes the release path (it would skip the scan): "
                            "use core.mail.exim_submit.SendmailSubmitter")
        self.client = client
        self.reinjector = reinjector
        self.settings = settings
        self.clock = clock

    @property
    def sender(self) -> str:
        return self.settings.sender or f"mailward@{socket.getfqdn()}"

    def compose(self, to: str, subject: str, body: str) -> bytes:
        """A plain-text message marked auto-generated (so autoresponders stay quiet)."""
        msg = EmailMessage(policy=SMTP)
        msg["From"] = f"Mailward <{self.sender}>"
        msg["To"] = to
        msg["Subject"] = subject
        msg["Date"] = formatdate(self.clock(), localtime=False)
        msg["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        msg["Auto-Submitted"] = "auto-generated"
        msg["X-Mailward-Notification"] = "1"
        msg.set_content(body, charset="utf-8")
        return msg.as_bytes()

    def send(self, to: str, subject: str, body: str) -> bool:
        """Send one mail; False (logged) when this hour's allowance is used up. ReinjectError if Exim refuses."""
        to = safe_address(to, "recipient")
        hour_key = keys.notify_sent(int(self.clock() // 3600))
        pipe = self.client.pipeline()
        pipe.incr(hour_key)
        pipe.expire(hour_key, 7200)
        count = int(pipe.execute()[0])
        if count > self.settings.max_per_hour:
            log.warning("notification to %s not sent: %d per hour already sent (notifications.max_per_hour)",
                        to, self.settings.max_per_hour)
            return False
        data = self.compose(to, subject, body)
        # The re-injector takes a record for its envelope; this one exists only for that.
        envelope = QuarantineRecord(email_id=str(uuid.uuid4()), account=ROOT, received=self.clock(),
                                    sender=self.sender, recipients=[to], subject=subject, reasons=[], score=0.0,
                                    symbols=[], size=len(data))
        self.reinjector.reinject(envelope, data)
        return True


@dataclass(slots=True)
class Digest:
    """One account's digest: the text, how many messages it covers and the newest one's received time."""

    account: str
    total: int
    listed: int
    newest: float
    text: str


def _contained_line(fields: Mapping[bytes, bytes]) -> str:
    """The admin alert's line for a sender object the automatic policy contained ("" for a manual containment,
    which someone chose, or an unreadable event)."""
    try:
        d = json.loads(fields[b"d"])
        if not d.get("auto"):
            return ""
        obj = d.get("object") or {}
        return (f"- Sender {obj.get('type', '?')} {plain(str(obj.get('name', '?')))} of account "
                f"{plain(str(d.get('account', '?')), 40)} was contained automatically after {plain(str(d.get('note')))}"
                f": its mail is {'refused' if d.get('action') == 'reject' else 'held'} until someone lifts it "
                f"(`ie-cli am uncontain --id {plain(str(obj.get('id', '?')), 40)}`).")
    except (KeyError, ValueError, TypeError, AttributeError):
        return ""


def _line_time(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(epoch))


def build_digest(store: QuarantineStore, signer: TokenSigner | None, account: str, since: float, until: float, *,
                 base_url: str = "", max_lines: int = 200,
                 release_policy: Mapping[str, str] | None = None) -> Digest | None:
    """Mail held for `account` with since < received <= until, newest first, bounded; None if there is none.

    With release_policy, a message the account may not release itself gets no release link (it would only answer
    403) but a line saying who can release it.
    """
    client = store.client
    key = keys.quarantine_by_account(account)
    total = int(client.zcount(key, f"({since!r}", until))
    if not total:
        return None
    entries = client.zrevrangebyscore(key, until, f"({since!r}", start=0, num=max_lines, withscores=True)
    newest = float(entries[0][1]) if entries else since
    records: list[QuarantineRecord] = []
    for start in range(0, len(entries), 500):
        ids = [eid.decode() for eid, _ in entries[start:start + 500]]
        metas = client.mget([keys.quarantine_meta(i) for i in ids])
        records += [QuarantineRecord.from_dict(json.loads(m)) for m in metas if m is not None]
    lines = [f"Mailward held {total} new message(s) sent from account {account} "
             f"between {_line_time(since)} and {_line_time(until)}.", ""]
    links = bool(base_url) and signer is not None
    for n, r in enumerate(records, 1):
        lines.append(f"{n}. {_line_time(r.received)}  from {plain(r.sender) or '<>'}  "
                     f"({plain(', '.join(r.reasons), 40) or 'held'})")
        lines.append(f"   Subject: {plain(r.subject) or '(no subject)'}")
        lines.append(f"   To: {plain(', '.join(r.recipients[:3]))}{' ...' if len(r.recipients) > 3 else ''}")
        if links and signer is not None:
            admin_only = admin_only_reasons(r, release_policy) if release_policy is not None else []
            for action in ("release", "delete"):
                if action == "release" and admin_only:
                    lines.append(f"   Release: only your hosting provider can release mail held for "
                                 f"{plain(', '.join(admin_only), 40)}")
                    continue
                token = signer.issue(r.email_id, action, r.account)
                lines.append(f"   {action.capitalize()}: {base_url}/api/v1/actions/{token}")
        lines.append("")
    if total > len(records):
        lines += [f"... and {total - len(records)} more.", ""]
    if links:
        hours = max(1, signer.ttl_s // 3600) if signer is not None else 0
        lines.append(f"Each link works once, for {hours} hour(s), and asks for confirmation before acting.")
    lines.append("Review all held mail in cPanel (Mailward) or with `ie-cli emails list`.")
    return Digest(account=account, total=total, listed=len(records), newest=newest, text="\n".join(lines) + "\n")


@dataclass(slots=True)
class RunResult:
    """What one notification run did (the actor's return value)."""

    digests: int = 0
    digest_messages: int = 0
    alerts: int = 0
    rate_limited: int = 0
    no_contact: int = 0
    failed: int = 0
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"digests": self.digests, "digest_messages": self.digest_messages, "alerts": self.alerts,
                "rate_limited": self.rate_limited, "no_contact": self.no_contact, "failed": self.failed}


class Notifier:
    """Sends due digests and admin alerts; every step is bounded and safe to repeat on another host."""

    def __init__(self, store: QuarantineStore, accounts: Any, mailer: Mailer, settings: NotificationSettings, *,
                 clock: Callable[[], float] = time.time,
                 prefs: DigestPrefsStore | MemoryDigestPrefs | None = None, signer: TokenSigner | None = None,
                 release_policy: Callable[[], Mapping[str, str]] | None = None) -> None:
        self.store = store
        self.client = store.client
        self.accounts = accounts
        self.mailer = mailer
        self.settings = settings
        self.clock = clock
        self.signer = signer  # None: digests carry no one-click links
        self.prefs = DigestPrefsStore(self.client) if prefs is None else prefs
        self.release_policy = release_policy  # who may release what now (QuarantineActions.release_policy)

    def contact(self, account: str) -> str:
        """The account's cPanel contact address (CONTACTEMAIL); the admin's for mail held without an account."""
        if account == ROOT:
            return self.settings.admin_email
        try:
            found = contact_addresses(self.accounts.user_settings(account))
        except (OSError, ValueError):
            return ""
        return found[0] if found else ""

    def address(self, account: str, prefs: DigestPrefs) -> str:
        """Where account's digest goes: its owner's choice if still its own domain or contact, else the contact."""
        if prefs.address and digest_address_allowed(prefs.address, account, self.accounts):
            return prefs.address
        if prefs.address:
            # Stored before the rule, or the domain left the account since: never mail a stranger.
            log.warning("digest account=%s: its address is not on its domains nor its contact; using the contact",
                        account)
        return self.contact(account)

    def run(self, *, force_digests: bool = False) -> RunResult:
        """Alerts every run; each account's digest when its frequency's period is due (or force_digests)."""
        result = RunResult()
        if not self.settings.enabled:
            return result
        if self.settings.admin_email:
            self.alerts(result)
        self.digests(result, force=force_digests)
        return result

    def digests(self, result: RunResult, *, force: bool = False) -> None:
        """One digest per account with newly held mail since its cursor, for the frequencies whose period is due.

        Each account follows its own frequency (its owner's choice, else notifications.digest). The cursor, not the
        period, decides what a digest lists, so a change of frequency neither repeats nor skips mail.
        """
        now = self.clock()
        chosen = self.prefs.all()
        policy = self.release_policy() if self.release_policy is not None else None
        cursors = {k.decode(): float(v) for k, v in self.client.hgetall(keys.notify_cursors()).items()}
        plan: dict[str, tuple[str, DigestPrefs]] = {}
        pipe = self.client.pipeline(transaction=False)
        for account in self.store.accounts():
            prefs = chosen.get(account, DigestPrefs())
            frequency = prefs.frequency(self.settings.digest)
            if frequency not in PERIODS_S:
                # Off: mail held meanwhile is not listed when digests are turned back on.
                pipe.hset(keys.notify_cursors(), account, repr(now))
                continue
            if account not in cursors:
                # First sight: look back one period, and keep that start so a shorter period later skips nothing.
                cursors[account] = now - PERIODS_S[frequency]
                pipe.hsetnx(keys.notify_cursors(), account, repr(cursors[account]))
            plan[account] = (frequency, prefs)
        pipe.execute()
        frequencies = {f for f, _ in plan.values()}
        due = {f for f in frequencies
               if force or self.client.set(keys.notify_digest_due(f), "1", nx=True, ex=PERIODS_S[f])}
        for account, (frequency, prefs) in plan.items():
            if frequency not in due:
                continue
            digest = build_digest(self.store, self.signer, account, cursors[account], now,
                                  base_url=self.settings.base_url, max_lines=self.settings.max_lines,
                                  release_policy=policy)
            if digest is None:
                continue
            to = self.address(account, prefs)
            if not to:
                result.no_contact += 1
                # Nobody to tell: move on, or the next digest would repeat these messages forever.
                self.client.hset(keys.notify_cursors(), account, repr(digest.newest))
                continue
            if not self._send(result, to, f"[Mailward] {digest.total} message(s) held for {account}", digest.text):
                continue  # cursor unchanged: the next period's digest lists them again
            self.client.hset(keys.notify_cursors(), account, repr(digest.newest))
            result.digests += 1
            result.digest_messages += digest.total
            log.info("digest account=%s to=%s frequency=%s messages=%d listed=%d", account, to, frequency,
                     digest.total, digest.listed)

    def _send(self, result: RunResult, to: str, subject: str, body: str) -> bool:
        try:
            if self.mailer.send(to, subject, body):
                return True
            result.rate_limited += 1
        except MailwardError as exc:
            result.failed += 1
            log.warning("notification to %s failed: %s", to, exc)
        return False

    def _once(self, name: str, ttl_s: int) -> bool:
        return bool(self.client.set(keys.notify_alerted(name), "1", nx=True, ex=ttl_s))

    def alerts(self, result: RunResult) -> None:
        """One mail to the admin listing what needs attention since the last run (each condition once a window)."""
        now = self.clock()
        found: list[str] = []
        for account in self.store.accounts():
            evicted = self.store.evicted_last_hour(account)
            if evicted and self._once(f"evict:{account}", 3600):
                found.append(f"- Account {account}: its quarantine is full; {evicted} held message(s) were evicted "
                             "(deleted unseen) in the last hour to make room.")
            threshold = self.settings.burst_threshold
            if threshold:
                held = int(self.client.zcount(keys.quarantine_by_account(account), now - 3600, "+inf"))
                if held >= threshold and self._once(f"burst:{account}", 3600):
                    found.append(f"- Account {account} looks compromised: {held} message(s) held in the last hour "
                                 f"(threshold {threshold}).")
        found += self._limit_alerts(now)
        if not found:
            return
        body = "Mailward needs your attention:\n\n" + "\n".join(found) + "\n\nSee `ie-cli emails list` and " \
            "`ie-cli am` for details.\n"
        if self._send(result, self.settings.admin_email, f"[Mailward] {len(found)} alert(s)", body):
            result.alerts += len(found)
            log.info("alerts sent to=%s count=%d", self.settings.admin_email, len(found))

    def _limit_alerts(self, now: float) -> list[str]:
        """`limit.reached` events since the last run (the scan path already emits each once per window)."""
        cursor_raw = self.client.get(keys.notify_events_cursor())
        # First run: look back one interval only, not at the stream's whole history.
        cursor = cursor_raw.decode() if cursor_raw else f"{int((now - self.settings.check_interval_s) * 1000)}-0"
        out: list[str] = []
        read = 0
        while read < MAX_EVENTS_PER_RUN:
            batch = self.client.xrange(keys.events(), min=f"({cursor}", max="+", count=500)
            if not batch:
                break
            read += len(batch)
            cursor = batch[-1][0].decode()
            for _, fields in batch:
                kind = fields.get(b"t")
                if kind == b"sender.contained":
                    line = _contained_line(fields)
                    if line:
                        out.append(line)
                    continue
                if kind != b"limit.reached":
                    continue
                try:
                    d = json.loads(fields[b"d"])
                    obj = d.get("object") or {}
                    out.append(f"- Sender {obj.get('type', '?')} {plain(str(obj.get('name', '?')))} of account "
                               f"{plain(str(d.get('account', '?')), 40)} reached its limit of {d.get('limit')} per "
                               f"{d.get('window', 'hour')}{' (dry run: not held)' if d.get('dry_run') else ''}.")
                except (KeyError, ValueError, TypeError):
                    continue
        self.client.set(keys.notify_events_cursor(), cursor)
        return out[:100] + ([f"- ... and {len(out) - 100} more limits reached."] if len(out) > 100 else [])
