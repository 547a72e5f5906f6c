/* The Statistics tab: the account's own GET /stats, per day. */
import {$} from './common.js';
import {api, el, fmtNum, words} from './page.js';
import {loaders} from './tabs.js';

/* ------------------------------------------------------------------ statistics (the account's own /stats) */
export function day(start) { return new Date(start * 1000).toISOString().slice(0, 10); }

export function numCell(row, label, n) {
  var td = el("td", fmtNum(n), "text-right");
  td.setAttribute("data-label", label);
  row.appendChild(td);
}

function loadStats() {
  var body = $("st-table").querySelector("tbody");
  var foot = $("st-table").querySelector("tfoot");
  body.textContent = "";
  foot.textContent = "";
  return api("GET", "/stats", { since: $("st-since").value, bucket: "day", top: 0 }).then(function (doc) {
    var sums = { sent: 0, held: 0, spam: 0, ham: 0 };
    (doc.series || []).slice().reverse().forEach(function (b) {
      var held = (b.held_spam || 0) + (b.held_winexec || 0) + (b.held_virus || 0) + (b.held_other || 0) + (b.ratelimited || 0);
      var row = el("tr");
      var th = el("th", day(b.start));
      th.scope = "row";
      row.appendChild(th);
      numCell(row, "Sent", b.sent);
      numCell(row, "Held (outgoing)", held);
      numCell(row, "Incoming spam", b.incoming_spam);
      numCell(row, "Incoming ham", b.incoming_ham);
      body.appendChild(row);
      sums.sent += b.sent || 0; sums.held += held; sums.spam += b.incoming_spam || 0; sums.ham += b.incoming_ham || 0;
    });
    var total = el("tr");
    var th = el("th", "Total");
    th.scope = "row";
    total.appendChild(th);
    numCell(total, "Sent", sums.sent);
    numCell(total, "Held (outgoing)", sums.held);
    numCell(total, "Incoming spam", sums.spam);
    numCell(total, "Incoming ham", sums.ham);
    foot.appendChild(total);
    $("st-note").textContent = "Counted when mail is scanned; releasing or deleting a message does not change it." +
      (sums.spam + sums.ham ? "" : " No incoming mail was filtered in this period.");
  }, function (err) { $("st-note").textContent = words(err, "The statistics could not be loaded"); });
}
$("st-filter").addEventListener("submit", function (e) { e.preventDefault(); loadStats(); });
loaders.statistics = loadStats;
