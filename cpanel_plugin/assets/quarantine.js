/* The Quarantine tab: the account's held mail, releases left this hour, filters, the viewer. */
import {$, fmtSize, heldForScore, scoreText, WHEN} from './common.js';
import {api, bidi, button, cell, clock, confirmBox, el, fmtNum, notify, openDialog, PAGE_SIZE, say, SHORT, state,
  unsay, words} from './page.js';
import {loaders} from './tabs.js';

/* The quarantine's filters, named and ordered as on the WHM page (which adds Account, PHP script, Per page). */
var FILTERS = ["sender", "recipient", "subject", "reason", "direction", "since"];

/* ------------------------------------------------------------------ quarantine */
function releasesLeft() {
  var acc = state.acc;
  if (!acc) { return null; }
  return Math.max(0, acc.releases_limit - acc.releases_last_hour);
}

/* The releases left this hour; when none are left, Release buttons are off and say until when (local time). */
function loadQuota() {
  return api("GET", "/accounts/" + state.account).then(function (acc) {
    state.acc = acc;
    var left = releasesLeft();
    var quota = $("release-quota");
    quota.setAttribute("data-left", String(left));
    if (acc.releases_limit === 0) {
      quota.textContent = "Your hosting provider has turned releases off for this account.";
    } else if (left > 0) {
      quota.textContent = fmtNum(left) + " of " + fmtNum(acc.releases_limit) + " releases left this hour";
    } else {
      quota.textContent = "0 of " + fmtNum(acc.releases_limit) + " releases left this hour" +
        (acc.next_release_at ? ": you can release again at " + clock(acc.next_release_at) + " (your time)." : ".");
    }
    quota.className = "well well-sm" + (left > 0 ? "" : " mw-quota-out");
    releaseButtons();
    return acc;
  });
}

function releaseButtons() {
  var left = releasesLeft();
  var off = left === 0;
  var title = off ? (state.acc.releases_limit === 0 ? "Releases are turned off for this account" :
    "No releases left this hour" + (state.acc.next_release_at ? "; next at " + clock(state.acc.next_release_at) : "")) : "";
  Array.prototype.forEach.call(document.querySelectorAll("button.mw-release"), function (b) {
    b.disabled = off;
    if (off) { b.title = title; } else { b.removeAttribute("title"); }
  });
}

var REASONS = { spam: "looks like spam", winexec: "has a Windows program attached", virus: "carries a virus",
                ratelimit: "over a sending limit", recovered: "recovered",
                contained: "its sender (a script, address or domain) is contained" };

/* Whether the release policy (GET /quarantine-defaults: release_by) lets the account release this message itself. */
function mayRelease(m) {
  if (m.release_allowed === true || m.release_allowed === false) { return m.release_allowed; }
  var by = state.releaseBy;
  if (!by) { return true; }
  var reasons = (m.reasons || []).slice();
  if (m.direction === "incoming") { reasons.push("incoming"); }
  return reasons.every(function (r) { return by[r] !== "admin"; });
}

function reasonText(m) {
  var r = (m.reasons || []).map(function (x) { return REASONS[x] || x; }).join(", ");
  return r + (m.direction === "incoming" ? " (sent to you)" : " (sent by you)");
}

/* Why it was held, and for spam the score beside the threshold it is judged against. */
function reasonCell(m) {
  var box = document.createElement("span");
  box.appendChild(document.createTextNode(reasonText(m)));
  if (heldForScore(m)) {
    box.appendChild(el("br"));
    box.appendChild(el("small", scoreText(m), "mw-score"));
  }
  return box;
}

function subjectOf(m) { return m.subject || "(no subject)"; }

function noPager() {
  $("q-page").textContent = "";
  $("q-prev").disabled = $("q-next").disabled = true;
  $("q-pager").hidden = true;
}

export function message(body, text, cls) {
  body.textContent = "";
  var row = el("tr");
  var td = el("td", text, cls);
  td.colSpan = 6;
  row.appendChild(td);
  body.appendChild(row);
}

function filtered() { return FILTERS.some(function (k) { return state.filters[k]; }); }

