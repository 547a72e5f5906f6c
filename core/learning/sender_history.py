"""Sender history: what a sender's own past says about one message (pure logic, no I/O).

core.store.sender_history keeps per sender object (core.identity.sender_objects) the counters in `Counters`, in Redis; a
scan reads them once before the checks (`HistoryView`), and the sender_history check turns the view into symbols:

- SENDER_ESTABLISHED (a negative score): the account, the sender address (or domain) and the script, if any, each
  have at least `established_min_clean` delivered messages spread over `established_min_days` days, no confirmed
  spam in the last `taint_days` days, few recent holds, and this message shows no anomaly.
- Anomalies (small positive scores, "behaviour" evidence that corroborates content evidence and never holds mail
  alone): a sliding hour several times the sender's usual active hour (SENDER_VOLUME_SPIKE), a script path the
  account never delivered from although it sends through scripts (SENDER_NEW_SCRIPT), most recipient domains new
  to the sender (SENDER_NEW_RCPT_DOMAINS), a burst of recipients never written to before (SENDER_RCPT_BURST).
  Only a sender with a baseline can have an anomaly: a brand-new sender is neutral, neither attenuated nor suspect.

History grows only from delivered mail; held mail counts in the hour's volume and the hold ratio, and an admin's
confirmation of a held message as spam wipes the sender's clean history and taints it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from core.identity.sender_objects import SenderObject, SoType, sender_objects
from core.models import Action, Direction, Envelope, QuarantineRecord, Sender, Symbol, Verdict

if TYPE_CHECKING:
    from core.settings import HistorySettings, Settings

ESTABLISHED = "SENDER_ESTABLISHED"
VOLUME_SPIKE = "SENDER_VOLUME_SPIKE"
NEW_SCRIPT = "SENDER_NEW_SCRIPT"
NEW_RCPT_DOMAINS = "SENDER_NEW_RCPT_DOMAINS"
RCPT_BURST = "SENDER_RCPT_BURST"
#: The sender-anomaly symbols: behaviour evidence (the verdict policy's kind for them), never a hold alone.
ANOMALY_SYMBOLS = frozenset({VOLUME_SPIKE, NEW_SCRIPT, NEW_RCPT_DOMAINS, RCPT_BURST})
#: Every symbol this module emits.
SYMBOLS = frozenset({ESTABLISHED, *ANOMALY_SYMBOLS})

DAY_S = 86400.0
#: The sliding hour is this many buckets of BUCKET_S (the current one and the ones before it).
BUCKETS = 6
BUCKET_S = 600
#: Time constant of the "recent" clean and held counts (exponential decay) behind the hold ratio.
RECENT_TAU_S = 7 * DAY_S
#: Types whose recipients and recipient domains are remembered (the sender address and the script).
TRACKS_RECIPIENTS = frozenset({SoType.SENDER_EMAIL, SoType.SCRIPT})


@dataclass(frozen=True, slots=True)
class Counters:
    """One sender object's stored state (core.store.sender_history's hash fields, decoded)."""

    clean: int = 0  # delivered messages (wiped by a confirmed spam)
    held: int = 0  # held or rejected messages
    spam: int = 0  # held messages an admin confirmed as spam
    first_seen: float = 0.0
    last_seen: float = 0.0
    first_clean: float = 0.0
    last_clean: float = 0.0
    taint_until: float = 0.0
    baseline: float = 0.0  # usual delivered messages per active clock hour (EWMA of the hours folded so far)
    baseline_new_rcpts: float = 0.0  # usual new recipients per active clock hour
    active_hours: int = 0  # clock hours folded into the baselines
    hour: int = -1  # the clock hour (epoch // 3600) of the pending counts below
    hour_clean: int = 0
    hour_new_rcpts: int = 0
    recent_clean: float = 0.0  # decayed counts (RECENT_TAU_S) as of recent_at
    recent_held: float = 0.0
    recent_at: float = 0.0
    script_clean: int = 0  # accounts: delivered messages sent by a script
    window: int = 0  # messages (any outcome) in the sliding hour
    window_new_rcpts: int = 0  # new recipients (any outcome) in the sliding hour

    @property
    def seen(self) -> bool:
        return self.first_seen > 0


@dataclass(frozen=True, slots=True)
class ObjectHistory:
    """What a scan sees of one sender object before the verdict (this message's figures included)."""

    type: SoType
    id: str
    name: str
    clean_total: int  # delivered and not confirmed spam
    held_total: int
    confirmed_spam: int
    first_seen: float  # 0: never seen
    last_seen: float
    clean_days: float  # days between its first and last delivered message
    has_baseline: bool  # enough clean history over enough days and active hours to judge a change against
    established: bool  # has a baseline, not tainted, few recent holds
    tainted_until: float  # confirmed spam: no attenuation until then (0: never tainted)
    held_ratio: float  # recent held / recent messages (decayed over about a week)
    baseline_per_hour: float  # its usual volume in an hour it sends
    active_hours: int
    this_hour: int  # messages in the sliding hour, this one included
    is_new_script: bool  # a script never delivered from before (scripts only)
    recipient_domains: int  # this message's distinct recipient domains (senders and scripts)
    new_recipient_domains: int  # ... the sender never delivered to
    new_recipients: int  # this message's recipients it never delivered to
    new_recipients_this_hour: int  # new recipients in the sliding hour, this message's included
    baseline_new_recipients: float  # its usual new recipients in an hour it sends
    script_clean: int  # accounts: delivered messages sent by scripts


@dataclass(frozen=True, slots=True)
class HistoryView:
    """Every sender object of a message, as history knows them (empty: history off or not read)."""

    objects: tuple[ObjectHistory, ...] = ()

    def of(self, so_type: SoType) -> ObjectHistory | None:
        """The message's object of a type, if it has one."""
        return next((o for o in self.objects if o.type is so_type), None)

    def sender(self) -> ObjectHistory | None:
        """The sender proper: its address, else its domain."""
        return self.of(SoType.SENDER_EMAIL) or self.of(SoType.DOMAIN)


class SenderHistory(Protocol):
    """The store interface (core.store.sender_history.SenderHistoryStore and its stub twin)."""

    def view(self, objects: Sequence[SenderObject], recipients: Sequence[str],
             now: float | None = None) -> HistoryView: ...

    def record(self, objects: Sequence[SenderObject], recipients: Sequence[str], delivered: bool,
               now: float | None = None) -> None: ...

    def confirm_spam(self, objects: Sequence[SenderObject], now: float | None = None) -> None: ...

    def baselines(self, objects: Sequence[SenderObject], now: float | None = None) -> dict[str, dict[str, Any]]: ...

    def baseline(self, obj: SenderObject, now: float | None = None) -> dict[str, Any] | None: ...


# ---- shared arithmetic (the store's Lua does the same; tests/core/test_sender_history.py holds them together) ----
def ewma_step(value: float, hours: int, count: float, *, factor: float, floor: float, alpha_floor: float) -> float:
    """A baseline after one more active hour (`hours` counts it) in which `count` was seen.

    The first hours weigh 1/n (a plain mean); later ones alpha_floor (1 / history.baseline_hours). An hour counts at
    most up to the anomaly threshold (max(baseline x factor, floor)), so a burst raises the baseline only slowly.
    """
    alpha = max(1.0 / max(hours, 1), alpha_floor)
    clipped = min(float(count), max(value * factor, floor))
    return value + alpha * (clipped - value)


def fold_hour(c: Counters, hs: HistorySettings) -> tuple[float, float, int]:
    """The baselines with the pending clock hour folded in: (per hour, new recipients per hour, active hours).

    An hour is active if the object delivered mail in it; idle hours do not pull the baselines down.
    """
    if c.hour_clean <= 0:
        return c.baseline, c.baseline_new_rcpts, c.active_hours
    n = c.active_hours + 1
    alpha_floor = 1.0 / hs.baseline_hours
    return (ewma_step(c.baseline, n, c.hour_clean, factor=hs.spike_factor, floor=hs.spike_min,
                      alpha_floor=alpha_floor),
            ewma_step(c.baseline_new_rcpts, n, c.hour_new_rcpts, factor=hs.rcpt_burst_factor,
                      floor=hs.rcpt_burst_min, alpha_floor=alpha_floor), n)


def decay(value: float, since_s: float) -> float:
    """A recent count `since_s` seconds later."""
    return value * math.exp(-max(since_s, 0.0) / RECENT_TAU_S)


def recipient_domain(address: str) -> str:
    """The lower-case domain of a recipient ('' if none)."""
    return address.rpartition("@")[2].strip().strip("<>").lower().rstrip(".") if "@" in address else ""


def recipient_member(address: str) -> str:
    """A recipient as stored: a 48-bit digest (addresses themselves are not kept)."""
    return hashlib.blake2b(address.strip().lower().encode(), digest_size=6).hexdigest()


def message_recipients(recipients: Sequence[str], limit: int) -> tuple[list[str], list[str]]:
    """The distinct recipient domains and recipient digests of a message (at most `limit` recipients)."""
    picked = [r for r in recipients if r.strip()][:limit]
    domains = sorted({d for d in (recipient_domain(r) for r in picked) if d})
    members = sorted({recipient_member(r) for r in picked})
    return domains, members


def assess(obj: SenderObject, c: Counters, hs: HistorySettings, *, now: float, recipient_domains: int = 0,
           new_domains: int = 0, new_recipients: int = 0, this_message: bool = True) -> ObjectHistory:
    """One object's history as a scan judges it; `this_message` adds the message being scanned to the hour."""
    baseline, base_rcpts, hours = c.baseline, c.baseline_new_rcpts, c.active_hours
    if c.hour != int(now // 3600):  # a finished hour the store folds on the object's next record
        baseline, base_rcpts, hours = fold_hour(c, hs)
    rc = decay(c.recent_clean, now - c.recent_at)
    rh = decay(c.recent_held, now - c.recent_at)
    held_ratio = rh / (rc + rh) if rc + rh > 0 else 0.0
    clean_days = max(c.last_clean - c.first_clean, 0.0) / DAY_S if c.clean else 0.0
    has_baseline = (c.clean >= hs.established_min_clean and clean_days >= hs.established_min_days
                    and hours >= hs.baseline_min_hours)
    tainted = c.taint_until > now
    extra = 1 if this_message else 0
    return ObjectHistory(
        type=obj.type, id=obj.id, name=obj.name, clean_total=c.clean, held_total=c.held, confirmed_spam=c.spam,
        first_seen=c.first_seen, last_seen=c.last_seen, clean_days=clean_days, has_baseline=has_baseline,
        established=has_baseline and not tainted and held_ratio <= hs.max_held_ratio,
        tainted_until=c.taint_until if tainted else 0.0, held_ratio=held_ratio, baseline_per_hour=baseline,
        active_hours=hours, this_hour=c.window + extra,
        is_new_script=obj.type is SoType.SCRIPT and c.clean == 0,
        recipient_domains=recipient_domains, new_recipient_domains=new_domains, new_recipients=new_recipients,
        new_recipients_this_hour=c.window_new_rcpts + (new_recipients if this_message else 0),
        baseline_new_recipients=base_rcpts, script_clean=c.script_clean,
    )


def display(h: ObjectHistory) -> dict[str, object]:
    """One object's baseline as the API shows it (ie-cli am, the Activity Monitor)."""
    return {
        "established": h.established, "clean": h.clean_total, "held": h.held_total,
        "confirmed_spam": h.confirmed_spam, "usual_per_hour": round(h.baseline_per_hour, 1),
        "this_hour": h.this_hour, "active_hours": h.active_hours, "clean_days": round(h.clean_days, 1),
        "held_ratio": round(h.held_ratio, 3), "first_seen": _epoch(h.first_seen), "last_seen": _epoch(h.last_seen),
        "tainted_until": _epoch(h.tainted_until),
    }


def _epoch(t: float) -> int | None:
    return int(t) if t else None


# ---- the symbols -------------------------------------------------------------------------------------------------
def history_symbols(view: HistoryView | None, settings: Settings) -> list[Symbol]:
    """SENDER_* symbols of one message: its anomalies, or attenuation for an established sender without any."""
    if view is None or not view.objects or not settings.history.enabled:
        return []
    hs = settings.history
    out = [s for s in (_spike(view, hs), _new_script(view, hs), _new_domains(view, hs), _rcpt_burst(view, hs)) if s]
    for sym in out:
        sym.score = settings.score(sym.name)
    if out:
        return out
    established = _established(view)
    if established is not None:
        established.score = settings.score(ESTABLISHED)
        return [established]
    return []


def _established(view: HistoryView) -> Symbol | None:
    """Attenuation: the account, the sender (address or domain) and the script, if any, are all established."""
    account, sender, script = view.of(SoType.ACCOUNT), view.sender(), view.of(SoType.SCRIPT)
    needed = [o for o in (account, sender, script) if o is not None]
    if account is None or sender is None or not all(o.established for o in needed):
        return None
    opts = [f"clean={sender.clean_total}", f"days={sender.clean_days:.0f}", f"held={sender.held_ratio:.1%}",
            f"account_clean={account.clean_total}"]
    if script is not None:
        opts.append(f"script_clean={script.clean_total}")
    return Symbol(ESTABLISHED, 0.0, "long clean sending history", opts)


def _label(o: ObjectHistory) -> str:
    return f"{o.type.value}={o.name}"


def _spike(view: HistoryView, hs: HistorySettings) -> Symbol | None:
    """This sliding hour several times the usual active hour (of any object with a baseline), above a floor."""
    best: tuple[float, ObjectHistory] | None = None
    for o in view.objects:
        if not o.has_baseline or o.this_hour < max(hs.spike_min, hs.spike_factor * o.baseline_per_hour):
            continue
        ratio = o.this_hour / max(o.baseline_per_hour, 1e-9)
        if best is None or ratio > best[0]:
            best = (ratio, o)
    if best is None:
        return None
    o = best[1]
    return Symbol(VOLUME_SPIKE, 0.0, "sender volume several times its usual hour",
                  [_label(o), f"hour={o.this_hour}", f"usual={o.baseline_per_hour:.1f}"])


def _new_script(view: HistoryView, hs: HistorySettings) -> Symbol | None:
    """A script never delivered from, for an account with an established history of script mail."""
    script, account = view.of(SoType.SCRIPT), view.of(SoType.ACCOUNT)
    if script is None or account is None or not script.is_new_script or not account.has_baseline:
        return None
    if account.script_clean < hs.established_min_clean:
        return None
    return Symbol(NEW_SCRIPT, 0.0, "first message from a new script path",
                  [f"script={script.name}", f"account_script_clean={account.script_clean}"])


def _new_domains(view: HistoryView, hs: HistorySettings) -> Symbol | None:
    """Most of this message's recipient domains are new to an established sender (or script)."""
    for o in view.objects:
        if o.type not in TRACKS_RECIPIENTS or not o.has_baseline or o.recipient_domains == 0:
            continue
        if o.new_recipient_domains >= hs.new_rcpt_domains_min and \
                o.new_recipient_domains / o.recipient_domains >= hs.new_rcpt_domains_ratio:
            return Symbol(NEW_RCPT_DOMAINS, 0.0, "most recipient domains are new for this sender",
                          [_label(o), f"new={o.new_recipient_domains}/{o.recipient_domains}"])
    return None


def _rcpt_burst(view: HistoryView, hs: HistorySettings) -> Symbol | None:
    """Many recipients never written to before in the sliding hour, against the sender's usual hour."""
    for o in view.objects:
        if o.type not in TRACKS_RECIPIENTS or not o.has_baseline or o.new_recipients == 0:
            continue
        if o.new_recipients_this_hour >= max(hs.rcpt_burst_min, hs.rcpt_burst_factor * o.baseline_new_recipients):
            return Symbol(RCPT_BURST, 0.0, "burst of new recipients for this sender",
                          [_label(o), f"new_this_hour={o.new_recipients_this_hour}",
                           f"usual={o.baseline_new_recipients:.1f}"])
    return None


# ---- what the Scanner and the learn path call ----------------------------------------------------------------------
def delivered_outcome(verdict: Verdict, envelope: Envelope) -> bool | None:
    """What a verdict teaches history: True (delivered), False (held or rejected), None (nothing to record).

    Only an account's outgoing mail counts: not inbound mail, not MTA bounces; a deferred message comes back.
    """
    if envelope.direction != Direction.OUTGOING or verdict.bounce:
        return None
    if verdict.action in (Action.ACCEPT, Action.ADD_HEADER):
        return True
    if verdict.action in (Action.QUARANTINE, Action.REJECT):
        return False
    return None


def held_objects(record: QuarantineRecord) -> list[SenderObject]:
    """The sender objects of a held message (what `learn --spam` taints); none for incoming mail."""
    if record.direction != Direction.OUTGOING.value:
        return []
    email = record.sender_email or record.sender  # records held before attribution was kept: the envelope sender
    return sender_objects(Sender(account=record.account, domain=record.sender_domain or recipient_domain(email),
                                 email=email, script=record.script))
