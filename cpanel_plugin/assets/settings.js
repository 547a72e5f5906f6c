/* The Settings tab: the account's quarantine and limits, incoming filtration, the digest. */
import {$, fmtSize} from './common.js';
import {api, el, fmtNum, notify, say, state, unsay, words} from './page.js';
import {loaders} from './tabs.js';
import {day, numCell} from './statistics.js';

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
