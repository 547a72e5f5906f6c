"""Precision-first verdict policy: when a score that reaches a hold threshold may actually hold the message.

A score adds up evidence, but a sum can be reached by one weak signal that legitimate mail trips (a classifier
trained on old mail calling a shop newsletter spam, a Reply-To that differs on a contact form). So:

1. a *strong* symbol (near certain by itself: GTUBE, a body an admin confirmed as spam, a credential form, brand
   impersonation, the whole script of a known fraud...) holds the message whatever the score; and otherwise
2. a score at or above `thresholds.quarantine` (or `thresholds.reject`) holds (rejects) only when at least
   `min_kinds` independent *kinds* of evidence each reach `min_kind_score` (content, links, sender, behaviour, the
   script that sent it, attachments, the statistical classifier, external engines, the message's origin). Symbols
   listed as *weak* (things legitimate mail does every day) add to the score but never make a kind count.
   Rejection always needs the score; and
3. evidence of `broad_kinds` (3) different kinds together holds from `broad_score` (3) on: three independent
   witnesses outweigh a sum of points. Of the credit (below), at most `broad_max_credit` (1) counts against this
   rule: a stolen mailbox earns the whole alignment credit, and a lure, its link and its ask must not be
   cancelled by the fact that the account sent them. (Against the hold threshold of rule 2 the whole credit
   counts: capped there at 1, a site's upload handler or an honest bank-details notice beside the classifier's
   p >= 0.8 would be held.)
2a. when the statistical classifier is one of only two kinds, the other must reach `classifier_partner_score` (2):
   the classifier, trained on 2002 mail, gives p >= 0.95 (7 points) to about a tenth of today's legitimate mail,
   so one stray 1.5-point symbol beside it (a Reply-To at a free-mail provider on a contact form) must not hold it.
   The origin kind is excepted: mail no account stands behind gets no benefit of the doubt. Symbols listed in
   `classifier_partner_excludes` do not count towards that partner: a link whose call to action goes to another
   site than the sender's (a button, a pay link, a sign-in link beside account wording) is what today's honest
   notifications carry too (a service's app on another domain, a billing portal), and beside a classifier that is
   near chance on today's mail it would hold them on that one fact.

Otherwise the message is delivered with the "add header" action and an UNCORROBORATED symbol that says why.
4. Below the hold threshold, the "add header" flag needs a strong symbol or evidence of a kind other than
   `flag_alone_kinds` (the classifier and the message's origin): the classifier, trained on 2002 mail, scores
   today's receipts and newsletters as likely spam, and a flag sends a customer's legitimate mail to its
   recipients' junk folders. A score at the hold threshold that is not corroborated is always flagged (rule 2).
Evidence *for* a message (negative scores: alignment with the sending account's own domains, an established
sender) lowers the score, but all of it together takes at most `max_credit` off, so it can soften suspicion and
never cancel strong evidence. A credit whose premise the message itself contradicts is not given
(`credit_void`): "short personal or transactional text" is not what a fraud script's cues or an ask for gift
cards, a wallet payment or a call about a charge are. Windows executables and viruses hold through their own
reasons, not through this.

The tables are settings ([verdict] in core/defaults.toml), so an admin can move a symbol between kinds or make
one strong; this module only applies them.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.errors import ConfigError
from core.models import Symbol

#: The symbol a verdict carries when its score reached a hold threshold without corroboration. It carries no score
#: and is never evidence itself. (What held a message is the verdict's `evidence`, in the scan log line.)
UNCORROBORATED = "UNCORROBORATED"

#: The kind of the statistical classifier's symbols, and of the message's origin (rule 2a names both).
STATISTICAL, ORIGIN = "statistical", "origin"
#: Kinds whose evidence alone never flags a message below the hold score (rule 4; [verdict] flag_alone_kinds).
FLAG_ALONE_KINDS = (STATISTICAL, ORIGIN)


@dataclass(frozen=True, slots=True)
class Judged:
    """What the [verdict] tables say of one symbol as evidence (VerdictSettings.judge)."""

    kind: str
    strong: bool
    weak: bool
    partners: bool  # may be the classifier's partner in rule 2a (not in classifier_partner_excludes)
    voids: frozenset[str]  # the credits whose premise it contradicts (credit_void)


@dataclass(frozen=True, slots=True)
class VerdictSettings:
    """[verdict]: which symbols are strong, which are weak, and the kind of evidence each belongs to."""

    min_kinds: int = 2
    min_kind_score: float = 1.0
    # With the classifier as one of only two kinds, what the other kind must add up to (origin excepted; rule 2a).
    classifier_partner_score: float = 2.0
    max_credit: float = 2.0
    broad_kinds: int = 3
    broad_score: float = 3.0
    # How much of the credit counts against rule 3 (broad_kinds kinds from broad_score on); at most max_credit.
    broad_max_credit: float = 1.0
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    # Symbols (patterns) that never count towards the classifier's partner in rule 2a.
    classifier_partner_excludes: tuple[str, ...] = ()
    # kind -> symbol patterns (fnmatch: "CLASSIFIER_*"); a symbol in no kind is of kind "other".
    kinds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # kind -> the score its symbols must reach for the kind to count (default min_kind_score). A kind whose
    # minimum is 0 counts by presence: "origin" symbols weigh nothing in the score but do corroborate.
    kind_min_score: Mapping[str, float] = field(default_factory=dict)
    # Kinds that cannot flag a message ("add header") without evidence of another kind or a strong symbol.
    flag_alone_kinds: tuple[str, ...] = FLAG_ALONE_KINDS
    # credit symbol -> patterns of evidence that contradicts its premise: with one of them present (scoring above
    # 0), that credit is not counted.
    credit_void: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # symbol -> Judged: every scan asks about the same few dozen names; pattern matching once each
    _memo: dict[str, Judged] = field(default_factory=dict, compare=False, repr=False)

    def classify(self, symbol: str) -> tuple[str, bool, bool]:
        """(kind, strong, weak) of a symbol, from the tables."""
        judged = self.judge(symbol)
        return judged.kind, judged.strong, judged.weak

    def judge(self, symbol: str) -> Judged:
        """What the tables say of a symbol as evidence; remembered per name."""
        found = self._memo.get(symbol)
        if found is None:
            found = self._memo[symbol] = Judged(
                kind=self.kind_of(symbol), strong=self.is_strong(symbol), weak=self.is_weak(symbol),
                partners=not any(fnmatch.fnmatchcase(symbol, p) for p in self.classifier_partner_excludes),
                voids=frozenset(credit for credit, patterns in self.credit_void.items()
                                if any(fnmatch.fnmatchcase(symbol, p) for p in patterns)))
        return found

    def kind_of(self, symbol: str) -> str:
        """The kind of evidence a symbol belongs to ("other" if the tables do not say).

        A symbol named exactly in a kind belongs to it before any pattern of another kind is tried
        ("SENDER_UNVERIFIED" is origin though behaviour has "SENDER_*")."""
        for kind, patterns in self.kinds.items():
            if symbol in patterns:
                return kind
        for kind, patterns in self.kinds.items():
            if any(fnmatch.fnmatchcase(symbol, p) for p in patterns):
                return kind
        return "other"

    def is_strong(self, symbol: str) -> bool:
        return any(fnmatch.fnmatchcase(symbol, p) for p in self.strong)

    def is_weak(self, symbol: str) -> bool:
        return any(fnmatch.fnmatchcase(symbol, p) for p in self.weak)


@dataclass(slots=True)
class Assessment:
    """What the policy found in a verdict's symbols."""

    score: float  # the score with the credit cap applied
    strong: list[str]  # strong symbols present (with a positive score)
    kinds: dict[str, float]  # kinds that count as evidence -> their score
    credit: float  # what evidence for the message took off (<= 0, capped)
    policy: VerdictSettings = field(default_factory=VerdictSettings)
    voided: list[str] = field(default_factory=list)  # credits not given: the message contradicts their premise
    # kind -> what its symbols add up to without classifier_partner_excludes (rule 2a's partner)
    partner: dict[str, float] = field(default_factory=dict)

    @property
    def corroborated(self) -> bool:
        """Whether a score at a hold threshold may hold: a strong symbol, or enough kinds of evidence."""
        if self.strong:
            return True
        kinds, policy = self.kinds, self.policy
        if len(kinds) < policy.min_kinds:
            return False
        other = self.classifier_partner()
        if other is not None:  # rule 2a: the classifier's partner must say more
            return other == ORIGIN or self.partner.get(other, 0.0) >= policy.classifier_partner_score
        return True

    def classifier_partner(self) -> str | None:
        """The other kind when the classifier is one of only two kinds of evidence (rule 2a), else None."""
        if len(self.kinds) != 2 or STATISTICAL not in self.kinds:
            return None
        return next(k for k in self.kinds if k != STATISTICAL)

    def holds(self, threshold: float) -> bool:
        """Whether the message is held: a strong symbol; a score at `threshold`, corroborated; or evidence of
        broad_kinds different kinds together from broad_score on (at most broad_max_credit of the credit counted)."""
        if self.strong:
            return True
        if self.score >= threshold and self.corroborated:
            return True
        if len(self.kinds) < self.policy.broad_kinds:
            return False
        credit = max(self.credit, -self.policy.broad_max_credit)
        return self.score - self.credit + credit >= self.policy.broad_score

    def flags(self, add_header: float, hold: float) -> bool:
        """Whether a message that is not held gets the "add header" flag: a score at the hold threshold that was
        not corroborated (rule 2), or one at `add_header` with evidence of a kind other than the policy's
        flag_alone_kinds (rule 4). A strong symbol never gets here: it holds."""
        if self.score >= hold:
            return True
        return self.score >= add_header and any(k not in self.policy.flag_alone_kinds for k in self.kinds)

    def why(self) -> list[str]:
        """What held the message, or what it lacked: the verdict's evidence and the UNCORROBORATED symbol's options."""
        out = [f"strong={','.join(self.strong)}"] if self.strong else []
        out.append("kinds=" + (",".join(f"{k}:{v:g}" for k, v in sorted(self.kinds.items())) or "-"))
        if self.credit:
            out.append(f"credit={self.credit:g}")
        if self.voided:
            out.append("void=" + ",".join(self.voided))
        other = self.classifier_partner()
        if other is not None and self.partner.get(other, 0.0) != self.kinds[other]:  # rule 2a's partner had less
            out.append(f"partner={other}:{round(self.partner.get(other, 0.0), 2):g}")
        return out


