"""Bounded MIME parsing: turn any byte string into a ParsedMessage without raising or running away."""

from __future__ import annotations

import binascii
import codecs
import re
import time
from dataclasses import dataclass, field
from email.feedparser import BytesFeedParser
from email.header import decode_header
from email.message import Message
from email.policy import compat32
from email.utils import collapse_rfc2231_value
from typing import TYPE_CHECKING, Any

from core.mail import boundary_match
from core.mail.html_text import html_to_text

if TYPE_CHECKING:
    from core.settings import ScanSettings

boundary_match.install()  # the feed parser's multipart boundary test without a regex compile per boundary

#: Parameter headers (Content-Type, Content-Disposition) are compacted to this many characters before the
#: stdlib's parameter functions see them, so `; ; ;` and RFC 2231 floods cannot explode.
PARAM_HEADER_MAX = 2048
#: Only this much of a parameter header is looked at at all (the boundary is rarely after 64 KB of junk).
PARAM_SCAN_MAX = 65536
#: A stored header value is cut here; RFC 2047 words are decoded only in the first ENCODED_WORDS_MAX chars.
HEADER_VALUE_MAX = 16384
ENCODED_WORDS_MAX = 4096
#: Address headers are cut here before we look for the address in them.
ADDRESS_MAX = 1024
FILENAME_MAX = 1024
#: Multiparts nested deeper than this stop the parse: the stdlib parser recurses once per level.
MAX_DEPTH = 40
#: Bytes fed to the parser at a time; small enough that one chunk cannot nest past the recursion limit.
FEED_CHUNK = 2048
MAX_DEFECTS = 32

# Codecs that decode in quadratic time (punycode) or are not for mail text at all.
_UNSAFE_CODECS = frozenset({"punycode", "idna"})
_PARAM_HEADERS = frozenset({"content-type", "content-disposition"})
_BODY_TYPES = frozenset({"text/plain", "text/html"})
_B64_DROP = bytes(c for c in range(256) if not (chr(c).isascii() and (chr(c).isalnum() or chr(c) in "+/")))
_WS = b" \t\r\n\x0b\x0c"

_STD_DEFECTS = {
    "NoBoundaryInMultipartDefect": "no_body_boundary",
    "StartBoundaryNotFoundDefect": "start_boundary_missing",
    "CloseBoundaryNotFoundDefect": "close_boundary_missing",
    "FirstHeaderLineIsContinuationDefect": "header_continuation_first",
    "MisplacedEnvelopeHeaderDefect": "misplaced_envelope_header",
    "MissingHeaderBodySeparatorDefect": "missing_header_separator",
    "MultipartInvariantViolationDefect": "multipart_invariant_violation",
    "InvalidMultipartContentTransferEncodingDefect": "bad_multipart_encoding",
}


@dataclass(slots=True)
class Attachment:
    """A non-body MIME leaf: its name, type and decoded bytes (possibly only the first bytes)."""

    filename: str
    content_type: str
    data: bytes
    size: int  # decoded size (estimated when data was cut)
    truncated: bool = False


