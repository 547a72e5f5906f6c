/* Mailward WHM plugin: the single-page app's entry (an ES module; the tabs are modules beside it, served by the CGI
   as ?asset=NAME). Vanilla JS, no bundler, nothing loaded from elsewhere.
   Every text that comes from mail or from the API is inserted with textContent (el()), never parsed as HTML.
   Start-up: who is signed in, the service status banner, then the first tab. */
import {$, zoneName} from './index.cgi?asset=common.js';
import {append, clear, el, fmtNum} from './index.cgi?asset=dom.js';
import {api, explain} from './index.cgi?asset=api.js';
import './index.cgi?asset=ui.js';
import {loaders, selectTab, tabs} from './index.cgi?asset=tabs.js';
import {isAdmin, ME, setMe} from './index.cgi?asset=me.js';
import './index.cgi?asset=quarantine.js';
import './index.cgi?asset=activity.js';
import {accLoad} from './index.cgi?asset=settings.js';
import './index.cgi?asset=statistics.js';

function whoami() {
  return api('GET', '/whoami').then(function (me) {
    setMe({role: me.role, accounts: me.accounts || null, may_change: me.may_change || [], account: me.account});
    if (isAdmin()) return;
    document.body.classList.add('mw-reseller');
    // server-wide settings (defaults, filter settings, server limits, whitelist) stay root's
    ['qd-form', 'fs-form', 'ams-form'].forEach(function (id) { $(id).hidden = true; });
    $('wl-form').closest('.panel').hidden = true;
    loaders.settings = accLoad;
    var n = (ME.accounts || []).length;
    clear($('mw-status')).appendChild(el('span', {'class': 'mw-scope', id: 'mw-scope',
      text: 'Reseller view: the ' + fmtNum(n) + ' account' + (n === 1 ? '' : 's') + ' you own (' + (ME.accounts || []).join(', ') + ').'}));
  });
}

// ---------------------------------------------------------------- start
/* What each failing component means for mail, and what the admin runs to fix or check it. */
var COMPONENTS = {
  exim_hook: {what: 'Mail is not being filtered: Exim is not passing mail to Mailward.',
    fix: ['ie-config enable', 'then check with', 'ie-config status']},
  workers: {what: 'No scan worker is running, so mail cannot be scanned: it goes out unscanned or is deferred (fail_mode).',
    fix: ['ie-config status', 'and restart mailward serve with your service manager if it is stopped']},
  gateway: {what: 'The scan gateway is not running: Exim cannot ask Mailward about mail.',
    fix: ['ie-config status', 'and restart mailward serve with your service manager']},
  redis: {what: 'Mailward\'s database (Redis) does not answer: nothing can be scanned, held or released.',
    fix: ['ie-config status', 'and check the Redis service']},
  redis_memory: {what: 'Mailward\'s database (Redis) is close to its memory limit; at the limit, scans fail.',
    fix: ['ie-config status', 'and raise redis_maxmemory_mb']},
  state_disk: {what: 'The disk holding Mailward\'s spool and quarantine is nearly full.', fix: ['df -h', 'and', 'df -i', 'on the state directory']},
  quarantine_disk: {what: 'The disk holding the quarantine is nearly full: held mail cannot be stored.', fix: ['df -h', 'and', 'df -i', 'on the state directory']}
};

function fixLine(fix) {
  return fix.map(function (part, i) { return i % 2 === 0 ? el('code', {text: part}) : ' ' + part + ' '; });
}

function showStatus(s) {
  var failing = (s.components || []).filter(function (c) { return !c.ok; });
  var st = $('mw-status');
  clear(st);
  append(st, ['Service: ', el('span', {'class': 'mw-state ' + (s.status === 'ok' ? 'mw-state-ok' : 'mw-state-bad'),
    text: s.status === 'ok' ? 'running' : s.status}), ', version ' + s.version + '.']);
  var banner = $('mw-banner');
  clear(banner);
  banner.hidden = !failing.length;
  if (!failing.length) return;
  var unfiltered = failing.some(function (c) { return c.name === 'exim_hook' || c.name === 'workers' || c.name === 'gateway' || c.name === 'redis'; });
  append(banner, [
    el('h2', {text: unfiltered ? 'Mail on this server is not being filtered' : 'Mailward needs attention'}),
    el('ul', null, failing.map(function (c) {
      var k = COMPONENTS[c.name] || {what: 'A part of Mailward is failing.', fix: ['ie-config status']};
      return el('li', null, el('strong', {text: k.what}), ' Fix (as root): ', fixLine(k.fix), '.',
        el('br'), el('small', {'class': 'mw-detail', text: c.name + ': ' + c.detail}));
    })),
    'To see every part of Mailward (as root): ', el('code', {text: 'ie-config status'}), '.'
  ]);
}

$('mw-user').textContent = document.body.getAttribute('data-user') || '';
Array.prototype.forEach.call(document.querySelectorAll('[data-zone]'), function (n) {
  var z = zoneName();
  n.textContent = z ? '(' + z + ')' : '';
  n.title = 'Times are in your browser\u2019s time zone';
});
function notAnswering(err) {
  var st = $('mw-status');
  clear(st).appendChild(el('span', {'class': 'mw-state mw-state-bad', text: 'not answering'}));
  var banner = $('mw-banner');
  clear(banner);
  banner.hidden = false;
  append(banner, [el('h2', {text: 'Mailward is not answering'}), el('p', {text: explain(err).text})]);
}
if (window.matchMedia && window.matchMedia('(max-width: 767px)').matches) $('q-filter-box').open = false;
var start = (location.hash || '').slice(1);
// who is signed in decides what the page offers (a reseller: its accounts, no server-wide settings; the API
// scopes every answer anyway, so the first tab loads meanwhile); the service status is the admin's
whoami().then(function () {
  if (isAdmin()) api('GET', '/status').then(showStatus, notAnswering);
}, notAnswering);
selectTab(tabs.indexOf(start) >= 0 ? start : 'quarantine');
