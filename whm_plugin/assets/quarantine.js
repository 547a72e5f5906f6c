/* The Quarantine tab: held mail, filters, bulk release and delete, the message viewer. */
import {$, fmtSize, heldForScore, scoreText} from './index.cgi?asset=common.js';
import {append, clear, el, fmtDate, fmtNum, fmtWhen, formValues} from './index.cgi?asset=dom.js';
import {api, plain} from './index.cgi?asset=api.js';
import {confirmDialog, hideModal, loading, pager, say, showError, showModal, unsay} from './index.cgi?asset=ui.js';
import {loaded, loaders, selectTab} from './index.cgi?asset=tabs.js';

var BULK = 500;  // ids per bulk API call

// ---------------------------------------------------------------- Quarantine
// Selections are per page: a search, a filter or another page starts with nothing selected, so nothing the
// admin cannot see on screen is ever released or deleted.
var Q = {offset: 0, size: 25, filters: {}, items: [], selected: new Map(), total: 0, seq: 0};

/* Whether a search or filter narrows the list (the page size does not). */
function qFiltered() {
  return Object.keys(Q.filters).some(function (k) { return k !== 'size' && Q.filters[k]; });
}

function qQuery() {
  var q = {limit: Q.size, offset: Q.offset};
  Object.keys(Q.filters).forEach(function (k) { if (k !== 'size') q[k] = Q.filters[k]; });
  if (q.account === 'root') q.account_only = 'true';  // root's own (unattributed) mail, not every account's
  return q;
}

/* Load the current page; only the latest request is drawn (a slow earlier answer never overwrites it). */
function qLoad(keepResult) {
  var tbody = $('q-table').tBodies[0];
  var seq = ++Q.seq;
  Q.selected.clear();
  if (!keepResult) unsay($('q-result'));
  loading(tbody, 8);
  qSelection();
  return api('GET', '/emails', qQuery()).then(function (doc) {
    if (seq !== Q.seq) return;
    Q.items = doc.items || [];
    Q.total = doc.max_count || 0;
    if (Q.offset > 0 && !Q.items.length && Q.total) { Q.offset = Math.max(0, (Math.ceil(Q.total / Q.size) - 1) * Q.size); return qLoad(true); }
    qRender();
  }, function (err) {
    if (seq !== Q.seq) return;
    Q.items = [];
    Q.total = 0;
    clear(tbody).appendChild(el('tr', null, el('td', {colspan: 8, 'class': 'text-danger', text: 'The list could not be loaded.'})));
    clear($('q-pager'));  // no stale pager for an answer that never came
    qSelection();
    showError($('q-result'), err, 'The quarantine could not be loaded.');
  });
}

var REASON_TEXT = {spam: 'Classified as spam', winexec: 'Carries a Windows executable', ratelimit: 'Over a sender limit',
  virus: 'Carries a virus', recovered: 'Recovered after a crash',
  contained: 'Its sender (a script, address or domain) is contained'};

function reasonLabels(reasons) {
  return (reasons || []).map(function (r) {
    var cls = r === 'spam' ? 'mw-label-spam' : (r === 'winexec' || r === 'virus' ? 'label-danger' : 'mw-label-info');
    return [el('span', {'class': 'label ' + cls, title: REASON_TEXT[r] || r, text: r === 'contained' ? 'contained sender' : r}), ' '];
  });
}

function directionLabel(d) {
  return d === 'incoming' ? el('span', {'class': 'mw-dir', title: 'Incoming: sent to this server from outside'}, '\u2193 in')
    : el('span', {'class': 'mw-dir', title: 'Outgoing: sent by the account'}, '\u2191 out');
}

/* Text of mail (subjects, names) in its own direction, isolated from the page's (right-to-left subjects). */
function bidi(tag, attrs, text) {
  var n = el(tag, attrs);
  n.setAttribute('dir', 'auto');
  n.textContent = text;
  return n;
}

function subjectOf(m) { return m.subject ? m.subject : '(no subject)'; }

function recipientsCell(list) {
  var td = el('td', {'class': 'mw-recipients', 'data-label': 'Recipients'});
  var shown = (list || []).slice(0, 2);
  shown.forEach(function (r, i) { append(td, [i ? el('br') : null, el('span', {'class': 'mw-addr', text: r})]); });
  if ((list || []).length > 2) {
    append(td, [el('br'), el('span', {'class': 'text-muted', title: list.join(', '), text: '+ ' + fmtNum(list.length - 2) + ' more'})]);
  }
  return td;
}

