"""Campaign benchmark: what fingerprinting and counting cost per message, and how well fingerprints match.

Run from the repository root (no root needed: a private redis-server on a unix socket is started and stopped
here; nothing of the system's is touched):

    .venv/bin/python -m bench.campaign [--messages N] [--json]

Phases, on the training corpus (every message parsed once beforehand; parsing is not counted):
 1. Fingerprint cost: core.learning.fingerprint.fingerprint_message per message (perf_counter around each call): mean,
    p50, p99, max in microseconds, and the share of messages with a fingerprint (enough words).
 2. Counting cost: CampaignStore.observe for every fingerprinted message against the private Redis, with 1 and
    with 50 envelope recipients a message:
      client CPU   the bench process's CPU time (process_time) per call: redis-py and Python
      wall         per call, the round trip included
      redis CPU    the server's CPU (INFO cpu deltas) per call
      script       EVALSHA's own time inside Redis (commandstats)
      round trips  requests sent per call (counted in the connection class)
      memory       Redis used_memory growth per message while every body is new (the worst case: 8 band keys)
 3. Matching between distinct corpus messages (ham with ham, spam with spam): pairs sharing at least one band
    key, campaign_min_bands of them (counted as the same body) and campaign_confirmed_min_bands (matching confirmed
    spam), split by the exact Jaccard similarity of the two own-text shingle sets: >= 0.5 are real near-duplicates
    in the corpus (daily digests of one list), below are LSH false matches. Then: if an admin had confirmed every
    corpus spam message, how many ham messages would match one (each would be held: the false positives).
 4. Matching a mail-merge copy: each fingerprinted message against a copy with another greeting name, other
    digits, other link paths and addresses; then with 5% and 10% of its words also replaced (spintax). Share of
    copies that share at least campaign_min_bands / campaign_confirmed_min_bands band keys with the original.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_CORPUS, load_corpus, sample
from bench.limits import CountingConnection, command_calls, counting_client, redis_cpu, say
from core.learning.fingerprint import (
    Fingerprint,
    fingerprint_message,
    fingerprint_text,
    normalize,
    own_text,
    personal_words,
    shingles,
)
from core.mail.mime import ParsedMessage, parse_message
from core.settings import load_settings
from core.store.campaigns import CampaignStore
from tests.redis_server import RedisServer

NAMES = ("Maria", "John", "Aiko", "Pedro", "Fatima", "Olga", "Chen", "Amara", "Lukas", "Sofia")
_DIGIT = re.compile(r"\d")
_URL_PATH = re.compile(r"((?:https?|ftp)://[^\s/?#<>\"']+)[^\s<>\"']*", re.I)
_ADDR = re.compile(r"[\w.+-]{1,64}@[\w.-]{1,255}")


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def body_text(msg: ParsedMessage) -> str:
    """The text fingerprint_message takes the fingerprint from."""
    return msg.text if msg.text.strip() else msg.html_text


# ------------------------------------------------------------------------------------------------ phase 1

def fingerprint_cost(parsed: list[tuple[str, ParsedMessage]]) -> tuple[dict[str, Any], list[Fingerprint | None]]:
    times: list[float] = []
    fps: list[Fingerprint | None] = []
    cpu0 = time.process_time()
    for _, msg in parsed:
        t = time.perf_counter()
        fps.append(fingerprint_message(msg))
        times.append(time.perf_counter() - t)
    cpu = time.process_time() - cpu0
    us = [t * 1e6 for t in times]
    return {"messages": len(parsed), "fingerprinted": sum(1 for f in fps if f),
            "cpu_us_per_msg": cpu / len(parsed) * 1e6, "mean_us": statistics.mean(us), "p50_us": percentile(us, .5),
            "p99_us": percentile(us, .99), "max_us": max(us)}, fps


# ------------------------------------------------------------------------------------------------ phase 2

def count_cost(server: RedisServer, fps: list[Fingerprint], recipients: int) -> dict[str, Any]:
    info = server.client()
    info.flushall()
    client = counting_client(str(server.socket))
    store = CampaignStore(client, load_settings(environ={}))
    rcpts = [[f"user{i}.{r}@dest.example" for r in range(recipients)] for i in range(len(fps))]
    store.observe(fps[0], account="warmup", recipients=["w@x"])  # loads the script
    info.flushall()
    mem0 = int(info.info("memory")["used_memory"])
    calls0, cpu_r0 = command_calls(info), redis_cpu(info)
    sends0 = CountingConnection.sends
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for i, fp in enumerate(fps):
        store.observe(fp, account=f"account{i % 50}", recipients=rcpts[i])
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    sends = CountingConnection.sends - sends0
    cpu_r = redis_cpu(info) - cpu_r0
    calls = command_calls(info)
    ev = calls.get("evalsha", (0, 0))
    ev0 = calls0.get("evalsha", (0, 0))
    mem = int(info.info("memory")["used_memory"]) - mem0
    n = len(fps)
    client.close()
    return {"recipients": recipients, "messages": n, "client_cpu_us": cpu / n * 1e6, "wall_us": wall / n * 1e6,
            "redis_cpu_us": cpu_r / n * 1e6, "script_us": (ev[1] - ev0[1]) / max(ev[0] - ev0[0], 1),
            "round_trips": sends / n, "memory_bytes_per_msg": mem / n,
            "band_keys": int(info.dbsize())}


# ------------------------------------------------------------------------------------------------ phase 3

def matching(names: list[str], fps: list[Fingerprint | None], texts: list[list[str]], thresholds: dict[str, int],
             label: str) -> dict[str, Any]:
    idx = [i for i, n in enumerate(names) if f"/{label}/" in n and fps[i] is not None]
    by_band: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        for band in fps[i].bands:  # type: ignore[union-attr]
            by_band[band].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in by_band.values():
        for a, b in itertools.combinations(members, 2):
            shared[(a, b)] += 1
    sets = {i: shingles(texts[i]) for pair in shared for i in pair}

    def jaccard(a: int, b: int) -> float:
        return len(sets[a] & sets[b]) / max(len(sets[a] | sets[b]), 1)

    n = len(idx)
    total = n * (n - 1) // 2
    out: dict[str, Any] = {"label": label, "messages": n, "pairs": total}
    for name, need in (("any_band", 1), *thresholds.items()):
        pairs = [p for p, c in shared.items() if c >= need]
        near = [p for p in pairs if jaccard(*p) >= 0.5]
        false = len(pairs) - len(near)
        out[name] = {"bands": need, "pairs": len(pairs), "near_duplicate_pairs": len(near),
                     "false_match_pairs": false, "false_match_rate": false / total if total else 0.0,
                     "messages_with_a_match": len({i for p in pairs for i in p}),
                     "messages_with_a_false_match": len({i for p in pairs if jaccard(*p) < 0.5 for i in p})}
    return out


# ------------------------------------------------------------------------------------------------ phase 4

def merge_copy(text: str, rng: random.Random, name: str, replace: float, vocab: Sequence[str]) -> str:
    """text as a mail merge would send it to someone else: greeting name, digits, link paths, addresses."""
    text = _DIGIT.sub(lambda _: str(rng.randrange(10)), text)
    text = _URL_PATH.sub(lambda m: f"{m.group(1)}/t/{rng.getrandbits(40):x}?r={rng.getrandbits(20)}", text)
    text = _ADDR.sub(lambda _: f"{rng.choice(NAMES).lower()}{rng.randrange(99)}@mail.example", text)
    if replace:
        words = text.split(" ")
        for i in rng.sample(range(len(words)), int(len(words) * replace)):
            words[i] = rng.choice(vocab)
        text = " ".join(words)
    return f"Dear {name},\n\n{text}"


def confirmed_false_positives(names: list[str], fps: list[Fingerprint | None],
                              thresholds: dict[str, int]) -> dict[str, Any]:
    """Ham messages that would match confirmed spam if every corpus spam message had been confirmed."""
    spam_bands: set[str] = {b for n, f in zip(names, fps, strict=True) if f and "/spam/" in n for b in f.bands}
    ham = [f for n, f in zip(names, fps, strict=True) if f and "/ham/" in n]
    out: dict[str, Any] = {"ham": len(ham), "confirmed_spam": sum(1 for n, f in zip(names, fps, strict=True)
                                                                  if f and "/spam/" in n)}
    for name, need in thresholds.items():
        # an upper bound: the bands may come from different spam messages
        out[name] = {"bands": need, "ham_matching": sum(1 for f in ham if len(spam_bands & set(f.bands)) >= need)}
    return out


def recall(parsed: list[tuple[str, ParsedMessage]], fps: list[Fingerprint | None], thresholds: dict[str, int],
           seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    vocab = sorted({w for (_, m), f in zip(parsed, fps, strict=True) if f for w in normalize(body_text(m))[:50]})
    out = []
    for replace in (0.0, 0.05, 0.10):
        hits = dict.fromkeys(thresholds, 0)
        total = 0
        sims: list[float] = []
        for (_, msg), fp in zip(parsed, fps, strict=True):
            if fp is None:
                continue
            text = body_text(msg)
            a_name, b_name = rng.sample(NAMES, 2)
            a = fingerprint_text(f"Dear {a_name},\n\n{text}", personal_words([a_name]))
            b = fingerprint_text(merge_copy(text, rng, b_name, replace, vocab), personal_words([b_name]))
            if a is None or b is None:
                continue
            total += 1
            shared = a.shared_bands(b)
            for name, need in thresholds.items():
                hits[name] += shared >= need
            sims.append(a.similarity(b))
        out.append({"words_replaced": replace, "copies": total,
                    **{f"recall_{name}": (hits[name] / total if total else 0.0) for name in thresholds},
                    "median_similarity": statistics.median(sims) if sims else 0.0})
    return out


# ------------------------------------------------------------------------------------------------ report

def render(r: dict[str, Any]) -> str:
    f = r["fingerprint"]
    lines = [f"Campaign detection on {f['messages']} corpus messages ({r['meta']['corpus']})", "",
             f"1. Fingerprint: {f['fingerprinted']} of {f['messages']} messages have one (>= "
             f"{r['meta']['min_words']} words of own text). CPU {f['cpu_us_per_msg']:.0f} us/msg; per call mean "
             f"{f['mean_us']:.0f}, p50 {f['p50_us']:.0f}, p99 {f['p99_us']:.0f}, max {f['max_us']:.0f} us", "",
             "2. Counting (CampaignStore.observe, one EVALSHA):",
             f"   {'rcpts':>5} {'client CPU':>11} {'wall':>8} {'redis CPU':>10} {'script':>8} {'trips':>6} "
             f"{'bytes/msg':>10}"]
    for c in r["count"]:
        lines.append(f"   {c['recipients']:>5} {c['client_cpu_us']:>8.0f} us {c['wall_us']:>5.0f} us "
                     f"{c['redis_cpu_us']:>7.0f} us {c['script_us']:>5.0f} us {c['round_trips']:>6.2f} "
                     f"{c['memory_bytes_per_msg']:>10.0f}")
    one = r["count"][0]
    lines += [f"   fingerprint + count (1 recipient): {f['cpu_us_per_msg'] + one['client_cpu_us']:.0f} us client "
              f"CPU + {one['redis_cpu_us']:.0f} us Redis CPU per message", "",
              "3. Matches between distinct messages (false match: exact shingle Jaccard < 0.5):"]
    for m in r["matching"]:
        for key in ("any_band", "counted", "confirmed"):
            x = m[key]
            lines.append(f"   {m['label']:<4} >= {x['bands']} band(s): {x['pairs']} of {m['pairs']} pairs "
                         f"({x['near_duplicate_pairs']} near-duplicates, {x['false_match_pairs']} false: rate "
                         f"{x['false_match_rate']:.2e}); messages with a match {x['messages_with_a_match']}, "
                         f"with a false match {x['messages_with_a_false_match']} of {m['messages']}")
    c = r["confirmed_false_positives"]
    lines.append(f"   if all {c['confirmed_spam']} spam were confirmed: ham matching at >= {c['confirmed']['bands']} "
                 f"bands (held): {c['confirmed']['ham_matching']} of {c['ham']} "
                 f"({c['confirmed']['ham_matching'] / max(c['ham'], 1):.2%}); at >= {c['counted']['bands']}: "
                 f"{c['counted']['ham_matching']}")
    lines += ["", "4. A mail-merge copy (other name, digits, link paths, addresses) matches its original "
              f"(counted: >= {r['meta']['min_bands']} bands, confirmed: >= {r['meta']['confirmed_min_bands']}):"]
    for v in r["recall"]:
        lines.append(f"   + {v['words_replaced']:.0%} words replaced: counted {v['recall_counted']:.3f}, confirmed "
                     f"{v['recall_confirmed']:.3f} of {v['copies']} (median estimated similarity "
                     f"{v['median_similarity']:.2f})")
    lines += ["", f"({r['meta']['duration_s']:.0f} s; load {r['meta']['load']:.2f})"]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--messages", type=int, default=None, help="sample this many corpus messages (default: all)")
    ap.add_argument("--seed", type=int, default=0, help="sampling and variant seed (default 0)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="training corpus tarball")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of tables")
    args = ap.parse_args(argv)
    if args.messages is not None and args.messages < 2:
        ap.error("--messages must be at least 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    import os

    args = parse_args(argv)
    t0 = time.monotonic()
    settings = load_settings(environ={})
    min_bands = int(settings.check_param("campaign_min_bands"))
    confirmed_min = int(settings.check_param("campaign_confirmed_min_bands"))
    thresholds = {"counted": min_bands, "confirmed": confirmed_min}
    say(f"reading {args.corpus}")
    corpus = sample(load_corpus(args.corpus), args.messages, args.seed)
    corpus.sort(key=lambda m: m.name)
    parsed = [(m.name, parse_message(m.message, settings.scan)) for m in corpus]
    report: dict[str, Any] = {"meta": {"corpus": str(args.corpus), "min_bands": min_bands,
                                       "confirmed_min_bands": confirmed_min,
                                       "min_words": int(settings.check_param("campaign_min_words"))}}
    say("phase 1: fingerprints")
    report["fingerprint"], fps = fingerprint_cost(parsed)
    work = Path(tempfile.mkdtemp(prefix="mailward-bench-campaign-"))
    server = RedisServer(work / "redis")
    try:
        server.start()
        report["meta"]["redis_version"] = server.client().info("server")["redis_version"]
        found = [f for f in fps if f is not None]
        report["count"] = []
        for rc in (1, 50):
            say(f"phase 2: counting, {rc} recipient(s) a message")
            report["count"].append(count_cost(server, found, rc))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    say("phase 3: matches between distinct messages")
    names = [n for n, _ in parsed]
    texts = [normalize(own_text(body_text(m))) for _, m in parsed]
    report["matching"] = [matching(names, fps, texts, thresholds, label) for label in ("ham", "spam")]
    report["confirmed_false_positives"] = confirmed_false_positives(names, fps, thresholds)
    say("phase 4: mail-merge copies")
    report["recall"] = recall(parsed, fps, thresholds, args.seed)
    report["meta"].update({"duration_s": time.monotonic() - t0, "load": os.getloadavg()[0]})
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
