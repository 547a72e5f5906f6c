"""Plain-text and JSON rendering of ie-cli's answers, in Imunify Email's formats."""

from __future__ import annotations

import base64
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

#: Separator line of `emails list`, as long as Imunify's.
RULE = "-" * 107
#: `emails show` and the settings tables pad labels to these widths (Imunify's layout).
LABEL_WIDTH = 30
FIRST_COLUMN = 17
COLUMN = 16

# Subjects, senders, headers and bodies come from strangers: control characters (an ESC starts a terminal
# escape sequence) and bidi overrides (which make text read differently than it is) are not printed raw.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_C1 = re.compile("[\x7f-\x9f]")


def clean(value: Any) -> str:
    """One line of text safe for a terminal: line breaks and tabs become spaces, control characters go."""
    text = str(value)
    text = re.sub(r"[\r\n\t]+", " ", text)
    return _UNSAFE_LINE.sub("", text)


def clean_block(value: Any) -> str:
    """Multi-line text safe for a terminal: keeps line breaks and tabs, drops other control characters."""
    return _UNSAFE.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


def dumps(data: Any, *, ascii_only: bool = False, indent: int = 2) -> str:
    """JSON as ie-cli prints it: indented, with DEL and C1 controls escaped so a terminal shows them inert."""
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    # json escapes C0 controls but not DEL/C1; those can only occur inside strings, where a \\u escape is valid JSON.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(data: Any, *, indent: int = 2) -> None:
    """Print a JSON document on stdout (\\u-escaped when stdout cannot encode all of Unicode)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    print(dumps(data, ascii_only=encoding not in ("utf8", "utf16", "utf32"), indent=indent))


def say(line: str) -> None:
    """One line on stderr (progress, per-item failures), flushed so it interleaves with stdout correctly."""
    print(line, file=sys.stderr, flush=True)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Columns padded with spaces (first column 17 wide, the others 16, wider when a value needs it)."""
    body = [[clean(c) for c in row] for row in rows]
    lines = [list(headers), *body]
    widths = []
    for i in range(len(headers)):
        longest = max(len(r[i]) for r in lines)
        widths.append(max(FIRST_COLUMN if i == 0 else COLUMN, longest + 2))
    out = []
    for row in lines:
        cells = [c.ljust(widths[i]) for i, c in enumerate(row[:-1])] + [row[-1]]
        out.append("".join(cells).rstrip())
    return "\n".join(out)


def labelled(label: str, value: Any) -> str:
    """`Label:` padded to 30 columns (at least one space), then the value."""
    return f"{label}:".ljust(LABEL_WIDTH - 1) + " " + clean(value)


def joined(values: Any) -> str:
    """A list as Imunify prints it: comma-joined."""
    if isinstance(values, list | tuple):
        return ",".join(str(v) for v in values)
    return "" if values is None else str(values)


def email_list(items: Sequence[Mapping[str, Any]], max_count: int) -> str:
    """`emails list` in Imunify's layout: one block per email between dashed lines, then the count."""
    out: list[str] = []
    for e in items:
        out += [
            RULE,
            f"Email_ID {clean(e.get('email_id', ''))}",
            f"Size_Bytes\t      {clean(e.get('size_bytes', ''))}",
            f"Account_Name\t  {clean(e.get('account_name', ''))}",
            f"Recipients\t      {clean(joined(e.get('recipients')))}",
            f"Subject        \t  {clean(e.get('subject', ''))}",
            "",
        ]
    out += [RULE, f"Max Count\t     {max_count}"]
    return "\n".join(out)


#: Mailward's verdict headers, which a held copy never carries (Exim adds them only to mail it delivers).
FILTER_ACTION, FILTER_SCORE = "X-ImunifyEmail-Filter-Action", "X-ImunifyEmail-Filter-Score"


def _summary_lines(e: Mapping[str, Any]) -> list[str]:
    return [
        labelled("EmailID", e.get("email_id", "")),
        labelled("SizeBytes", e.get("size_bytes", "")),
        labelled("AccountName", e.get("account_name", "")),
        labelled("Sender", e.get("sender", "")),
        labelled("Recipients", joined(e.get("recipients"))),
        labelled("ReceivedDate", e.get("received_date", "")),
        labelled("Subject", e.get("subject", "")),
        "",
    ]


def _score(value: Any) -> str:
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


def email_detail(e: Mapping[str, Any], raw_body: bytes | None = None) -> str:
    """`emails show` as the reference prints it: summary; the headers by name, X- headers after a blank line, with
    the verdict (X-ImunifyEmail-Filter-Action / -Score) the held copy lacks; `Body:` the raw body in base64.

    Without raw_body (`--text`), the readable form: headers in message order and the decoded text body.
    """
    out = _summary_lines(e)
    headers = [(clean(h[0]), " ".join(str(h[1]).split())) for h in e.get("headers") or []
               if isinstance(h, list | tuple) and len(h) == 2]
    if raw_body is None:
        out += [labelled(name, value) for name, value in headers]
        out += ["", "Body: " + clean_block(e.get("body", ""))]
        return "\n".join(out)
    names = {name.lower() for name, _ in headers}
    if FILTER_ACTION.lower() not in names:
        headers.append((FILTER_ACTION, "quarantine"))
    if FILTER_SCORE.lower() not in names:
        headers.append((FILTER_SCORE, _score(e.get("score", ""))))
    plain = sorted((h for h in headers if not h[0].lower().startswith("x-")), key=lambda h: h[0].lower())
    extra = sorted((h for h in headers if h[0].lower().startswith("x-")), key=lambda h: h[0].lower())
    out += [labelled(name, value) for name, value in plain]
    out += [""] + [labelled(name, value) for name, value in extra]
    out += ["", "Body: " + base64.b64encode(raw_body).decode("ascii")]
    return "\n".join(out)


def message_body(raw: bytes) -> bytes:
    """A message's body as held: everything after the header block (the first empty line)."""
    found = [(at, len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (at := raw.find(sep)) >= 0]
    if not found:
        return b""
    at, size = min(found)
    return raw[at + size:]


def local_time(epoch: Any) -> str:
    """An epoch as local ISO 8601 time with its offset; anything else as it is."""
    try:
        return datetime.fromtimestamp(float(epoch)).astimezone().isoformat(timespec="seconds")
    except (TypeError, ValueError, OverflowError, OSError):
        return str(epoch)


def bool_word(value: Any) -> str:
    """true/false as Imunify prints settings."""
    return str(value).lower() if isinstance(value, bool) else str(value)