function loadQuarantine() {
  var params = { limit: PAGE_SIZE, offset: state.offset };
  FILTERS.forEach(function (k) { if (state.filters[k]) { params[k] = state.filters[k]; } });
  var seq = ++state.seq;
  var body = $("quarantine-table").querySelector("tbody");
  message(body, "Loading your quarantine\u2026", "text-muted mw-loading");
  $("quarantine-table").setAttribute("aria-busy", "true");
  var quota = loadQuota().catch(function (err) { $("release-quota").textContent = words(err, "Your releases left could not be read"); });
  return api("GET", "/emails", params).then(function (data) {
    if (seq !== state.seq) { return; }
    state.total = data.max_count;
    body.textContent = "";
    if (!data.items.length) {
      message(body, filtered() ? "No held messages match these filters. Reset shows every held message." :
        "Your quarantine is empty: no mail is held for this account.", "text-muted mw-empty");
    }
    data.items.forEach(function (m) {
      var subj = subjectOf(m);
      var row = el("tr");
      row.setAttribute("data-email-id", m.email_id);
      cell(row, "Received", SHORT.format(new Date(m.received_date * 1000)));
      cell(row, "From", m.sender || "(no sender: a bounce)", "mw-addr");
      cell(row, "To", (m.recipients || []).slice(0, 3).join(", ") +
        ((m.recipients || []).length > 3 ? " and " + (m.recipients.length - 3) + " more" : ""), "mw-addr");
      cell(row, "Subject", bidi("bdi", subj), "mw-subject" + (m.subject ? "" : " text-muted"));
      cell(row, "Why it was held", reasonCell(m));
      var actions = cell(row, "Actions", null, "mw-actions");
      actions.appendChild(button("View", "btn-default", function () { view(m); }, subj));
      actions.appendChild(document.createTextNode(" "));
      if (mayRelease(m)) {
        actions.appendChild(button("Release", "btn-primary mw-release", function () { release(m); }, subj));
      } else {
        refusedRelease(actions, m, subj);
      }
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(button("Delete", "btn-danger", function () { remove(m); }, subj));
      body.appendChild(row);
    });
    var pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
    var first = state.total ? state.offset + 1 : 0;
    $("q-page").textContent = " Page " + fmtNum(Math.floor(state.offset / PAGE_SIZE) + 1) + " of " + fmtNum(pages) +
      ": showing " + fmtNum(first) + "\u2013" + fmtNum(Math.min(state.offset + PAGE_SIZE, state.total)) + " of " +
      fmtNum(state.total) + " ";
    $("q-prev").disabled = state.offset === 0;
    $("q-next").disabled = state.offset + PAGE_SIZE >= state.total;
    $("q-pager").hidden = false;
    if (!state.total) { noPager(); }  // nothing found: no pager to page through
    return quota.then(releaseButtons);
  }, function (err) {
    if (seq !== state.seq) { return; }
    state.total = 0;
    message(body, words(err, "Your quarantine could not be loaded"), "text-danger");
    noPager();  // no stale pager for a list that did not load
  }).then(function () { $("quarantine-table").removeAttribute("aria-busy"); });
}

function release(m) {
  unsay($("mailward-alert"));
  var left = releasesLeft();
  var text = "Release \u201c" + subjectOf(m) + "\u201d? It is sent on to " +
    fmtNum((m.recipients || []).length) + " recipient" + ((m.recipients || []).length === 1 ? "" : "s") + " and leaves the quarantine." +
    (left !== null ? " You have " + fmtNum(left) + " release" + (left === 1 ? "" : "s") + " left this hour." : "");
  return confirmBox("Release this message?", text, "Release", "btn-primary").then(function (yes) {
    if (!yes) { return; }
    closeView();
    return api("POST", "/emails/" + m.email_id + "/release").then(function () {
      return loadQuarantine().then(function () { notify("success", "Released: " + subjectOf(m) + ". It is on its way."); });
    }, function (err) {
      return loadQuarantine().then(function () { notify("danger", words(err, "It was not released")); });
    });
  });
}

function remove(m) {
  unsay($("mailward-alert"));
  return confirmBox("Delete this message?", "Delete \u201c" + subjectOf(m) + "\u201d for good? It cannot be recovered.",
    "Delete", "btn-danger").then(function (yes) {
    if (!yes) { return; }
    closeView();
    return api("DELETE", "/emails/" + m.email_id).then(function () {
      return loadQuarantine().then(function () { notify("success", "Deleted: " + subjectOf(m) + "."); });
    }, function (err) {
      return loadQuarantine().then(function () { notify("danger", words(err, "It was not deleted")); });
    });
  });
}

/* The message viewer: a dialog with the message's details, its text, headers or raw form, and its actions. */
function view(m) {
  state.current = m;
  $("mv-title").textContent = subjectOf(m);
  var meta = $("mv-meta");
  meta.textContent = "";
  [["Received", WHEN.format(new Date(m.received_date * 1000))], ["From", m.sender || "(no sender: a bounce)"],
   ["To", (m.recipients || []).join(", ")], ["Why it was held", reasonText(m)],
   ["Spam score", scoreText(m, true) + (heldForScore(m) ? "" : " \u2014 not held for its score")],
   ["Size", fmtSize(m.size_bytes)]].forEach(function (p) {
    meta.appendChild(el("dt", p[0]));
    meta.appendChild(bidi("dd", p[1]));
  });
  unsay($("mv-result"));
  $("mv-release").hidden = !mayRelease(m);
  $("mv-release").disabled = releasesLeft() === 0;
  openDialog($("message-view"), $("mv-body"));
  showPart("body");
}

