"""WSGI entry for gunicorn: `gunicorn 'api.wsgi:make_app()'` (settings come from MAILWARD_* / MAILWARD_CONFIG)."""

from __future__ import annotations

from flask import Flask

from api.app import create_app


def make_app() -> Flask:
    """Factory gunicorn calls in each API worker."""
    return create_app()
