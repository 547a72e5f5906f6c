/* Mailward cPanel page: the account's quarantine, Activity Monitor figures, statistics and settings. Vanilla JS, ES
   modules (this entry and the tab modules beside it), no build step; mail text is only ever inserted with
   textContent.
   Every call goes through index.live.py?api=..., which forwards it to the Mailward API as this cPanel user's uid.
   Start-up: the release policy and who is signed in, then the first tab. */
import {$, zoneName} from './common.js';
import {api, app, state, words} from './page.js';
import {show, tabs} from './tabs.js';
import {message} from './quarantine.js';
import './activity.js';
import './statistics.js';
import './settings.js';

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
