"""The spam classifier's storage: the shipped model file (read once per process) and what it learned online.

Online learning is per server and lives in Redis, so every worker host scores with the same weights: a release
learns ham, an admin's "confirm spam" learns spam. Learning a message reads its tokens' learned weights, works out
one step for all of them (core.learning.spam_model.learn_step) and applies it with one Lua call, which also records the
message's digest and step: a message is never learned twice, relearning it as the other class first takes the
old step back, and unlearning subtracts exactly what was added.

A scan must stay cheap. Learning only moves weights when the model got a message wrong, so the table of learned
weights stays small on most servers: while it is, each worker keeps a copy refreshed every few seconds and a scan
costs no Redis call at all; once it is large, a scan reads its own tokens' weights in one round trip (HMGET).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import redis

from core import keys
from core.errors import ModelError
from core.learning.spam_model import SpamModel, learn_step
from core.learning.tokenizer import TOKENIZER_VERSION, tokenize
from core.mail.mime import parse_message, strip_scan_preamble

if TYPE_CHECKING:
    from core.settings import ScanSettings

log = logging.getLogger("mailward.classifier")

#: The shipped model, inside the core package (rebuilt by scripts/build-model).
MODEL_RESOURCE = "data/spam-model-v1.json.gz"
#: At most this many tokens have learned weights; past it, learning only moves tokens that already have one.
MAX_LEARNED_TOKENS = 200_000
#: Digests of this many learned messages are remembered; the oldest are then forgotten (they could be learned
#: again, and can no longer be unlearned).
MAX_LEARNED_MESSAGES = 100_000
#: A worker keeps a copy of the learned weights while there are at most this many...
SNAPSHOT_MAX = 20_000
#: ... and refreshes it (or, past SNAPSHOT_MAX, checks the size again) this often, in seconds: what one host
#: learns reaches the others within this time.
SNAPSHOT_TTL = 2.0
#: A learned weight this close to zero after unlearning is deleted (float sums do not cancel exactly).
ZERO = 1e-9

# Outcomes of learn() and unlearn().
LEARNED = "learned"
RELEARNED = "relearned"  # it had been learned as the other class: that was taken back first
ALREADY = "already"  # learned as that class before: nothing changed
UNLEARNED = "unlearned"
UNKNOWN = "unknown"  # never learned, or forgotten past MAX_LEARNED_MESSAGES

HAM, SPAM = "ham", "spam"

# KEYS: weights, totals, learned, order. ARGV: digest, label, step, max tokens, max messages, now, tokens...
# Returns "learned", or the label the message was already learned as (the caller unlearns first to relearn).
_LEARN_LUA = """
local prev = redis.call('HGET', KEYS[3], ARGV[1])
if prev then return string.match(prev, '^%S+') end
local step = tonumber(ARGV[3])
if step ~= 0 then
  local room = tonumber(ARGV[4]) - redis.call('HLEN', KEYS[1])
  for i = 7, #ARGV do
    if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
      redis.call('HINCRBYFLOAT', KEYS[1], ARGV[i], ARGV[3])
    elseif room > 0 then
      redis.call('HINCRBYFLOAT', KEYS[1], ARGV[i], ARGV[3])
      room = room - 1
    end
  end
end
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2] .. ' ' .. ARGV[3])
redis.call('ZADD', KEYS[4], tonumber(ARGV[6]), ARGV[1])
local extra = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[5])
if extra > 0 then
  local old = redis.call('ZRANGE', KEYS[4], 0, extra - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[4], 0, extra - 1)
  for _, digest in ipairs(old) do redis.call('HDEL', KEYS[3], digest) end
end
return 'learned'
"""

# KEYS: weights, totals, learned, order. ARGV: digest, zero, tokens... Returns the label it had, or false.
_UNLEARN_LUA = """
local prev = redis.call('HGET', KEYS[3], ARGV[1])
if not prev then return false end
local label, step = string.match(prev, '^(%S+) (%S+)$')
if tonumber(step) ~= 0 then
  -- negate the recorded text, not a Lua number: Lua would format it with fewer digits than were added
  local back = '-' .. step
  if string.sub(step, 1, 1) == '-' then back = string.sub(step, 2) end
  local zero = tonumber(ARGV[2])
  for i = 3, #ARGV do
    if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
      local left = tonumber(redis.call('HINCRBYFLOAT', KEYS[1], ARGV[i], back))
      if math.abs(left) < zero then redis.call('HDEL', KEYS[1], ARGV[i]) end
    end
  end