function qRender() {
  var tbody = clear($('q-table').tBodies[0]);
  if (!Q.items.length) {
    tbody.appendChild(el('tr', null, el('td', {colspan: 8, 'class': 'text-muted mw-empty', text: qFiltered() ?
      'No held messages match these filters. Reset shows every held message.' : 'Nothing is held: the quarantine is empty.'})));
  }
  Q.items.forEach(function (m) {
    var subj = subjectOf(m);
    var box = el('input', {type: 'checkbox', 'aria-label': 'Select: ' + subj + ' (' + fmtDate(m.received_date) + ')'});
    box.checked = Q.selected.has(m.email_id);
    box.addEventListener('change', function () {
      if (box.checked) Q.selected.set(m.email_id, m); else Q.selected.delete(m.email_id);
      qSelection();
    });
    var when = fmtDate(m.received_date).split(' ');
    tbody.appendChild(el('tr', {'data-email-id': m.email_id},
      el('td', {'class': 'mw-check'}, box),
      el('td', {'class': 'mw-account', 'data-label': 'Account', text: m.account_name}),
      el('td', {'class': 'mw-when', 'data-label': 'Received'},
        el('span', {'class': 'mw-nowrap', text: when[0]}), ' ', el('span', {'class': 'mw-nowrap mw-time', text: when[1] || ''})),
      el('td', {'class': 'mw-reasons', 'data-label': 'Reasons'}, reasonLabels(m.reasons), el('br'), directionLabel(m.direction),
        heldForScore(m) ? [el('br'), el('small', {'class': 'mw-score', text: scoreText(m)})] : null),
      el('td', {'class': 'mw-sender', 'data-label': 'Sender (From)'}, el('span', {'class': 'mw-addr', text: m.sender || '<> (bounce)'})),
      recipientsCell(m.recipients),
      el('td', {'class': 'mw-subject' + (m.subject ? '' : ' text-muted'), 'data-label': 'Subject'}, bidi('bdi', {title: subj}, subj)),
      el('td', {'class': 'mw-actions'},
        el('button', {type: 'button', 'class': 'btn btn-default btn-xs', 'aria-label': 'View: ' + subj, onclick: function () { viewEmail(m); }}, 'View'), ' ',
        releaseButton(m, subj), ' ',
        el('button', {type: 'button', 'class': 'btn btn-danger btn-xs', 'aria-label': 'Delete: ' + subj,
          onclick: function () { bulk('remove', [m]); }}, 'Delete'))));
  });
  pager($('q-pager'), Q.total, Q.offset, Q.size, function (off) { Q.offset = off; qLoad(); });
  qSelection();
}

function qSelection() {
  var n = Q.selected.size;
  $('q-selected').textContent = n ? fmtNum(n) + ' of ' + fmtNum(Q.items.length) + ' on this page selected' : '';
  $('q-release').disabled = $('q-delete').disabled = $('q-clear').disabled = !n;
  var all = $('q-all');
  all.checked = Q.items.length > 0 && n === Q.items.length;
  all.indeterminate = n > 0 && n < Q.items.length;
  all.disabled = !Q.items.length;
  Array.prototype.forEach.call($('q-table').tBodies[0].querySelectorAll('tr[data-email-id]'), function (tr) {
    var on = Q.selected.has(tr.getAttribute('data-email-id'));
    tr.classList.toggle('mw-selected', on);
    var b = tr.querySelector('input[type=checkbox]');
    if (b) b.checked = on;
  });
}

var STATUS_WORDS = {conflict: 'already released or deleted', not_found: 'no longer in the quarantine',
  limit_exceeded: 'a sender limit would be exceeded', forbidden: 'not allowed', service_unavailable: 'the mail server could not take it',
  internal_error: 'an internal error'};

