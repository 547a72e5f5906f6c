"""bench.peers' pure parts: the engines' replies parsed and mapped to held / marked, the tallies and tables, the
target line, and how a smoke run picks its messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import peers
from bench.corpus import CorpusMessage
from bench.peer_results import (
    MAILWARD,
    RSPAMD,
    SA,
    as_json,
    error_verdict,
    mailward_verdict,
    render,
    rspamd_verdict,
    sa_verdict,
    summarize,
)
from bench.rspamd_check import RspamdEnvelope, RspamdReply, check_request, parse_check_reply
from bench.spamd_private import SpamdReply, parse_magic, parse_symbols_reply, site_config


def test_spamd_symbols_reply_is_parsed() -> None:
    reply = (b"SPAMD/1.1 0 EX_OK\r\nContent-length: 27\r\nSpam: True ; 15.3 / 5.0\r\n\r\n"
             b"BAYES_99,HTML_MESSAGE,URI_X")
    r = parse_symbols_reply(reply)
    assert r == SpamdReply(True, 15.3, 5.0, ("BAYES_99", "HTML_MESSAGE", "URI_X"))
    ham = parse_symbols_reply(b"SPAMD/1.1 0 EX_OK\r\nSpam: False ; -1.9 / 5.0\r\n\r\n")
    assert (ham.is_spam, ham.score, ham.rules) == (False, -1.9, ())


@pytest.mark.parametrize("reply", [b"", b"SPAMD/1.1 76 Bad header line\r\n\r\n", b"SPAMD/1.1 0 EX_OK\r\n\r\nX",
                                   b"HTTP/1.0 200 OK\r\n\r\n"])
def test_spamd_errors_are_no_verdict(reply: bytes) -> None:
    with pytest.raises(ValueError):
        parse_symbols_reply(reply)


def test_sa_learn_magic_counts() -> None:
    text = ("0.000          0          3          0  non-token data: bayes db version\n"
            "0.000          0        497          0  non-token data: nspam\n"
            "0.000          0       2611          0  non-token data: nham\n")
    assert parse_magic(text) == {"nspam": 497, "nham": 2611}


def test_site_config_keeps_spamassassin_offline_and_bayes_read_only() -> None:
    cf = site_config(Path("/t/bayes/bayes"))
    for line in ("use_bayes 1", "bayes_path /t/bayes/bayes", "bayes_auto_learn 0", "bayes_auto_expire 0",
                 "dns_available no", "skip_rbl_checks 1"):
        assert line in cf.splitlines()


def test_rspamd_request_carries_the_envelope_without_line_breaks() -> None:
    env = RspamdEnvelope("a@shop.example", ("b@x.example", "c@y.example"), "203.0.113.5", "pc.local",
                         "a@shop.example\r\nX-Evil: 1", "1tab-XY")
    head, _, body = check_request(b"Subject: hi\r\n\r\nbody", env).partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    assert lines[0] == "POST /checkv2 HTTP/1.0"
    assert "Content-Length: 19" in lines and "Rcpt: c@y.example" in lines and "IP: 203.0.113.5" in lines
    assert "User: a@shop.example  X-Evil: 1" in lines and not any(ln.startswith("X-Evil") for ln in lines)
    assert body == b"Subject: hi\r\n\r\nbody"
    bare = check_request(b"x", RspamdEnvelope()).decode()
    assert "From:" not in bare and "IP:" not in bare and "User:" not in bare


def test_rspamd_reply_is_parsed() -> None:
    body = json.dumps({"action": "add header", "score": 7.5, "required_score": 15,
                       "symbols": {"BAYES_SPAM": {}, "A_SYM": {}}}).encode()
    r = parse_check_reply(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + body)
    assert r == RspamdReply("add header", 7.5, 15.0, ("A_SYM", "BAYES_SPAM"))
    for bad in (b"HTTP/1.1 500 Internal\r\n\r\n{}", b"HTTP/1.1 200 OK\r\n\r\n{\"score\": 1}"):
        with pytest.raises(ValueError):
            parse_check_reply(bad)


@pytest.mark.parametrize(("action", "held", "marked"), [
    ("reject", True, False), ("add header", False, True), ("rewrite subject", False, True),
    ("greylist", False, False), ("soft reject", False, False), ("no action", False, False)])
def test_rspamd_verdicts(action: str, held: bool, marked: bool) -> None:
    v = rspamd_verdict("m", "ham", "receipt", RspamdReply(action, 1.0, 15.0, ()))
    assert (v.held, v.marked, v.engine) == (held, marked, RSPAMD)


@pytest.mark.parametrize(("action", "held", "marked"), [
    ("quarantine", True, False), ("reject", True, False), ("add header", False, True), ("no action", False, False),
    ("soft reject", False, False)])
def test_mailward_verdicts(action: str, held: bool, marked: bool) -> None:
    v = mailward_verdict("m", "spam", "phishing", action, 6.0, ["X"])
    assert (v.held, v.marked, v.engine, v.symbols) == (held, marked, MAILWARD, ("X",))


def test_spamassassin_holds_its_spam_verdict_and_never_marks() -> None:
    assert sa_verdict("m", "ham", "x", SpamdReply(True, 5.0, 5.0, ("R",))).held
    v = sa_verdict("m", "ham", "x", SpamdReply(False, 4.9, 5.0, ()))
    assert (v.held, v.marked, v.action) == (False, False, "ham")


def _verdicts() -> list:
    return [
        sa_verdict("h1", "ham", "receipt", SpamdReply(True, 6.1, 5.0, ("BAYES_99",))),
        sa_verdict("h2", "ham", "newsletter", SpamdReply(False, 1.0, 5.0, ())),
        sa_verdict("s1", "spam", "phishing", SpamdReply(True, 9.0, 5.0, ())),
        error_verdict(SA, "s2", "spam", "scam", "ValueError: spamd error"),
        rspamd_verdict("h1", "ham", "receipt", RspamdReply("add header", 7.0, 15.0, ())),
        rspamd_verdict("h2", "ham", "newsletter", RspamdReply("no action", 1.0, 15.0, ())),
        rspamd_verdict("s1", "spam", "phishing", RspamdReply("reject", 16.0, 15.0, ())),
        rspamd_verdict("s2", "spam", "scam", RspamdReply("add header", 8.0, 15.0, ())),
        mailward_verdict("h1", "ham", "receipt", "no action", 0.0, []),
        mailward_verdict("h2", "ham", "newsletter", "quarantine", 7.5, ["CLASSIFIER_80", "LINKS"]),
        mailward_verdict("s1", "spam", "phishing", "quarantine", 12.0, []),
        mailward_verdict("s2", "spam", "scam", "quarantine", 8.0, []),
    ]


def test_summaries_count_held_marked_errors_and_held_ham() -> None:
    s = summarize(reversed(_verdicts()))
    assert list(s) == [SA, RSPAMD, MAILWARD]  # fixed order, whatever order the verdicts came in
    sa, rs, mw = s[SA], s[RSPAMD], s[MAILWARD]
    assert (sa.by_label["spam"].held, sa.by_label["spam"].errors, sa.by_label["ham"].held) == (1, 1, 1)
    assert [v.name for v in sa.held_ham] == ["h1"] and sa.error_samples == ["s2: ValueError: spamd error"]
    assert (rs.by_label["spam"].held, rs.by_label["spam"].held_or_marked) == (1, 2)
    assert (rs.by_label["ham"].held, rs.by_label["ham"].held_or_marked, rs.held_ham) == (0, 1, [])
    assert rs.rate("spam") == 0.5 and rs.rate("spam", "either") == 1.0
    assert mw.by_label["spam"].held == 2 and [v.name for v in mw.held_ham] == ["h2"]
    assert list(mw.by_kind) == ["ham:newsletter", "ham:receipt", "spam:phishing", "spam:scam"]
    data = json.loads(json.dumps(as_json(s)))
    assert data[MAILWARD]["by_kind"]["spam:scam"] == {"total": 1, "held": 1, "marked": 0, "held_or_marked": 1,
                                                      "errors": 0}
    assert data[MAILWARD]["held_ham"][0]["symbols"] == ["CLASSIFIER_80", "LINKS"]


def test_rendered_table_names_rates_kinds_and_held_messages() -> None:
    text = render(summarize(_verdicts()), {SA: "SpamAssassin 4", RSPAMD: "rspamd 3", MAILWARD: "Mailward"}, "Set")
    lines = text.splitlines()
    sa = next(ln for ln in lines if ln.strip().startswith("SpamAssassin 4"))
    assert "0.500 (1/2)" in sa and "1/2" in sa and sa.split()[-1] == "1"  # spam held, ham held, one error
    rs = next(ln for ln in lines if ln.strip().startswith("rspamd 3"))
    assert "0.500 (1/2)" in rs and "1.000 (2/2)" in rs
    newsletter = next(ln for ln in lines if ln.strip().startswith("ham:newsletter"))
    assert newsletter.split()[1:] == ["1", "0", "0", "/", "0", "1", "/", "1"]
    held = lines.index("  Legitimate messages Mailward held (1):")
    assert lines[held + 1].split() == ["7.50", "h2", "CLASSIFIER_80", "LINKS"]


def test_target_line_compares_mailward_with_both_peers() -> None:
    s = summarize(_verdicts())
    assert peers.target_line(s) == ("  Mailward against the bar (issue 13): ham held 1 vs SpamAssassin 1: met; "
                                    "spam held 2 vs best peer 1: met")
    worse = summarize([v for v in _verdicts() if not (v.engine == SA and v.name == "h1")])
    assert "ham held 1 vs SpamAssassin 0: NOT met" in peers.target_line(worse)
    assert peers.target_line(summarize([v for v in _verdicts() if v.engine == MAILWARD])) == ""


def _item(name: str, label: str, kind: str) -> peers.Item:
    return peers.Item(name, label, kind, b"", RspamdEnvelope())


def test_pick_spreads_a_limit_over_labels_and_kinds_deterministically() -> None:
    items = [_item(f"h{i:02d}", "ham", "receipt") for i in range(30)] + \
        [_item(f"n{i:02d}", "ham", "newsletter") for i in range(5)] + \
        [_item(f"s{i:02d}", "spam", kind) for i, kind in enumerate(["scam"] * 10 + ["malware"] * 5)]
    got = peers.pick(items, 10, seed=1)
    assert len(got) == 10 and got == peers.pick(items, 10, seed=1)
    assert sum(it.label == "spam" for it in got) == 3  # its share: 15 of 50
    assert {(it.label, it.kind) for it in got} == {("ham", "receipt"), ("ham", "newsletter"), ("spam", "scam"),
                                                    ("spam", "malware")}
    assert [it.name for it in got] == sorted(it.name for it in got)  # in the set's own order
    assert {it.label for it in peers.pick(items, 2)} == {"ham", "spam"}
    assert all(len(peers.pick(items, n)) == n for n in range(1, 51))  # every label, however small the limit
    assert peers.pick(items, None) == items and peers.pick(items, 100) == items


def test_train_sample_takes_half_of_each_label() -> None:
    msgs = [CorpusMessage(f"train/{lbl}/{i:05d}.eml", lbl, b"") for lbl in ("ham", "spam") for i in range(50)]
    got = peers.train_sample(msgs, 20)
    assert sum(m.label == "spam" for m in got) == 10 and sum(m.label == "ham" for m in got) == 10
    assert peers.train_sample(msgs, None) == msgs


def test_from_addr_reads_the_header_only() -> None:
    raw = b"Subject: x\r\nFrom: Shop <orders@shop.example>\r\n\r\nFrom: other@evil.example\r\n"
    assert peers._from_addr(raw) == "orders@shop.example"
    assert peers._from_addr(b"Subject: x\n\nFrom: a@b.example\n") == ""


def test_options_refuse_nothing_to_scan() -> None:
    with pytest.raises(SystemExit):
        peers.parse_args(["--no-modern"])
    with pytest.raises(SystemExit):
        peers.parse_args(["--concurrency", "0"])
    args = peers.parse_args(["--skip-sa", "--skip-rspamd", "--limit", "5", "--seed", "3", "--json"])
    assert (args.limit, args.seed, args.json, args.concurrency) == (5, 3, True, 2)
