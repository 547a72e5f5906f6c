/* The tabs (keyboard: arrows, Home, End); each tab module registers its loader in `loaders`. */
import {$} from './common.js';
import {unsay} from './page.js';

/* ------------------------------------------------------------------ tabs (keyboard: arrows, Home, End) */
export var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
export var loaders = {};

export function show(tab, focus) {
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
