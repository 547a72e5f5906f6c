"""The spam classifier's storage: the shipped model file (read once per process) and what it learned online.

Online learning adds per-token ham/spam message counts in Redis, shared by every worker host: a release learns
ham, an admin's "confirm spam" learns spam. One Lua call per learned message keeps the counts, the totals and
the set of learned message digests consistent, so a message is never counted twice and relearning it as the
other class moves its counts instead of adding them. A scan reads the counts of its own tokens in one round trip.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import redis

from core import keys
from core.bayes_model import BayesModel, LearnedCounts, ModelError
from core.mime import parse_message, strip_scan_preamble
from core.tokenizer import TOKENIZER_VERSION, tokenize

if TYPE_CHECKING:
    from core.settings import ScanSettings

log = logging.getLogger("mailward.bayes")

#: The shipped model, inside the core package (rebuilt by scripts/build-model).
MODEL_RESOURCE = "data/bayes-model-v1.json.gz"
#: At most this many distinct learned tokens per class; past it, learning only counts tokens already known.
MAX_LEARNED_TOKENS = 200_000
#: Digests of this many learned messages are remembered (the oldest are forgotten: they can then be learned
#: again, but not unlearned).
MAX_LEARNED_MESSAGES = 100_000
#: How long a worker trusts "nothing was learned yet" before asking Redis again (seconds).
TOTALS_TTL = 2.0

# Learn outcomes.
LEARNED = "learned"
RELEARNED = "relearned"  # it had been learned as the other class: its counts moved
ALREADY = "already"  # learned as that class before: nothing counted
UNLEARNED = "unlearned"
UNKNOWN = "unknown"  # unlearn of a message never learned (or forgotten past the cap)

HAM, SPAM = "ham", "spam"

# KEYS: ham hash, spam hash, totals hash, learned hash, order zset
# ARGV: digest, target ("ham", "spam", or "" to unlearn), max tokens, max messages, now, tokens...
_LEARN_LUA = """
local prev = redis.call('HGET', KEYS[4], ARGV[1])
local target = ARGV[2]
if prev == target then return 'already' end
if (not prev) and target == '' then return 'unknown' end
if prev then
  local key = KEYS[1]
  if prev == 'spam' then key = KEYS[2] end
  for i = 6, #ARGV do
    if redis.call('HEXISTS', key, ARGV[i]) == 1 then
      if redis.call('HINCRBY', key, ARGV[i], -1) <= 0 then redis.call('HDEL', key, ARGV[i]) end
    end
  end
  if redis.call('HINCRBY', KEYS[3], prev, -1) < 0 then redis.call('HSET', KEYS[3], prev, 0) end
end
if target == '' then
  redis.call('HDEL', KEYS[4], ARGV[1])
  redis.call('ZREM', KEYS[5], ARGV[1])
  return 'unlearned'
end
local key = KEYS[1]
if target == 'spam' then key = KEYS[2] end
local room = tonumber(ARGV[3]) - redis.call('HLEN', key)
for i = 6, #ARGV do
  if redis.call('HEXISTS', key, ARGV[i]) == 1 then
    redis.call('HINCRBY', key, ARGV[i], 1)
  elseif room > 0 then
    redis.call('HSET', key, ARGV[i], 1)
    room = room - 1
  end
end
redis.call('HINCRBY', KEYS[3], target, 1)
redis.call('HSET', KEYS[4], ARGV[1], target)
redis.call('ZADD', KEYS[5], tonumber(ARGV[5]), ARGV[1])
local extra = redis.call('ZCARD', KEYS[5]) - tonumber(ARGV[4])
if extra > 0 then
  local old = redis.call('ZRANGE', KEYS[5], 0, extra - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[5], 0, extra - 1)
  for _, digest in ipairs(old) do redis.call('HDEL', KEYS[4], digest) end
