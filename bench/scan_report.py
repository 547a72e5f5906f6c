"""bench.scan's plain-text report (its --json output is the same dict, through scan_rig.json_safe)."""

from __future__ import annotations

from typing import Any


def _f(x: float, width: int = 8, prec: int = 1) -> str:
    return f"{x:{width}.{prec}f}" if x == x else f"{'-':>{width}}"


def _signed(x: float) -> str:
    return f"{x:+.1f}" if x == x else "-"


def render(report: dict[str, Any]) -> str:
    """The plain-text report."""
    meta = report["meta"]
    out = [
        f"Mailward scan benchmark  {meta['started']}  ({meta['cpus']} CPUs, load avg {meta['load_start']:.2f} -> "
        f"{meta['load_end']:.2f}, {meta['duration_s']:.0f} s)",
        f"corpus: {meta['corpus']} ({meta['corpus_messages']} messages: {meta['corpus_labels']})",
        f"serve: {meta['processes']} worker processes x {meta['threads']} threads, private Redis",
        "",
    ]
    lat = report.get("latency")
    if lat:
        out += [f"1. DATA -> 250 through a private Exim: {lat['messages']} corpus messages, interleaved across labs, "
                f"{lat['senders']} sender thread(s),",
                f"   one SMTP AUTH PLAIN session per lab per thread ({lat['warmup_per_session']} warm-up messages "
                "each, untimed, counted in delivered/250s); time = end of DATA payload -> reply",
                f"   {'lab':<46}{'n':>5}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}  non-250  delivered/250s"]
        for row in lat["labs"]:
            non = ",".join(f"{c}x{n}" for c, n in row["non_250"].items()) or "0"
            got = f"{row['delivered']}/{row['accepted']}"
            out.append(f"   {row['title']:<46}{row['n']:>5}{_f(row['p50_ms'], 9)}{_f(row['p90_ms'], 9)}"
                       f"{_f(row['p99_ms'], 9)}{_f(row['max_ms'], 9)}  {non:<7}  {got:>9}")
        for key, title in (("added_by_mailward", "added by Mailward (b - a)"),
                           ("spam_round_trip", "  Exim spam= + trivial service (t - a)"),
                           ("behind_the_socket", "  Mailward behind the socket (b - t)")):
            d = lat[key]
            out.append(f"   {title:<46} p50 {_signed(d['p50_ms'])} ms, p99 {_signed(d['p99_ms'])} ms, "
                       f"median per-message difference {_signed(d['paired_median_ms'])} ms")
        out.append(f"   lab (b): {lat['quarantined_in_b']} quarantined (discarded after 250, so not delivered)")
        out.append("")
    elif report.get("latency_skipped"):
        out += [f"1. DATA -> 250 through Exim: skipped ({report['latency_skipped']})", ""]
    tp = report.get("throughput", [])
    if tp:
        out += [f"2. Scan throughput straight through the gateway (check_legacy / RSPAMC 1.3), {tp[0]['messages']} "
                "messages",
                f"   {'conc':>4}{'msgs/s':>9}{'wall s':>8}{'p50 ms':>8}{'p99 ms':>8}{'CPU ms/msg':>12}   "
                f"{'serve+gw':>8}{'workers':>8}{'redis':>7}{'api':>6}{'client':>8}  errors"]
        for r in tp:
            roles = r["cpu_ms_per_msg_by_role"]
            out.append(f"   {r['concurrency']:>4}{_f(r['msgs_per_s'], 9)}{_f(r['wall_s'], 8)}{_f(r['p50_ms'], 8)}"
                       f"{_f(r['p99_ms'], 8)}{_f(r['cpu_ms_per_msg'], 12, 2)}   "
                       f"{_f(roles.get('serve+gateway', 0.0), 8, 2)}{_f(roles.get('workers', 0.0), 8, 2)}"
                       f"{_f(roles.get('redis', 0.0), 7, 2)}{_f(roles.get('api', 0.0), 6, 2)}"
                       f"{_f(r['client_cpu_ms_per_msg'], 8, 2)}  {r['errors']}")
        out.append("   (CPU ms/msg = every process of serve's session; 'client' is this script's own CPU, "
                   "not included)")
        for r in tp:
            verdicts = ", ".join(f"{a} {n}" for a, n in r["verdicts"].items())
            held = ", ".join(f"{lbl} {v}" for lbl, v in r["quarantined"].items())
            out.append(f"   verdicts c={r['concurrency']}: {verdicts}; quarantined by label: {held}; "
                       f"spam score p50 {_f(r['spam_score_p50'], 0, 2)}, max {_f(r['spam_score_max'], 0, 2)}")
        out.append("")
    rss = report.get("rss")
    if rss:
        out.append(f"3. Workers' peak RSS (VmHWM) after the run: max {rss['max_mib']:.1f} MiB, "
                   f"sum {rss['sum_mib']:.1f} MiB over {len(rss['pids'])} processes "
                   f"(now {rss['rss_sum_mib']:.1f} MiB resident)")
        out.append("")
    warns = report.get("warnings", [])
    out.append("Things that looked wrong:" if warns else "Nothing looked wrong (serve log, Exim logs, errors).")
    out += [f" - {w}" for w in warns]
    return "\n".join(out)