@dataclass(slots=True)
class ParsedMessage:
    """What checks see of a message; every field is bounded by ScanSettings."""

    raw: bytes = b""  # the message bytes, scanner preamble removed
    headers: list[tuple[str, str]] = field(default_factory=list)  # top-level (name, decoded value)
    subject: str = ""
    from_display: str = ""
    from_addr: str = ""
    reply_to_addr: str = ""
    text: str = ""  # text/plain bodies joined
    html: str = ""  # text/html bodies joined
    html_text: str = ""  # visible text of `html`
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    part_count: int = 0
    # Views of the text several checks derive the same way, computed once per scan
    # (core.detection.checks.spam_phrases.normalized_text and normalized_words, core.mail.links.message_urls)
    views: dict[str, Any] = field(default_factory=dict)
    # `headers` by lower-case name, built on the first lookup (checks look up dozens of names per scan) and again
    # whenever headers were added since
    _by_name: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)

    def _index(self) -> dict[str, list[str]]:
        index = self._by_name
        if index is None or self._indexed != len(self.headers):
            index = {}
            for k, v in self.headers:
                index.setdefault(k.lower(), []).append(v)
            self._by_name, self._indexed = index, len(self.headers)
        return index

    def header(self, name: str) -> str | None:
        """First header of that name (case-insensitive), or None."""
        values = self._index().get(name.lower())
        return values[0] if values else None

    def header_all(self, name: str) -> list[str]:
        """Every header of that name (case-insensitive), in order."""
        return list(self._index().get(name.lower(), ()))

    def lowered(self, chars: int, subject_chars: int = 1000, sep: str = " \n ") -> str:
        """The subject (its first `subject_chars` characters), the text body and the HTML's visible text (the first
        `chars` of each) joined by `sep`, in lower case: what the phrase checks search. Kept per message; checks
        asking for windows longer than the bodies share one string."""
        subject, text, html_text = self.subject, self.text, self.html_text
        key = ("lowered", sep, min(len(subject), subject_chars), min(len(text), chars), min(len(html_text), chars))
        kept = self.views.get(key)
        if kept is not None and kept[0] is subject and kept[1] is text and kept[2] is html_text:
            return kept[3]
        out = sep.join((subject[:key[2]], text[:key[3]], html_text[:key[4]])).lower()
        self.views[key] = (subject, text, html_text, out)
        return out


class _Defects:
    """An ordered, de-duplicated, capped list of short defect words."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, word: str) -> None:
        if word not in self.items and len(self.items) < MAX_DEFECTS:
            self.items.append(word)


# --------------------------------------------------------------------------------------------- preamble

_PREAMBLE_HEADERS = (b"x-envelope-from:", b"x-envelope-to:")


def strip_scan_preamble(raw: bytes) -> bytes:
    """Remove Exim's leading mbox `From ` line and X-Envelope-From/-To pseudo-headers; keep the rest as is."""
    pos = 0
    if raw.startswith(b"From "):
        pos = _next_line(raw, pos)
    while True:
        head = raw[pos:pos + 16].lower()
        if not head.startswith(_PREAMBLE_HEADERS):
            break
        pos = _next_line(raw, pos)
        while raw[pos:pos + 1] in (b" ", b"\t"):  # folded continuation of the pseudo-header
            pos = _next_line(raw, pos)
    return raw[pos:] if pos else raw


def _next_line(raw: bytes, pos: int) -> int:
    nl = raw.find(b"\n", pos)
    return len(raw) if nl < 0 else nl + 1


# --------------------------------------------------------------------------------------------- parsing

class _BoundedMessage(Message):
    """compat32 Message whose parameter headers are compacted before the stdlib parses parameters."""

    def get(self, name: str, failobj: Any = None) -> Any:
        # The parser asks for the parameter headers many times per part, and _leaf for others: the lower-case names
        # are listed once (headers are only ever appended to a parsed part, so an unchanged count means unchanged
        # names) instead of Message.get lowering every header's name at each call. The first of that name, as there.
        low = name.lower()
        names = self._names()
        if low not in names:
            return failobj
        i = names.index(low)
        if low in _PARAM_HEADERS:
            return self._compacted(low, self._headers[i][1])
        k, v = self._headers[i]
        return self.policy.header_fetch_parse(k, v)

    def _names(self) -> list[str]:
        """The headers' lower-case names, listed again only when the count changed."""
        headers = self._headers
        names: list[str] | None = self.__dict__.get("_mw_names")
        if names is None or len(names) != len(headers):
            names = self.__dict__["_mw_names"] = [k.lower() for k, _ in headers]
        return names

    def __contains__(self, name: str) -> bool:
        # get_param asks before each parameter (Message lists every name in lower case each time)
        return name.lower() in self._names()

    def _get_params_preserve(self, failobj: Any, header: str) -> Any:
        """Message's, kept per parameter header while its (compacted) value stays the same object: a part's
        Content-Type parameters are asked for three times or more (name, charset, boundary), each a parse."""
        low = header.lower()
        if low not in _PARAM_HEADERS:
            return super()._get_params_preserve(failobj, header)  # type: ignore[misc]
        value = self.get(low)
        if value is None:
            return failobj
        cache: dict[str, tuple[Any, Any]] = self.__dict__.setdefault("_mw_params", {})
        hit = cache.get(low)
        if hit is None or hit[0] is not value:
            hit = cache[low] = (value, super()._get_params_preserve(failobj, header))  # type: ignore[misc]
        return list(hit[1])  # a caller's list (get_params(unquote=False) hands it out)

    def _compacted(self, low: str, value: Any) -> str:
        # The parser and our own code ask for these headers many times: compact each once.
        cache: dict[str, tuple[Any, str]] = self.__dict__.setdefault("_mw_compact", {})
        hit = cache.get(low)
        if hit is not None and hit[0] is value:
            return hit[1]
        out = compact_params(str(value))
        cache[low] = (value, out)
        return out


