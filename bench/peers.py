"""Mailward beside SpamAssassin and rspamd on the same mail (issue 13): every message of a set through a private
spamd, a private rspamd and Mailward's pipeline, and how much spam and legitimate mail each one holds.

    .venv/bin/python -m bench.peers [--seed 0] [--corpus-holdout] [--no-modern] [--limit N] [--train-limit N]
        [--concurrency 2] [--skip-sa] [--skip-rspamd] [--corpus PATH] [--json] [--json-file PATH] [--keep]

The engines, all offline (no DNS, no block lists, no online hash services), all started privately under one
temporary directory on loopback ports and stopped at the end (also on Ctrl-C or SIGTERM):
 - SpamAssassin: Debian's spamd with its stock rules, local tests only (--local), Bayes in a private directory
   trained by `sa-learn -L` on the training messages before spamd starts; held = its spam verdict (score >= 5).
 - rspamd: Debian's rspamd with its stock rules and the network modules off, Bayes on its own private
   redis-server, learned through its controller (rspamc learn_spam / learn_ham; bench.rspamd_private); held =
   action `reject`, marked = `add header` or `rewrite subject`. Each scan carries the envelope Exim would hand
   it (From, Rcpt, IP, Helo, User for SMTP AUTH or the local caller, Queue-Id).
 - Mailward: core.scan.pipeline as bench.modern_detection / bench.detection run it (a fresh install: nothing
   learned, no sender history); held = `quarantine`, marked = `add header`.

The sets:
 - the generated modern validation set (bench.modern_mail.generate(--seed)): the peers learn the whole shared
   corpus, as Mailward's shipped model did; Mailward scans with its shipped model.
 - --corpus-holdout: the newer 40% of each kind of the shared corpus (bench.detection's time split); all three
   learn only the older 60% (Mailward's classifier is trained in memory on it, as `bench.detection --split
   time` does). These messages are scanned with their From as envelope sender and one recipient, no IP or
   user, as inbound mail of unknown origin.

--limit N scans N messages of each set, spread over its kinds (a smoke run); --train-limit N lets the peers
learn only N corpus messages, half of each label (a smoke run: SpamAssassin uses Bayes only after 200 of each).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_CORPUS, CorpusMessage, load_corpus
from bench.peer_results import (
    MAILWARD,
    RSPAMD,
    SA,
    EngineSummary,
    Verdict,
    as_json,
    error_verdict,
    mailward_verdict,
    render,
    rspamd_verdict,
    sa_verdict,
    summarize,
)
from bench.rspamd_check import RspamdEnvelope, rspamd_check
from bench.rspamd_private import BayesRspamd, PrivateBayesRedis, stop_quietly
from bench.spamd_private import BayesSpamd, spamd_check

#: The recipient of the corpus messages (bench.detection scans them for the same one).
CORPUS_RCPT = "someone@example.net"


def say(text: str) -> None:
    """Progress goes to stderr; stdout holds only the report."""
    print(text, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------- the sets


@dataclass(frozen=True, slots=True)
class Item:
    """One message of a set, as every engine gets it."""

    name: str
    label: str
    kind: str
    raw: bytes
    envelope: RspamdEnvelope


@dataclass(slots=True)
class MessageSet:
    """The messages to scan, what the peers learn first, and how Mailward scans the same messages."""

    key: str
    title: str
    items: list[Item]
    training: list[CorpusMessage]
    mailward: Callable[[Sequence[Item]], list[Verdict]]


def pick(items: Sequence[Item], limit: int | None, seed: int = 0) -> list[Item]:
    """`limit` items, each label its share (at least one), spread round-robin over the label's kinds, each kind in
    a seeded shuffle; returned in the set's own order. All of them for None."""
    if limit is None or limit >= len(items):
        return list(items)
    by_label: dict[str, dict[str, list[int]]] = {}
    for i, it in enumerate(items):
        by_label.setdefault(it.label, {}).setdefault(it.kind, []).append(i)
    sizes = {lbl: sum(map(len, kinds.values())) for lbl, kinds in by_label.items()}
    quota = {lbl: max(1, round(limit * n / len(items))) for lbl, n in sizes.items()}
    while sum(quota.values()) > limit:
        quota[max(quota, key=lambda lbl: quota[lbl])] -= 1
    while sum(quota.values()) < limit:  # rounding left some over: to the label with the most left
        quota[max(quota, key=lambda lbl: sizes[lbl] - quota[lbl])] += 1
    rnd = random.Random(seed)
    chosen: list[int] = []
    for lbl, kinds in sorted(by_label.items()):
        queues = [rnd.sample(idx, len(idx)) for _, idx in sorted(kinds.items())]
        mine: list[int] = []
        while len(mine) < quota[lbl]:
            for q in queues:
                if q and len(mine) < quota[lbl]:
                    mine.append(q.pop())
        chosen += mine
    return [items[i] for i in sorted(chosen)]


