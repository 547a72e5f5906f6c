/* Mailward cPanel page: the account's quarantine, Activity Monitor figures, statistics and settings. Vanilla JS;
   mail text is only ever inserted with textContent. Every call goes through index.live.py?api=..., which forwards it
   to the Mailward API as this cPanel user's uid. Errors are told in words for the account's owner, with a next step;
   never the API's raw text. */
(function () {
  "use strict";
  var app = document.getElementById("mailward-app");
  var CSRF = app.getAttribute("data-csrf");
  var PAGE_SIZE = 25;
  var HOSTING = "If it keeps happening, contact your hosting provider.";
  var state = { account: null, offset: 0, total: 0, filters: {}, current: null, seq: 0, acc: null, part: "body" };
  /* The quarantine's filters, named and ordered as on the WHM page (which adds Account, PHP script, Per page). */
  var FILTERS = ["sender", "recipient", "subject", "reason", "direction", "since"];

  /* Numbers, sizes and dates in the customer's own locale (Intl), one way everywhere on the page. */
  var NUM = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  var NUM1 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  var SHORT = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });
  var WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "long" });
  var MB = 1048576;

  function fmtNum(n) { return NUM.format(Number(n) || 0); }

  /* KB below 1 MB, MB below 1 GB, then GB (1 KB = 1,024 bytes); one decimal below 10. */
  function fmtSize(bytes) {
    var b = Math.max(0, Number(bytes) || 0);
    var unit = b >= 1024 * MB ? ["GB", 1024 * MB] : (b >= MB ? ["MB", MB] : ["KB", 1024]);
    var v = b / unit[1];
    return (v < 10 ? NUM1 : NUM).format(v) + " " + unit[0];
  }

  /* "Score 1,009 (holds at 6)": the score beside the threshold its direction is held at now. */
  function scoreText(m, bare) {
    var s = (bare ? "" : "Score ") + NUM1.format(Number(m.score) || 0);
    return typeof m.hold_threshold === "number" ? s + " (holds at " + NUM1.format(m.hold_threshold) + ")" : s;
  }

  function heldForScore(m) { return (m.reasons || []).indexOf("spam") >= 0; }

  function zoneName() {
    var part = new Intl.DateTimeFormat(undefined, { timeZoneName: "short" }).formatToParts(new Date())
      .filter(function (p) { return p.type === "timeZoneName"; })[0];
    return part ? part.value : "";
  }

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  /* Text written by a mail's sender, in its own direction (right-to-left subjects stay whole). */
  function bidi(tag, text, cls) {
    var node = el(tag, text, cls);
    node.setAttribute("dir", "auto");
    return node;
  }

  function PageError(status, code, message, kind) {
    this.status = status;
    this.code = code || "";
    this.message = message || "";
    this.kind = kind || "api";
  }

  function api(method, path, params, body) {
    var query = "api=" + encodeURIComponent(path);
    Object.keys(params || {}).forEach(function (k) {
      query += "&" + encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    });
    var opts = { method: method, credentials: "same-origin", headers: { "X-Mailward-CSRF": CSRF } };
    if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers["Content-Type"] = "application/json"; }
    return fetch("index.live.py?" + query, opts).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      var json = type.indexOf("application/json") === 0;
      return (json ? r.json().catch(function () { return null; }) : r.text()).then(function (data) {
        if (!r.ok) {
          if (!json || !data) { throw new PageError(r.status, "", "", "page"); }
          throw new PageError(r.status, data.status, data.message);
        }
        return data;
      });
    }, function () { throw new PageError(0, "", "", "network"); });
  }

  function clock(epoch) {
    return new Date(epoch * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  /* An error in words for the account's owner, with what to do next. */
  function words(err, doing) {
    var what = doing ? doing + ": " : "";
    if (!(err instanceof PageError)) { return what + "something went wrong in this page. Reload it and try again."; }
    if (err.kind === "network") { return what + "the connection to the server was lost. Check your connection and reload the page."; }
    if (err.status === 503 || err.status === 502 || err.status === 504 || err.kind === "page" || err.status >= 500) {
      return what + "Mailward is not answering right now, so nothing was changed. Try again in a few minutes. " + HOSTING;
    }
    if (err.status === 429) {
      if (/release\(s\) per hour/.test(err.message)) {
        var next = state.acc && state.acc.next_release_at;
        return what + "you have used all your releases for this hour." +
          (next ? " You can release again at " + clock(next) + " (your time)." : "");
      }
      return what + "sending it now would go over your account's sending limit, so it stays in the quarantine. " +
        "Try again later. " + HOSTING;
    }
    if (err.status === 403) {
      if (/release policy|held for/.test(err.message)) {
        return what + "only your hosting provider may release this message (it was held for a reason they review). " +
          "Contact your hosting provider if you need it.";
      }
      return what + "this is not allowed for your account. " + HOSTING;
    }
    if (err.status === 404 || err.status === 409) {
      return what + "this message is no longer in the quarantine (it was released or deleted meanwhile). The list is refreshed.";
    }
    if (err.status === 400 || err.status === 422) {
      if (/digest_address|address/.test(err.message)) {
        return what + "that address cannot get digests: use an address on one of your own domains or your cPanel contact address.";
      }
      return what + "the value was not accepted. Check it and try again.";
    }
    return what + "it did not work. Try again later. " + HOSTING;
  }

  /* A message in a result region, which is cleared when the next action starts; focus moves to it. */
  function say(target, kind, text, focus) {
    target.textContent = "";
    if (!text) { return; }
    target.appendChild(el("div", text, "alert alert-" + kind));
    if (focus !== false) { target.focus({ preventScroll: true }); target.scrollIntoView({ block: "nearest" }); }
  }

  function notify(kind, text, focus) { say($("mailward-alert"), kind, text, focus); }

  function unsay(target) { target.textContent = ""; }

  /* ------------------------------------------------------------------ dialogs */
  function openDialog(d, focus) {
    d.showModal();
    if (focus) { focus.focus(); }
  }

  function confirmBox(title, text, okLabel, okClass) {
    return new Promise(function (resolve) {
      var d = $("confirm");
      $("confirm-title").textContent = title;
      $("confirm-text").textContent = text;
      var ok = $("confirm-ok");
      ok.textContent = okLabel;
      ok.className = "btn " + okClass;
      function done(v) {
        ok.removeEventListener("click", yes);
        $("confirm-cancel").removeEventListener("click", no);
        d.removeEventListener("cancel", no);
        d.close();
        resolve(v);
      }
      function yes() { done(true); }
      function no(e) { if (e) { e.preventDefault(); } done(false); }
      ok.addEventListener("click", yes);
      $("confirm-cancel").addEventListener("click", no);
      d.addEventListener("cancel", no);
      openDialog(d, $("confirm-cancel"));
    });
  }

  /* ------------------------------------------------------------------ tabs (keyboard: arrows, Home, End) */
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  var loaders = {};

  function show(tab, focus) {
    unsay($("mailward-alert"));
    tabs.forEach(function (t) {
      var on = t === tab;
      t.parentNode.className = on ? "active" : "";
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.setAttribute("tabindex", on ? "0" : "-1");
      $(t.getAttribute("aria-controls")).className = "tab-pane" + (on ? " active" : "");
    });
    if (focus) { tab.focus(); }
    var load = loaders[tab.getAttribute("aria-controls")];
    if (load) { load(); }
  }

  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function (e) { e.preventDefault(); show(tab, false); });
    tab.addEventListener("keydown", function (e) {
      var next = null;
      if (e.key === "ArrowRight") { next = tabs[(i + 1) % tabs.length]; }
      if (e.key === "ArrowLeft") { next = tabs[(i - 1 + tabs.length) % tabs.length]; }
      if (e.key === "Home") { next = tabs[0]; }
      if (e.key === "End") { next = tabs[tabs.length - 1]; }
      if (next) { e.preventDefault(); show(next, true); }
    });
  });

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

  function cell(row, label, node, cls) {
    var td = el("td", null, cls);
    td.setAttribute("data-label", label);
    if (typeof node === "string") { td.textContent = node; } else if (node) { td.appendChild(node); }
    row.appendChild(td);
    return td;
  }

  function button(label, cls, action, name) {
    var b = el("button", label, "btn btn-sm " + cls);
    b.type = "button";
    if (name) { b.setAttribute("aria-label", label + ": " + name); }
    b.addEventListener("click", action);
    return b;
  }

  function subjectOf(m) { return m.subject || "(no subject)"; }

  function noPager() {
    $("q-page").textContent = "";
    $("q-prev").disabled = $("q-next").disabled = true;
    $("q-pager").hidden = true;
  }

  function message(body, text, cls) {
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

  /* ------------------------------------------------------------------ statistics (the account's own /stats) */
  function day(start) { return new Date(start * 1000).toISOString().slice(0, 10); }

  function numCell(row, label, n) {
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

  /* ------------------------------------------------------------------ settings (the digest is the owner's) */
  function fill(tableId, pairs) {
    var body = $(tableId).querySelector("tbody");
    body.textContent = "";
    pairs.forEach(function (p) {
      var row = el("tr");
      var th = el("th", p[0]);
      th.scope = "row";
      row.appendChild(th);
      row.appendChild(el("td", p[1]));
      body.appendChild(row);
    });
  }

  function perHour(n) { return n ? fmtNum(n) + " per hour" : "unlimited"; }

  function incomingText(acc) {
    if (acc.incoming) {
      return "Incoming mail to your addresses is filtered for spam when your hosting provider has turned incoming filtration on.";
    }
    return acc.incoming_owner_may_change ? "Incoming mail to your addresses is not filtered: you turned it off." :
      "Incoming mail to your addresses is not filtered: your hosting provider turned it off for this account.";
  }

  function loadIncoming(acc) {
    $("incoming-state").textContent = incomingText(acc);
    $("incoming-form").hidden = !acc.incoming_owner_may_change;
    $("incoming-on").checked = !!acc.incoming;
    var body = $("settings-incoming").querySelector("tbody");
    body.textContent = "";
    return api("GET", "/stats", { since: "7d", bucket: "day", top: 0 }).then(function (doc) {
      (doc.series || []).slice().reverse().forEach(function (b) {
        var row = el("tr");
        var th = el("th", day(b.start));
        th.scope = "row";
        row.appendChild(th);
        numCell(row, "Spam", b.incoming_spam);
        numCell(row, "Not spam", b.incoming_ham);
        body.appendChild(row);
      });
    }, function (err) {
      var row = el("tr");
      var td = el("td", words(err, "The figures could not be loaded"), "text-danger");
      td.colSpan = 3;
      row.appendChild(td);
      body.appendChild(row);
    });
  }

  function loadSettings() {
    return Promise.all([api("GET", "/accounts/" + state.account), api("GET", "/am/server-settings")])
      .then(function (r) {
        var acc = r[0];
        var am = r[1];
        state.acc = acc;
        fill("settings-account", [["Account", acc.name], ["State", acc.state === "active" ? "active" : "blocked by your hosting provider"],
          ["Quarantine size limit", fmtSize(acc.limit_bytes)], ["Quarantine used", fmtSize(acc.used_bytes)],
          ["Messages held", fmtNum(acc.messages)], ["Releases allowed per hour", acc.releases_limit ? fmtNum(acc.releases_limit) : "none (turned off)"],
          ["Released in the last hour", fmtNum(acc.releases_last_hour)]]);
        fill("settings-limits", [["Account", perHour(am.account)], ["Each domain", perHour(am.domain)],
          ["Each sender address", perHour(am.sender_email)], ["Each script", perHour(am.script)],
          ["Counting", am.limit_mode === 2 ? "recipients" : "messages"]]);
        showDigest(acc);
        return loadIncoming(acc);
      }, function (err) { notify("danger", words(err, "Your settings could not be loaded")); });
  }
  loaders.settings = loadSettings;

  function showDigest(acc) {
    $("digest-frequency").value = acc.digest;
    $("digest-address").value = acc.digest_address;
  }

  $("incoming-form").addEventListener("submit", function (e) {
    e.preventDefault();
    unsay($("incoming-result"));
    var want = $("incoming-on").checked;
    if (state.acc && want === !!state.acc.incoming) { say($("incoming-result"), "info", "Nothing changed."); return; }
    $("incoming-save").disabled = true;
    api("PATCH", "/accounts/" + state.account, {}, { incoming: want }).then(function (acc) {
      state.acc = acc;
      $("incoming-state").textContent = incomingText(acc);
      say($("incoming-result"), "success", want ? "Incoming mail is filtered again." : "Incoming mail is no longer filtered.");
    }, function (err) { say($("incoming-result"), "danger", words(err, "Not saved")); })
      .then(function () { $("incoming-save").disabled = false; });
  });

  $("digest-form").addEventListener("submit", function (e) {
    e.preventDefault();
    unsay($("digest-result"));
    var change = { digest: $("digest-frequency").value, digest_address: $("digest-address").value.trim() };
    $("digest-save").disabled = true;
    api("PATCH", "/accounts/" + state.account, {}, change).then(function (acc) {
      showDigest(acc);
      say($("digest-result"), "success", "Digest settings saved.");
    }, function (err) { say($("digest-result"), "danger", words(err, "Not saved")); })
      .then(function () { $("digest-save").disabled = false; });
  });

  var policy = api("GET", "/quarantine-defaults").then(function (d) { state.releaseBy = d.release_by || null; },
    function () { state.releaseBy = null; });  // without it every Release is offered; the API still decides
  if (window.matchMedia && window.matchMedia("(max-width: 767px)").matches) { $("q-filter-box").open = false; }
  Array.prototype.forEach.call(document.querySelectorAll("#mailward-app [data-zone]"), function (n) {
    var z = zoneName();
    n.textContent = z ? "(" + z + ")" : "";
    n.title = "Times are in your browser\u2019s time zone";
  });
  Promise.all([api("GET", "/whoami"), policy]).then(function (r) {
    var me = r[0];
    state.account = me.account;
    app.setAttribute("data-account", me.account);
    show(tabs[0], false);
  }, function (err) {
    var body = $("quarantine-table").querySelector("tbody");
    message(body, words(err, "This page could not start"), "text-danger");
    $("release-quota").textContent = "";
  });
}());
