/* The four tabs (keyboard: arrows, Home, End); each tab module registers its loader in `loaders`. */
import {$} from './index.cgi?asset=common.js';
import {unsay} from './index.cgi?asset=ui.js';

// ---------------------------------------------------------------- tabs
export var tabs = ['quarantine', 'activity', 'settings', 'statistics'];
export var loaded = {};
export var loaders = {};

var currentTab = null;

export function selectTab(name, focus) {
  if (currentTab && currentTab !== name) {
    // a result belongs to what the admin just did: it does not follow them to another tab
    Array.prototype.forEach.call(document.querySelectorAll('.mw-result'), unsay);
  }
  currentTab = name;
  tabs.forEach(function (t) {
    var on = t === name;
    var a = $('tab-' + t);
    a.setAttribute('aria-selected', on ? 'true' : 'false');
    a.setAttribute('tabindex', on ? '0' : '-1');
    a.parentNode.classList.toggle('active', on);
    $('pane-' + t).hidden = !on;
    $('pane-' + t).classList.toggle('active', on);
  });
  if (focus) $('tab-' + name).focus();
  if (!loaded[name]) { loaded[name] = true; loaders[name](); }
  if (history.replaceState) history.replaceState(null, '', '#' + name);
}

tabs.forEach(function (t, i) {
  var a = $('tab-' + t);
  a.addEventListener('click', function (e) { e.preventDefault(); selectTab(t); });
  a.addEventListener('keydown', function (e) {
    var j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') j = (i + tabs.length - 1) % tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = tabs.length - 1;
    if (j !== null) { e.preventDefault(); selectTab(tabs[j], true); }
  });
});
