"""Settings: defaults, TOML file, environment, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import load_settings


def test_defaults_are_valid_and_embedded_redis() -> None:
    s = load_settings(environ={})
    assert s.embedded_redis
    assert s.fail_mode == "open"
    assert s.scan.listen == ("127.0.0.1:11333",)
    assert s.api_socket == s.state_dir / "api.sock"
    assert s.quarantine_limit_bytes == 100 * 1024 * 1024
    assert s.releases_limit == 5


def test_file_then_env_precedence(tmp_path: Path) -> None:
    cfg = tmp_path / "mw.toml"
    cfg.write_text('fail_mode = "closed"\n[workers]\nprocesses = 3\n[scores]\nGTUBE = 50\n')
    s = load_settings(cfg, environ={"MAILWARD_WORKERS__PROCESSES": "5", "MAILWARD_STATE_DIR": str(tmp_path)})
    assert s.fail_mode == "closed"
    assert s.workers.processes == 5
    assert s.score("GTUBE") == 50.0
    assert s.state_dir == tmp_path
    assert any(src.startswith("file:") for src in s.source)


def test_named_env_vars() -> None:
    s = load_settings(environ={
        "MAILWARD_REDIS_URL": "redis://10.0.0.5:6379/0", "MAILWARD_SCAN_LISTEN": "127.0.0.1:1,/run/mw.sock",
        "MAILWARD_API_SOCKET": "/run/mw-api.sock", "MAILWARD_FAIL_MODE": "closed",
        "MAILWARD_SCORES__MY_RULE": "2.5",
    })
    assert not s.embedded_redis
    assert s.scan.listen == ("127.0.0.1:1", "/run/mw.sock")
    assert str(s.api_socket) == "/run/mw-api.sock"
    assert s.fail_mode == "closed"
    assert s.score("MY_RULE") == 2.5


@pytest.mark.parametrize(("env", "needle"), [
    ({"MAILWARD_FAIL_MODE": "sideways"}, "fail_mode"),
    ({"MAILWARD_WORKERS__PROCESSES": "many"}, "not a valid int"),
    ({"MAILWARD_WORKERS__PROCESSES": "-1"}, "workers.processes must not be negative"),
    ({"MAILWARD_WORKERS__THREADS": "0"}, "workers.threads must be positive"),
    ({"MAILWARD_SCAN_LISTEN": "nowhere"}, "host:port"),
    ({"MAILWARD_REDIS_URL": "http://x"}, "redis_url"),
    ({"MAILWARD_NOPE": "1"}, "unknown variable"),
    ({"MAILWARD_SCAN__ALLOWED_HOSTS": "10.0.0.0/8,exim-host"}, "allowed_hosts entry 'exim-host'"),
    ({"MAILWARD_SCAN__NOPE": "1"}, "unknown setting"),
    ({"MAILWARD_STATE_DIR": "relative/dir"}, "absolute"),
])
def test_bad_values_give_clear_errors(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        load_settings(environ=env)


def test_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("fail_mode = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, environ={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "missing.toml", environ={})
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("[scan]\nlisten_on = []\n")
    with pytest.raises(ConfigError, match="unknown setting 'listen_on'"):
        load_settings(unknown, environ={})