def train_sample(messages: Sequence[CorpusMessage], limit: int | None, seed: int = 0) -> list[CorpusMessage]:
    """The peers' training messages: all, or `limit` of them, half of each label, from a seeded shuffle."""
    if limit is None or limit >= len(messages):
        return list(messages)
    rnd = random.Random(seed)
    out: list[CorpusMessage] = []
    for label in ("spam", "ham"):
        mine = [m for m in messages if m.label == label]
        out += rnd.sample(mine, min(len(mine), limit // 2))
    return sorted(out, key=lambda m: m.name)


def modern_set(corpus: Sequence[CorpusMessage], seed: int, limit: int | None,
               train_limit: int | None) -> MessageSet:
    """The generated modern validation set; the peers learn the corpus."""
    from bench.modern_detection import scan_modern
    from bench.modern_mail import envelope_of, generate
    from core.settings import load_settings

    items = []
    for m in generate(seed):
        env = envelope_of(m)
        items.append(Item(m.name, m.label, m.kind, m.raw, RspamdEnvelope(
            env.sender, tuple(env.recipients), env.ip, env.helo, env.user, env.queue_id)))

    def mailward(chosen: Sequence[Item]) -> list[Verdict]:
        wanted = {it.name: it for it in chosen}
        out = []
        for o in scan_modern(load_settings(environ={}), seed):  # as bench.modern_detection runs it
            if o["name"] in wanted:
                out.append(mailward_verdict(o["name"], o["label"], o["kind"], o["action"], o["score"],
                                            o["symbols"]))
        return out

    picked = pick(items, limit, seed)
    return MessageSet("modern", f"modern validation set (bench.modern_mail, seed {seed})", picked,
                      train_sample(corpus, train_limit), mailward)


def holdout_set(corpus: Sequence[CorpusMessage], limit: int | None, train_limit: int | None) -> MessageSet:
    """The corpus's newer 40% of each kind; everyone learns the older 60%."""
    from bench.detection import TIME_TRAIN_FRACTION, Run, message_kinds, scan_fold, time_split
    from core.learning.tokenizer import tokenize
    from core.mail.mime import parse_message
    from core.settings import load_settings

    kinds = message_kinds(corpus)
    test = time_split(corpus, kinds)
    held_out = set(test)
    train = [i for i in range(len(corpus)) if i not in held_out]
    index = {corpus[i].name: i for i in test}
    items = [Item(corpus[i].name, corpus[i].label, kinds[i], corpus[i].message,
                  RspamdEnvelope(_from_addr(corpus[i].message), (CORPUS_RCPT,))) for i in test]

    def mailward(chosen: Sequence[Item]) -> list[Verdict]:
        settings = load_settings(environ={})
        tokens: list[list[str]] = [[] for _ in corpus]
        senders = ["sender@example.com"] * len(corpus)
        scan = sorted(index[it.name] for it in chosen)
        for i in (*train, *scan):
            parsed = parse_message(corpus[i].message, settings.scan)
            tokens[i] = tokenize(parsed)
            senders[i] = parsed.from_addr or "sender@example.com"
        run = Run()
        scan_fold(corpus, kinds, tokens, senders, train, scan, settings, run, "cpanel")
        label = {it.name: it.label for it in chosen}
        return [mailward_verdict(o.name, label[o.name], o.kind, o.action, o.score, o.symbols) for o in run.outcomes]

    train_msgs = [corpus[i] for i in train]
    return MessageSet("holdout", f"shared corpus, newer {1 - TIME_TRAIN_FRACTION:.0%} of each kind (time split; "
                                 f"everyone learns the older {TIME_TRAIN_FRACTION:.0%})",
                      pick(items, limit), train_sample(train_msgs, train_limit), mailward)


def _from_addr(raw: bytes) -> str:
    """The From address of a message, for its envelope sender ("" if none)."""
    from email.utils import parseaddr

    head = raw.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    for line in head.decode("latin-1").splitlines():
        if line.lower().startswith("from:"):
            return parseaddr(line[5:])[1]
    return ""


# ------------------------------------------------------------------------------------------------- engines


def scan_all(items: Sequence[Item], one: Callable[[Item], Verdict], engine: str,
             concurrency: int) -> list[Verdict]:
    """`one` on every item, `concurrency` at a time; an exception is an error verdict, never a hold."""
    def guarded(it: Item) -> Verdict:
        try:
            return one(it)
        except (OSError, ValueError) as exc:
            return error_verdict(engine, it.name, it.label, it.kind, f"{type(exc).__name__}: {exc}")

    pool = ThreadPoolExecutor(max_workers=concurrency)
    try:
        out = list(pool.map(guarded, items))
    except BaseException:
        # Ctrl-C or SIGTERM: scan nothing more; what is under way ends when the daemon is stopped.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return out


def _version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    words = out.split("\n", 1)[0].split()
    return words[-1] if words else "?"


def run_sa(mset: MessageSet, work: Path, concurrency: int, info: dict[str, Any]) -> list[Verdict]:
    """Train a private spamd's Bayes on the set's training messages, then scan every item."""
    spamd = BayesSpamd(work / f"spamd-{mset.key}", children=concurrency)
    try:
        say(f"SpamAssassin: sa-learn on {len(mset.training)} messages")
        t0 = time.monotonic()
        info["learned"] = spamd.learn(mset.training)
        info["learn_s"] = round(time.monotonic() - t0, 1)
        say(f"SpamAssassin: Bayes holds {info['learned']} ({info['learn_s']} s); starting spamd")
        spamd.start(timeout=180.0)
        t0 = time.monotonic()
        out = scan_all(mset.items, lambda it: sa_verdict(it.name, it.label, it.kind,
                                                         spamd_check(spamd.address, it.raw)), SA, concurrency)
        info["scan_s"] = round(time.monotonic() - t0, 1)
        return out
    finally:
        stop_quietly(spamd)


def run_rspamd(mset: MessageSet, work: Path, concurrency: int, info: dict[str, Any]) -> list[Verdict]:
    """A private rspamd with Bayes on its own Redis, learned through its controller, then every item."""
    base = work / f"rspamd-{mset.key}"
    bayes_redis = PrivateBayesRedis(base / "redis")
    rspamd: BayesRspamd | None = None
    try:
        bayes_redis.start()
        rspamd = BayesRspamd(base / "rspamd", bayes_redis.port, workers=concurrency)
        rspamd.start(timeout=180.0)
        say(f"rspamd: learning {len(mset.training)} messages through its controller")
        t0 = time.monotonic()
        info["learned"] = rspamd.learn(mset.training, parallel=concurrency)
        info["learn_s"] = round(time.monotonic() - t0, 1)
        say(f"rspamd: learned {info['learned']} ({info['learn_s']} s)")
        address = rspamd.address
        t0 = time.monotonic()
        out = scan_all(mset.items, lambda it: rspamd_verdict(it.name, it.label, it.kind,
                                                             rspamd_check(address, it.raw, it.envelope)),
                       RSPAMD, concurrency)
        info["scan_s"] = round(time.monotonic() - t0, 1)
        return out
    finally:
        stop_quietly(rspamd)
        stop_quietly(bayes_redis)


def run_set(mset: MessageSet, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Every engine on one set; the report section."""
    verdicts: list[Verdict] = []
    engines: dict[str, dict[str, Any]] = {}
    if not args.skip_rspamd:
        engines[RSPAMD] = {}
        verdicts += run_rspamd(mset, work, args.concurrency, engines[RSPAMD])
    if not args.skip_sa:
        engines[SA] = {}
        verdicts += run_sa(mset, work, args.concurrency, engines[SA])
    say(f"Mailward: scanning {len(mset.items)} messages")
    t0 = time.monotonic()
    verdicts += mset.mailward(mset.items)
    engines[MAILWARD] = {"scan_s": round(time.monotonic() - t0, 1)}
    labels = {lbl: sum(it.label == lbl for it in mset.items) for lbl in ("ham", "spam")}
    return {"key": mset.key, "title": mset.title, "messages": len(mset.items), "labels": labels,
            "trained_on": len(mset.training), "engines": engines, "summaries": summarize(verdicts),
            "verdicts": verdicts}


# -------------------------------------------------------------------------------------------------- report


def titles() -> dict[str, str]:
    return {SA: f"SpamAssassin {_version(['spamassassin', '--version'])} (-L, Bayes)",
            RSPAMD: f"rspamd {_version(['rspamd', '--version'])} (offline, Bayes)",
            MAILWARD: "Mailward (fresh install)"}


def target_line(s: dict[str, EngineSummary]) -> str:
    """Mailward against the issue's bar: no more legitimate mail held than SpamAssassin, more spam than both."""
    mw = s.get(MAILWARD)
    peers = [p for p in (SA, RSPAMD) if p in s]
    if mw is None or not peers:
        return ""
    mw_ham, mw_spam = mw.by_label.get("ham"), mw.by_label.get("spam")
    if mw_ham is None or mw_spam is None:
        return ""
    parts = []
    if SA in s and "ham" in s[SA].by_label:
        ok = mw_ham.held <= s[SA].by_label["ham"].held
        parts.append(f"ham held {mw_ham.held} vs SpamAssassin {s[SA].by_label['ham'].held}: "
                     f"{'met' if ok else 'NOT met'}")
    best = max(s[p].by_label["spam"].held for p in peers if "spam" in s[p].by_label)
    parts.append(f"spam held {mw_spam.held} vs best peer {best}: {'met' if mw_spam.held > best else 'NOT met'}")
    return "  Mailward against the bar (issue 13): " + "; ".join(parts)


def render_report(report: dict[str, Any]) -> str:
    meta = report["meta"]
    out = [f"bench.peers  {meta['started']}  ({meta['cpus']} CPUs, load avg {meta['load_start']:.2f} -> "
           f"{meta['load_end']:.2f}, {meta['duration_s']:.0f} s; {meta['command']})",
           "All offline: SpamAssassin local tests only, rspamd without its network modules; peers' Bayes learned "
           "from the shared corpus."]
    for sec in report["sets"]:
        heading = (f"\n{sec['title']}: {sec['messages']} messages ({sec['labels']['ham']} legitimate, "
                   f"{sec['labels']['spam']} spam); peers trained on {sec['trained_on']} corpus messages")
        for engine, info in sec["engines"].items():
            if info.get("learned"):
                heading += f"\n  {engine} learned {info['learned']}"
        out.append(render(sec["summaries"], meta["titles"], heading))
        line = target_line(sec["summaries"])
        if line:
            out += ["", line]
    return "\n".join(out)


# -------------------------------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=0, help="seed of the generated modern set (default 0)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus tarball (default ../shared/corpus)")
    ap.add_argument("--corpus-holdout", action="store_true",
                    help="also the corpus's newer 40%% of each kind, everyone trained on the older 60%%")
    ap.add_argument("--no-modern", action="store_true", help="skip the modern set (with --corpus-holdout)")
    ap.add_argument("--limit", type=int, default=None, help="scan only N messages of each set, spread over kinds")
    ap.add_argument("--train-limit", type=int, default=None,
                    help="peers learn only N corpus messages, half of each label (smoke runs)")
    ap.add_argument("--concurrency", type=int, default=2,
                    help="scans at once, and spamd children / rspamd workers (default 2)")
    ap.add_argument("--skip-sa", action="store_true", help="leave SpamAssassin out")
    ap.add_argument("--skip-rspamd", action="store_true", help="leave rspamd out")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the tables")
    ap.add_argument("--json-file", type=Path, default=None,
                    help="also write the JSON report (every verdict of every engine) to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory (daemon logs)")
    args = ap.parse_args(argv)
    if args.concurrency < 1 or (args.limit is not None and args.limit < 1) or \
            (args.train_limit is not None and args.train_limit < 2):
        ap.error("--concurrency and --limit must be at least 1, --train-limit at least 2")
    if args.no_modern and not args.corpus_holdout:
        ap.error("--no-modern leaves nothing to scan without --corpus-holdout")
    missing = [d.missing() for d, skip in ((BayesSpamd, args.skip_sa), (BayesRspamd, args.skip_rspamd)) if not skip]
    if any(missing):
        ap.error("; ".join(m for m in missing if m) + " (or leave it out with --skip-sa / --skip-rspamd)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the finally below runs on SIGTERM as on Ctrl-C
    started, t0, load_start = time.strftime("%Y-%m-%d %H:%M:%S"), time.monotonic(), os.getloadavg()[0]
    say(f"reading {args.corpus}")
    corpus = load_corpus(args.corpus)
    sets = []
    if not args.no_modern:
        sets.append(modern_set(corpus, args.seed, args.limit, args.train_limit))
    if args.corpus_holdout:
        sets.append(holdout_set(corpus, args.limit, args.train_limit))
    work = Path(tempfile.mkdtemp(prefix="mailward-peers-"))
    work.chmod(0o755)  # spamd's children (nobody) read the Bayes files below it
    sections = []
    try:
        for mset in sets:
            say(f"== {mset.title}: {len(mset.items)} messages")
            sections.append(run_set(mset, args, work))
    except KeyboardInterrupt:
        say("interrupted: every daemon is stopped")
        return 130
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report: dict[str, Any] = {"sets": sections, "meta": {
        "started": started, "duration_s": time.monotonic() - t0, "cpus": os.cpu_count(), "load_start": load_start,
        "load_end": os.getloadavg()[0], "titles": titles(),
        "command": "python -m bench.peers " + " ".join(sys.argv[1:] if argv is None else argv)}}
    text = render_report(report)
    for sec in sections:
        sec["summaries"] = as_json(sec["summaries"])
        sec["verdicts"] = [asdict(v) for v in sec["verdicts"]]
    data = json.dumps(report, indent=2)
    if args.json_file is not None:
        args.json_file.write_text(data + "\n")
    print(data if args.json else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
