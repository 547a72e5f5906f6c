"""What a caller may do to held mail: find (only its own), release exactly once within its hourly limit, remove.

An account may release only what the release policy leaves to accounts (by default spam, not malware, Windows
executables or mail held for a sending limit), and what it releases counts against its sender limits like mail
it sends: otherwise a compromised account would send its held spam, or its rate-limited flood, by releasing it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from core import keys
from core.detection.spam_learning import Teacher
from core.errors import Conflict, Forbidden, LimitExceeded, NotFound, ServiceUnavailable, ValidationError
from core.identity.caller import Identity
from core.learning.sender_history import SenderHistory, held_objects
from core.mail.exim_reinject import Reinjector
from core.models import Direction, QuarantineRecord, Reason
from core.names import valid_email_id
from core.settings import RELEASE_BY_DEFAULTS, RELEASERS
from core.store.events import EventStore
from core.store.limits import LimitStore
from core.store.quarantine import QuarantineStore
from core.store.release_policy import STRICTNESS, ReleasePolicyStore, merged

log = logging.getLogger("mailward.quarantine")

#: One release (or removal) may hold a message this long; a crashed request's claim expires after it.
CLAIM_TTL_S = 600.0
WINDOW_S = 3600
#: The release policy's key for every hold of incoming mail (beside the hold's reasons).
INCOMING = "incoming"
#: What each policy key means, for a refusal an account owner can read.
HELD_FOR = {Reason.SPAM.value: "spam", Reason.WINEXEC.value: "a Windows executable attachment",
            Reason.VIRUS.value: "malware", Reason.RATELIMIT.value: "reaching a sending limit",
            Reason.CONTAINED.value: "coming from a contained sender (script, address or domain)",
            INCOMING: "incoming mail"}
#: Who each role may release for: the releasers of the policy it satisfies.
MAY_RELEASE = {"account": ("account",), "reseller": ("account", "reseller"), "admin": ("account", "reseller", "admin")}

# Sliding-hour release window: drop entries older than an hour, refuse if the limit is reached (answering when
# the oldest entry leaves the window), else record this release. One script: concurrent releases cannot both
# take the last slot.
_RELEASE_SLOT_LUA = """
local key, now, limit, member, window = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local n = redis.call('ZCARD', key)
if n >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  local at = now
  if oldest[2] then at = tonumber(oldest[2]) end
  return {0, n, tostring(at + window)}
end
redis.call('ZADD', key, now, member)
redis.call('EXPIRE', key, window + 60)
return {1, n + 1, '0'}
"""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one message in a release, remove or learn."""

    record: QuarantineRecord
    status: str  # "released", "removed", or what learning did (learned, relearned, already)


def release_policy(release_by: Mapping[str, str], store: QuarantineStore) -> dict[str, str]:
    """Who may release each hold reason now: release_by (the settings file's) with the admin's run-time changes."""
    policy = dict(release_by)
    policy.update({k: v for k, v in store.release_overrides().items() if k in policy and v in RELEASERS})
    return policy


def admin_only_reasons(record: QuarantineRecord, policy: Mapping[str, str]) -> list[str]:
    """The reasons a message was held for that the account may not release itself under policy (an unknown one: the
    admin's); the account's reseller may release those whose policy says reseller."""
    return reasons_beyond(record, policy, "account")


def reasons_beyond(record: QuarantineRecord, policy: Mapping[str, str], role: str) -> list[str]:
    """The reasons a message was held for that `role` (account, reseller, admin) may not release under policy."""
    held_for = [*record.reasons, *([INCOMING] if record.direction == Direction.INCOMING.value else [])]
    allowed = MAY_RELEASE.get(role, ())
    return [k for k in held_for if policy.get(k, "admin") not in allowed]


def role_of(identity: Identity) -> str:
    """The releaser role an identity acts as."""
    return "admin" if identity.is_admin else "reseller" if identity.is_reseller else "account"


