"""create_app(settings): the Flask + flask-smorest application behind the API socket."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from core.settings import Settings, load_settings
from core.store_redis import connect


def create_app(settings: Settings | None = None) -> Flask:
    """Build the API app for the given settings (loaded from the environment when omitted)."""
    settings = settings or load_settings()
    app = Flask("mailward")
    app.config.update(
        API_TITLE="Mailward API", API_VERSION="v1", OPENAPI_VERSION="3.0.3", OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
    )
    app.extensions["mailward.settings"] = settings
    app.extensions["mailward.redis"] = connect(settings, timeout=3.0)
    api = Api(app)
    from api.health.resources import blp as health_blp

    api.register_blueprint(health_blp, url_prefix="/api/v1")
    return app