/* Release or remove messages (summaries) in batches of BULK; then a summary in words, next to the table. */
function bulk(action, items) {
  var verb = action === 'release' ? 'Release & Send' : 'Delete';
  var one = items.length === 1;
  var text = one ? verb + ' \u201c' + subjectOf(items[0]) + '\u201d?' : verb + ' the ' + fmtNum(items.length) + ' selected messages?';
  if (action === 'remove') text += ' Deleted messages cannot be recovered.';
  else text += ' ' + (one ? 'It goes' : 'They go') + ' to every original recipient, Bcc included.';
  confirmDialog(verb, text, verb, action === 'release' ? 'btn-success' : 'btn-danger', function () {
    unsay($('q-result'));
    var byId = {};
    items.forEach(function (m) { byId[m.email_id] = m; });
    var ids = items.map(function (m) { return m.email_id; });
    var chunks = [];
    for (var i = 0; i < ids.length; i += BULK) chunks.push(ids.slice(i, i + BULK));
    var ok = 0, failed = {};
    var nfailed = 0;
    return chunks.reduce(function (prev, chunk) {
      return prev.then(function () {
        return api('POST', '/emails/' + action, null, {ids: chunk}).then(function (res) {
          ok += res.succeeded || 0;
          (res.results || []).forEach(function (r) {
            if (r.ok) return;
            nfailed++;
            var why = STATUS_WORDS[r.status] || plain(r.message);
            (failed[why] = failed[why] || []).push(subjectOf(byId[r.email_id] || {}));
          });
        });
      });
    }, Promise.resolve()).then(function () {
      hideModal();
      if (openEmail && ids.indexOf(openEmail.email_id) >= 0) openEmail = null;
      return qLoad(true).then(function () {
        var done = action === 'release' ? 'released and sent' : 'deleted';
        var details = Object.keys(failed).map(function (why) {
          var subs = failed[why];
          return fmtNum(subs.length) + ' ' + why + ': ' + subs.slice(0, 3).map(function (s) { return '\u201c' + s + '\u201d'; }).join(', ') +
            (subs.length > 3 ? ' and ' + fmtNum(subs.length - 3) + ' more' : '');
        });
        say($('q-result'), nfailed ? 'warning' : 'success', fmtNum(ok) + ' message' + (ok === 1 ? '' : 's') + ' ' + done + '.' +
          (nfailed ? ' ' + fmtNum(nfailed) + ' could not be ' + done + ':' : ''), details);
      });
    }, function (err) {
      hideModal();
      return qLoad(true).then(function () { showError($('q-result'), err, 'Nothing more was ' + (action === 'release' ? 'released.' : 'deleted.')); });
    });
  });
}

$('q-filters').addEventListener('submit', function (e) {
  e.preventDefault();
  Q.filters = formValues(e.target);
  Q.size = parseInt(Q.filters.size, 10) || 25;
  Q.offset = 0;
  qLoad();
});
$('q-filters').addEventListener('reset', function () {
  // the form's fields are reset after this event: read them on the next tick
  setTimeout(function () { Q.filters = {}; Q.size = 25; Q.offset = 0; qLoad(); }, 0);
});
$('q-all').addEventListener('change', function () {
  var on = $('q-all').checked;
  Q.items.forEach(function (m) { if (on) Q.selected.set(m.email_id, m); else Q.selected.delete(m.email_id); });
  qSelection();
});
$('q-clear').addEventListener('click', function () { Q.selected.clear(); qSelection(); });
$('q-release').addEventListener('click', function () { bulk('release', Array.from(Q.selected.values())); });
$('q-delete').addEventListener('click', function () { bulk('remove', Array.from(Q.selected.values())); });

/* Show the quarantine filtered (from the Activity Monitor): set the fields, never reset() the form (its handler
   would send a second, unfiltered request). */
export function goToQuarantine(filters) {
  var form = $('q-filters');
  Array.prototype.forEach.call(form.elements, function (f) {
    if (!f.name) return;
    if (f.tagName === 'SELECT') f.selectedIndex = 0; else f.value = '';
  });
  Object.keys(filters).forEach(function (k) { if (form.elements[k]) form.elements[k].value = filters[k]; });
  Q.filters = formValues(form);
  Q.size = parseInt(Q.filters.size, 10) || 25;
  Q.offset = 0;
  loaded.quarantine = true;
  selectTab('quarantine', true);
  return qLoad();
}

// Email viewer
var openEmail = null;
var emailCache = {};

