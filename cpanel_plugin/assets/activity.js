/* The Activity Monitor tab: the account's senders, their history, and containment. */
import {$} from './common.js';
import {api, button, confirmBox, el, fmtNum, openDialog, PageError, say, state, unsay, words} from './page.js';
import {loaders} from './tabs.js';

/* ------------------------------------------------------------------ activity monitor */
/* Each cell carries its column's heading, which a phone shows beside the value (the table stacks there). */
var AM_COLUMNS = Array.prototype.map.call($("am-table").querySelectorAll("thead th"),
                                          function (th) { return th.textContent; });

function amRow(body, kind, o) {
  var row = el("tr");
  [kind, o.name, fmtNum(o.messages), fmtNum(o.quarantined), o.limit ? fmtNum(o.limit) : "unlimited", o.rateLimited ? "yes" : "no",
   historyText(o.history)].forEach(function (value, i) {
    var c = el("td", value);
    c.setAttribute("data-label", AM_COLUMNS[i]);
    row.appendChild(c);
  });
  containCell(row, kind, o);
  body.appendChild(row);
}

/* Sender history: established (its mail is attenuated), learning, or new; and its usual hour. */
function historyText(h) {
  if (!h) { return "new"; }
  var st = h.tainted_until ? "confirmed spam" : (h.established ? "established" : "learning");
  return h.active_hours ? st + ", usually " + h.usual_per_hour + " per hour" : st;
}

function loadActivity() {
  var body = $("am-table").querySelector("tbody");
  body.textContent = "";
  var row = el("tr");
  var c = el("td", "Loading\u2026", "text-muted");
  c.colSpan = 7;
  row.appendChild(c);
  body.appendChild(row);
  var table = $("am-table");
  table.setAttribute("aria-busy", "true");
  loadContained();
  return api("GET", "/am/stats", { since: $("am-since").value, history: "true", contained: "true" }).then(function (data) {
    body.textContent = "";
    if (!data.accounts.length) {
      var r = el("tr");
      var t = el("td", "No mail in this period.");
      t.colSpan = 7;
      r.appendChild(t);
      body.appendChild(r);
    }
    data.accounts.forEach(function (a) {
      amRow(body, "Account", a);
      (a.scripts || []).forEach(function (s) { amRow(body, "Script", s); });
      (a.domains || []).forEach(function (d) {
        amRow(body, "Domain", d);
        (d.sender_emails || []).forEach(function (s) { amRow(body, "Sender", s); });
      });
    });
  }, function (err) {
    body.textContent = "";
    var r = el("tr");
    var t = el("td", words(err, "The figures could not be loaded"), "text-danger");
    t.colSpan = 7;
    r.appendChild(t);
    body.appendChild(r);
  }).then(function () { table.removeAttribute("aria-busy"); });
}
$("am-filter").addEventListener("submit", function (e) { e.preventDefault(); loadActivity(); });
loaders.activity = loadActivity;

/* ------------------------------------------------------------------ release policy and containment (issue 19) */

var CONTAIN_KINDS = { Script: "script", Sender: "sender_email", Domain: "domain" };
var CONTAIN_DONE = { hold: "held in your quarantine", reject: "refused" };
var LIFT_BY = { admin: "the server administrator", reseller: "your hosting provider", account: "you" };

/* The last column of an Activity Monitor row: contained or not, and Contain / Uncontain for the account's own
   scripts, addresses and domains (the API lets an account contain its own objects, and lift what it may). */
function containCell(row, kind, o) {
  var td = el("td", null, "mw-contain-cell");
  td.setAttribute("data-label", AM_COLUMNS[7] || "Contained");
  row.appendChild(td);
  var c = o.contained;
  if (c) { row.setAttribute("data-contained", c.action); }
  row.setAttribute("data-object", o.name);
  if (!CONTAIN_KINDS[kind]) { td.textContent = "\u2014"; return; }
  if (!c) {
    td.appendChild(el("span", "no ", "sr-only"));
    td.appendChild(button("Contain", "btn-default btn-xs", function () { containDialog(kind, o); }, o.name));
    return;
  }
  td.appendChild(el("span", "Contained: mail " + (CONTAIN_DONE[c.action] || c.action) + ". ", "mw-contained-text"));
  td.appendChild(uncontainButton(c, "am-why-" + o.id));
}

