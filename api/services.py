"""What every view needs, built once per app: settings, stores, and the caller's identity for this request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import redis
from flask import current_app, g, request

from core.detection.spam_learning import SpamTeacher
from core.identity.caller import Identity
from core.mail.exim_reinject import Reinjector
from core.quarantine.actions import QuarantineActions
from core.settings import Settings
from core.store.audit import AuditStore
from core.store.campaigns import CampaignStore
from core.store.classifier import ClassifierStore
from core.store.containment import ContainmentStore
from core.store.digest_prefs import DigestPrefsStore
from core.store.events import EventStore
from core.store.filters import FilterSettingsStore
from core.store.incoming import IncomingStore
from core.store.limits import LimitStore
from core.store.quarantine import QuarantineStore
from core.store.release_policy import ReleasePolicyStore
from core.store.sender_history import SenderHistoryStore
from core.store.tokens import TokenStore
from core.store.webhooks import WebhookStore
from core.store.whitelist import WhitelistStore

_INTERFACE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,19}$")


@dataclass(slots=True)
class Services:
    """The API's view of Mailward's stores."""

    settings: Settings
    redis: redis.Redis
    quarantine: QuarantineStore
    actions: QuarantineActions
    whitelist: WhitelistStore
    filters: FilterSettingsStore
    audit: AuditStore
    tokens: TokenStore
    limits: LimitStore
    accounts: Any  # core.identity.cpanel.CpanelAccounts or its twin
    events: EventStore
    webhooks: WebhookStore
    incoming: IncomingStore
    digest_prefs: DigestPrefsStore
    history: SenderHistoryStore
    containment: ContainmentStore


def build_services(settings: Settings, client: redis.Redis, reinjector: Reinjector, accounts: Any) -> Services:
    """Wire the stores for one app."""
    events = EventStore(client)
    quarantine = QuarantineStore(settings.quarantine_dir, client, default_limit_bytes=settings.quarantine_limit_bytes,
                                 default_releases_limit=settings.releases_limit, events=events)
    teacher = SpamTeacher(ClassifierStore(client, settings.scan), CampaignStore(client, settings))
    history = SenderHistoryStore(client, settings)
    limits = LimitStore(client, settings.limits)
    return Services(settings=settings, redis=client, quarantine=quarantine,
                    actions=QuarantineActions(
                        quarantine, reinjector, teacher=teacher,
                        learn_from_account_releases=settings.learn_from_account_releases, events=events,
                        history=history, limits=limits, release_by=settings.release_by,
                        account_policies=ReleasePolicyStore(client)),
                    whitelist=WhitelistStore(client, ttl=0.0),
                    filters=FilterSettingsStore(client, settings, ttl=0.0), audit=AuditStore(client),
                    tokens=TokenStore(client), limits=limits,
                    accounts=accounts, events=events,
                    webhooks=WebhookStore(client, allow_private=settings.webhooks.allow_private),
                    incoming=IncomingStore(client, ttl=0.0), digest_prefs=DigestPrefsStore(client, accounts=accounts),
                    history=history, containment=ContainmentStore(client, settings.containment))


def services() -> Services:
    """The current app's services."""
    return current_app.extensions["mailward.services"]


def identity() -> Identity:
    """The caller of the current request (set before every view; see api.auth)."""
    return g.identity


def interface() -> str:
    """The client's self-declared interface (ie-cli, whm, cpanel...): recorded, never trusted for anything."""
    value = request.headers.get("X-Mailward-Client", "").strip().lower()
    return value if _INTERFACE_RE.match(value) else "api"


def record(action: str, *, account: str = "", target: str = "", details: dict[str, Any] | None = None,
           result: str = "ok") -> None:
    """Write one audit entry for the current caller."""
    services().audit.record(identity(), action, interface=interface(), account=account, target=target,
                            details=details, result=result)