function viewEmail(m) {
  openEmail = m;
  emailCache = {};
  $('mw-email-title').textContent = m.subject || '(no subject)';
  var meta = clear($('mw-email-meta'));
  [['Account', m.account_name], ['Received', fmtWhen(m.received_date)], ['Sender', m.sender || '<>'],
    ['Recipients', (m.recipients || []).join(', ')], ['Reasons', (m.reasons || []).join(', ')],
    ['Score', scoreText(m, true) + (heldForScore(m) ? '' : ' \u2014 held for ' + (m.reasons || []).join(', ') + ', not for its score')],
    ['Direction', m.direction], ['Size', fmtSize(m.size_bytes)]].forEach(function (p) {
    append(meta, [el('dt', {text: p[0]}), el('dd', {text: p[1] === undefined || p[1] === null ? '' : p[1]})]);
  });
  if (m.script_header && m.script_header.raw) append(meta, [el('dt', {text: 'Script'}), el('dd', {text: m.script_header.raw})]);
  showModal($('mw-email'), $('mw-email-views'));
  emailView('body');
}

/* The API's rebuilt HTML (structural tags only, links as text) in a sandboxed frame that may fetch nothing. */
function htmlView(frame, html) {
  frame.srcdoc = '<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" ' +
    'content="default-src \'none\'; style-src \'unsafe-inline\'"><style>body{font:14px/1.45 sans-serif;color:#222;margin:8px;' +
    'overflow-wrap:anywhere}.mw-link{color:#555;font-size:12px}table{border-collapse:collapse}td,th{border:1px solid #ddd;' +
    'padding:2px 4px}</style></head><body dir="auto">' + html + '</body></html>';
  frame.hidden = false;
}

function emailView(view) {
  Array.prototype.forEach.call($('mw-email-views').querySelectorAll('[data-view]'), function (b) {
    var on = b.getAttribute('data-view') === view;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.parentNode.classList.toggle('active', on);
  });
  var pre = $('mw-email-view');
  var m = openEmail;
  if (!m) return;
  pre.hidden = false;
  $('mw-email-html').hidden = true;
  pre.textContent = 'Loading\u2026';
  var q = {account: m.account_name};
  var id = encodeURIComponent(m.email_id);
  var get;
  if (view === 'raw') {
    get = emailCache.raw ? Promise.resolve(emailCache.raw) : api('GET', '/emails/' + id + '/raw', q, null, true);
  } else {
    get = emailCache.detail ? Promise.resolve(emailCache.detail) : api('GET', '/emails/' + id, q);
  }
  get.then(function (doc) {
    if (openEmail !== m) return;
    if (view === 'raw') { emailCache.raw = doc; pre.textContent = doc; return; }
    emailCache.detail = doc;
    if (view === 'headers') {
      pre.textContent = (doc.headers || []).map(function (h) { return h[0] + ': ' + h[1]; }).join('\n');
    } else if (doc.html) {
      htmlView($('mw-email-html'), doc.html);
      pre.hidden = true;
    } else {
      pre.textContent = doc.body || '(no text body)';
    }
  }, function (err) { pre.textContent = 'Error: ' + err.message; });
}

Array.prototype.forEach.call($('mw-email-views').querySelectorAll('[data-view]'), function (b) {
  b.addEventListener('click', function () { emailView(b.getAttribute('data-view')); });
});
$('mw-email-release').addEventListener('click', function () {
  if (openEmail) { var m = openEmail; hideModal(); bulk('release', [m]); }
});
$('mw-email-delete').addEventListener('click', function () {
  if (openEmail) { var m = openEmail; hideModal(); bulk('remove', [m]); }
});

loaders.quarantine = qLoad;

/* The API's refusal in the reader's words: "Held for X: only Y may release such mail. Ask ..." (no message id). */
function refusalWords(text) {
  var t = String(text || 'The release policy does not let you release this message.');
  t = t.replace(/^email \S+ was held for /, 'Held for ').replace(/: the release policy lets only /, ': only ')
    .replace(/ release such mail; ask your hosting provider to review it$/, ' may release such mail.');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/* Release & Send for one row; when the release policy does not allow this user, disabled with the reason. */
function releaseButton(m, subj) {
  if (m.release_allowed !== false) {
    return el('button', {type: 'button', 'class': 'btn btn-success btn-xs', 'aria-label': 'Release & Send: ' + subj,
      onclick: function () { bulk('release', [m]); }}, 'Release & Send');
  }
  var why = refusalWords(m.release_refusal);
  var id = 'q-why-' + m.email_id;
  return el('span', {'class': 'mw-refused'},
    el('button', {type: 'button', 'class': 'btn btn-success btn-xs', disabled: true, 'aria-label': 'Release & Send: ' + subj,
      'aria-describedby': id, title: why}, 'Release & Send'),
    el('small', {'class': 'mw-why', id: id, text: why}));
}
