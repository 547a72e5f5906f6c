/* The page's frame: the account's state, elements, one API call through index.live.py?api=..., errors in words for
   the account's owner with a next step (never the API's raw text), result messages, dialogs. */
import {$, NUM} from './common.js';

export var app = document.getElementById("mailward-app");
var CSRF = app.getAttribute("data-csrf");
export var PAGE_SIZE = 25;
var HOSTING = "If it keeps happening, contact your hosting provider.";
export var state = { account: null, offset: 0, total: 0, filters: {}, current: null, seq: 0, acc: null, part: "body" };

/* Numbers, sizes and dates in the customer's own locale (Intl), one way everywhere on the page. */

export var SHORT = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });

export function fmtNum(n) { return NUM.format(Number(n) || 0); }

export function el(tag, text, cls) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  if (cls) { node.className = cls; }
  return node;
}

/* Text written by a mail's sender, in its own direction (right-to-left subjects stay whole). */
export function bidi(tag, text, cls) {
  var node = el(tag, text, cls);
  node.setAttribute("dir", "auto");
  return node;
}

export function PageError(status, code, message, kind) {
  this.status = status;
  this.code = code || "";
  this.message = message || "";
  this.kind = kind || "api";
}

export function api(method, path, params, body) {
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

export function clock(epoch) {
  return new Date(epoch * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/* An error in words for the account's owner, with what to do next. */
export function words(err, doing) {
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
export function say(target, kind, text, focus) {
  target.textContent = "";
  if (!text) { return; }
  target.appendChild(el("div", text, "alert alert-" + kind));
  if (focus !== false) { target.focus({ preventScroll: true }); target.scrollIntoView({ block: "nearest" }); }
}

export function notify(kind, text, focus) { say($("mailward-alert"), kind, text, focus); }

export function unsay(target) { target.textContent = ""; }

/* ------------------------------------------------------------------ dialogs */
export function openDialog(d, focus) {
  d.showModal();
  if (focus) { focus.focus(); }
}

export function confirmBox(title, text, okLabel, okClass) {
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

export function cell(row, label, node, cls) {
  var td = el("td", null, cls);
  td.setAttribute("data-label", label);
  if (typeof node === "string") { td.textContent = node; } else if (node) { td.appendChild(node); }
  row.appendChild(td);
  return td;
}

export function button(label, cls, action, name) {
  var b = el("button", label, "btn btn-sm " + cls);
  b.type = "button";
  if (name) { b.setAttribute("aria-label", label + ": " + name); }
  b.addEventListener("click", action);
  return b;
}