def compact_params(value: str) -> str:
    """Drop empty parameters and cap a Content-Type/-Disposition value, keeping boundary and charset."""
    if len(value) <= PARAM_HEADER_MAX:
        return value
    pieces = [p for p in value[:PARAM_SCAN_MAX].split(";") if p.strip()]
    if not pieces:
        return ""
    out = [pieces[0][:PARAM_HEADER_MAX]]
    used = len(out[0])
    rest = pieces[1:]
    key_first = [p for p in rest if _param_key(p) in ("boundary", "charset")]
    others = [p for p in rest if _param_key(p) not in ("boundary", "charset")]
    for p in key_first + others:
        if used + len(p) + 1 > PARAM_HEADER_MAX:
            continue
        out.append(p)
        used += len(p) + 1
    return ";".join(out)


def _param_key(piece: str) -> str:
    return piece.split("=", 1)[0].strip().lower()


def parse_message(raw: bytes, limits: ScanSettings) -> ParsedMessage:
    """Parse raw message bytes within the bounds of `limits`; never raises, never does I/O."""
    try:
        data = raw if isinstance(raw, bytes) else bytes(raw)
    except Exception:
        data = str(raw).encode("utf-8", "surrogateescape")
    try:
        return _parse(data, limits)
    except Exception:  # a parser bug must degrade to "less seen", never fail the scan
        return _fallback(data, limits)


def _fallback(raw: bytes, limits: ScanSettings) -> ParsedMessage:
    text = raw[: limits.max_text_bytes].decode("utf-8", "replace")
    return ParsedMessage(raw=raw, text=text, defects=["parse_failed"])


def _parse(raw: bytes, limits: ScanSettings) -> ParsedMessage:
    defects = _Defects()
    data = strip_scan_preamble(raw)
    bounded = _bound_header_block(data, limits.max_header_bytes, defects)
    root = _feed(bounded, limits, defects)
    msg = ParsedMessage(raw=data)
    _read_headers(root, msg, defects)
    _walk(root, msg, limits, defects)
    msg.html_text = html_to_text(msg.html) if msg.html else ""
    msg.defects = defects.items
    return msg


def _bound_header_block(data: bytes, limit: int, defects: _Defects) -> bytes:
    """Cut the top-level header block to `limit` bytes, keeping the body."""
    window = data[: limit + 4]
    ends = [i for i in (window.find(b"\n\n"), window.find(b"\n\r\n")) if i >= 0]
    if ends and min(ends) < limit:
        return data
    if len(data) <= limit:
        return data
    defects.add("header_truncated")
    seps = [i for i in (data.find(b"\n\n", limit), data.find(b"\n\r\n", limit)) if i >= 0]
    body = data[min(seps) + 1:] if seps else b""
    head = data[:limit]
    nl = head.rfind(b"\n")
    head = head[: nl + 1] if nl > 0 else head + b"\n"
    return head + body


