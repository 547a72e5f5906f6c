"""The `mailward` command: run the service, inspect settings, rebuild the quarantine index."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from importlib.metadata import version as pkg_version

import fire
from fire.decorators import SetParseFn

from core.errors import MailwardError, ServiceUnavailable, ValidationError
from core.settings import load_settings
from workers.logging_setup import setup_logging


def _settings(state_dir: str | None, config: str | None):
    import os

    env = dict(os.environ)
    if state_dir:
        env["MAILWARD_STATE_DIR"] = str(state_dir)
    return load_settings(config, environ=env)


class TokenCommand:
    """Bearer tokens for remote API clients; only a hash is kept, the secret is printed once."""

    def _store(self, state_dir: str | None, config: str | None):  # -> TokenStore
        from core.store.connection import connect
        from core.store.tokens import TokenStore

        return TokenStore(connect(_settings(state_dir, config)))

    @SetParseFn(str)
    def create(self, name: str, account: str | None = None, state_dir: str | None = None,
               config: str | None = None) -> None:
        """Create a token and print its secret (once). Without --account it is an admin token.

        Args:
          name: a label for the token (letters, digits, '.', '_', '-').
          account: the cPanel account the token acts as; omit for an admin token.
        """
        secret = self._store(state_dir, config).create(str(name), str(account) if account else None)
        print(secret)
        print(f"token {name!r} created for {'account ' + str(account) if account else 'the admin'}; "
              "keep it secret: it is not stored and cannot be shown again", file=sys.stderr)

    def list(self, state_dir: str | None = None, config: str | None = None) -> None:
        """List tokens (names and scopes, never secrets)."""
        for t in self._store(state_dir, config).list():
            print(f"{t.name}\t{'admin' if t.account is None else 'account ' + t.account}")

    @SetParseFn(str)
    def revoke(self, name: str, state_dir: str | None = None, config: str | None = None) -> None:
        """Revoke a token by name."""
        self._store(state_dir, config).revoke(str(name))
        print("OK")


class MailwardCommand:
    """Mailward: outbound mail filter for Exim. Subcommands: serve, check, config, reindex, token, version."""

    def serve(self, state_dir: str | None = None, config: str | None = None) -> None:
        """Run the scan gateway, the Dramatiq workers and the API in the foreground until SIGTERM/SIGINT.

        Args:
          state_dir: where spool, quarantine, private Redis and sockets live (default: state_dir setting).
          config: a TOML settings file (default: $MAILWARD_CONFIG); MAILWARD_* variables override it.
        """
        from workers.service import Service

        settings = _settings(state_dir, config)
        setup_logging(settings.log_level, "serve")
        sys.exit(Service(settings, config).run())

    def config(self, state_dir: str | None = None, config: str | None = None) -> None:
        """Print the effective settings (after defaults, file and environment) as JSON; a Redis password as ***."""
        from workers.service import redacted

        shown = asdict(_settings(state_dir, config))
        shown["redis_url"] = redacted(str(shown["redis_url"]))
        print(json.dumps(shown, indent=2, default=str))

    def reindex(self, state_dir: str | None = None, config: str | None = None) -> None:
        """Rebuild the quarantine's Redis index from the files on disk, showing progress.

        A held file without metadata (a crash between writes) is indexed from its own headers, reason `recovered`.
        """
        from core.store.connection import connect
        from core.store.quarantine import QuarantineStore

        s = _settings(state_dir, config)
        store = QuarantineStore(s.quarantine_dir, connect(s), default_limit_bytes=s.quarantine_limit_bytes,
                                default_releases_limit=s.releases_limit)
        n = store.rebuild_index(progress=lambda k: print(f"\rindexed {k} messages", end="", file=sys.stderr))
        print(file=sys.stderr)
        print(f"OK: {n} messages indexed")

    def check(self, file: str, sender: str = "", rcpt: str | list[str] = "", user: str = "",
              address: str = "", http: bool = False, state_dir: str | None = None,
              config: str | None = None) -> None:
        """Scan one message file through a running gateway and print the verdict as JSON.

        Args:
          file: path of an RFC 822 message (.eml).
          sender: envelope sender. rcpt: recipient(s), comma-separated or repeated.
          user: the authenticated user or local login to attribute the message to.
          address: gateway address (default: the first scan.listen entry).
          http: use rspamd's HTTP protocol (/checkv2) instead of RSPAMC/1.3.
        """
        from core.models import Envelope
        from workers.scan_client import check_http, check_legacy

        s = _settings(state_dir, config)
        rcpts = rcpt if isinstance(rcpt, list | tuple) else [r for r in str(rcpt).split(",") if r]
        env = Envelope(sender=str(sender), recipients=[str(r) for r in rcpts], user=str(user))
        try:
            data = open(file, "rb").read()  # noqa: SIM115 - one read
        except OSError as exc:
            raise ValidationError(f"cannot read {file}: {exc.strerror}") from None
        target = str(address) if address else s.scan.listen[0]
        try:
            reply = (check_http if http else check_legacy)(target, data, env)
        except OSError as exc:
            raise ServiceUnavailable(f"cannot reach the scan gateway at {target}: {exc}") from None
        print(json.dumps({"action": reply.action, "score": reply.score, "required_score": reply.required,
                          "symbols": reply.symbols, "quarantine_id": reply.quarantine_id}, indent=2))

    def token(self) -> TokenCommand:
        """API bearer tokens for the TCP listener (api.tcp_listen): create, list, revoke."""
        return TokenCommand()

    def version(self) -> None:
        """Print Mailward's version."""
        print(pkg_version("mailward"))


def main() -> None:
    """Console entry point."""
    try:
        fire.Fire(MailwardCommand, name="mailward")
    except MailwardError as exc:
        print(f"mailward: error: {exc.message}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
