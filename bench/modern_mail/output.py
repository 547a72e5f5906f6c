"""Printing counts of a generated set, and writing it to (and reading it back from) a directory of .eml files."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.modern_mail.model import ModernMessage

MANIFEST = "manifest.json"


def counts(messages: Sequence[ModernMessage]) -> dict[str, dict[str, int]]:
    """Counts by label, label/kind, label/lang and label/family (keys like "ham/receipt")."""
    out: dict[str, dict[str, int]] = {"label": {}, "kind": {}, "lang": {}, "family": {}}
    for field, key in (("label", lambda m: m.label), ("kind", lambda m: f"{m.label}/{m.kind}"),
                       ("lang", lambda m: f"{m.label}/{m.lang}"), ("family", lambda m: f"{m.label}/{m.family}")):
        out[field] = dict(sorted(Counter(key(m) for m in messages).items()))
    return out


def summarize(messages: Sequence[ModernMessage], seed: int) -> str:
    """A readable table of the set's composition."""
    c = counts(messages)
    ham = c["label"].get("ham", 0) or 1
    lines = [f"modern validation mail, seed {seed}: {len(messages)} messages "
             f"({c['label'].get('ham', 0)} ham, {c['label'].get('spam', 0)} spam)"]
    for title, field in (("by kind", "kind"), ("by language", "lang"), ("by family", "family")):
        lines += ["", title]
        for key, n in c[field].items():
            share = f"  {100 * n / ham:4.1f}% of ham" if field == "family" and key.startswith("ham/") else ""
            lines.append(f"  {key:<34} {n:4d}{share}")
    return "\n".join(lines)


def write_set(messages: Sequence[ModernMessage], directory: Path, seed: int) -> Path:
    """Write DIR/{ham,spam}/<name>.eml and DIR/manifest.json (envelopes, labels, file paths); return the manifest."""
    entries = []
    for m in messages:
        rel = Path(m.label) / f"{m.name}.eml"
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(m.raw)
        entries.append({**m.envelope_dict(), "file": rel.as_posix(), "sha256": hashlib.sha256(m.raw).hexdigest()})
    manifest = directory / MANIFEST
    manifest.write_text(json.dumps({"seed": seed, "count": len(entries), "messages": entries}, ensure_ascii=False,
                                   indent=1) + "\n", encoding="utf-8")
    return manifest


def read_set(directory: Path) -> list[ModernMessage]:
    """Read back a set written by write_set."""
    data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    out = []
    for e in data["messages"]:
        raw = (directory / e["file"]).read_bytes()
        out.append(ModernMessage(
            name=e["name"], label=e["label"], family=e["family"], kind=e["kind"], lang=e["lang"], raw=raw,
            mail_from=e["mail_from"], recipients=list(e["recipients"]), auth_user=e["auth_user"],
            local_user=e["local_user"], account=e["account"], account_domains=list(e["account_domains"]),
            ip=e["ip"], helo=e["helo"], account_uid=int(e["account_uid"]), notes=e.get("notes", "")))
    return out
