"""Campaign detection's Redis state: body fingerprints counted server-wide over a sliding hour, confirmed spam.

Every scanned outgoing message with a fingerprint (core.learning.fingerprint) is counted under each of its band keys,
with
one Lua call that also returns the counts, so the count a message is judged by includes itself and no two workers
ever read-then-write the same band. Per band key one ZSET holds the last hour exactly (not in buckets): a member
per message, per distinct recipient and per distinct sending account, scored by when it was last seen; the three
kinds live in one key (fewer keys per message: most bodies are unique and each needs BANDS of them) in separate
score ranges, each kind's time offset by KIND_OFFSET. Stale members are never counted and are dropped once they
outnumber the live ones, each kind is
capped (the oldest go first: the counts saturate at the cap) and the key expires an hour after its last write, so
a band costs memory only while it is being sent.

Confirmed spam is a ZSET of band keys scored by when each expires (CONFIRMED_TTL_S after its last
confirmation), capped at MAX_CONFIRMED_BANDS (the soonest to expire go first).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import redis
from redis.commands.core import Script

from core import keys
from core.learning.fingerprint import Fingerprint, fingerprint_message
from core.mail.mime import parse_message
from core.settings import Settings

WINDOW_S = 3600
#: Scores of recipients and accounts are their time plus this (messages: plus 0), so one ZSET keeps all three.
KIND_OFFSET = 10**10
#: Per band key and kind, at most this many members (messages, distinct recipients, distinct accounts).
MAX_MESSAGES = 5_000
MAX_RECIPIENTS = 5_000
MAX_ACCOUNTS = 200
#: Envelope recipients of one message counted (a Bcc blast to 5,000 counts 500: past every threshold anyway).
MAX_RECIPIENTS_PER_MESSAGE = 500
CONFIRMED_TTL_S = 30 * 86400
MAX_CONFIRMED_BANDS = 400_000

# KEYS: 1 the confirmed-spam zset, then one zset per band.
# ARGV: 1 now (integer seconds), 2 window, 3 record (1/0), 4 message member, 5 account member, 6 kind offset,
#       7 caps "messages recipients accounts", 8 n bands, then the n band keys (members of the confirmed zset),
#       then recipient members (distinct).
# Returns: confirmed bands, then messages, recipients, accounts per band.
# A message's members go in with one ZADD. Most bodies are unique, so most band keys are new: a key that holds
# nothing but what was just added was new, and its counts are what was added (nothing stale, no cap reached). A
# known key counts each kind within the sliding hour (stale members are not counted), drops its stale members only
# once they outnumber the live ones (so a key holds at most twice its window's members; never the message's own:
# they are newer than the window's start), and a kind over its cap is trimmed to exactly the cap, oldest first.
_OBSERVE_LUA = """
local now, window, record = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
local msg, acct, off, n = ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[8])
local caps = {}
for c in string.gmatch(ARGV[7], '%d+') do caps[#caps + 1] = tonumber(c) end
local first_rcpt = 9 + n
local out = {0}
local bands = {}
for i = 1, n do bands[i] = ARGV[8 + i] end
local conf = redis.call('ZMSCORE', KEYS[1], unpack(bands))
for i = 1, n do
  if conf[i] and tonumber(conf[i]) > now then out[1] = out[1] + 1 end
end
-- Scores, bounds and the TTL as strings made once (Redis formats each number argument of every call anew): all
-- are integers well below 1e14, which tostring writes exactly.
local sc, bs, lo, hi, after = {}, {}, {}, {}, {}
for k = 1, 3 do
  local base = (k - 1) * off
  sc[k], bs[k], lo[k], hi[k] = tostring(now + base), tostring(base), tostring(base + now - window),
    tostring(base + off - 1)
  after[k] = '(' .. lo[k]
end
local ttl = tostring(window + 60)
local members = {sc[1], msg}
for r = first_rcpt, #ARGV do
  members[#members + 1] = sc[2]
  members[#members + 1] = ARGV[r]
end
members[#members + 1] = sc[3]
members[#members + 1] = acct
-- a new key's counts are its members (1, recipients, 1) unless a cap is below them: then the general way
local simple = #ARGV - first_rcpt + 1 <= caps[2] and caps[1] >= 1 and caps[3] >= 1
for i = 1, n do
  local key = KEYS[1 + i]
  if not record then
    if redis.call('EXISTS', key) == 0 then
      out[#out + 1], out[#out + 2], out[#out + 3] = 0, 0, 0
    else
      for k = 1, 3 do
        out[#out + 1] = redis.call('ZCOUNT', key, after[k], hi[k])
      end
    end
  else
    local added = redis.call('ZADD', key, unpack(members))
    local card = redis.call('ZCARD', key)
    if card == added and simple then
      -- the key holds nothing but this message's members: it was new
      out[#out + 1], out[#out + 2], out[#out + 3] = 1, added - 2, 1
    else
      -- Each kind counted within the window (stale members left where they are, so three counts instead of three
      -- trims and two counts). Stale members are dropped once they outnumber the live ones (memory stays within
      -- twice the window's), never the message's own: they are newer than the window's start.
      local counts, live = {}, 0
      for k = 1, 3 do
        counts[k] = redis.call('ZCOUNT', key, after[k], hi[k])
        live = live + counts[k]
      end
      if card - live > live then
        for k = 1, 3 do redis.call('ZREMRANGEBYSCORE', key, bs[k], lo[k]) end
      end
      for k = 1, 3 do
        local count = counts[k]
        local extra = count - caps[k]
        if extra > 0 then
          -- the oldest of the window's members go (stale ones are not counted, so they are not what is trimmed)
          local old = redis.call('ZRANGE', key, after[k], hi[k], 'BYSCORE', 'LIMIT', 0, extra)
          redis.call('ZREM', key, unpack(old))
          count = caps[k]
        end
        out[#out + 1] = count
      end
    end
    redis.call('EXPIRE', key, ttl)
  end
end
return out
"""


@dataclass(frozen=True, slots=True)
class BandCounts:
    """What one band key saw in the last hour, this message included."""

    messages: int
    recipients: int  # distinct envelope recipients
    accounts: int  # distinct sending accounts


@dataclass(frozen=True, slots=True)
class CampaignView:
    """The server-wide counts of one message's fingerprint: what the campaign check judges it by."""

    bands: tuple[BandCounts, ...]
    confirmed: int  # band keys shared with confirmed spam

    def agreed(self, kind: str, min_bands: int) -> int:
        """The largest count that at least min_bands of the message's band keys reached (0 if fewer bands)."""
        values = sorted(map(attrgetter(kind), self.bands), reverse=True)
        need = max(int(min_bands), 1)
        return values[need - 1] if len(values) >= need else 0


def recipient_member(address: str) -> str:
    """A recipient as a ZSET member: a short digest (addresses are not kept in the campaign keys).

    40 bits: two of a band's (at most MAX_RECIPIENTS) recipients collide with probability below 1e-5.
    """
    return "r" + hashlib.blake2b(address.strip().lower().encode(), digest_size=5).hexdigest()


class CampaignStore:
    """Count fingerprints across the server and keep confirmed spam's: the one owner of the `camp` keys."""

    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self._observe = client.register_script(_OBSERVE_LUA)

    def fingerprint(self, raw: bytes) -> Fingerprint | None:
        """The fingerprint of raw message bytes as a scan computes it (without envelope recipients)."""
        msg = parse_message(raw, self.settings.scan)
        return fingerprint_message(msg, min_words=int(self.settings.check_param("campaign_min_words")))

    # ---- the scan path -----------------------------------------------------------------------------------------
    def observe_plan(self, fp: Fingerprint, *, account: str, recipients: Sequence[str], record: bool = True,
                     message_id: str | None = None, now: float | None = None) -> tuple[list[str], list[Any]] | None:
        """The observe script's keys and arguments for one message; None for a fingerprint without band keys."""
        if not fp.bands:
            return None
        now_s = int(time.time() if now is None else now)
        rcpts = sorted({recipient_member(r) for r in recipients[:MAX_RECIPIENTS_PER_MESSAGE] if r.strip()})
        ks = [keys.campaign_confirmed(), *(keys.campaign_band(b) for b in fp.bands)]
        args: list[Any] = [now_s, WINDOW_S, int(record), "m" + (message_id or os.urandom(5).hex()),
                           "a" + account, KIND_OFFSET, f"{MAX_MESSAGES} {MAX_RECIPIENTS} {MAX_ACCOUNTS}",
                           len(fp.bands), *fp.bands, *rcpts]
        return ks, args

    @staticmethod
    def observe_answer(fp: Fingerprint, answer: Sequence[Any]) -> CampaignView:
        """The counts the observe script answered."""
        raw = list(map(int, answer))
        end = 1 + 3 * len(fp.bands)
        if len(raw) < end:
            raise ValueError(f"observe answered {len(raw)} values for {len(fp.bands)} bands")
        bands = tuple(map(BandCounts, raw[1:end:3], raw[2:end:3], raw[3:end:3]))
        return CampaignView(bands=bands, confirmed=raw[0])

    @property
    def observe_script(self) -> Script:
        """The observe script, for callers that pipeline it (core.store.scan_effects)."""
        return self._observe

    def observe(self, fp: Fingerprint, *, account: str, recipients: Sequence[str], record: bool = True,
                message_id: str | None = None, now: float | None = None) -> CampaignView:
        """Count one message under its band keys (unless record is False) and return its bands' counts."""
        plan = self.observe_plan(fp, account=account, recipients=recipients, record=record, message_id=message_id,
                                 now=now)
        if plan is None:
            return CampaignView(bands=(), confirmed=0)
        return self.observe_answer(fp, self._observe(keys=plan[0], args=plan[1]))

    # ---- confirmed spam ----------------------------------------------------------------------------------------
    def confirm_spam(self, raw: bytes, *, now: float | None = None) -> int:
        """Remember a confirmed spam message's fingerprint for CONFIRMED_TTL_S; band keys stored (0: too short)."""
        fp = self.fingerprint(raw)
        return self.confirm_fingerprint(fp, now=now) if fp else 0

    def confirm_fingerprint(self, fp: Fingerprint, *, now: float | None = None) -> int:
        """Remember a fingerprint as confirmed spam (again: its expiry moves on); band keys stored."""
        if not fp.bands:
            return 0
        now_s = int(time.time() if now is None else now)
        key = keys.campaign_confirmed()
        pipe = self.client.pipeline(transaction=True)
        pipe.zadd(key, {band: now_s + CONFIRMED_TTL_S for band in fp.bands})
        pipe.zremrangebyscore(key, "-inf", now_s)
        pipe.zremrangebyrank(key, 0, -(MAX_CONFIRMED_BANDS + 1))  # keeps the MAX latest to expire
        pipe.execute()
        return len(fp.bands)

    def unconfirm(self, raw: bytes) -> int:
        """Forget a message's fingerprint as confirmed spam (an admin's mistake); band keys removed.

        A band key another confirmed message shares is forgotten for both: that message then matches on its
        other band keys, or is confirmed again when seen again.
        """
        fp = self.fingerprint(raw)
        if fp is None or not fp.bands:
            return 0
        return int(self.client.zrem(keys.campaign_confirmed(), *fp.bands))

    def confirmed_count(self, *, now: float | None = None) -> int:
        """Band keys of confirmed spam in force."""
        now_s = int(time.time() if now is None else now)
        return int(self.client.zcount(keys.campaign_confirmed(), f"({now_s}", "+inf"))
