"""Runtime filter toggles (ie-cli filter-settings), stored in Redis over the file settings' defaults."""

from __future__ import annotations

import time

import redis

from core import keys
from core.errors import ValidationError
from core.settings import Settings

#: name -> description; every toggle is a boolean.
FILTERS = {
    "allow_winexec": "let mail with Windows executables through instead of quarantining it",
}


class FilterSettingsStore:
    """Read and toggle filter settings; reads are cached for `ttl` seconds per process."""

    def __init__(self, client: redis.Redis, settings: Settings, *, ttl: float = 5.0) -> None:
        self.client = client
        self.defaults = {"allow_winexec": settings.allow_winexec}
        self.ttl = ttl
        self._cache: tuple[float, dict[str, bool]] | None = None

    def all(self, *, fresh: bool = False) -> dict[str, bool]:
        """Every toggle with its value in force."""
        now = time.monotonic()
        if fresh or self._cache is None or now - self._cache[0] > self.ttl:
            raw = self.client.hgetall(keys.filter_settings())
            vals = dict(self.defaults)
            for k, v in raw.items():
                name = k.decode()
                if name in FILTERS:
                    vals[name] = v == b"1"
            self._cache = (now, vals)
        return dict(self._cache[1])

    def set(self, name: str, value: bool) -> dict[str, bool]:
        """Set one toggle; returns all toggles."""
        if name not in FILTERS:
            raise ValidationError(f"unknown filter setting {name!r}: expected one of {', '.join(FILTERS)}")
        self.client.hset(keys.filter_settings(), name, "1" if value else "0")
        return self.all(fresh=True)