def assess(symbols: Iterable[Symbol], policy: VerdictSettings) -> Assessment:
    """Sum the evidence of a verdict's symbols by kind, note strong symbols, and cap the credit."""
    debit = 0.0
    per_kind: dict[str, float] = {}
    partner: dict[str, float] = {}
    strong: list[str] = []
    credits: list[Symbol] = []
    voids: set[str] = set()  # credits the evidence (symbols scoring above 0) contradicts
    for sym in symbols:
        if sym.name == UNCORROBORATED:
            continue
        if sym.score < 0:
            credits.append(sym)
            continue
        debit += sym.score
        judged = policy.judge(sym.name)
        if sym.score > 0:
            voids.update(judged.voids)
            if judged.strong and sym.name not in strong:
                strong.append(sym.name)
        if not judged.weak:
            per_kind[judged.kind] = per_kind.get(judged.kind, 0.0) + sym.score
            if judged.partners:
                partner[judged.kind] = partner.get(judged.kind, 0.0) + sym.score
    voided = [s.name for s in credits if s.name in voids]
    credit = max(sum(s.score for s in credits if s.name not in voids), -policy.max_credit)
    kinds = {k: round(v, 2) for k, v in per_kind.items() if v >= policy.kind_min_score.get(k, policy.min_kind_score)}
    return Assessment(score=debit + credit, strong=strong, kinds=kinds, credit=round(credit, 2), policy=policy,
                      voided=voided, partner=partner)


