/* Mailward cPanel page: the account's quarantine, Activity Monitor figures and settings. Vanilla JS; mail text is
   only ever inserted with textContent. Every call goes through index.live.py?api=..., which forwards it to the
   Mailward API as this cPanel user's uid. */
(function () {
  "use strict";
  var app = document.getElementById("mailward-app");
  var CSRF = app.getAttribute("data-csrf");
  var PAGE_SIZE = 25;
  var state = { account: null, offset: 0, total: 0, subject: "", current: null };

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
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
      var read = type.indexOf("application/json") === 0 ? r.json() : r.text();
      return read.then(function (data) {
        if (!r.ok) {
          var err = new Error((data && data.message) || ("HTTP " + r.status));
          err.status = r.status;
          throw err;
        }
        return data;
      });
    });
  }

  function notify(kind, text) {
    var box = $("mailward-alert");
    box.textContent = "";
    if (!text) { return; }
    box.appendChild(el("div", text, "alert alert-" + kind));
  }

  function fail(err) { notify("danger", err.message); }

  function when(epoch) { return new Date(epoch * 1000).toLocaleString(); }

  /* ------------------------------------------------------------------ tabs (keyboard: arrows, Home, End) */
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  var loaders = {};

  function show(tab, focus) {
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
  function loadQuota() {
    return api("GET", "/accounts/" + state.account).then(function (acc) {
      var left = Math.max(0, acc.releases_limit - acc.releases_last_hour);
      var quota = $("release-quota");
      quota.textContent = left + " of " + acc.releases_limit + " releases left this hour";
      quota.setAttribute("data-left", String(left));
      return acc;
    });
  }

  /* The one row a table shows when it has nothing to list. */
  function emptyRow(body, text, cols) {
    var row = el("tr");
    var cell = el("td", text);
    cell.colSpan = cols;
    row.appendChild(cell);
    body.appendChild(row);
  }

  function button(label, cls, action, title) {
    var b = el("button", label, "btn btn-xs " + cls);
    b.type = "button";
    if (title) { b.setAttribute("aria-label", title); }
    b.addEventListener("click", action);
    return b;
  }

  function loadQuarantine() {
    var params = { limit: PAGE_SIZE, offset: state.offset };
    if (state.subject) { params.subject = state.subject; }
    loadQuota().catch(fail);
    return api("GET", "/emails", params).then(function (data) {
      state.total = data.max_count;
      var body = $("quarantine-table").querySelector("tbody");
      body.textContent = "";
      if (!data.items.length) { emptyRow(body, "No messages in quarantine.", 6); }
      data.items.forEach(function (m) {
        var row = el("tr");
        row.setAttribute("data-email-id", m.email_id);
        row.appendChild(el("td", when(m.received_date)));
        row.appendChild(el("td", m.sender));
        row.appendChild(el("td", (m.recipients || []).join(", ")));
        row.appendChild(el("td", m.subject));
        row.appendChild(el("td", (m.reasons || []).join(", ")));
        var actions = el("td");
        actions.appendChild(button("View", "btn-default", function () { view(m); }, "View " + m.subject));
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(button("Release", "btn-primary", function () { release(m); }, "Release " + m.subject));
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(button("Delete", "btn-danger", function () { remove(m); }, "Delete " + m.subject));
        row.appendChild(actions);
        body.appendChild(row);
      });
      var pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
      $("q-page").textContent = " Page " + (Math.floor(state.offset / PAGE_SIZE) + 1) + " of " + pages +
        " (" + state.total + " messages) ";
      $("q-prev").disabled = state.offset === 0;
      $("q-next").disabled = state.offset + PAGE_SIZE >= state.total;
    }).catch(fail);
  }

  function release(m) {
    api("POST", "/emails/" + m.email_id + "/release").then(function () {
      notify("success", "Released: " + m.subject);
      loadQuarantine();
    }).catch(function (err) { fail(err); loadQuota().catch(fail); });
  }

  function remove(m) {
    if (!window.confirm("Delete this message for good?")) { return; }
    api("DELETE", "/emails/" + m.email_id).then(function () {
      notify("success", "Deleted: " + m.subject);
      loadQuarantine();
    }).catch(fail);
  }

  function view(m) {
    state.current = m;
    $("mv-title").textContent = m.subject || "(no subject)";
    $("message-view").className = "panel panel-default";
    showPart("body");
    $("message-view").focus();
  }

  function showPart(part) {
    var m = state.current;
    var out = $("mv-content");
    out.textContent = "Loading…";
    var path = "/emails/" + m.email_id + (part === "raw" ? "/raw" : "");
    api("GET", path).then(function (d) {
      if (part === "raw") { out.textContent = d; return; }
      if (part === "headers") {
        out.textContent = (d.headers || []).map(function (h) { return h[0] + ": " + h[1]; }).join("\n");
        return;
      }
      out.textContent = d.body;
    }).catch(function (err) { out.textContent = ""; fail(err); });
  }

  $("mv-body").addEventListener("click", function () { showPart("body"); });
  $("mv-headers").addEventListener("click", function () { showPart("headers"); });
  $("mv-raw").addEventListener("click", function () { showPart("raw"); });
  $("mv-close").addEventListener("click", function () { $("message-view").className = "panel panel-default hidden"; });
  $("q-prev").addEventListener("click", function () {
    state.offset = Math.max(0, state.offset - PAGE_SIZE); loadQuarantine();
  });
  $("q-next").addEventListener("click", function () { state.offset += PAGE_SIZE; loadQuarantine(); });
  $("quarantine-filter").addEventListener("submit", function (e) {
    e.preventDefault(); state.subject = $("q-subject").value; state.offset = 0; loadQuarantine();
  });
  loaders.quarantine = loadQuarantine;

  /* ------------------------------------------------------------------ activity monitor */
  /* Each cell carries its column's heading, which a phone shows beside the value (the table stacks there). */
  var AM_COLUMNS = Array.prototype.map.call($("am-table").querySelectorAll("thead th"),
                                            function (th) { return th.textContent; });

  function amRow(body, kind, o) {
    var row = el("tr");
    [kind, o.name, o.messages, o.quarantined, o.limit ? o.limit : "unlimited", o.rateLimited ? "yes" : "no",
     historyText(o.history)].forEach(function (value, i) {
      var cell = el("td", value);
      cell.setAttribute("data-label", AM_COLUMNS[i]);
      row.appendChild(cell);
    });
    body.appendChild(row);
  }

  /* Sender history: established (its mail is attenuated), learning, or new; and its usual hour. */
  function historyText(h) {
    if (!h) return "new";
    var state = h.tainted_until ? "confirmed spam" : (h.established ? "established" : "learning");
    return h.active_hours ? state + ", usually " + h.usual_per_hour + " per hour" : state;
  }

  function loadActivity() {
    return api("GET", "/am/stats", { since: $("am-since").value, history: "true" }).then(function (data) {
      var body = $("am-table").querySelector("tbody");
      body.textContent = "";
      if (!data.accounts.length) { emptyRow(body, "No mail in this period.", 7); }
      data.accounts.forEach(function (a) {
        amRow(body, "Account", a);
        (a.scripts || []).forEach(function (s) { amRow(body, "Script", s); });
        (a.domains || []).forEach(function (d) {
          amRow(body, "Domain", d);
          (d.sender_emails || []).forEach(function (s) { amRow(body, "Sender", s); });
        });
      });
    }).catch(fail);
  }
  $("am-filter").addEventListener("submit", function (e) { e.preventDefault(); loadActivity(); });
  loaders.activity = loadActivity;

  /* ------------------------------------------------------------------ settings (the digest is the owner's) */
  function fill(tableId, pairs) {
    var body = $(tableId).querySelector("tbody");
    body.textContent = "";
    pairs.forEach(function (p) {
      var row = el("tr");
      row.appendChild(el("th", p[0]));
      row.appendChild(el("td", p[1]));
      body.appendChild(row);
    });
  }

  function mb(bytes) { return (bytes / 1048576).toFixed(1) + " MB"; }

  function perHour(n) { return n ? n + " per hour" : "unlimited"; }

  function loadSettings() {
    return Promise.all([api("GET", "/accounts/" + state.account), api("GET", "/am/server-settings")])
      .then(function (r) {
        var acc = r[0];
        var am = r[1];
        fill("settings-account", [["Account", acc.name], ["State", acc.state],
          ["Quarantine size limit", mb(acc.limit_bytes)], ["Quarantine used", mb(acc.used_bytes)],
          ["Messages held", acc.messages], ["Releases allowed per hour", acc.releases_limit],
          ["Released in the last hour", acc.releases_last_hour]]);
        fill("settings-limits", [["Account", perHour(am.account)], ["Each domain", perHour(am.domain)],
          ["Each sender address", perHour(am.sender_email)], ["Each script", perHour(am.script)],
          ["Counting", am.limit_mode === 2 ? "recipients" : "messages"]]);
        showDigest(acc);
      }).catch(fail);
  }
  loaders.settings = loadSettings;

  function showDigest(acc) {
    $("digest-frequency").value = acc.digest;
    $("digest-address").value = acc.digest_address;
  }

  $("digest-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var change = { digest: $("digest-frequency").value, digest_address: $("digest-address").value.trim() };
    $("digest-save").disabled = true;
    api("PATCH", "/accounts/" + state.account, {}, change).then(function (acc) {
      showDigest(acc);
      notify("success", "Digest settings saved.");
    }).catch(fail).then(function () { $("digest-save").disabled = false; });
  });

  api("GET", "/whoami").then(function (me) {
    state.account = me.account;
    app.setAttribute("data-account", me.account);
    show(tabs[0], false);
  }).catch(fail);
}());