def _feed(data: bytes, limits: ScanSettings, defects: _Defects) -> Message:
    """Run the compat32 feed parser in chunks, stopping at max_parts, MAX_DEPTH or the time budget.

    The header block goes first, on its own: a message that is not multipart (most) takes its body as one payload
    without the feed parser reading it line by line (it costs about 250 ns per body line even when there is no MIME
    structure to find); any other goes on through the same parser, so its headers are read once, not again by a
    second parser. The chunks after the header block end where they would without it (every FEED_CHUNK bytes of
    the message), so the limits are looked at in the same places.
    """
    feed = _Feed(limits)
    body_at = _body_start(data)
    if body_at is None:
        return feed.rest(data, 0, defects)
    root = _plain_header_block(data, body_at)
    if root is not None:
        if root.get_content_maintype() in ("multipart", "message"):
            return feed.rest(data, 0, defects)
        root.set_payload(data[body_at:])  # kept as bytes: no 4-byte-per-char surrogate string of a large body
        return root
    feed.parser.feed(data[:body_at])
    root = feed.stack[0]  # its headers are read: the parser has seen the blank line after them
    if root.get_content_maintype() in ("multipart", "message") or root.defects:
        return feed.rest(data, body_at, defects)
    root = feed.parser.close()
    if _raw_payload(root):  # a lone CR ended the headers before the blank line: all of it through a new parser
        return _Feed(limits).rest(data, 0, defects)
    root.set_payload(data[body_at:])  # kept as bytes: no 4-byte-per-char surrogate string of a large body
    return root