def uncorroborated(assessment: Assessment) -> Symbol:
    """The symbol of a message whose score reached a hold threshold without corroboration (delivered, flagged)."""
    return Symbol(UNCORROBORATED, 0.0, "score reached the hold threshold without corroborating evidence",
                  assessment.why())


def parse_verdict_settings(d: Mapping[str, Any]) -> VerdictSettings:
    """[verdict] from the merged settings data; ConfigError names what is wrong."""
    def names(key: str) -> tuple[str, ...]:
        value = d.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"verdict.{key} must be a list of symbol names or patterns")
        return tuple(value)

    kinds = _pattern_table(d, "kinds", "kind")
    credit_void = _pattern_table(d, "credit_void", "credit symbol")
    mins_raw = d.get("kind_min_score", {})
    if not isinstance(mins_raw, Mapping):
        raise ConfigError("verdict.kind_min_score must be a table of kind = score")
    mins: dict[str, float] = {}
    for kind, value in mins_raw.items():
        if kind not in kinds:
            raise ConfigError(f"verdict.kind_min_score.{kind}: no such kind in verdict.kinds")
        mins[str(kind)] = _number(value, f"verdict.kind_min_score.{kind}")
    counts = {}
    for key, default in (("min_kinds", 2), ("broad_kinds", 3)):
        value = d.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"verdict.{key} must be a whole number of at least 1")
        counts[key] = value
    return VerdictSettings(min_kind_score=_number(d.get("min_kind_score", 1.0), "verdict.min_kind_score"),
                           classifier_partner_score=_number(d.get("classifier_partner_score", 2.0),
                                                            "verdict.classifier_partner_score"),
                           max_credit=_number(d.get("max_credit", 2.0), "verdict.max_credit"),
                           broad_score=_number(d.get("broad_score", 3.0), "verdict.broad_score"),
                           broad_max_credit=_number(d.get("broad_max_credit", 1.0), "verdict.broad_max_credit"),
                           strong=names("strong"), weak=names("weak"), kinds=kinds, kind_min_score=mins,
                           classifier_partner_excludes=names("classifier_partner_excludes"),
                           flag_alone_kinds=_flag_alone(d, kinds), credit_void=credit_void, **counts)