class QuarantineActions:
    """Release and remove held mail on behalf of an identity."""

    def __init__(self, store: QuarantineStore, reinjector: Reinjector, *, teacher: Teacher | None = None,
                 learn_from_account_releases: bool = False, clock: Callable[[], float] = time.time,
                 events: EventStore | None = None, history: SenderHistory | None = None,
                 limits: LimitStore | None = None, release_by: Mapping[str, str] | None = None,
                 account_policies: ReleasePolicyStore | None = None) -> None:
        self.store = store
        self.account_policies = account_policies  # per-account release policy; None: the server's for everyone
        self.limits = limits  # sender limits: an account's releases count against them; None counts nowhere
        self.release_by = dict(RELEASE_BY_DEFAULTS if release_by is None else release_by)  # the settings file's
        self.history = history  # sender history: a message confirmed as spam taints its senders
        self.events = events
        self.reinjector = reinjector
        self.teacher = teacher
        # An account's own releases may be a spammer "releasing" its spam: by default only the admin's teach.
        self.learn_from_account_releases = learn_from_account_releases
        self.clock = clock
        self._slot = store.client.register_script(_RELEASE_SLOT_LUA)

    def find(self, identity: Identity, email_id: str, account: str | None = None) -> QuarantineRecord:
        """A held message the caller may see; NotFound otherwise (another account's mail does not exist for it)."""
        email_id = valid_email_id(email_id)
        scope = identity.scope(account) if account else None  # unnamed: whatever the caller may touch
        try:
            record = self.store.get(email_id)
        except NotFound:
            released = self.store.released(email_id)
            if released and identity.may_touch(str(released.get("account"))) and (
                    scope is None or released.get("account") == scope):
                raise Conflict(f"email {email_id} was already released at "
                               f"{_when(float(released.get('released_at', 0)))}") from None
            raise
        if not identity.may_touch(record.account) or (scope is not None and record.account != scope):
            raise NotFound(f"email {email_id} is not in the quarantine")
        return record

    def release(self, identity: Identity, email_id: str, account: str | None = None) -> Outcome:
        """Send a held message on to its original envelope recipients, once; then it leaves the quarantine."""
        record = self.find(identity, email_id, account)
        self._require_releasable(identity, record)
        if not self.store.claim(record.email_id, CLAIM_TTL_S):
            raise Conflict(f"email {record.email_id} is being released or removed by another request")
        slot_taken = False
        try:
            record = self.store.get(record.email_id)  # still held now that we own it? (a finished release drops it)
            if not identity.is_admin:
                if not identity.is_reseller:  # a reseller manages the account: its releases use no release slot
                    self._take_slot(record)
                    slot_taken = True
                # Counted before sendmail runs so two concurrent releases cannot both fit in the last place; a
                # failed re-injection keeps its place in the window (the limits err towards sending less).
                self._admit(record)
            message = self.store.read_message(record)
            self.reinjector.reinject(record, message)
        except BaseException:
            if slot_taken:
                self.store.client.zrem(keys.releases(record.account), record.email_id)  # a failed try is free
            self.store.unclaim(record.email_id)
            raise
        now = self.clock()
        try:
            self.store.remove(record.email_id)
            self.store.mark_released(record, by=identity.label(), at=now)
        finally:
            self.store.unclaim(record.email_id)
        log.info("release id=%s account=%s sender=%s rcpts=%d by=%s", record.email_id, record.account,
                 record.sender or "<>", len(record.recipients), identity.label())
        self._event("email.released", record, identity)
        self._learn_release(identity, record, message)
        record.status = "released"
        return Outcome(record, "released")

    def _event(self, kind: str, record: QuarantineRecord, identity: Identity, **extra: str) -> None:
        if self.events is not None:  # EventStore.emit logs and swallows Redis errors: the action already happened
            self.events.emit(kind, {"email_id": record.email_id, "account": record.account, "sender": record.sender,
                                    "recipients": len(record.recipients), "reasons": record.reasons,
                                    "by": identity.label(), **extra})

    def _learn_release(self, identity: Identity, record: QuarantineRecord, message: bytes) -> None:
        """A released spam hold was a false positive: learn it as ham (never fails the release)."""
        if self.teacher is None or Reason.SPAM.value not in record.reasons:
            return  # a ratelimit or winexec hold says nothing about the words of the message
        if not identity.is_admin and not self.learn_from_account_releases:
            return
        try:
            result = self.teacher.teach(message, spam=False)
            log.info("learn id=%s as=ham result=%s by=%s (release)", record.email_id, result, identity.label())
        except Exception as exc:  # learning is a bonus; the release already happened
            log.warning("learn id=%s as=ham failed after release: %s", record.email_id, exc)

    def learn(self, identity: Identity, email_id: str, spam: bool, account: str | None = None) -> Outcome:
        """The admin's verdict on a held message: teach the classifier and the campaign fingerprints."""
        identity.require_admin("teaching the spam filter")
        if self.teacher is None:
            raise ServiceUnavailable("learning is not available on this server")
        record = self.find(identity, email_id, account)
        result = self.teacher.teach(self.store.read_message(record), spam)
        log.info("learn id=%s as=%s result=%s by=%s", record.email_id, "spam" if spam else "ham", result,
                 identity.label())
        if spam:
            self._taint_senders(record)
        return Outcome(record, result)

    def _taint_senders(self, record: QuarantineRecord) -> None:
        """Confirmed spam: its senders lose their clean history and attenuation (never fails the learn)."""
        objects = held_objects(record)
        if self.history is None or not objects:
            return
        try:
            self.history.confirm_spam(objects)
        except Exception as exc:  # the classifier and the campaign fingerprint already learned it
            log.warning("learn id=%s: sender history not updated: %s", record.email_id, exc)

    def release_policy(self, account: str | None = None) -> dict[str, str]:
        """Who may release each hold reason now (account, reseller, admin): the settings file's, changed at run time;
        with `account`, that account's own entries over it."""
        server = release_policy(self.release_by, self.store)
        if account is None or self.account_policies is None:
            return server
        return merged(server, self.account_policies.of(account))

    def release_policies(self, accounts: list[str]) -> dict[str, dict[str, str]]:
        """The policy in force for each of several accounts (three round trips whatever their number)."""
        server = release_policy(self.release_by, self.store)
        if self.account_policies is None:
            return {a: server for a in accounts}
        own = self.account_policies.of_many(accounts)
        return {a: merged(server, own.get(a, {})) for a in accounts}

    def set_account_release_policy(self, identity: Identity, account: str, changes: Mapping[str, str]) -> \
            dict[str, str]:
        """The admin (or the account's reseller, never looser than the server) sets one account's own policy."""
        if self.account_policies is None:
            raise ServiceUnavailable("per-account release policies are not available here")
        identity.require_account(account, "change the release policy of")
        if not (identity.is_admin or identity.is_reseller):
            raise Forbidden("an account's release policy is for its reseller or the server administrator")
        if identity.is_reseller:
            server = self.release_policy()
            looser = sorted(k for k, v in changes.items() if v != "default" and k in server
                            and STRICTNESS.get(v, 2) < STRICTNESS.get(server[k], 2))
            if looser:
                raise Forbidden(f"a reseller may not let more callers release {', '.join(looser)} than the server's "
                                f"policy does ({', '.join(f'{k}={server[k]}' for k in looser)})")
        self.account_policies.set(account, changes, self.release_by)
        return self.release_policy(account)

    def refusal(self, identity: Identity, record: QuarantineRecord,
                policy: Mapping[str, str] | None = None) -> str:
        """Why the caller may not release this message under the release policy ("" when it may)."""
        if identity.is_admin:
            return ""
        pol = self.release_policy(record.account) if policy is None else policy
        beyond = reasons_beyond(record, pol, role_of(identity))
        if not beyond:
            return ""
        why = ", ".join(f"{HELD_FOR.get(k, k)} ({k})" for k in beyond)
        who = "its reseller or the server administrator" if all(pol.get(k) == "reseller" for k in beyond) and \
            not identity.is_reseller else "the server administrator"
        return (f"email {record.email_id} was held for {why}: the release policy lets only {who} release such mail; "
                "ask your hosting provider to review it")

    def set_release_policy(self, identity: Identity, changes: Mapping[str, str]) -> dict[str, str]:
        """The admin changes who may release a reason ("account", "admin", or "default" for the settings file's)."""
        identity.require_admin("changing who may release held mail")
        unknown = sorted(set(changes) - set(self.release_by))
        if unknown:
            raise ValidationError(f"unknown hold reason(s) {', '.join(unknown)} in release_by: expected "
                                  f"{', '.join(self.release_by)}")
        self.store.set_release_overrides(changes)
        return self.release_policy()

    def _require_releasable(self, identity: Identity, record: QuarantineRecord) -> None:
        """Forbidden unless the policy lets the caller release every reason the message was held for."""
        why = self.refusal(identity, record)
        if why:
            raise Forbidden(why)

    def _admit(self, record: QuarantineRecord) -> None:
        """Count an account's release against its sender limits as a send; LimitExceeded if it would exceed one.

        Refused rather than sent over the limit: the limit exists to stop exactly that volume leaving the server,
        and the message stays held until the window has room again or the admin releases it.
        """
        objects = held_objects(record)  # none for incoming mail: its sender is not one of the server's accounts
        if self.limits is None or not objects:
            return
        decision = self.limits.admit(objects, len(record.recipients), now=self.clock())
        if decision.held:
            raise LimitExceeded(f"releasing email {record.email_id} to {len(record.recipients)} recipient(s) would "
                                f"exceed a sending limit: {decision.describe()}; it stays in the quarantine")

    def _take_slot(self, record: QuarantineRecord) -> None:
        limit = self.store.quota(record.account).releases_limit
        ok, used, next_at = self._slot(keys=[keys.releases(record.account)],
                                       args=[self.clock(), limit, record.email_id, WINDOW_S])
        if not int(ok):
            raise LimitExceeded(
                f"account {record.account} has used its {limit} release(s) per hour ({int(used)} in the last hour); "
                f"the next release is possible at {_when(float(next_at))}")

    def releases_used(self, account: str) -> int:
        """Releases counted against the account in the last hour."""
        key = keys.releases(account)
        return int(self.store.client.zcount(key, self.clock() - WINDOW_S, "+inf"))

    def next_release_at(self, account: str, limit: int) -> float | None:
        """When the account may release again (epoch seconds) if its `limit` releases of the hour are used; else None.

        The oldest release that keeps it at its limit leaves the sliding hour then (limit 0: releases are off, None).
        """
        if limit <= 0:
            return None
        now = self.clock()
        inside = self.store.client.zrangebyscore(keys.releases(account), now - WINDOW_S, "+inf", withscores=True)
        if len(inside) < limit:
            return None
        return float(inside[len(inside) - limit][1]) + WINDOW_S

    def remove(self, identity: Identity, email_id: str, account: str | None = None) -> Outcome:
        """Delete a held message for good."""
        record = self.find(identity, email_id, account)
        if not self.store.claim(record.email_id, CLAIM_TTL_S):
            raise Conflict(f"email {record.email_id} is being released or removed by another request")
        try:
            record = self.store.remove(record.email_id)
        finally:
            self.store.unclaim(record.email_id)
        log.info("remove id=%s account=%s by=%s", record.email_id, record.account, identity.label())
        self._event("email.deleted", record, identity, why="removed")
        record.status = "removed"
        return Outcome(record, "removed")


def _when(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(epoch))
