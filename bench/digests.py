"""Digest benchmark: how long one notification run takes to build and "send" digests for 10,000 held messages.

Run from the repository root (no root needed: a private redis-server on a unix socket is started and stopped
here; nothing is sent: a stub re-injector counts the bytes Exim would have been given):

    .venv/bin/python -m bench.digests [--messages 10000] [--accounts 50] [--max-lines 200] [--json]

The messages are indexed the way a scan holds them (QuarantineStore.hold: file, metadata, Redis index) across
`--accounts` accounts, then Notifier.run(force_digests=True) builds one digest per account (each listing up to
max-lines messages with a signed release and delete link per message) and hands it to the stub. Reported: the
time to hold the messages (setup, for scale), the digest run's wall and CPU time, digests, links and bytes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from core.identity.cpanel import MemoryCpanelAccounts
from core.models import QuarantineRecord
from core.notify.digests import Mailer, Notifier
from core.notify.notification_tokens import TokenSigner, ensure_signing_key, key_path
from core.settings import NotificationSettings
from core.store.quarantine import QuarantineStore
from tests.redis_server import RedisServer


@dataclass
class CountingReinjector:
    """Counts what would have been sent."""

    mails: int = 0
    bytes: int = 0
    recipients: set[str] = field(default_factory=set)

    def reinject(self, record: QuarantineRecord, message: bytes) -> None:
        self.mails += 1
        self.bytes += len(message)
        self.recipients.update(record.recipients)


def run(messages: int, accounts: int, max_lines: int) -> dict[str, object]:
    """Hold `messages` across `accounts`, then time one forced digest run."""
    work = Path(tempfile.mkdtemp(prefix="mailward-bench-digests-"))
    server = RedisServer(work / "redis")
    server.start()
    try:
        client = server.client()
        store = QuarantineStore(work / "q", client, default_limit_bytes=10**12, default_releases_limit=5)
        directory = MemoryCpanelAccounts()
        names = [f"user{i:03d}" for i in range(accounts)]
        for name in names:
            directory.add_account(name, f"{name}.example", settings={"CONTACTEMAIL": f"owner@{name}.example"})
        now = time.time()
        started = time.perf_counter()
        for n in range(messages):
            spool = work / "spool.eml"
            spool.write_bytes(b"Subject: offer\r\n\r\nbody\r\n")
            store.hold(spool, QuarantineRecord(
                email_id=str(uuid.uuid4()), account=names[n % accounts], received=now - 3000 + n * 0.01,
                sender=f"news{n % 97}@{names[n % accounts]}.example", recipients=["a@x.example", "b@y.example"],
                subject=f"Special offer number {n}", reasons=["spam"], score=9.0, symbols=[], size=0))
        hold_s = time.perf_counter() - started
        settings = NotificationSettings(enabled=True, sender="mailward@bench.example", digest="daily",
                                        base_url="https://server.example:2087/mailward", max_per_hour=10**6,
                                        max_lines=max_lines)
        stub = CountingReinjector()
        signer = TokenSigner(client, key=ensure_signing_key(key_path(work)), ttl_s=settings.token_ttl_s)
        notifier = Notifier(store, directory, Mailer(client, stub, settings), settings, signer=signer)
        wall, cpu = time.perf_counter(), time.process_time()
        result = notifier.run(force_digests=True)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        listed = min(max_lines, -(-messages // accounts)) * accounts
        return {"messages": messages, "accounts": accounts, "max_lines": max_lines, "hold_setup_s": round(hold_s, 2),
                "digest_run_s": round(wall, 3), "digest_cpu_s": round(cpu, 3), "digests": result.digests,
                "messages_covered": result.digest_messages, "links_signed": 2 * listed, "mails": stub.mails,
                "bytes": stub.bytes, "per_message_ms": round(1000 * wall / max(messages, 1), 3)}
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    """Parse arguments, run, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--accounts", type=int, default=50)
    ap.add_argument("--max-lines", type=int, default=200)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = run(args.messages, args.accounts, args.max_lines)
    if args.json:
        print(json.dumps(out))
        return
    print(f"digest run for {out['messages']} held messages in {out['accounts']} accounts "
          f"(max {out['max_lines']} lines per digest):")
    for key, value in out.items():
        print(f"  {key:18} {value}")


if __name__ == "__main__":
    main()
