"""A scan's Redis work in two round trips instead of seven: the claim's start with the reads before the checks in
one Lua call, and the claim's commit with the counters it guards in another.

Before the checks (read_ahead): the campaign count of the body's fingerprint and the sender history's read-only
view (each when asked; two independent scripts on separate keys, neither needs the other), and first, when the scan
still has its claim to take, the claim's start (core.store.scan_claims): only if it took the claim do the reads
run, so nothing is counted unless the claim was taken first. A scan that makes neither read takes its claim with
ScanClaims.start instead (core.scan.scanner). One call cost the worker less CPU than the pipeline of the two.

After the verdict (commit_and_count): one script runs the claim's commit (core.store.scan_claims), then, only if
it stood, the sender limits (core.store.limits) and the sender history's record (core.store.sender_history), each
the very script its store runs alone, wrapped as a Lua function. So the exactly-once rule holds as before (nothing
is counted unless the commit stood, and the commit comes first), in one atomic step: a refused connection means
none of it ran and the whole call may be retried. A message the limits hold is recorded in history as held, as
core.scan.scanner did when these were three calls.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import redis

from core import keys
from core.store.campaigns import _OBSERVE_LUA
from core.store.connection import run_script
from core.store.limits import _ACCOUNT_LUA, RATELIMITED, Decision, LimitCall, decision
from core.store.scan_claims import _COMMIT, _START, DECIDED_TTL_S, start_plan
from core.store.sender_history import _RECORD_LUA, _VIEW_LUA

#: Both scripts below cut their KEYS and decoded ARGV into each wrapped script's own with this.
_SLICE_LUA = """local function slice(t, from, n)
  local out = {}
  for i = 1, n do out[i] = t[from + i - 1] end
  return out
end"""

# The keys, as a JSON array of strings in ARGV[2] (not declared one by one: packing each in redis-py costs the worker
# more than json.dumps of all of them, and Mailward's one Redis is no cluster that would need them declared): the
# claim (if any), then the limits script's keys, then the history script's.
# ARGV[1]: a JSON array of strings (the arguments as redis-py would have sent them one by one): 1 claim keys (0|1),
#       2 limits keys, 3 limits args, 4 history keys, 5 history args, then the commit's three arguments (if a
#       claim), the limits arguments, the history arguments. One string instead of about 60: redis-py packs each
#       argument in Python (about 0.7 us apiece), json.dumps all of them in C, and cjson decodes them in Redis.
# Returns {0} when the commit did not stand (nothing else ran), else {1, the limits answer or false}.
_EFFECTS_LUA = """
local ARGV, KEYS = cjson.decode(ARGV[1]), cjson.decode(ARGV[2])
local function commit_fn(KEYS, ARGV)
__COMMIT__
end
local function limits_fn(KEYS, ARGV)
__LIMITS__
end
local function history_fn(KEYS, ARGV)
__HISTORY__
end
__SLICE__
local nc, nkl, nal, nkh, nah = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]),
  tonumber(ARGV[5])
local k, a = 1, 6
if nc > 0 then
  if commit_fn(slice(KEYS, 1, 1), slice(ARGV, 6, 3)) == 0 then return {0} end
  k, a = 2, 9
end
local lim = false
if nkl > 0 then
  lim = limits_fn(slice(KEYS, k, nkl), slice(ARGV, a, nal))
  k, a = k + nkl, a + nal
end
if nkh > 0 then
  local hargs = slice(ARGV, a, nah)
  -- a message the limits just held is not delivered (ARGV[2] of the record script)
  if lim and lim[5] == '__RATELIMITED__' then hargs[2] = '0' end
  history_fn(slice(KEYS, k, nkh), hargs)
