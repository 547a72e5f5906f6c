"""create_app(settings): the Flask + flask-smorest application behind the API socket."""

from __future__ import annotations

from typing import Any

import redis
from flask import Flask, g, request
from flask_smorest import Api

from api import errors
from api.auth import Identify, socket_identify
from api.services import build_services
from core.errors import ServiceUnavailable
from core.identity.cpanel import CpanelAccounts
from core.identity.resellers import ResellerDirectory
from core.mail.exim_reinject import Reinjector, SendmailReinjector
from core.settings import Settings, load_settings
from core.store.connection import connect

#: Paths anyone may read without an identity (the API's own description).
PUBLIC_PATHS = frozenset({"/api/v1/openapi.json"})
#: Path prefixes served without an identity: one-click digest links, whose signed token is the authority.
PUBLIC_PREFIXES = ("/api/v1/actions/",)


def create_app(settings: Settings | None = None, *, identify: Identify | None = None,
               reinjector: Reinjector | None = None, accounts: Any = None,
               client: redis.Redis | None = None) -> Flask:
    """Build the API app; tests may pass an identity resolver, a re-injector and an account directory."""
    settings = settings or load_settings()
    app = Flask("mailward")
    app.config.update(
        API_TITLE="Mailward API", API_VERSION="v1", OPENAPI_VERSION="3.0.3", OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={"info": {"description": "Quarantine management for admins and account owners. "
                                                  "Identity comes from the unix socket's peer uid or a bearer "
                                                  "token on the TCP listener."}},
    )
    app.json.sort_keys = False  # keep the documented key order (ie-cli prints what it gets)
    client = client or connect(settings, timeout=3.0)
    accounts = accounts if accounts is not None else CpanelAccounts(settings.cpanel_root)
    reinjector = reinjector or SendmailReinjector(settings.exim, settings.incoming.spam_header)
    svc = build_services(settings, client, reinjector, accounts)
    app.extensions["mailward.settings"] = settings
    app.extensions["mailward.redis"] = client
    app.extensions["mailward.services"] = svc
    resolve = identify or socket_identify(accounts, svc.tokens, ResellerDirectory(accounts, settings.cpanel_root))

    @app.before_request
    def _identify() -> None:
        if request.path in PUBLIC_PATHS or request.path.startswith(PUBLIC_PREFIXES):
            return
        try:
            g.identity = resolve(request.environ)
        except (redis.RedisError, OSError) as exc:
            raise ServiceUnavailable(f"cannot check the caller's identity: {exc}") from None

    api = Api(app)
    errors.register(app)
    from api.accounts.resources import blp as accounts_blp
    from api.actions.resources import blp as actions_blp
    from api.activity_monitor.resources import blp as am_blp
    from api.audit.resources import blp as audit_blp
    from api.emails.resources import blp as emails_blp
    from api.filter_settings.resources import blp as filter_blp
    from api.health.resources import blp as health_blp
    from api.quarantine_defaults.resources import blp as defaults_blp
    from api.quota_evictions.resources import blp as evictions_blp
    from api.release_policy.resources import blp as release_policy_blp
    from api.statistics.resources import blp as statistics_blp
    from api.system.resources import blp as system_blp
    from api.webhooks.resources import blp as webhooks_blp
    from api.whitelist.resources import blp as whitelist_blp

    for blp in (health_blp, system_blp, emails_blp, accounts_blp, defaults_blp, whitelist_blp, filter_blp,
                am_blp, audit_blp, statistics_blp, webhooks_blp, actions_blp, release_policy_blp, evictions_blp):
        api.register_blueprint(blp, url_prefix="/api/v1")
    return app
