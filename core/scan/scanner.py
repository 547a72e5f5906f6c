"""What a scan worker does with one spooled message: evaluate it and apply the verdict's effects."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import redis

from core.errors import MailwardError, ModelError, NotFound
from core.identity.attribution import VOUCHED
from core.identity.caller import ROOT
from core.identity.cpanel import CpanelAccounts
from core.identity.sender_objects import sender_objects
from core.learning.fingerprint import Fingerprint
from core.learning.sender_history import HistoryView, delivered_outcome
from core.mail.mime import ParsedMessage
from core.models import Action, Direction, Envelope, QuarantineRecord, Reason, Sender, Symbol, Verdict
from core.scan.pipeline import INCOMING_OFF, Pipeline, Policy
from core.settings import Settings
from core.store.campaigns import CampaignStore, CampaignView
from core.store.classifier import ClassifierStore, load_model
from core.store.connection import never_ran
from core.store.containment import ContainmentStore, auto_contain
from core.store.events import EventStore
from core.store.filters import FilterSettingsStore
from core.store.incoming import IncomingStore
from core.store.limits import HELD, REJECTED, Decision, LimitCall, LimitStore
from core.store.quarantine import QuarantineStore
from core.store.scan_bodies import ScanBodies
from core.store.scan_claims import ScanClaims
from core.store.scan_effects import Ahead, ScanEffects
from core.store.sender_history import SenderHistoryStore
from core.store.spool import SpoolStore
from core.store.whitelist import WhitelistStore

log = logging.getLogger("mailward.scan")
T = TypeVar("T")

#: How long a scan rides through a Redis restart (serve restarts the private one in about 60 ms) before it fails.
REDIS_RIDE_S = 5.0
#: Pause between tries while Redis is unreachable.
REDIS_RETRY_S = 0.05


def _ride(step: Callable[[], T], until: float) -> T:
    """Run one effect of a committed scan, again while Redis refuses connections (restarting), until `until`.

    A refused connection means the step did not run (hold() also undoes its own part when Redis fails), so trying
    again counts nothing twice; any other error, or Redis still down at `until`, is the caller's.
    """
    while True:
        try:
            return step()
        except redis.ConnectionError as exc:
            if not never_ran(exc):
                raise
            if time.monotonic() + REDIS_RETRY_S >= until:
                raise
            time.sleep(REDIS_RETRY_S)


class _Claim:
    """The gateway's claim on one scan, taken by the scan's first Redis call that counts (see Scanner._decide)."""

    __slots__ = ("gone", "spool_id", "token")

    def __init__(self, spool_id: str) -> None:
        self.spool_id = spool_id
        self.token: str | None = None  # taken
        self.gone = False  # found gone: the scan changes nothing


class Scanner:
    """Owns the stores a worker process needs; built once per process."""

    def __init__(self, settings: Settings, client: redis.Redis, *, worker_id: str = "") -> None:
        self.settings = settings
        self.worker_id = worker_id  # this process's Dramatiq consumer id (host:pid): it signs the claims it commits
        self.spool = SpoolStore(settings.spool_dir, ScanBodies(client))  # a body the spool could not take is in Redis
        self.events = EventStore(client)
        self.quarantine = QuarantineStore(settings.quarantine_dir, client,
                                          default_limit_bytes=settings.quarantine_limit_bytes,
                                          default_releases_limit=settings.releases_limit, events=self.events)
        self.whitelist = WhitelistStore(client)
        self.filters = FilterSettingsStore(client, settings)
        self.accounts = CpanelAccounts(settings.cpanel_root)
        self.pipeline = Pipeline(settings, self.accounts)
        self.limits = LimitStore(client, settings.limits)
        self.classifier = ClassifierStore(client, settings.scan)
        self.campaigns = CampaignStore(client, settings)
        self.incoming = IncomingStore(client)
        self.history = SenderHistoryStore(client, settings)
        self.claims = ScanClaims(client)
        self.effects = ScanEffects(client)
        self.containment = ContainmentStore(client, settings.containment)  # read cached: no round trip per scan
        try:
            load_model()  # read the model file now, not during the first scan
        except ModelError as exc:
            log.error("spam classifier unavailable (its check will report CHECK_ERROR): %s", exc)

    def policy(self, claim: _Claim | None = None) -> Policy:
        """The runtime policy in force (cached reads, a few seconds old at most), for one scan.

        claim: the scan's claim, not taken yet: the campaign count takes it in the same call (and counts nothing
        when it is gone)."""
        ahead: dict[str, Any] = {}  # this scan's history view, read together with its campaign count
        return Policy(allow_winexec=self.filters.all()["allow_winexec"], whitelisted=self.whitelist.matches,
                      account_state=self.quarantine.account_state, learned=self.classifier,
                      campaign=lambda fp, env, sender: self._count_campaign(fp, env, sender, ahead, claim),
                      incoming_enabled=self.incoming.enabled,
                      history=lambda sender, env: self._history_view(sender, env, ahead, claim),
                      contained=self.containment.lookup)

    def _history_view(self, sender: Sender, envelope: Envelope, ahead: dict[str, Any],
                      claim: _Claim | None = None) -> HistoryView:
        """What the server knows of an outgoing message's sender objects (read once, before the checks: with the
        campaign count when the message has a fingerprint). Not read for a scan whose claim is gone (dropped)."""
        if claim is not None and claim.gone:
            return HistoryView()
        objects = sender_objects(sender)
        if ahead.pop("for", None) == (tuple(objects), tuple(envelope.recipients)):
            view = ahead.pop("view")
            if isinstance(view, Exception):
                raise view
            return view  # type: ignore[no-any-return]
        if claim is None or claim.token is not None:
            return self.history.view(objects, envelope.recipients)
        read = self.history.view_plan(objects, envelope.recipients)  # no campaign count took the claim: this does
        if read is None:
            return HistoryView()
        taken = self._read_ahead(claim, None, (read.keys, read.args))
        return HistoryView() if taken is None else self.history.view_answer(read, taken.viewed)

    def _count_campaign(self, fp: Fingerprint, envelope: Envelope, sender: Sender,
                        ahead: dict[str, Any], claim: _Claim | None = None) -> CampaignView:
        """Count an outgoing message's fingerprint server-wide; other mail only looks the counts up.

        For mail whose sender history the checks read next (an MTA-identified account's outgoing mail), that read
        goes in the same round trip and waits in `ahead` for _history_view. A scan's claim not taken yet is taken
        in that round trip too, before anything is counted: gone, nothing is counted or read (the scan is dropped
        after the checks).
        """
        outgoing = envelope.direction == Direction.OUTGOING
        plan = self.campaigns.observe_plan(fp, account=sender.account, recipients=envelope.recipients,
                                           record=outgoing, message_id=envelope.queue_id or None)
        if plan is None:
            return CampaignView(bands=(), confirmed=0)
        objects = sender_objects(sender)
        read = self.history.view_plan(objects, envelope.recipients) \
            if outgoing and sender.how in VOUCHED else None
        taken = self._read_ahead(claim, plan, (read.keys, read.args) if read is not None else None)
        if taken is None:
            return CampaignView(bands=(), confirmed=0)
        if read is not None:
            ahead["for"] = (tuple(objects), tuple(envelope.recipients))
            ahead["view"] = self.history.view_answer(read, taken.viewed)
        return self.campaigns.observe_answer(fp, taken.counted)

    def _read_ahead(self, claim: _Claim | None, campaign: tuple[list[str], list[Any]] | None,
                    view: tuple[list[str], list[Any]] | None) -> Ahead | None:
        """The reads before the checks in one call (ScanEffects.read_ahead), taking the scan's claim in it when it is
        still to take. None: the claim is gone (found so now or before): nothing was counted or read."""
        if claim is None or claim.token is not None:  # no claim, or already taken: the reads alone
            return self.effects.read_ahead(None, campaign, view)
        if claim.gone:
            return None
        taken = self.effects.read_ahead(claim.spool_id, campaign, view)
        if taken is None:
            claim.gone = True
        else:
            claim.token = taken.token
        return taken

    def _limits_call(self, verdict: Verdict, envelope: Envelope) -> LimitCall | None:
        """What the verdict counts against its sender objects' limits (None: nothing).

        Only outgoing mail an account sends counts: MTA bounces never, released mail never reaches a scan.
        Whitelisted mail skips the checks, never the limits: a whitelisted sender address is what a compromised
        account sends as, and its limits are what stop it. Accepted mail is tried against the limits (and may be
        held by them); held and rejected mail is recorded.
        """
        if verdict.bounce or envelope.direction != Direction.OUTGOING:
            return None
        objects = sender_objects(verdict.sender)
        action = verdict.action
        if not objects:
            return None
        if action in (Action.ACCEPT, Action.ADD_HEADER):
            return self.limits.plan(objects, len(envelope.recipients), "try", None)
        if action == Action.QUARANTINE:
            extra = self.limits.record_extra(HELD, str(verdict.reasons[0]) if verdict.reasons else "")
            return self.limits.plan(objects, 0, HELD, None, extra)
        if action == Action.REJECT:
            return self.limits.plan(objects, 0, REJECTED, None)
        return None

    def _history_call(self, verdict: Verdict, envelope: Envelope) -> tuple[list[str], list[Any]] | None:
        """What the verdict teaches the senders' history (None: nothing): only mail an MTA-identified account sent
        outgoing counts, and only delivered mail grows a clean history (a hold by the limits counts as held)."""
        delivered = delivered_outcome(verdict, envelope)  # None: a defer comes back, a bounce is nobody's
        if delivered is None or verdict.sender.how not in VOUCHED:
            return None
        return self.history.record_plan(sender_objects(verdict.sender), envelope.recipients, delivered)

    def _limited(self, verdict: Verdict, decision: Decision | None) -> str:
        """Apply what the limits decided: a ratelimit hold when one is reached; the note for the log line."""
        if decision is None or decision.over is None:
            return ""
        note = decision.describe()
        self._limit_event(decision)
        if decision.held:
            verdict.action = Action.QUARANTINE
            verdict.reasons.append(Reason.RATELIMIT)
            verdict.symbols.append(Symbol("RATELIMIT", 0.0, note, [decision.over.id]))
        return note

    def _count_incoming(self, verdict: Verdict, envelope: Envelope) -> None:
        """Daily incoming spam/ham per account; mail of accounts that opted out was not scanned, so not counted."""
        if envelope.direction != Direction.INCOMING or any(s.name == INCOMING_OFF for s in verdict.symbols):
            return
        spam = verdict.action in (Action.SPAM, Action.QUARANTINE)
        try:
            self.incoming.count(verdict.sender.account, spam)
        except redis.RedisError as exc:  # a lost count must not lose the verdict
            log.warning("incoming counter update failed: %s", exc)

    def _limit_event(self, decision: Decision) -> None:
        """`limit.reached`, once per object and window (every later message over the limit would repeat it)."""
        over = decision.over
        if over is None:
            return
        ttl = 3600 if decision.window == "hour" else 86400
        self.events.emit_once("limit.reached", {
            "account": over.account, "object": {"type": over.type.value, "name": over.name, "id": over.id},
            "limit": decision.limit, "count": decision.count, "window": decision.window, "held": decision.held,
            "dry_run": decision.dry_run}, name=f"limit:{over.id}:{decision.window}", ttl_s=ttl)

    def _hold_copies(self, verdict: Verdict, envelope: Envelope) -> list[tuple[str, list[str]]]:
        """(account, recipients) of each held copy: outgoing mail is its sender account's; incoming mail gets one
        copy per recipient account with only that account's recipients, so no account sees or releases to
        another's (an address no account owns is the admin's, under root)."""
        if envelope.direction != Direction.INCOMING or not envelope.recipients:
            return [(verdict.sender.account, list(envelope.recipients))]
        copies: dict[str, list[str]] = {}
        for rcpt in envelope.recipients:
            domain = rcpt.rpartition("@")[2]
            owner = (self.accounts.owner_of_domain(domain) if domain else None) or ROOT
            copies.setdefault(owner, []).append(rcpt)
        return list(copies.items())

    def _decide(self, spool_id: str, envelope: Envelope,
                claimed: bool) -> tuple[Verdict, ParsedMessage, bytes, str | None] | None:
        """Read and evaluate the message, taking the claim: None when this scan must change nothing; else the
        verdict, the parsed message, its bytes and the claim's token (None without a claim) for the commit.

        The claim is taken before anything is counted: by the campaign count's own call (one round trip for both),
        else by the sender history's read, else (a message that makes neither) with ScanClaims.start after the
        checks, which count nothing else. The message is read (and evaluated) before the claim is taken, so a scan
        whose claim turns out gone drops its verdict (logged as dropped, as a commit that found it gone).
        """
        claim = _Claim(spool_id) if claimed else None
        try:
            raw = self.spool.read(spool_id, self.settings.scan.max_message_bytes)
        except NotFound:
            if claim is not None and self.claims.start(spool_id) is None:
                return self._skipped(spool_id, envelope)
            log.info("scan spool=%s queue_id=%s skipped: already answered", spool_id, envelope.queue_id)
            return None
        verdict, msg = self.pipeline.evaluate(raw, envelope, self.policy(claim))
        if claim is None:
            return verdict, msg, raw, None
        if claim.token is None and not claim.gone:
            claim.token = self.claims.start(spool_id)  # no call took it (none made, or it failed)
        if claim.token is None:
            return self._dropped(spool_id, envelope, verdict)
        return verdict, msg, raw, claim.token

    @staticmethod
    def _dropped(spool_id: str, envelope: Envelope, verdict: Verdict) -> None:
        log.warning("scan spool=%s queue_id=%s account=%s verdict=%s dropped: the gateway stopped waiting "
                    "before it was done (its fail mode answered Exim); nothing held, counted or sent",
                    spool_id, envelope.queue_id or "-", verdict.sender.account,
                    verdict.action.value.replace(" ", "_"))

    @staticmethod
    def _skipped(spool_id: str, envelope: Envelope) -> None:
        log.info("scan spool=%s queue_id=%s skipped: the gateway no longer waits for it (answered by its fail "
                 "mode, or left behind by a restart)", spool_id, envelope.queue_id or "-")

    def scan_spooled(self, spool_id: str, envelope: Envelope, *, claimed: bool = False) -> Verdict | None:
        """Scan a spooled message; quarantine it if so decided. None if the spool is gone (stale job).

        claimed: the gateway opened a claim for this scan (core.store.scan_claims): it is taken before the message
        is read and committed before the first effect, so a scan the gateway stopped waiting for changes nothing.
        """
        started = time.perf_counter()
        ride_until = time.monotonic() + REDIS_RIDE_S
        while True:
            try:
                decided = self._decide(spool_id, envelope, claimed)
                break
            except redis.ConnectionError as exc:
                # Redis restarting (serve restarts the private one in well under a second). Nothing was done yet:
                # run the decision again (the claim passes to the new try, the campaign count is per message).
                if time.monotonic() + REDIS_RETRY_S >= ride_until:
                    raise
                log.warning("scan spool=%s queue_id=%s: Redis unreachable before the verdict (%s); trying again",
                            spool_id, envelope.queue_id or "-", exc)
                time.sleep(REDIS_RETRY_S)
        if decided is None:
            return None
        verdict, msg, raw, token = decided
        # The commit and the counters it guards (limits, sender history) in one atomic call: nothing is counted
        # unless the commit stands, and a refused connection means none of it ran, so it may be tried again.
        claim = (spool_id, token, self.worker_id) if token is not None else None
        limits, history = self._limits_call(verdict, envelope), self._history_call(verdict, envelope)
        done = _ride(lambda: self.effects.commit_and_count(claim, limits, history), ride_until)
        if not done.committed:
            return self._dropped(spool_id, envelope, verdict)
        limit_note = self._limited(verdict, done.decision)
        self._count_incoming(verdict, envelope)
        evicted: list[str] = []
        if verdict.action == Action.QUARANTINE:
            copies = self._hold_copies(verdict, envelope)
            holder = self.spool.holder(spool_id)
            for n, (account, recipients) in enumerate(copies):
                record = QuarantineRecord(
                    email_id=str(uuid.uuid4()), account=account, received=time.time(),
                    sender=envelope.sender, recipients=recipients, subject=msg.subject,
                    reasons=[str(r) for r in verdict.reasons], score=round(verdict.score, 2),
                    symbols=[s.name for s in verdict.symbols], size=len(raw), direction=str(envelope.direction),
                    queue_id=envelope.queue_id, script=verdict.sender.script,
                    sender_domain=verdict.sender.domain, sender_email=verdict.sender.email,
                )
                # every copy but the last is copied from the spool; the last one moves it
                try:
                    evicted += _ride(lambda r=record, n=n: holder.hold(  # type: ignore[misc]
                        self.quarantine, r, last=n == len(copies) - 1), ride_until)
                except (FileNotFoundError, NotFound):
                    # The gateway took the spool file at its last deadline and answered with its fail mode: the
                    # message is Exim's again, and holding a copy now would make two outcomes of one message.
                    log.warning("scan spool=%s queue_id=%s account=%s not held: the gateway answered first "
                                "(its fail mode)", spool_id, envelope.queue_id or "-", account)
                    return None
                except (OSError, redis.RedisError, MailwardError) as exc:
                    # The quarantine cannot take it (disk full, Redis gone; hold() undid its part). Delivering it
                    # through the fail mode would let spam or malware out: ask Exim to try again later instead.
                    log.error("scan spool=%s queue_id=%s account=%s verdict=soft_reject: could not hold the message "
                              "(%s); Exim is asked to retry later", spool_id, envelope.queue_id or "-", account, exc)
                    return Verdict(Action.DEFER, score=verdict.score, reasons=verdict.reasons,
                                   symbols=verdict.symbols, sender=verdict.sender,
                                   required_score=verdict.required_score, reject_score=verdict.reject_score,
                                   message="message could not be quarantined right now, try again later")
                verdict.quarantine_id = verdict.quarantine_id or record.email_id  # Exim is told of the first copy
                self.events.emit("email.quarantined", {
                    "email_id": record.email_id, "account": record.account, "sender": record.sender,
                    "recipients": len(record.recipients), "reasons": record.reasons,
                    "score": record.score, "queue_id": record.queue_id, "direction": record.direction})
            auto_contain(self.containment, verdict, envelope, self.events)
        log.info(
            "scan queue_id=%s account=%s sender=%s rcpts=%d verdict=%s reasons=%s score=%.2f symbols=%s id=%s "
            "how=%s whitelisted=%s evidence=%s evicted=%d ms=%.1f%s",
            envelope.queue_id or "-", verdict.sender.account, envelope.sender or "<>", len(envelope.recipients),
            verdict.action.value.replace(" ", "_"), ",".join(verdict.reasons) or "-", verdict.score,
            ",".join(s.name for s in verdict.symbols) or "-", verdict.quarantine_id or "-", verdict.sender.how,
            verdict.whitelisted, ";".join(verdict.evidence) or "-", len(evicted),
            (time.perf_counter() - started) * 1000,
            f" limit={limit_note!r}" if limit_note else "",
        )
        return verdict
