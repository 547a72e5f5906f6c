"""Command line: print the composition of the modern validation set, or write it out as .eml files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.modern_mail.catalog import generate
from bench.modern_mail.output import summarize, write_set


def main(argv: list[str] | None = None) -> int:
    """Generate the set for a seed; print its counts (--summary, the default) and/or write it (--write DIR)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.modern_mail",
        description="Generate the held-out modern validation mail set (ham and spam/phishing/malware sent from "
                    "cPanel accounts, with Exim envelopes). Never used for training.",
        epilog="Example: .venv/bin/python -m bench.modern_mail --seed 0 --write /tmp/modern --summary")
    parser.add_argument("--seed", type=int, default=0, help="seed of the set (default 0); same seed, same bytes")
    parser.add_argument("--write", type=Path, metavar="DIR",
                        help="write DIR/ham/*.eml, DIR/spam/*.eml and DIR/manifest.json (envelopes and labels)")
    parser.add_argument("--summary", action="store_true",
                        help="print counts by label, kind, language and family (the default without --write)")
    args = parser.parse_args(argv)
    messages = generate(args.seed)
    if args.write:
        manifest = write_set(messages, args.write, args.seed)
        print(f"wrote {len(messages)} messages and {manifest}", file=sys.stderr)
    if args.summary or not args.write:
        print(summarize(messages, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