end
if prev then return 'relearned' end
return 'learned'
"""


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> BayesModel:
    """The model file (the shipped one unless a path is given), read and checked once per process."""
    try:
        if path is None:
            data = resources.files("core").joinpath(MODEL_RESOURCE).read_bytes()
        else:
            data = Path(path).read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the Bayes model file: {exc}") from None
    return BayesModel.from_bytes(data)


def message_digest(raw: bytes) -> str:
    """Identity of a message for learning: sha256 of its bytes without scanner preamble and with LF line ends."""
    return hashlib.sha256(strip_scan_preamble(raw).replace(b"\r\n", b"\n")).hexdigest()


def message_tokens(raw: bytes, scan: ScanSettings) -> list[str]:
    """The tokens a scan would see in these message bytes."""
    return tokenize(parse_message(raw, scan))


class BayesStore:
    """Online-learned token counts in Redis, shared by every worker host of a server."""

    def __init__(self, client: redis.Redis, scan: ScanSettings, *, max_tokens: int = MAX_LEARNED_TOKENS,
                 max_messages: int = MAX_LEARNED_MESSAGES, totals_ttl: float = TOTALS_TTL) -> None:
        self.client = client
        self.scan = scan
        self.max_tokens = max_tokens
        self.max_messages = max_messages
        self.totals_ttl = totals_ttl
        v = TOKENIZER_VERSION
        self._keys = [keys.bayes_tokens(HAM, v), keys.bayes_tokens(SPAM, v), keys.bayes_totals(v),
                      keys.bayes_learned(v), keys.bayes_learned_order(v)]
        self._script = client.register_script(_LEARN_LUA)
        self._empty_until = 0.0  # monotonic time until which "nothing learned" is trusted
        self._warned_at = -1e9

    def learn(self, raw: bytes, spam: bool) -> str:
        """Learn a message as spam or ham: LEARNED, RELEARNED (moved from the other class) or ALREADY."""
        return self._run(raw, SPAM if spam else HAM)

    def unlearn(self, raw: bytes) -> str:
        """Take back what learning this message counted: UNLEARNED, or UNKNOWN if it was not learned."""
        return self._run(raw, "")

    def _run(self, raw: bytes, target: str) -> str:
        tokens = message_tokens(raw, self.scan)
        args: list[Any] = [message_digest(raw), target, self.max_tokens, self.max_messages, time.time(), *tokens]
        result = self._script(keys=self._keys, args=args)
        self._empty_until = 0.0  # our own learning shows at once in this process
        return result.decode() if isinstance(result, bytes) else str(result)

    def learned(self, tokens: Sequence[str]) -> LearnedCounts:
        """Learned counts of these tokens in one round trip; empty (with a warning) if Redis fails."""
        if not tokens or time.monotonic() < self._empty_until:
            return LearnedCounts()
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.hmget(self._keys[2], [HAM, SPAM])
            pipe.hmget(self._keys[0], list(tokens))
            pipe.hmget(self._keys[1], list(tokens))
            (nham, nspam), ham, spam = pipe.execute()
        except redis.RedisError as exc:
            now = time.monotonic()
            if now - self._warned_at > 60.0:  # one line a minute, not one per scan
                log.warning("bayes: learned counts unavailable, scoring with the shipped model only: %s", exc)
                self._warned_at = now
            return LearnedCounts()
        out = LearnedCounts(nham=int(nham or 0), nspam=int(nspam or 0))
        if not out.nham and not out.nspam:
            self._empty_until = time.monotonic() + self.totals_ttl
            return out
        out.ham = {t: int(v) for t, v in zip(tokens, ham, strict=True) if v is not None}
        out.spam = {t: int(v) for t, v in zip(tokens, spam, strict=True) if v is not None}
        return out

    def stats(self) -> dict[str, int]:
        """How much was learned: messages per class, distinct tokens per class, digests remembered."""
        pipe = self.client.pipeline(transaction=False)
        pipe.hmget(self._keys[2], [HAM, SPAM])
        pipe.hlen(self._keys[0])
        pipe.hlen(self._keys[1])
        pipe.zcard(self._keys[4])
        (nham, nspam), ham_tokens, spam_tokens, remembered = pipe.execute()
        return {"ham": int(nham or 0), "spam": int(nspam or 0), "ham_tokens": int(ham_tokens),
                "spam_tokens": int(spam_tokens), "remembered": int(remembered)}

    def reset(self) -> None:
        """Forget everything learned on this server (the shipped model stays)."""
        self.client.delete(*self._keys)
        self._empty_until = 0.0


class MemoryBayesStore:
    """BayesStore's stub twin for unit tests and benchmarks: the same rules, in process memory."""

    def __init__(self, scan: ScanSettings, *, max_tokens: int = MAX_LEARNED_TOKENS,
                 max_messages: int = MAX_LEARNED_MESSAGES) -> None:
        self.scan = scan
        self.max_tokens = max_tokens
        self.max_messages = max_messages
        self.counts: dict[str, dict[str, int]] = {HAM: {}, SPAM: {}}
        self.totals = {HAM: 0, SPAM: 0}
        self.remembered: dict[str, str] = {}  # digest -> class, oldest first

    def learn(self, raw: bytes, spam: bool) -> str:
        """Learn a message as spam or ham: LEARNED, RELEARNED or ALREADY."""
        return self._run(raw, SPAM if spam else HAM)

    def unlearn(self, raw: bytes) -> str:
        """Take back a learned message: UNLEARNED or UNKNOWN."""
        return self._run(raw, "")

    def _run(self, raw: bytes, target: str) -> str:
        digest = message_digest(raw)
        prev = self.remembered.get(digest)
        if prev == target or (prev is None and not target):
            return ALREADY if target else UNKNOWN
        tokens = message_tokens(raw, self.scan)
        if prev is not None:
            table = self.counts[prev]
            for tok in tokens:
                if tok in table:
                    table[tok] -= 1
                    if table[tok] <= 0:
                        del table[tok]
            self.totals[prev] = max(self.totals[prev] - 1, 0)
            del self.remembered[digest]
        if not target:
            return UNLEARNED
        table = self.counts[target]
        for tok in tokens:
            if tok in table:
                table[tok] += 1
            elif len(table) < self.max_tokens:
                table[tok] = 1
        self.totals[target] += 1
        self.remembered[digest] = target
        while len(self.remembered) > self.max_messages:
            del self.remembered[next(iter(self.remembered))]
        return RELEARNED if prev is not None else LEARNED

    def learned(self, tokens: Sequence[str]) -> LearnedCounts:
        """Learned counts of these tokens."""
        ham, spam = self.counts[HAM], self.counts[SPAM]
        return LearnedCounts(ham={t: ham[t] for t in tokens if t in ham},
                             spam={t: spam[t] for t in tokens if t in spam},
                             nham=self.totals[HAM], nspam=self.totals[SPAM])

    def stats(self) -> dict[str, int]:
        """How much was learned."""
        return {"ham": self.totals[HAM], "spam": self.totals[SPAM], "ham_tokens": len(self.counts[HAM]),
                "spam_tokens": len(self.counts[SPAM]), "remembered": len(self.remembered)}

    def reset(self) -> None:
        """Forget everything learned."""
        self.counts = {HAM: {}, SPAM: {}}
        self.totals = {HAM: 0, SPAM: 0}
        self.remembered = {}