end
if redis.call('HINCRBY', KEYS[2], label, -1) < 0 then redis.call('HSET', KEYS[2], label, 0) end
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return label
"""


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> SpamModel:
    """The model file (the shipped one unless a path is given), read and checked once per process."""
    try:
        if path is None:
            data = resources.files("core").joinpath(MODEL_RESOURCE).read_bytes()
        else:
            data = Path(path).read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the spam model file: {exc}") from None
    return SpamModel.from_bytes(data)


def message_digest(raw: bytes) -> str:
    """A message's identity for learning: sha256 of its bytes without scanner preamble, with LF line ends."""
    return hashlib.sha256(strip_scan_preamble(raw).replace(b"\r\n", b"\n")).hexdigest()


def message_tokens(raw: bytes, scan: ScanSettings) -> list[str]:
    """The tokens a scan sees in these message bytes."""
    return tokenize(parse_message(raw, scan))


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def superseded_learning(client: redis.Redis, version: int = TOKENIZER_VERSION) -> dict[int, int]:
    """Messages learned online under each older tokenizer version than `version`, which no longer count: a model
    and its learned weights are only valid with the tokens they were made of (keys per version)."""
    out: dict[int, int] = {}
    for old in range(1, version):
        learned = sum(max(0, int(n)) for n in client.hvals(keys.classifier_totals(old)))
        if learned:
            out[old] = learned
    return out


class ClassifierStore:
    """Online-learned weights in Redis, shared by every worker host of a server."""

    def __init__(self, client: redis.Redis, scan: ScanSettings, *, model: SpamModel | None = None,
                 max_tokens: int = MAX_LEARNED_TOKENS, max_messages: int = MAX_LEARNED_MESSAGES,
                 snapshot_max: int = SNAPSHOT_MAX, snapshot_ttl: float = SNAPSHOT_TTL) -> None:
        self.client = client
        self.scan = scan
        self._model = model
        self.max_tokens = max_tokens
        self.max_messages = max_messages
        self.snapshot_max = snapshot_max
        self.snapshot_ttl = snapshot_ttl
        v = TOKENIZER_VERSION
        self._keys = [keys.classifier_weights(v), keys.classifier_totals(v), keys.classifier_learned(v),
                      keys.classifier_learned_order(v)]
        self._learn = client.register_script(_LEARN_LUA)
        self._unlearn = client.register_script(_UNLEARN_LUA)
        self._snapshot: dict[str, float] | None = None  # every learned weight; None while there are too many
        self._snapshot_until = 0.0  # monotonic time of the next refresh
        self._warned_at = -1e9

    @property
    def model(self) -> SpamModel:
        return self._model if self._model is not None else load_model()

    def learn(self, raw: bytes, spam: bool) -> str:
        """Learn a message as spam or ham: LEARNED, RELEARNED (it was learned as the other class) or ALREADY."""
        label = SPAM if spam else HAM
        tokens = message_tokens(raw, self.scan)
        digest = message_digest(raw)
        relearned = False
        prev = self.client.hget(self._keys[2], digest)
        if prev is not None:
            if _text(prev).split(" ", 1)[0] == label:
                return ALREADY
            relearned = self._unlearn(keys=self._keys, args=[digest, ZERO, *tokens]) is not None
        model = self.model
        step = learn_step(model.logit(tokens, self._read(tokens)), spam, len(tokens), model.calibration)
        result = _text(self._learn(keys=self._keys, args=[digest, label, repr(step), self.max_tokens,
                                                          self.max_messages, time.time(), *tokens]))
        self._snapshot_until = 0.0  # what this process learned counts in its next scan
        if result != LEARNED:  # another process learned it meanwhile
            return ALREADY if result == label else RELEARNED
        return RELEARNED if relearned else LEARNED

    def unlearn(self, raw: bytes) -> str:
        """Take back what learning this message added: UNLEARNED, or UNKNOWN if it was not learned."""
        tokens = message_tokens(raw, self.scan)
        result = self._unlearn(keys=self._keys, args=[message_digest(raw), ZERO, *tokens])
        self._snapshot_until = 0.0
        return UNKNOWN if result is None else UNLEARNED

    def learned(self, tokens: Sequence[str]) -> Mapping[str, float]:
        """Learned weights of these tokens (a few seconds old at most); empty, with a warning, if Redis fails."""
        if not tokens:
            return {}
        try:
            now = time.monotonic()
            if now >= self._snapshot_until:
                self._refresh(now)
            if self._snapshot is not None:
                snap = self._snapshot
                return {t: snap[t] for t in tokens if t in snap} if snap else {}
            return self._read(tokens)
        except redis.RedisError as exc:
            # score with the model file alone until the next refresh, rather than wait on Redis in every scan
            now = time.monotonic()
            self._snapshot, self._snapshot_until = {}, now + self.snapshot_ttl
            if now - self._warned_at > 60.0:  # one line a minute, not one per scan
                log.warning("classifier: learned weights unavailable, scoring with the model file only: %s", exc)
                self._warned_at = now
            return {}

    def _refresh(self, now: float) -> None:
        """Copy the whole table while it is small; past snapshot_max, scans read their tokens from Redis."""
        self._snapshot_until = now + self.snapshot_ttl
        self._snapshot = None
        size = int(self.client.hlen(self._keys[0]))
        if size <= self.snapshot_max:
            table = self.client.hgetall(self._keys[0]) if size else {}
            self._snapshot = {_text(t): float(v) for t, v in table.items()}

    def _read(self, tokens: Sequence[str]) -> dict[str, float]:
        """The current learned weights of these tokens, from Redis, in one round trip."""
        values = self.client.hmget(self._keys[0], list(tokens))
        return {t: float(v) for t, v in zip(tokens, values, strict=True) if v is not None}

    def stats(self) -> dict[str, int]:
        """What was learned: messages per class, tokens with a learned weight, message digests remembered."""
        pipe = self.client.pipeline(transaction=False)
        pipe.hmget(self._keys[1], [HAM, SPAM])
        pipe.hlen(self._keys[0])
        pipe.zcard(self._keys[3])
        (ham, spam), tokens, remembered = pipe.execute()
        return {"ham": int(ham or 0), "spam": int(spam or 0), "tokens": int(tokens), "remembered": int(remembered)}

    def reset(self) -> None:
        """Forget everything learned on this server (the shipped model stays)."""
        self.client.delete(*self._keys)
        self._snapshot_until = 0.0