def _pattern_table(d: Mapping[str, Any], key: str, what: str) -> dict[str, tuple[str, ...]]:
    """A [verdict.<key>] table of `what` = [symbol names or patterns] ("kinds", "credit_void")."""
    raw = d.get(key, {})
    if not isinstance(raw, Mapping):
        raise ConfigError(f"verdict.{key} must be a table of {what} = [symbol patterns]")
    out: dict[str, tuple[str, ...]] = {}
    for name, patterns in raw.items():
        if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
            raise ConfigError(f"verdict.{key}.{name} must be a list of symbol names or patterns")
        out[str(name)] = tuple(patterns)
    return out


def _flag_alone(d: Mapping[str, Any], kinds: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    value = d.get("flag_alone_kinds", list(FLAG_ALONE_KINDS))
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError("verdict.flag_alone_kinds must be a list of kind names")
    unknown = [v for v in value if v not in kinds]
    if unknown:
        raise ConfigError(f"verdict.flag_alone_kinds: no such kind in verdict.kinds: {', '.join(unknown)}")
    return tuple(value)


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{name} must be a number of at least 0")
    return float(value)


def unknown_symbols(policy: VerdictSettings, known: Sequence[str]) -> list[str]:
    """Symbols of `known` that no kind claims and that are neither strong nor weak (a test keeps the tables whole)."""
    return [s for s in known if s != UNCORROBORATED and policy.classify(s) == ("other", False, False)]