class _Feed:
    """A compat32 feed parser that counts the messages it makes and sees its nesting, with the parse's deadline."""

    def __init__(self, limits: ScanSettings) -> None:
        self.limits = limits
        # the messages made, counted by a closure the parser holds (not a method of this object: a reference cycle
        # would keep every parser and its lines until the cyclic collector runs)
        created = self.created = [0]

        def make(policy: Any = compat32) -> Message:
            created[0] += 1
            return _BoundedMessage(policy)

        self.parser = BytesFeedParser(_factory=make, policy=compat32)
        created[0] = 0  # the parser made one to try the factory
        self.stack: list[Message] = self.parser._msgstack  # type: ignore[attr-defined]  # private: nesting
        # The scan's time budget also has to cover the checks (winexec above all): parsing gets half of it.
        self.deadline = time.monotonic() + limits.time_budget_ms / 2000.0

    def rest(self, data: bytes, off: int, defects: _Defects) -> Message:
        """Feed data from `off` on, each chunk ending at the next multiple of FEED_CHUNK, then close the parser."""
        limits, parser, stack = self.limits, self.parser, self.stack
        while off < len(data):
            end = (off // FEED_CHUNK + 1) * FEED_CHUNK
            parser.feed(data[off:end])
            off = end
            if self.created[0] > limits.max_parts:
                defects.add("too_many_parts")
                break
            if len(stack) > MAX_DEPTH:
                defects.add("too_deep")
                break
            if time.monotonic() > self.deadline:
                defects.add("parse_time_exceeded")
                break
        return parser.close()


#: A header field as the compat32 feed parser reads one: a name of printable ASCII but the colon, the colon, the rest
#: of the line, and the continuation lines (starting with a space or tab) after it.
_HEADER_FIELD = re.compile(r"([\041-\071\073-\176]+):([^\n]*\n(?:[ \t][^\n]*\n)*)")


def _plain_header_block(data: bytes, body_at: int) -> Message | None:
    """The top-level message with the headers of data[:body_at] (the header block and its blank line) as the
    compat32 feed parser reads them, when that block is plain: header fields and their continuation lines only, every
    line ending in LF or CRLF. None for anything else (a lone CR, an envelope `From ` line, a line that is no header,
    a name that is not printable ASCII): those go through the feed parser and its defects.

    The feed parser takes about 2.5 us a header line (a line buffer, a generator and a regex a line); this is one
    regex match a field. The same (name, value) pairs: the value is the rest of the first line without leading
    blanks, the continuation lines as they are, without the last line end (compat32's header_source_parse).
    """
    text = data[:body_at].decode("ascii", "surrogateescape")  # as BytesFeedParser decodes what it is fed
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None  # a lone CR ends a line for the feed parser
    match = _HEADER_FIELD.match
    headers: list[tuple[str, str]] = []
    pos = 0
    m = match(text, pos)
    while m is not None:
        headers.append((m[1], m[2].lstrip(" \t").rstrip("\r\n")))
        pos = m.end()
        m = match(text, pos)
    if text[pos:] not in ("\n", "\r\n"):
        return None
    root = _BoundedMessage(compat32)
    root._headers = headers  # what the parser's set_raw calls build, in order
    return root


def _body_start(data: bytes) -> int | None:
    """Where the body starts: just after the first blank line (LF or CRLF), or None without one."""
    ends = [i for i in (data.find(b"\n\n"), data.find(b"\n\r\n")) if i >= 0]
    if not ends:
        return None
    sep = min(ends)
    return sep + (2 if data[sep:sep + 2] == b"\n\n" else 3)


def _read_headers(root: Message, msg: ParsedMessage, defects: _Defects) -> None:
    raw_from = raw_reply = ""
    append = msg.headers.append
    # msg.header's index, built here with the lower-case names this loop has anyway (ParsedMessage._index's own)
    index: dict[str, list[str]] = {}
    for name, value in root.raw_items():
        name, text = str(name), str(value)
        if not name.isascii():  # _clean_str's own first test, here to save two calls per header
            name = _clean_str(name)
        if not text.isascii():
            text = _clean_str(text)
        text = text.replace("\r", "").replace("\n", "")  # _unfold
        if len(text) > HEADER_VALUE_MAX:
            text = text[:HEADER_VALUE_MAX]
            defects.add("header_value_truncated")
        low = name.lower()
        if low == "from" and not raw_from:
            raw_from = text
        elif low == "reply-to" and not raw_reply:
            raw_reply = text
        text = decode_words(text, defects) if "=?" in text else text  # decode_words' own first test
        append((name, text))
        values = index.get(low)
        if values is None:
            index[low] = [text]
        else:
            values.append(text)
    msg._by_name, msg._indexed = index, len(msg.headers)
    msg.subject = msg.header("subject") or ""
    display, msg.from_addr = split_address(raw_from)
    msg.from_display = decode_words(display, defects)
    msg.reply_to_addr = split_address(raw_reply)[1]


def _unfold(value: str) -> str:
    return value.replace("\r", "").replace("\n", "")


def _clean_str(value: str) -> str:
    """Turn the parser's surrogate-escaped 8-bit text into real characters (UTF-8, else Latin-1)."""
    if value.isascii():
        return value
    try:
        data = value.encode("utf-8", "surrogateescape")
    except UnicodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return decode_fallback(data)


def decode_fallback(data: bytes) -> str:
    """Decode bytes of unknown charset: UTF-8 if valid, else Latin-1 (which never fails)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_words(value: str, defects: _Defects | None = None) -> str:
    """Decode RFC 2047 encoded words in a header value; on any trouble keep the text as it is."""
    if "=?" not in value:
        return value
    head, tail = value[:ENCODED_WORDS_MAX], value[ENCODED_WORDS_MAX:]
    try:
        chunks = decode_header(head)
    except Exception:
        if defects is not None:
            defects.add("bad_encoded_word")
        return value
    out: list[str] = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            out.append(chunk)
        elif charset is None:  # text between encoded words, which decode_header re-encodes this way
            try:
                out.append(chunk.decode("raw-unicode-escape"))
            except UnicodeDecodeError:
                out.append(chunk.decode("latin-1"))
        else:
            out.append(decode_text(chunk, charset, defects))
    return "".join(out) + tail


def decode_text(data: bytes, charset: str | None, defects: _Defects | None = None) -> str:
    """Decode body or header bytes in a declared charset, falling back safely on unknown or unsafe ones."""
    if not charset:
        return decode_fallback(data)
    try:
        codec = codecs.lookup(charset.strip().strip('"')).name
    except Exception:  # LookupError, or a name the codec registry cannot even normalise
        codec = ""
    if not codec or codec in _UNSAFE_CODECS:
        if defects is not None:
            defects.add("bad_charset")
        return decode_fallback(data)
    if codec == "ascii":  # mislabelled 8-bit is common; UTF-8/Latin-1 reads it better than U+FFFD
        return decode_fallback(data)
    try:
        return data.decode(codec, "replace")
    except Exception:  # non-text codecs (e.g. "zlib") raise LookupError on decode
        if defects is not None:
            defects.add("bad_charset")
        return decode_fallback(data)


_ANGLE = re.compile(r"<([^<>\s]{1,320})>")
_BARE = re.compile(r"[^\s<>(),;:\"']{1,64}@[^\s<>(),;:\"']{1,255}")


def split_address(value: str) -> tuple[str, str]:
    """Split a From-like header into (display name, address) without the stdlib's recursive parser."""
    value = value[:ADDRESS_MAX].strip()
    if not value:
        return "", ""
    lt = value.rfind("<")
    m = _ANGLE.match(value, lt) if lt >= 0 else None
    if m:
        display = value[:lt]
        addr = m.group(1)
    else:
        b = _BARE.search(value)
        if not b:
            return _unquote(value), ""
        addr = b.group(0)
        rest = (value[: b.start()] + value[b.end():]).strip()
        display = rest[1:-1] if rest.startswith("(") and rest.endswith(")") else rest
    return _unquote(display), addr.strip().strip(".")


def _unquote(display: str) -> str:
    display = display.strip()
    if len(display) >= 2 and display[0] == display[-1] == '"':
        display = display[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return display.strip()


# --------------------------------------------------------------------------------------------- walking

def _walk(root: Message, msg: ParsedMessage, limits: ScanSettings, defects: _Defects) -> None:
    text_parts: list[str] = []
    html_parts: list[str] = []
    budget = {"text": limits.max_text_bytes, "html": limits.max_text_bytes,
              "attach": limits.max_message_bytes}
    stack: list[Message] = [root]
    seen = 0
    while stack:
        part = stack.pop()
        seen += 1
        if seen > limits.max_parts:
            defects.add("too_many_parts")
            break
        for d in getattr(part, "defects", ()):
            name = type(d).__name__
            defects.add(_STD_DEFECTS.get(name, _snake(name)))
        payload = _raw_payload(part)
        if isinstance(payload, list):
            children = [p for p in payload[: limits.max_parts] if isinstance(p, Message)]
            stack.extend(reversed(children))  # reversed so parts come off the stack in order
            continue
        _leaf(part, payload, budget, text_parts, html_parts, msg, defects)
    msg.part_count = min(seen, limits.max_parts)
    msg.text = "\n".join(text_parts)
    msg.html = "\n".join(html_parts)


def _raw_payload(part: Message) -> Any:
    """The payload as parsed: compat32's get_payload() re-decodes 8-bit text in the declared charset, which
    raises on some codecs and runs punycode's quadratic decoder on others."""
    return getattr(part, "_payload", None)


def _snake(name: str) -> str:
    name = name.removesuffix("Defect")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()[:40] or "defect"


def _leaf(part: Message, payload: Any, budget: dict[str, int], text_parts: list[str],
          html_parts: list[str], msg: ParsedMessage, defects: _Defects) -> None:
    ctype = _safe(part.get_content_type, "application/octet-stream")
    filename = part_filename(part, defects)
    disposition = _safe(part.get_content_disposition, None) or ""
    cte = _clean_str(str(part.get("content-transfer-encoding", ""))).strip().lower()
    body = _payload_bytes(payload)
    is_body = (ctype in _BODY_TYPES or ctype.startswith("multipart/")) and not filename \
        and disposition != "attachment"
    if is_body:
        kind = "html" if ctype == "text/html" else "text"
        if budget[kind] <= 0:
            return
        data, _, _ = decode_transfer(body, cte, budget[kind] * 4, defects)
        text = decode_text(data, part_charset(part), defects)[: budget[kind]]
        budget[kind] -= len(text)
        (html_parts if kind == "html" else text_parts).append(text)
        return
    cap = max(budget["attach"], 0)
    data, size, truncated = decode_transfer(body, cte, cap, defects)
    budget["attach"] -= len(data)
    msg.attachments.append(Attachment(filename=filename, content_type=ctype, data=data, size=size,
                                      truncated=truncated))


def _safe(fn: Any, default: Any) -> Any:
    try:
        return fn()
    except Exception:
        return default


def _payload_bytes(payload: Any) -> bytes:
    if isinstance(payload, bytes):
        return payload
    if not isinstance(payload, str):
        return b""
    try:
        return payload.encode("utf-8", "surrogateescape")
    except UnicodeError:
        return payload.encode("utf-8", "replace")


def part_charset(part: Message) -> str | None:
    """A part's declared charset (RFC 2231 form too), 8-bit names kept so that they fail the lookup."""
    try:
        value = part.get_param("charset")
    except Exception:
        return None
    if value is None:
        return None
    if isinstance(value, tuple):
        value = value[2]
    return _clean_str(str(value)).strip().strip('"')[:64] or None


def part_filename(part: Message, defects: _Defects | None = None) -> str:
    """A part's file name from Content-Disposition filename (RFC 2231 too) or Content-Type name, decoded."""
    for param, header in (("filename", "content-disposition"), ("name", "content-type")):
        try:
            value = part.get_param(param, None, header)
        except Exception:
            value = None
        if value is None:
            continue
        try:
            name = collapse_rfc2231_value(value, errors="replace", fallback_charset="utf-8")
        except Exception:
            if defects is not None:
                defects.add("bad_charset")
            name = value[2] if isinstance(value, tuple) else str(value)
        name = decode_words(_clean_str(str(name)), defects).strip()
        if name:
            return name[:FILENAME_MAX]
    return ""


def decode_transfer(body: bytes, cte: str, cap: int, defects: _Defects | None = None) -> tuple[bytes, int, bool]:
    """Undo a Content-Transfer-Encoding into at most `cap` bytes: (data, full decoded size, truncated)."""
    cap = max(cap, 0)
    if cte == "base64":
        return _decode_base64(body, cap, defects)
    if cte == "quoted-printable":
        src = body[: cap * 3 + 3]  # QP never expands, and "=XX" is the widest form of one byte
        try:
            data = binascii.a2b_qp(src)
        except Exception:
            data = src
        truncated = len(data) > cap or len(src) < len(body)
        size = len(data) if len(src) == len(body) else len(data) + (len(body) - len(src)) // 3
        return data[:cap], size, truncated
    return body[:cap], len(body), len(body) > cap


def _decode_base64(body: bytes, cap: int, defects: _Defects | None) -> tuple[bytes, int, bool]:
    clean = body.translate(None, _WS)
    junk = clean.translate(None, b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    if junk:
        stripped = clean.rstrip(b"=")
        if junk.strip(b"=") or b"=" in stripped or len(clean) - len(stripped) > 2:
            _add(defects, "bad_base64")
        clean = clean.translate(None, _B64_DROP)
    size = len(clean) * 3 // 4
    src = clean[: (cap // 3 + 1) * 4]
    rem = len(src) % 4
    if rem == 1:  # a lone trailing sextet carries no whole byte
        src = src[:-1]
        if len(src) == len(clean) - 1:
            _add(defects, "bad_base64")
    elif rem:
        src += b"=" * (4 - rem)
    try:
        data = binascii.a2b_base64(src)
    except (binascii.Error, ValueError):
        _add(defects, "bad_base64")
        data = b""
    return data[:cap], size, size > cap


def _add(defects: _Defects | None, word: str) -> None:
    if defects is not None:
        defects.add(word)