function closeView() { if ($("message-view").open) { $("message-view").close(); } }

function showPart(part) {
  var m = state.current;
  state.part = part;
  ["body", "headers", "raw"].forEach(function (p) {
    var b = $("mv-" + p);
    b.setAttribute("aria-pressed", p === part ? "true" : "false");
    b.className = "btn btn-sm " + (p === part ? "btn-primary" : "btn-default");
  });
  var out = $("mv-content");
  out.hidden = false;
  $("mv-html").hidden = true;
  out.textContent = "Loading\u2026";
  var path = "/emails/" + m.email_id + (part === "raw" ? "/raw" : "");
  api("GET", path).then(function (d) {
    if (state.current !== m || state.part !== part) { return; }
    if (part === "raw") { out.textContent = d; return; }
    if (part === "headers") {
      out.textContent = (d.headers || []).map(function (h) { return h[0] + ": " + h[1]; }).join("\n");
      return;
    }
    if (d.html) {  // the API's rebuilt HTML, in a sandboxed frame that may fetch nothing
      var frame = $("mv-html");
      frame.srcdoc = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" " +
        "content=\"default-src 'none'; style-src 'unsafe-inline'\"><style>body{font:14px/1.45 sans-serif;color:#222;" +
        "margin:8px;overflow-wrap:anywhere}.mw-link{color:#555;font-size:12px}</style></head><body dir=\"auto\">" +
        d.html + "</body></html>";
      frame.hidden = false;
      out.hidden = true;
      return;
    }
    out.textContent = d.body || "(This message has no text.)";
  }, function (err) {
    if (state.current !== m) { return; }
    out.textContent = "";
    say($("mv-result"), "danger", words(err, "The message could not be shown"));
  });
}

$("mv-body").addEventListener("click", function () { showPart("body"); });
$("mv-headers").addEventListener("click", function () { showPart("headers"); });
$("mv-raw").addEventListener("click", function () { showPart("raw"); });
$("mv-close").addEventListener("click", closeView);
$("mv-x").addEventListener("click", closeView);
$("mv-release").addEventListener("click", function () { release(state.current); });
$("mv-delete").addEventListener("click", function () { remove(state.current); });
$("q-prev").addEventListener("click", function () {
  state.offset = Math.max(0, state.offset - PAGE_SIZE); unsay($("mailward-alert")); loadQuarantine();
});
$("q-next").addEventListener("click", function () { state.offset += PAGE_SIZE; unsay($("mailward-alert")); loadQuarantine(); });
function readFilters() {
  var out = {};
  FILTERS.forEach(function (k) { out[k] = $("q-" + k).value.trim(); });
  return out;
}

$("quarantine-filter").addEventListener("submit", function (e) {
  e.preventDefault();
  unsay($("mailward-alert"));
  state.filters = readFilters();
  state.offset = 0;
  loadQuarantine();
});
$("quarantine-filter").addEventListener("reset", function () {
  // the fields are reset after this event: read them on the next tick (back to the defaults: every held message)
  setTimeout(function () {
    unsay($("mailward-alert"));
    state.filters = readFilters();
    state.offset = 0;
    loadQuarantine();
  }, 0);
});
loaders.quarantine = loadQuarantine;

/* The API's release_refusal in the owner's words, without the message id. */
function refusalWords(text) {
  var t = String(text || "");
  var m = /was held for (.*?): the release policy lets only (.*?) release such mail/.exec(t);
  if (!m) { return "Only your hosting provider can release this one."; }
  var who = /reseller/.test(m[2]) ? "your hosting provider" : "the server administrator";
  return "Only " + who + " can release this one: it was held for " + m[1] + ".";
}

/* Release, disabled, with the reason beside it (and read with it by a screen reader). */
function refusedRelease(actions, m, subj) {
  var why = refusalWords(m.release_refusal);
  var id = "why-" + m.email_id;
  var b = button("Release", "btn-primary mw-release-refused", function () {}, subj);
  b.disabled = true;
  b.title = why;
  b.setAttribute("aria-describedby", id);
  actions.appendChild(b);
  var note = el("span", why, "mw-admin-only");
  note.id = id;
  actions.appendChild(note);
}
