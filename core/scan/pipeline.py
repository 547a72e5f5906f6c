"""The scan pipeline: attribution -> whitelist -> account state -> checks -> verdict.

No side effects of its own: the one write of a scan, counting the body's fingerprint, is the policy's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.detection.checks import ALL_CHECKS
from core.detection.checks.base import GROUP_VIRUS, GROUP_WINEXEC, Check, ScanContext
from core.identity.attribution import (
    FALLBACK_ACCOUNT,
    VOUCHED,
    AccountLookup,
    HeaderList,
    How,
    attribute,
    normalize_address,
)
from core.learning.fingerprint import Fingerprint, fingerprint_message
from core.learning.spam_model import LearnedSource
from core.mail.mime import ParsedMessage, parse_message
from core.models import AccountState, Action, Direction, Envelope, Reason, Sender, Symbol, Verdict
from core.settings import Settings
from core.verdict_policy import Assessment, assess, uncorroborated

if TYPE_CHECKING:
    from core.learning.sender_history import HistoryView
    from core.store.campaigns import CampaignView
    from core.store.containment import Containment

log = logging.getLogger("mailward.pipeline")

#: Logins Exim runs as on Debian (Debian-exim) and cPanel (mailnull).
MTA_USERS = frozenset({"Debian-exim", "mailnull", "exim"})


@dataclass(slots=True)
class Policy:
    """Runtime policy read from the stores (whitelists, toggles, account states), injected per scan."""

    allow_winexec: bool
    whitelisted: Callable[[str, str], bool]
    account_state: Callable[[str], AccountState]
    learned: LearnedSource | None = None  # what the classifier learned online (core.store.classifier)
    # Counts a body's fingerprint server-wide and returns its counts (core.store.campaigns); None: no campaigns.
    campaign: Callable[[Fingerprint, Envelope, Sender], CampaignView] | None = None
    # Whether an account's incoming mail is scanned (core.store.incoming); None: every account's is.
    incoming_enabled: Callable[[str], bool] | None = None
    # What the server knows of an outgoing message's senders (core.store.sender_history); None: no history.
    history: Callable[[Sender, Envelope], HistoryView] | None = None
    # The containment of an outgoing message's script, address or domain (core.store.containment); None: none.
    contained: Callable[[Sender], Containment | None] | None = None


#: The symbol of incoming mail not scanned because every recipient's account has incoming scanning off.
INCOMING_OFF = "INCOMING_OFF"
#: The symbol of mail from a contained sender object (its id in the symbol's options).
CONTAINED = "CONTAINED"


class Pipeline:
    """Evaluates one message; the caller applies the verdict's effects (quarantine, counters)."""

    def __init__(self, settings: Settings, accounts: AccountLookup, checks: Sequence[Check] = ALL_CHECKS) -> None:
        self.settings = settings
        self.accounts = accounts
        self.checks = tuple(checks)
        # Per check, what the loop in _run_checks needs of it, looked up once here rather than 55 times a scan
        self._plan = tuple((c, c.run, c.group == GROUP_WINEXEC, c.group == GROUP_VIRUS) for c in self.checks)

    def evaluate(self, raw: bytes, envelope: Envelope, policy: Policy) -> tuple[Verdict, ParsedMessage]:
        """Return the verdict for a message and the parsed form (for the caller's metadata)."""
        s = self.settings
        deadline = time.monotonic() + s.scan.time_budget_ms / 1000.0
        msg = parse_message(raw, s.scan)
        if envelope.direction == Direction.INCOMING:
            return self._evaluate_incoming(msg, envelope, policy, deadline), msg
        sender = attribute(envelope, HeaderList(msg.headers), self.accounts)
        base = {"required_score": s.thresholds.quarantine, "reject_score": s.thresholds.reject, "sender": sender}

        if not envelope.sender and not envelope.ip and envelope.user in MTA_USERS:
            # Exim's own delivery reports (null sender, submitted locally by the MTA user) are not an account's
            # mail; holding or rejecting them would only bounce the bounce.
            return Verdict(Action.ACCEPT, bounce=True, **base), msg
        held = policy.contained(sender) if policy.contained is not None else None
        if held is not None:  # before the whitelist: a contained address stays contained when whitelisted
            return self._contained(held, base), msg
        if self._whitelisted(envelope, sender, policy):
            return Verdict(Action.ACCEPT, whitelisted=True, **base), msg
        if policy.account_state(sender.account) == AccountState.BLOCK:
            return Verdict(Action.REJECT, message=f"sending is blocked for account {sender.account}", **base), msg

        symbols, reasons, errored = self._run_checks(msg, envelope, sender, policy, deadline)
        judged = assess(symbols, s.verdict)
        score = judged.score
        t = s.thresholds
        spam = judged.holds(t.quarantine)  # precision first: core.verdict_policy
        if t.reject and score >= t.reject and judged.corroborated:  # rejecting needs the score too
            action = Action.REJECT
        elif reasons or spam:
            action = Action.QUARANTINE
            if spam:
                reasons.append(Reason.SPAM)
        elif errored and s.fail_mode == "closed":
            action = Action.DEFER  # could not scan completely and the admin prefers a retry to a guess
        elif judged.flags(t.add_header, t.quarantine):
            action = Action.ADD_HEADER
        else:
            action = Action.ACCEPT
        evidence = self._explain(symbols, judged, t.quarantine)
        message = "message rejected as spam" if action == Action.REJECT else ""
        if action == Action.DEFER:
            message = "message could not be scanned completely, try again later"
        return Verdict(action, score=score, reasons=reasons, symbols=symbols, message=message, evidence=evidence,
                       **base), msg

    @staticmethod
    def _contained(held: Containment, base: dict[str, Any]) -> Verdict:
        """A contained object's mail: held with reason `contained`, or refused, without running the checks."""
        what = f"{held.so_type.replace('_', ' ')} {held.name}"
        symbol = Symbol(CONTAINED, 0.0, f"{what} is contained", [held.id])
        if held.action == "reject":
            return Verdict(Action.REJECT, symbols=[symbol], message=f"sending from {what} is suspended on this "
                                                                    "server; contact your hosting provider", **base)
        return Verdict(Action.QUARANTINE, reasons=[Reason.CONTAINED], symbols=[symbol], **base)

    def _whitelisted(self, envelope: Envelope, sender: Sender, policy: Policy) -> bool:
        """Whether the sender whitelist skips the checks (never the limits: core.scan.scanner counts it as any other).

        Only an identity tied to the account the MTA named counts: its SMTP AUTH id, or an envelope sender in a
        domain the account owns. A whitelisted address in a null sender's From:, or another account's domain in
        the envelope, is what a compromised account would write to skip the filter.
        """
        if sender.how not in VOUCHED or sender.account == FALLBACK_ACCOUNT:
            return False
        if sender.how == How.AUTH and policy.whitelisted("authuser", envelope.user):
            return True
        address, domain = normalize_address(envelope.sender)
        if not address or not policy.whitelisted("sender", address):
            return False
        return self.accounts.owner_of_domain(domain) == sender.account or address == envelope.user.strip().lower()

    def _run_checks(self, msg: ParsedMessage, envelope: Envelope, sender: Sender, policy: Policy,
                    deadline: float) -> tuple[list[Symbol], list[Reason], bool]:
        """Run every check within the time budget: (symbols, group reasons, whether something errored)."""
        s = self.settings
        campaign, campaign_error = self._campaign(msg, envelope, sender, policy)
        vouched = envelope.direction == Direction.OUTGOING and sender.how in VOUCHED
        own = frozenset(self.accounts.domains_of(sender.account)) \
            if vouched and sender.account != FALLBACK_ACCOUNT else frozenset()
        ctx = ScanContext(settings=s, envelope=envelope, sender=sender, allow_winexec=policy.allow_winexec,
                          deadline=deadline, learned=policy.learned, campaign=campaign, own_domains=own,
                          vouched=vouched, accounts_known=self.accounts.has_accounts())
        symbols: list[Symbol] = [campaign_error] if campaign_error else []
        errored = campaign_error is not None
        if vouched and policy.history is not None:
            try:
                ctx.history = policy.history(sender, envelope)
            except Exception:  # history is evidence, not a gate: without it the checks still decide
                log.exception("sender history read failed on queue_id=%s", envelope.queue_id)
                symbols.append(self._check_error("sender_history"))
                errored = True
        reasons: list[Reason] = []
        monotonic = time.monotonic  # ctx.out_of_time() inlined: this loop runs once per check
        for check, run, winexec, virus in self._plan:
            if monotonic() >= ctx.deadline:
                symbols.append(Symbol("SCAN_TIMEOUT", s.score("SCAN_TIMEOUT"), "scan time budget used up",
                                      [check.name]))
                errored = True
                break
            try:
                found = run(msg, ctx)
            except Exception:  # a broken check must not lose the message: it becomes a symbol
                log.exception("check %s raised on queue_id=%s", check.name, envelope.queue_id)
                found = [self._check_error(check.name)]
                errored = True
            if not found:  # most checks find nothing
                continue
            if winexec and not policy.allow_winexec and Reason.WINEXEC not in reasons:
                reasons.append(Reason.WINEXEC)
            if virus and Reason.VIRUS not in reasons and any(not sym.name.endswith("_ERROR") for sym in found):
                reasons.append(Reason.VIRUS)
            symbols.extend(found)
        return symbols, reasons, errored

    def _evaluate_incoming(self, msg: ParsedMessage, envelope: Envelope, policy: Policy,
                           deadline: float) -> Verdict:
        """Incoming mail: the recipient's account, the recipient whitelist, its toggle, inbound thresholds."""
        s, inc = self.settings, self.settings.incoming
        owners = [self._owner(r) for r in envelope.recipients]
        account = next((o for o in owners if o), "root")
        sender_domain = envelope.sender.rpartition("@")[2].lower() if "@" in envelope.sender else ""
        sender = Sender(account=account, domain=sender_domain, email=envelope.sender.lower(), how="recipient")
        base = {"required_score": inc.spam, "reject_score": 0.0, "sender": sender}
        if envelope.recipients and all(policy.whitelisted("recipient", r) for r in envelope.recipients):
            return Verdict(Action.ACCEPT, whitelisted=True, **base)
        enabled = policy.incoming_enabled
        if owners and enabled is not None and not any(enabled(o or "root") for o in owners):
            # every recipient's account opted out: answer at once, nothing scanned or counted
            return Verdict(Action.ACCEPT, symbols=[Symbol(INCOMING_OFF, 0.0, "incoming scanning is off")], **base)
        symbols, reasons, errored = self._run_checks(msg, envelope, sender, policy, deadline)
        judged = assess(symbols, s.verdict)
        score = judged.score
        if judged.holds(inc.spam) and Reason.SPAM not in reasons:
            reasons.append(Reason.SPAM)
        evidence = self._explain(symbols, judged, inc.spam)
        if reasons and (inc.action == "quarantine" or reasons != [Reason.SPAM]):
            action = Action.QUARANTINE  # malware and Windows executables are held whatever incoming.action says
        elif reasons:
            action = Action.SPAM
        elif errored and s.fail_mode == "closed":
            action = Action.DEFER
        elif judged.flags(inc.add_header, inc.spam):
            action = Action.ADD_HEADER
        else:
            action = Action.ACCEPT
        message = "message could not be scanned completely, try again later" if action == Action.DEFER else ""
        return Verdict(action, score=score, reasons=reasons, symbols=symbols, message=message, evidence=evidence,
                       **base)

    @staticmethod
    def _explain(symbols: list[Symbol], judged: Assessment, threshold: float) -> list[str]:
        """What the verdict policy found (the log line's evidence=); a score at the hold threshold that did not
        hold also gets an UNCORROBORATED symbol, which the message's score header shows too."""
        if judged.score >= threshold and not judged.corroborated:
            symbols.append(uncorroborated(judged))
        return judged.why()

    def _owner(self, address: str) -> str | None:
        """The account owning an address's domain (core.identity.cpanel), if any."""
        domain = address.rpartition("@")[2]
        return self.accounts.owner_of_domain(domain) if domain else None

    def _check_error(self, name: str) -> Symbol:
        """What a check (or the campaign count) that raised leaves in the verdict."""
        return Symbol("CHECK_ERROR", self.settings.score("CHECK_ERROR"), "a check raised an error", [name])

    def _campaign(self, msg: ParsedMessage, envelope: Envelope, sender: Sender,
                  policy: Policy) -> tuple[CampaignView | None, Symbol | None]:
        """Count the body's fingerprint once, before the checks, so the campaign check only reads the result.

        The count is the policy's (the Scanner binds it to Redis) because a check must stay side-effect free and
        the count must include this message; a failure is a CHECK_ERROR like a check's, never a lost message.
        """
        if policy.campaign is None:
            return None, None
        try:
            fp = fingerprint_message(msg, envelope.recipients,
                                     min_words=int(self.settings.check_param("campaign_min_words")))
            return (policy.campaign(fp, envelope, sender) if fp is not None else None), None
        except Exception:
            log.exception("campaign count failed on queue_id=%s", envelope.queue_id)
            return None, self._check_error("campaign")
