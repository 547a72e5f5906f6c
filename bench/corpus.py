"""Read the training corpus tarball into memory (never extracted), with deterministic sampling."""

from __future__ import annotations

import random
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: The only corpus the project trains and tunes on (see ../shared/corpus/README.md); read in place.
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "spamassassin-train.tar.gz"


@dataclass(frozen=True, slots=True)
class CorpusMessage:
    """One raw message from the tarball and the label its directory gives it."""

    name: str  # path inside the tarball, e.g. train/spam/00001.<md5>.eml
    label: str  # "ham" or "spam"
    raw: bytes

    @property
    def message(self) -> bytes:
        """The message as an SMTP client would send it: without the mbox `From ` line most files start with.

        Exim takes a leading `From ` line for the start of the body (unless ignore_fromline_hosts), which
        would turn the message's own headers into body text.
        """
        return without_mbox_from(self.raw)


def without_mbox_from(raw: bytes) -> bytes:
    """raw without a leading mbox `From ` separator line."""
    if not raw.startswith(b"From "):
        return raw
    nl = raw.find(b"\n")
    return b"" if nl < 0 else raw[nl + 1:]


def load_corpus(path: str | Path = DEFAULT_CORPUS) -> list[CorpusMessage]:
    """Every .eml member of the tarball, sorted by name (member order in the archive is arbitrary)."""
    out = []
    with tarfile.open(path, "r:*") as tar:
        for member in tar:
            if not (member.isfile() and member.name.endswith(".eml")):
                continue
            parts = member.name.split("/")
            label = parts[-2] if len(parts) >= 2 else ""
            f = tar.extractfile(member)
            if f is None:
                continue
            out.append(CorpusMessage(member.name, label, f.read()))
    if not out:
        raise ValueError(f"no .eml members in {path}")
    out.sort(key=lambda m: m.name)
    return out


def sample(messages: Sequence[CorpusMessage], n: int | None, seed: int = 0) -> list[CorpusMessage]:
    """A deterministic shuffle of messages, cut to n (None: all); labels keep their proportions on average."""
    picked = list(messages)
    random.Random(seed).shuffle(picked)
    return picked if n is None else picked[:max(0, n)]