function uncontainButton(c, whyId) {
  var b = button("Uncontain", "btn-default btn-xs", function () { uncontain(c); }, c.name);
  if (c.may_lift) { return b; }
  var wrap = el("span");
  var why = "Only " + (LIFT_BY[c.lift_by] || LIFT_BY.admin) + " can lift this.";
  b.disabled = true;
  b.title = why;
  b.setAttribute("aria-describedby", whyId);
  wrap.appendChild(b);
  var note = el("span", " " + why, "mw-admin-only");
  note.id = whyId;
  wrap.appendChild(note);
  return wrap;
}

/* Contain: a dialog with the choice (hold or refuse) and an optional note. */
function containDialog(kind, o) {
  var d = $("contain-dialog");
  $("contain-title").textContent = "Stop the mail of " + o.name + "?";
  $("contain-note").value = "";
  $("contain-hold").checked = true;
  unsay($("contain-result"));
  var ok = $("contain-ok");
  function done() {
    ok.removeEventListener("click", yes);
    $("contain-cancel").removeEventListener("click", no);
    d.removeEventListener("cancel", no);
    if (d.open) { d.close(); }
  }
  function yes() {
    var body = { so_type: CONTAIN_KINDS[kind], account_name: state.account, name: o.name,
                 action: $("contain-reject").checked ? "reject" : "hold" };
    var note = $("contain-note").value.trim();
    if (note) { body.note = note; }
    ok.disabled = true;
    api("POST", "/am/contain", {}, body).then(function (c) {
      done();
      return loadActivity().then(function () {
        say($("am-result"), "success", c.name + " is contained: its mail is " + (CONTAIN_DONE[c.action] || c.action) +
          " until it is lifted. The rest of your mail keeps flowing.");
      });
    }, function (err) { say($("contain-result"), "danger", containWords(err, "It was not contained")); })
      .then(function () { ok.disabled = false; });
  }
  function no(e) { if (e) { e.preventDefault(); } done(); }
  ok.addEventListener("click", yes);
  $("contain-cancel").addEventListener("click", no);
  d.addEventListener("cancel", no);
  openDialog(d, $("contain-hold"));
}

function containWords(err, doing) {
  if (err instanceof PageError && err.status === 403) {
    return doing + ": this is for your hosting provider. Contact them if this sender must be stopped or let go.";
  }
  if (err instanceof PageError && err.status === 404) {
    return doing + ": this sender is no longer contained (someone lifted it meanwhile). The list is refreshed.";
  }
  return words(err, doing);
}

function uncontain(c) {
  unsay($("am-result"));
  return confirmBox("Let " + c.name + " send again?", "Its mail will be scanned and sent as any other again. " +
    "Mail already held stays in your quarantine.", "Uncontain", "btn-primary").then(function (yes) {
    if (!yes) { return null; }
    return api("POST", "/am/uncontain", {}, { id: c.id }).then(function () {
      return loadActivity().then(function () { say($("am-result"), "success", c.name + " is no longer contained."); });
    }, function (err) {
      return loadActivity().then(function () { say($("am-result"), "danger", containWords(err, "It was not lifted")); });
    });
  });
}

/* Your contained senders (GET /am/contained), newest first. */
function loadContained() {
  var body = $("contained-table").querySelector("tbody");
  body.textContent = "";
  return api("GET", "/am/contained", { limit: 100 }).then(function (data) {
    if (!data.items.length) {
      var r = el("tr");
      var t = el("td", "None of your senders is contained.", "text-muted");
      t.colSpan = 4;
      r.appendChild(t);
      body.appendChild(r);
    }
    data.items.forEach(function (c) {
      var row = el("tr");
      row.setAttribute("data-object", c.name);
      [["Sender", c.name], ["Its mail is", CONTAIN_DONE[c.action] || c.action],
       ["Since", new Date(c.since * 1000).toLocaleString()]].forEach(function (p) {
        var td = el("td", p[1]);
        td.setAttribute("data-label", p[0]);
        row.appendChild(td);
      });
      var act = el("td");
      act.setAttribute("data-label", "Actions");
      act.appendChild(uncontainButton(c, "ct-why-" + c.id));
      row.appendChild(act);
      body.appendChild(row);
    });
  }, function (err) {
    var r = el("tr");
    var t = el("td", words(err, "Your contained senders could not be loaded"), "text-danger");
    t.colSpan = 4;
    r.appendChild(t);
    body.appendChild(r);
  });
}