class MemoryClassifierStore:
    """ClassifierStore's stub twin for unit tests and benchmarks: the same rules, in process memory."""

    def __init__(self, scan: ScanSettings, *, model: SpamModel | None = None, max_tokens: int = MAX_LEARNED_TOKENS,
                 max_messages: int = MAX_LEARNED_MESSAGES) -> None:
        self.scan = scan
        self._model = model
        self.max_tokens = max_tokens
        self.max_messages = max_messages
        self.weights: dict[str, float] = {}
        self.totals = {HAM: 0, SPAM: 0}
        self.remembered: dict[str, tuple[str, float]] = {}  # digest -> (label, step), oldest first

    @property
    def model(self) -> SpamModel:
        return self._model if self._model is not None else load_model()

    def learn(self, raw: bytes, spam: bool) -> str:
        """Learn a message as spam or ham: LEARNED, RELEARNED or ALREADY."""
        label = SPAM if spam else HAM
        digest = message_digest(raw)
        tokens = message_tokens(raw, self.scan)
        prev = self.remembered.get(digest)
        if prev is not None and prev[0] == label:
            return ALREADY
        if prev is not None:
            self._take_back(digest, tokens)
        model = self.model
        step = learn_step(model.logit(tokens, self.learned(tokens)), spam, len(tokens), model.calibration)
        if step:
            for t in dict.fromkeys(tokens):
                if t in self.weights or len(self.weights) < self.max_tokens:
                    self.weights[t] = self.weights.get(t, 0.0) + step
        self.totals[label] += 1
        self.remembered[digest] = (label, step)
        while len(self.remembered) > self.max_messages:
            del self.remembered[next(iter(self.remembered))]
        return RELEARNED if prev is not None else LEARNED

    def unlearn(self, raw: bytes) -> str:
        """Take back a learned message: UNLEARNED or UNKNOWN."""
        digest = message_digest(raw)
        if digest not in self.remembered:
            return UNKNOWN
        self._take_back(digest, message_tokens(raw, self.scan))
        return UNLEARNED

    def _take_back(self, digest: str, tokens: Sequence[str]) -> None:
        label, step = self.remembered.pop(digest)
        if step:
            for t in dict.fromkeys(tokens):
                if t in self.weights:
                    self.weights[t] -= step
                    if abs(self.weights[t]) < ZERO:
                        del self.weights[t]
        self.totals[label] = max(self.totals[label] - 1, 0)

    def learned(self, tokens: Sequence[str]) -> Mapping[str, float]:
        """Learned weights of these tokens."""
        return {t: self.weights[t] for t in tokens if t in self.weights}

    def stats(self) -> dict[str, int]:
        """What was learned."""
        return {"ham": self.totals[HAM], "spam": self.totals[SPAM], "tokens": len(self.weights),
                "remembered": len(self.remembered)}

    def reset(self) -> None:
        """Forget everything learned."""
        self.weights = {}
        self.totals = {HAM: 0, SPAM: 0}
        self.remembered = {}