end
return {1, lim}
""".replace("__SLICE__", _SLICE_LUA).replace("__COMMIT__", _COMMIT).replace("__LIMITS__", _ACCOUNT_LUA) \
    .replace("__HISTORY__", _RECORD_LUA).replace("__RATELIMITED__", RATELIMITED)


def _wire(value: Any) -> str:
    """An argument as the string Redis would have been sent for it (redis-py's Encoder: numbers by repr)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):  # refused by redis-py's Encoder too
        raise TypeError(f"cannot send {type(value).__name__} {value!r} to Redis")
    return repr(value)


def _packed(head: list[Any], args: list[Any]) -> str:
    """The script's arguments as one JSON array of strings (see _EFFECTS_LUA)."""
    return json.dumps([*map(_wire, head), *[a if type(a) is str else _wire(a) for a in args]], ensure_ascii=False,
                      separators=(",", ":"))


def _keys(names: list[str]) -> str:
    """The keys a script works on as one JSON array (see _EFFECTS_LUA)."""
    return json.dumps(names, ensure_ascii=False, separators=(",", ":"))


# The claim's start (core.store.scan_claims) and, only if it took the claim, the reads before the checks: the campaign
# count and the history view (each when asked), each the very script its store runs alone, wrapped as a Lua function.
# So a scan's first call that counts or reads takes its claim in the same round trip, and one whose claim is gone
# counts and reads nothing. Without a claim (no KEYS: already taken, or a scan the gateway did not claim) only the
# reads run.
# KEYS: the start script's (the claim, the dead workers), or none. ARGV[1]: a JSON array of strings: 1 campaign keys
#       (0: no campaign count), 2 campaign args, 3 view wanted (0|1), then the campaign arguments, then the view's.
#       ARGV[2]: the campaign script's keys, then the view's, as one JSON array (keys are passed this way so that
#       the two scripts' variable key lists fit one call). ARGV[3..5]: the start script's arguments.
# Returns {0} when the claim was not taken (nothing else ran), else {1, the campaign answer or false, the view answer
# or false}.
_CLAIM_AHEAD_LUA = """
local function start_fn(KEYS, ARGV)
__START__
end
local function observe_fn(KEYS, ARGV)
__OBSERVE__
end
local function view_fn(KEYS, ARGV)
__VIEW__
end
__SLICE__
if #KEYS > 0 and start_fn(KEYS, {ARGV[3], ARGV[4], ARGV[5]}) == 0 then return {0} end
local A, K = cjson.decode(ARGV[1]), cjson.decode(ARGV[2])
local nko, nao = tonumber(A[1]), tonumber(A[2])
local counted, viewed = false, false
if nko > 0 then counted = observe_fn(slice(K, 1, nko), slice(A, 4, nao)) end
if A[3] == '1' then viewed = view_fn(slice(K, nko + 1, #K - nko), slice(A, 4 + nao, #A - 3 - nao)) end
return {1, counted, viewed}
""".replace("__SLICE__", _SLICE_LUA).replace("__START__", _START).replace("__OBSERVE__", _OBSERVE_LUA) \
    .replace("__VIEW__", _VIEW_LUA)


@dataclass(frozen=True, slots=True)
class Ahead:
    """What read_ahead read: the claim's token when it took the claim (None: no claim was asked), the campaign
    script's answer and the history view's (None: not asked)."""

    token: str | None
    counted: Any = None
    viewed: Any = None


@dataclass(frozen=True, slots=True)
class Committed:
    """What commit_and_count did: whether the commit stood, and what the limits decided (None: not asked)."""

    committed: bool
    decision: Decision | None = None


class ScanEffects:
    """The scan path's batched Redis exchanges (see the module docstring)."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client
        self._effects = client.register_script(_EFFECTS_LUA)
        self._claim_ahead = client.register_script(_CLAIM_AHEAD_LUA)

    def read_ahead(self, claim: str | None, campaign: tuple[list[str], list[Any]] | None,
                   view: tuple[list[str], list[Any]] | None) -> Ahead | None:
        """The campaign script (CampaignStore.observe_plan's keys and arguments) and the history view
        (SenderHistoryStore.view_plan's), each when given, in one call; with `claim` (a spool id) the gateway's claim
        on that scan is taken first (ScanClaims.start), and None means it was gone (the gateway stopped waiting, or
        a live worker committed): nothing was counted or read."""
        token, claim_keys, claim_args = start_plan(claim) if claim is not None else (None, [], [])
        (ck, ca), (vk, va) = campaign if campaign is not None else ([], []), view if view is not None else ([], [])
        head = [len(ck), len(ca), 1 if view is not None else 0]
        answer = run_script(self._claim_ahead, claim_keys, [_packed(head, [*ca, *va]), _keys([*ck, *vk]), *claim_args])
        if not int(answer[0]):
            return None
        return Ahead(token, answer[1] if campaign is not None else None, answer[2] if view is not None else None)

    def commit_and_count(self, claim: tuple[str, str, str] | None, limits: LimitCall | None,
                         history: tuple[list[str], list[Any]] | None) -> Committed:
        """Commit the claim (spool id, token, worker; None: no claim), then run the limits and the history record.

        limits: LimitStore.plan(...) (a "try" or a recorded outcome); history: SenderHistoryStore.record_plan(...)
        with the verdict's delivered flag before the limits (a hold by the limits turns it to held).
        """
        ks: list[str] = []
        head: list[Any] = [1 if claim else 0, 0, 0, 0, 0]
        args: list[Any] = []
        if claim is not None:
            spool_id, token, worker = claim
            ks.append(keys.scan_claim(spool_id))
            args += [token, DECIDED_TTL_S, worker or "-"]
        if limits is not None:
            ks += limits.keys
            args += limits.args
            head[1], head[2] = len(limits.keys), len(limits.args)
        if history is not None:
            ks += history[0]
            args += history[1]
            head[3], head[4] = len(history[0]), len(history[1])
        answer = run_script(self._effects, (), [_packed(head, args), _keys(ks)])
        if not int(answer[0]):
            return Committed(False)
        if limits is None:
            return Committed(True)
        lim = answer[1]
        return Committed(True, decision(lim, limits.counted(lim)))
