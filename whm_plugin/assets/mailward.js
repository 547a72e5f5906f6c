/* Mailward WHM plugin: the single-page app. Vanilla JS, no bundler, nothing loaded from elsewhere.
 * Every text that comes from mail or from the API is inserted with textContent (el()), never parsed as HTML. */
(function () {
  'use strict';

  var BASE = document.body.getAttribute('data-base');  // "/cpsessNNN/cgi/mailward/index.cgi"
  var MB = 1024 * 1024;
  var BULK = 500;  // ids per bulk API call

  // ---------------------------------------------------------------- helpers
  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = String(v);
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  // Numbers, sizes and dates in the admin's own locale (Intl), one way everywhere on the page.
  var NUM = new Intl.NumberFormat(undefined, {maximumFractionDigits: 0});
  var NUM1 = new Intl.NumberFormat(undefined, {maximumFractionDigits: 1});
  var WHEN = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'long'});
  var PCT = new Intl.NumberFormat(undefined, {style: 'percent', maximumFractionDigits: 1});

  /* A table's compact local time: 2026-11-21 19:00:00 (the column heading names the time zone). */
  function fmtDate(epoch) {
    if (!epoch) return '';
    var d = new Date(epoch * 1000);
    function p(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' +
      p(d.getMinutes()) + ':' + p(d.getSeconds());
  }

  /* A moment on its own (the viewer, dialogs): local date and time with the time zone named. */
  function fmtWhen(epoch) { return epoch ? WHEN.format(new Date(epoch * 1000)) : ''; }

  /* The admin's time zone as Intl names it (GMT+9, UTC, PST...), for headings of local times. */
  function zoneName() {
    var part = new Intl.DateTimeFormat(undefined, {timeZoneName: 'short'}).formatToParts(new Date())
      .filter(function (p) { return p.type === 'timeZoneName'; })[0];
    return part ? part.value : '';
  }

  /* A size for a person: KB below 1 MB, MB below 1 GB, then GB (1 KB = 1,024 bytes); one decimal below 10. */
  function fmtSize(bytes) {
    var b = Math.max(0, Number(bytes) || 0);
    var unit = b >= 1024 * MB ? ['GB', 1024 * MB] : (b >= MB ? ['MB', MB] : ['KB', 1024]);
    var v = b / unit[1];
    return (v < 10 ? NUM1 : NUM).format(v) + ' ' + unit[0];
  }

  function fmtNum(n) { return (n === null || n === undefined || n === '') ? '' : NUM.format(Number(n)); }

  function fmtScore(n) { return NUM1.format(Number(n) || 0); }

  /* "Score 1,009 (holds at 6)": a score beside the threshold its direction is held at now. */
  function scoreText(m, bare) {
    var s = (bare ? '' : 'Score ') + fmtScore(m.score);
    return typeof m.hold_threshold === 'number' ? s + ' (holds at ' + fmtScore(m.hold_threshold) + ')' : s;
  }

  function heldForScore(m) { return (m.reasons || []).indexOf('spam') >= 0; }

  function ApiError(status, doc, kind) {
    this.status = status;
    this.doc = doc || {};
    this.kind = kind || 'api';  // api: the API's JSON error; page: not JSON (an HTML error page); network; input
    this.message = (doc && doc.message) || ('HTTP ' + status);
  }

  /* One API call through the CGI: ?api=PATH&query..., JSON in and out; raw=true gives the text. */
  function api(method, path, query, body, raw) {
    var params = new URLSearchParams();
    params.set('api', path);
    Object.keys(query || {}).forEach(function (k) {
      var v = query[k];
      if (v !== '' && v !== null && v !== undefined) params.set(k, v);
    });
    var opts = {method: method, credentials: 'same-origin',
      headers: {'X-Requested-With': 'mailward', 'Accept': raw ? 'message/rfc822, text/plain' : 'application/json'}};
    if (body !== undefined && body !== null) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(BASE + '?' + params.toString(), opts).then(function (r) {
      if (raw && r.ok) return r.text();
      var json = (r.headers.get('Content-Type') || '').indexOf('application/json') === 0;
      return r.text().then(function (t) {
        var doc = null;
        if (json) {
          try { doc = t ? JSON.parse(t) : null; } catch (e) { json = false; }
        }
        if (!json) {
          // an error page (cpsrvd's, a proxy's): never shown as markup, only described
          if (r.ok) throw new ApiError(502, null, 'page');
          throw new ApiError(r.status, null, 'page');
        }
        if (!r.ok) throw new ApiError(r.status, doc);
        return doc;
      });
    }, function () { throw new ApiError(0, null, 'network'); });
  }

  /* A problem with what the admin typed (never sent to the API): a message and the list of what to correct. */
  function inputError(message, list) {
    var err = new ApiError(400, {message: message}, 'input');
    err.list = list || [];
    return err;
  }

  /* What the admin reads for an API field name. */
  var LABELS = {limit_bytes: 'Storage capacity', releases_limit: 'Releases limit', state: 'State', incoming: 'Incoming filtration',
    account: 'WHM account per hour', domain: 'Domain per hour', sender_email: 'Email address per hour', script: 'PHP script per hour',
    daily_account: 'WHM account per 24 hours', daily_domain: 'Domain per 24 hours', daily_sender_email: 'Email address per 24 hours',
    daily_script: 'PHP script per 24 hours', limit_mode: 'Limit mode', dry_run: 'Dry run', limit: 'Sender limit', values: 'Address or domain',
    allow_winexec: 'Windows executables', ids: 'Messages', digest: 'Digest', digest_address: 'Digest address'};
  var CHECK = 'On the server, as root, run ie-config status to see which part of Mailward is failing.';

  /* An error in words for a hosting admin, with the next step: {text, details}. Never raw API keys or markup. */
  function explain(err) {
    if (!(err instanceof ApiError)) return {text: 'Something went wrong in this page. Reload it and try again.', details: []};
    if (err.kind === 'input') return {text: err.message, details: err.list || []};
    if (err.kind === 'network') {
      return {text: 'WHM did not answer: the connection to the server was lost. Check your connection, then reload the page.', details: []};
    }
    if (err.kind === 'page') {
      return {text: 'WHM answered with an error page (HTTP ' + err.status + ') instead of Mailward\'s answer. ' + CHECK, details: []};
    }
    var s = err.status, m = err.doc.message || '';
    if (s === 503 || s === 502 || s === 504) {
      return {text: 'The Mailward service is not answering, so nothing was changed. ' + CHECK +
        ' If it is stopped, start mailward serve again with your service manager.', details: []};
    }
    if (s === 500) return {text: 'Mailward failed to do this (an internal error). ' + CHECK + ' The mailward log has the details.', details: []};
    if (s === 400 || s === 422) {
      var d = fieldDetails(err.doc.errors);
      return {text: d.length ? 'Some values were not accepted:' : 'Mailward did not accept this: ' + plain(m), details: d};
    }
    if (s === 401 || s === 403) return {text: 'Your WHM login may not do this: ' + plain(m) + '.', details: []};
    if (s === 404) return {text: 'It is no longer there: someone may have released or deleted it meanwhile. The list is refreshed.', details: []};
    if (s === 409) return {text: 'It changed meanwhile: ' + plain(m) + '. The list is refreshed.', details: []};
    if (s === 413) return {text: 'Too much at once: select fewer items and try again.', details: []};
    if (s === 429) return {text: 'A limit was reached: ' + plain(m) + '.', details: []};
    return {text: 'Mailward refused this (HTTP ' + s + '): ' + plain(m), details: []};
  }

  /* An API message with its API field names replaced by labels and without a JSON dump. */
  function plain(m) {
    var out = String(m || '').replace(/^invalid request: /, '').replace(/[{}\[\]"]/g, '');
    Object.keys(LABELS).forEach(function (k) { out = out.replace(new RegExp('\\b' + k + '\\b', 'g'), LABELS[k]); });
    return out.slice(0, 300);
  }

  function fieldDetails(errors) {
    var out = [];
    Object.keys(errors || {}).forEach(function (k) {
      var v = errors[k];
      if (k === 'json' || k === 'query') { out = out.concat(fieldDetails(v)); return; }
      var text = Array.isArray(v) ? v.join(' ') : (typeof v === 'object' ? fieldDetails(v).join('; ') : String(v));
      out.push((LABELS[k] || k.replace(/_/g, ' ')) + ': ' + plain(text));
    });
    return out;
  }

  /* A result region beside the form or table it belongs to: cleared when an action starts, focused when it ends. */
  function say(target, kind, message, details, focus) {
    var box = el('div', {'class': 'alert alert-' + kind + ' mw-alert'}, el('span', {'class': 'mw-alert-text', text: message}));
    if (details && details.length) {
      append(box, el('ul', null, details.slice(0, 10).map(function (d) { return el('li', {text: d}); })));
      if (details.length > 10) append(box, el('p', {text: '\u2026 and ' + (details.length - 10) + ' more'}));
    }
    clear(target).appendChild(box);
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    if (focus !== false) target.focus({preventScroll: true});
    if (focus !== false && target.scrollIntoView) target.scrollIntoView({block: 'nearest'});
    return box;
  }

  function unsay(target) { clear(target); }

  function alertBox(target, kind, message, details) { return say(target, kind, message, details); }

  function showError(target, err, prefix) {
    var e = explain(err);
    return say(target, 'danger', (prefix ? prefix + ' ' : '') + e.text, e.details);
  }

  function loading(tbody, cols) {
    clear(tbody).appendChild(el('tr', null, el('td', {colspan: cols, 'class': 'text-muted', text: 'Loading\u2026'})));
  }

  /* Previous / page x of y / next for limit+offset lists. */
  function pager(nav, total, offset, size, go) {
    clear(nav);
    if (!total) return;
    var pages = Math.max(1, Math.ceil(total / size));
    var page = Math.floor(offset / size) + 1;
    var first = total ? offset + 1 : 0;
    var last = Math.min(offset + size, total);
    var input = el('input', {type: 'number', min: 1, max: pages, value: page, 'class': 'form-control input-sm',
      'aria-label': 'Page number'});
    input.addEventListener('change', function () {
      var p = Math.min(pages, Math.max(1, parseInt(input.value, 10) || 1));
      go((p - 1) * size);
    });
    append(nav, [
      el('button', {type: 'button', 'class': 'btn btn-default btn-sm', disabled: page <= 1, 'aria-label': 'First page',
        onclick: function () { go(0); }}, '\u00ab First'), ' ',
      el('button', {type: 'button', 'class': 'btn btn-default btn-sm', disabled: page <= 1,
        onclick: function () { go(Math.max(0, offset - size)); }}, '\u2039 Previous'), ' ',
      el('span', null, 'Page '), input, el('span', {text: ' of ' + fmtNum(pages) + ' '}), ' ',
      el('button', {type: 'button', 'class': 'btn btn-default btn-sm', disabled: page >= pages,
        onclick: function () { go(offset + size); }}, 'Next \u203a'), ' ',
      el('button', {type: 'button', 'class': 'btn btn-default btn-sm', disabled: page >= pages, 'aria-label': 'Last page',
        onclick: function () { go((pages - 1) * size); }}, 'Last \u00bb'), ' ',
      el('span', {'class': 'text-muted mw-showing', text: 'Showing ' + fmtNum(first) + '\u2013' + fmtNum(last) + ' of ' + fmtNum(total)})
    ]);
  }

  function formValues(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (f) { if (f.name) out[f.name] = f.value.trim(); });
    return out;
  }

  // ---------------------------------------------------------------- modals (focus kept inside, Esc closes)
  var openModal = null;

  function focusables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(
      'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])'),
    function (n) { return !n.disabled && !n.hidden && n.offsetParent !== null; });
  }

  /* Open a modal and focus the first control inside focusRoot (default: the modal itself). */
  function showModal(modal, focusRoot) {
    openModal = {node: modal, back: document.activeElement};
    modal.hidden = false;
    modal.classList.add('mw-open', 'in');
    $('mw-backdrop').hidden = false;
    document.body.classList.add('mw-modal-open');
    var f = focusables(focusRoot || modal)[0] || focusables(modal)[0];
    if (f) f.focus();
  }

  function hideModal() {
    if (!openModal) return;
    var m = openModal;
    openModal = null;
    m.node.hidden = true;
    m.node.classList.remove('mw-open', 'in');
    $('mw-backdrop').hidden = true;
    document.body.classList.remove('mw-modal-open');
    if (m.back && m.back.focus && document.body.contains(m.back)) m.back.focus();
  }

  document.addEventListener('keydown', function (e) {
    if (!openModal) return;
    if (e.key === 'Escape') { e.preventDefault(); hideModal(); return; }
    if (e.key === 'Tab') {
      var f = focusables(openModal.node);
      if (!f.length) return;
      if (e.shiftKey && document.activeElement === f[0]) { e.preventDefault(); f[f.length - 1].focus(); }
      else if (!e.shiftKey && document.activeElement === f[f.length - 1]) { e.preventDefault(); f[0].focus(); }
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-close]'), function (b) {
    b.addEventListener('click', hideModal);
  });
  ['mw-email', 'mw-dialog'].forEach(function (id) {
    $(id).addEventListener('click', function (e) { if (e.target === $(id)) hideModal(); });
  });

  /* A form dialog: build(body) fills it; submit(done) runs on OK and resolves to close. */
  var dialogSubmit = null;
  function dialog(title, okLabel, okClass, build, submit) {
    $('mw-dialog-title').textContent = title;
    var ok = $('mw-dialog-ok');
    ok.textContent = okLabel;
    ok.className = 'btn ' + (okClass || 'btn-primary');
    ok.disabled = false;
    $('mw-dialog').querySelector('.modal-footer [data-close]').style.display = '';  // an information dialog hides it
    var body = clear($('mw-dialog-body'));
    build(body);
    dialogSubmit = submit;
    showModal($('mw-dialog'), body.querySelector('input, select, textarea') ? body : $('mw-dialog').querySelector('.modal-footer'));
  }
  $('mw-dialog-form').addEventListener('submit', function (e) {
    e.preventDefault();
    if (!dialogSubmit) return;
    var ok = $('mw-dialog-ok');
    ok.disabled = true;
    var msg = $('mw-dialog-msg');
    Promise.resolve().then(dialogSubmit).then(function () { hideModal(); }, function (err) {
      ok.disabled = false;
      if (!msg) { msg = el('div', {id: 'mw-dialog-msg', role: 'alert'}); $('mw-dialog-body').appendChild(msg); }
      showError(msg, err);
    });
  });

  function confirmDialog(title, text, okLabel, okClass, action) {
    dialog(title, okLabel, okClass, function (body) { body.appendChild(el('p', {text: text})); }, action);
  }

  // ---------------------------------------------------------------- tabs
  var tabs = ['quarantine', 'activity', 'settings', 'statistics'];
  var loaded = {};
  var loaders = {};

  var currentTab = null;

  function selectTab(name, focus) {
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
  function goToQuarantine(filters) {
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

  // ---------------------------------------------------------------- Activity Monitor
  var AM = {offset: 0, size: 25, filters: {since: '1h'}, expanded: {}, accounts: [], total: 0};

  function amLoad() {
    var tbody = $('am-table').tBodies[0];
    unsay($('am-result'));
    loading(tbody, 7);
    var q = {limit: AM.size, offset: AM.offset, history: 'true', window: 'true', contained: 'true'};
    Object.keys(AM.filters).forEach(function (k) { q[k] = AM.filters[k]; });
    return api('GET', '/am/stats', q).then(function (doc) {
      AM.accounts = doc.accounts || [];
      AM.total = doc.max_count || 0;
      amRender();
      return ctLoad();
    }, function (err) {
      clear(tbody).appendChild(el('tr', null, el('td', {colspan: 7, 'class': 'text-danger', text: 'The Activity Monitor could not be loaded.'})));
      clear($('am-pager'));
      showError($('am-result'), err);
    });
  }

  var KINDS = {account: 'Account', domain: 'Domain', sender_email: 'Email', script: 'Script'};

  /* Sender history (GET /am/stats?history=true): where the object stands, and its usual hour. */
  function historyState(h) {
    if (!h) return {label: 'New', cls: 'text-muted', title: 'No sending history yet'};
    if (h.tainted_until) return {label: 'Confirmed spam', cls: 'label label-danger',
      title: 'An admin learned its mail as spam: no attenuation until ' + fmtWhen(h.tainted_until)};
    if (h.established) return {label: 'Established', cls: 'label label-success',
      title: 'Long clean history: its mail is attenuated unless it changes suddenly'};
    return {label: 'Learning', cls: 'text-muted', title: 'Not enough clean history yet to be established'};
  }

  function historyCell(obj, kind) {
    var h = obj.history, st = historyState(h);
    var td = el('td', {'class': 'mw-nowrap mw-history'});
    var badge = el('span', {'class': st.cls, text: st.label});
    if (!h) { append(td, badge); td.title = st.title; return td; }
    append(td, el('button', {type: 'button', 'class': 'btn btn-link btn-xs mw-history-open',
      'aria-label': 'Sending history of ' + obj.name + ': ' + st.label, title: st.title,
      onclick: function () { historyDialog(obj, kind); }}, badge));
    if (h.active_hours) append(td, el('span', {'class': 'text-muted', text: ' ' + fmtNum(h.usual_per_hour) + '/h usual'}));
    return td;
  }

  function historyDialog(obj, kind) {
    dialog('Sending history: ' + KINDS[kind] + ' ' + obj.name, 'Close', 'btn-default', function (body) {
      append(body, el('p', {'class': 'text-muted', text: 'Loading\u2026'}));
      api('GET', '/am/history', {id: obj.id}).then(function (doc) {
        var h = doc.history;
        clear(body);
        if (!h) { append(body, el('p', {text: 'No sending history yet.'})); return; }
        var st = historyState(h);
        var dl = el('dl', {'class': 'dl-horizontal mw-meta'});
        function row(term, value) { append(dl, [el('dt', {text: term}), el('dd', {text: value})]); }
        row('Status', st.label);
        function n(count, what) { return fmtNum(count) + ' ' + what + (count === 1 ? '' : 's'); }
        row('Usual hour', n(h.usual_per_hour, 'message') + ' (over ' + n(h.active_hours, 'active hour') + ')');
        row('Last 60 minutes', n(h.this_hour, 'message'));
        row('Delivered', n(h.clean, 'message') + ' over ' + n(h.clean_days, 'day'));
        row('Held', fmtNum(h.held) + ' (recently ' + PCT.format(h.held_ratio || 0) + ')');
        if (h.confirmed_spam) row('Confirmed spam', fmtNum(h.confirmed_spam) + (h.tainted_until ? ', no attenuation until ' + fmtWhen(h.tainted_until) : ''));
        row('First seen', fmtWhen(h.first_seen));
        row('Last seen', fmtWhen(h.last_seen));
        if (kind === 'sender_email' || kind === 'script') {
          row('Recipient domains', fmtNum(h.recipient_domains) + (doc.recent_domains.length ? ': ' + doc.recent_domains.join(', ') : ''));
        }
        append(body, [el('p', {text: st.title + '.'}), dl]);
      }, function (err) { clear(body); showError(body, err); });
    }, function () { return Promise.resolve(); });
    $('mw-dialog').querySelector('.modal-footer [data-close]').style.display = 'none';  // "Close" is the only answer
  }

  function amRow(obj, kind, level, account, domain, childrenKey) {
    var hasKids = childrenKey && ((kind === 'account' && ((obj.domains || []).length || (obj.scripts || []).length)) ||
      (kind === 'domain' && (obj.sender_emails || []).length));
    var open = !!AM.expanded[obj.id];
    var first = el('td', {'class': 'mw-indent-' + level});
    if (hasKids) {
      append(first, el('button', {type: 'button', 'class': 'btn btn-default btn-xs mw-toggle', 'aria-expanded': open ? 'true' : 'false',
        'aria-label': (open ? 'Collapse ' : 'Expand ') + obj.name,
        onclick: function () { AM.expanded[obj.id] = !open; amRender(); focusToggle(obj.id); }, 'data-id': obj.id}, open ? '\u2212' : '+'));
    } else {
      append(first, el('span', {'class': 'mw-toggle', 'aria-hidden': 'true'}, ' '));
    }
    append(first, [' ', el('span', {'class': 'mw-kind text-muted', text: KINDS[kind]}), el('span', {text: obj.name}), containedBadge(obj)]);
    // Red only while it is at its limit now (sent in the sliding hour >= limit: its next message is held); a hold
    // for an earlier, lower limit is a quiet note, never a warning on the new limit.
    var w = obj.window || {sent: 0, held_for_limit: 0};
    var atLimit = obj.limit > 0 && w.sent >= obj.limit;
    var limitCell = el('td', {'class': 'text-right' + (atLimit ? ' mw-over' : '')});
    if (atLimit) {
      append(limitCell, el('span', {role: 'img', 'aria-label': 'At its limit', title: 'At its limit: its next message in this hour is held'}, '\u26a0 '));
    }
    append(limitCell, obj.limit ? fmtNum(obj.limit) : 'unlimited');
    if (obj.exclusion) append(limitCell, el('span', {'class': 'text-muted', title: 'its own limit (not the server default)'}, ' (own)'));
    if (obj.limit > 0) append(limitCell, [el('br'), el('small', {'class': atLimit ? '' : 'text-muted', text: fmtNum(w.sent) + ' sent in the last 60 min'})]);
    if (w.held_for_limit > 0) {
      append(limitCell, [el('br'), el('small', {'class': 'mw-held-note', text: fmtNum(w.held_for_limit) + ' held for its limit in this timeframe'})]);
    }
    var actions = el('td', {'class': 'mw-actions-cell'});
    var qf = {account: account};  // root's row: root's own mail (qQuery adds account_only)
    if (kind === 'domain') qf.sender = '@' + obj.name;
    if (kind === 'sender_email') qf.sender = obj.name;
    if (kind === 'script') qf.script = obj.name;
    append(actions, el('button', {type: 'button', 'class': 'btn btn-default btn-xs', 'aria-label': 'Go to quarantine: ' + obj.name,
      onclick: function () { goToQuarantine(qf); }}, 'Go to quarantine'));
    if (mayChange('sender_limits')) {
      append(actions, [' ', el('button', {type: 'button', 'class': 'btn btn-default btn-xs', 'aria-label': 'Update sender limit: ' + obj.name,
        onclick: function () { limitDialog(obj, kind); }}, 'Update sender limit')]);
    }
    append(actions, containActions(obj, kind, account));
    if ((kind === 'domain' || kind === 'sender_email') && !obj.whitelisted && isAdmin()) {
      append(actions, [' ', el('button', {type: 'button', 'class': 'btn btn-default btn-xs', 'aria-label': 'Whitelist sender: ' + obj.name,
        onclick: function () { whitelistDialog(obj.name); }}, 'Whitelist sender')]);
    }
    var row = el('tr', {'class': (atLimit ? 'danger ' : '') + (obj.contained ? 'mw-contained-row ' : '') + 'mw-level-' + level,
      'data-object': obj.name, 'data-kind': kind, 'data-contained': obj.contained ? obj.contained.action : null},
      first,
      el('td', {'class': 'text-right', 'data-label': 'Ham / Sent out', text: fmtNum(obj.messages)}),
      limitCell,
      el('td', {'data-label': 'Whitelisted', text: (kind === 'domain' || kind === 'sender_email') ? String(!!obj.whitelisted) : '\u2014'}),
      el('td', {'class': 'text-right', 'data-label': 'Quarantined', text: fmtNum(obj.quarantined)}),
      historyCell(obj, kind),
      actions);
    limitCell.setAttribute('data-label', 'Limit / hour');
    row.lastChild.previousSibling.setAttribute('data-label', 'Sending history');
    return {row: row, open: open && hasKids};
  }

  function focusToggle(id) {
    var b = $('am-table').querySelector('button[data-id="' + id + '"]');
    if (b) b.focus();
  }

  function amRender() {
    var tbody = clear($('am-table').tBodies[0]);
    if (!AM.accounts.length) {
      tbody.appendChild(el('tr', null, el('td', {colspan: 7, 'class': 'text-muted', text: 'No mail in this timeframe.'})));
    }
    AM.accounts.forEach(function (acc) {
      var a = amRow(acc, 'account', 0, acc.name, null, true);
      tbody.appendChild(a.row);
      if (!a.open) return;
      (acc.domains || []).forEach(function (d) {
        var r = amRow(d, 'domain', 1, acc.name, d.name, true);
        tbody.appendChild(r.row);
        if (!r.open) return;
        (d.sender_emails || []).forEach(function (s) { tbody.appendChild(amRow(s, 'sender_email', 2, acc.name, d.name).row); });
      });
      (acc.scripts || []).forEach(function (s) { tbody.appendChild(amRow(s, 'script', 1, acc.name, null).row); });
    });
    pager($('am-pager'), AM.total, AM.offset, AM.size, function (off) { AM.offset = off; amLoad(); });
  }

  function limitDialog(obj, kind) {
    var mode = obj.exclusion ? (obj.limit ? 'custom' : 'unlimited') : 'default';
    var num;
    dialog('Sender limit: ' + KINDS[kind] + ' ' + obj.name, 'Save', 'btn-primary', function (body) {
      function radio(value, label) {
        var input = el('input', {type: 'radio', name: 'mw-limit-mode', value: value});
        input.checked = mode === value;
        input.addEventListener('change', function () { num.disabled = value !== 'custom'; });
        return el('div', {'class': 'radio'}, el('label', null, input, ' ' + label));
      }
      num = el('input', {type: 'text', inputmode: 'numeric', autocomplete: 'off', 'class': 'form-control', id: 'mw-limit-value',
        value: obj.limit || ''});
      num.disabled = mode !== 'custom';
      append(body, [
        el('p', {text: 'Messages per hour now in force: ' + (obj.limit ? fmtNum(obj.limit) : 'unlimited') +
          (obj.exclusion ? ' (own limit)' : ' (server default)') + '.'}),
        el('fieldset', null, el('legend', {'class': 'mw-legend', text: 'Limit'}),
          radio('default', 'Use the server limit from Settings'), radio('unlimited', 'Unlimited'),
          radio('custom', 'Own limit per hour:')),
        el('div', {'class': 'form-group'}, el('label', {'for': 'mw-limit-value', 'class': 'sr-only', text: 'Own limit per hour'}), num)]);
    }, function () {
      var choice = document.querySelector('input[name="mw-limit-mode"]:checked').value;
      var limit = choice === 'default' ? -1 : (choice === 'unlimited' ? 0 : parseInt(num.value, 10));
      if (choice === 'custom' && !/^\d+$/.test(String(num.value).trim())) {
        return Promise.reject(inputError('Enter the limit as a whole number of messages per hour, such as 50.'));
      }
      if (choice === 'custom' && !(limit > 0)) return Promise.reject(inputError('Enter a limit of 1 or more (or choose Unlimited).'));
      return api('POST', '/am/limit', null, {id: obj.id, so_type: kind, limit: limit}).then(function (res) {
        return amLoad().then(function () {
          say($('am-result'), 'success', 'Limit of ' + res.name + ' is now ' + (res.limit ? fmtNum(res.limit) + ' per hour' : 'unlimited') + '.');
        });
      });
    });
  }

  function whitelistDialog(value) {
    confirmDialog('Whitelist sender', 'Whitelist ' + value + '? Sender limits will no longer apply to it.',
      'Yes, add to whitelist', 'btn-primary', function () {
        return api('POST', '/whitelist/sender', null, {values: [value]}).then(function () {
          loaded.settings = false;
          return amLoad().then(function () { say($('am-result'), 'success', value + ' is whitelisted.'); });
        });
      });
  }

  $('am-filters').addEventListener('submit', function (e) {
    e.preventDefault();
    var f = formValues(e.target);
    AM.filters = {};
    Object.keys(f).forEach(function (k) { if (f[k]) AM.filters[k] = f[k]; });
    AM.offset = 0;
    amLoad();
  });
  $('am-filters').addEventListener('reset', function () {
    setTimeout(function () { AM.filters = {since: '1h'}; AM.offset = 0; amLoad(); }, 0);
  });
  $('am-expand').addEventListener('click', function () {
    var expand = $('am-expand').textContent === 'Expand all';
    AM.accounts.forEach(function (a) {
      AM.expanded[a.id] = expand;
      (a.domains || []).forEach(function (d) { AM.expanded[d.id] = expand; });
    });
    $('am-expand').textContent = expand ? 'Collapse all' : 'Expand all';
    amRender();
  });
  loaders.activity = amLoad;

  // ---------------------------------------------------------------- Settings
  var ACC = {offset: 0, size: 50, name: '', total: 0};
  var MAX_MB = 1048576;  // the API's limit_bytes maximum (1 TiB) in MB

  /* A whole number typed by the admin, within [min, max]; null (and an error in `errors`) otherwise. */
  function whole(input, label, min, max, errors) {
    var raw = String(input.value).trim().replace(/[,\s\u00a0]/g, '');
    var group = input.closest('.form-group') || input.parentNode;
    var bad = null;
    if (raw === '') bad = 'enter a number' + (min === 0 ? ' (0 for ' + (input.getAttribute('data-zero') || 'unlimited') + ')' : '');
    else if (!/^\d+$/.test(raw)) bad = 'enter a whole number such as ' + Math.max(min, 1) + ', without decimals or letters';
    else if (Number(raw) < min || Number(raw) > max) bad = 'enter a number from ' + fmtNum(min) + ' to ' + fmtNum(max);
    input.setAttribute('aria-invalid', bad ? 'true' : 'false');
    if (group && group.classList) group.classList.toggle('has-error', !!bad);
    if (bad) { errors.push(label + ': ' + bad + '.'); return null; }
    return Number(raw);
  }

  /* A settings form is usable only once its current values are loaded: until then (and if loading failed) its
     fieldset is disabled, so Save can never send blanks or zeros over the admin's real settings. */
  function formLoader(prefix, load, what) {
    var fs = $(prefix + '-fields'), state = $(prefix + '-state');
    return function () {
      fs.disabled = true;
      fs.setAttribute('aria-busy', 'true');
      clear(state).appendChild(el('span', {'class': 'text-muted', text: 'Loading the current ' + what + '\u2026'}));
      return load().then(function () {
        fs.disabled = false;
        fs.removeAttribute('aria-busy');
        clear(state);
      }, function (err) {
        fs.removeAttribute('aria-busy');
        var e = explain(err);
        var retry = el('button', {type: 'button', 'class': 'btn btn-default btn-xs'}, 'Try again');
        var box = say(state, 'danger', 'The current ' + what + ' could not be loaded, so this form is locked: saving now could ' +
          'overwrite them. ' + e.text, e.details, false);
        append(box, [' ', retry]);
        retry.addEventListener('click', formLoaders[prefix]);
      });
    };
  }
  var formLoaders = {};

  function accLoad() {
    var tbody = $('acc-table').tBodies[0];
    loading(tbody, 9);
    return api('GET', '/accounts', {limit: ACC.size, offset: ACC.offset, name: ACC.name}).then(function (doc) {
      ACC.total = doc.max_count || 0;
      clear(tbody);
      (doc.items || []).forEach(function (a) {
        var own = a.own_fields || [];
        function mark(field) {
          return own.indexOf(field) >= 0 ? el('span', {'class': 'label label-default mw-own', title: 'This account\u2019s own value'}, 'own')
            : el('span', {'class': 'mw-default-mark', title: 'Follows the quarantine defaults'}, 'default');
        }
        tbody.appendChild(el('tr', {'data-account': a.name},
          el('th', {scope: 'row', text: a.name}),
          el('td', {'class': 'text-right'}, fmtSize(a.limit_bytes) + ' ', mark('limit_bytes')),
          el('td', {'class': 'text-right' + (a.used_bytes > a.limit_bytes ? ' mw-over' : ''), text: fmtSize(a.used_bytes)}),
          el('td', {'class': 'text-right', text: fmtNum(a.messages)}),
          el('td', {'class': 'text-right'}, (a.releases_limit ? fmtNum(a.releases_limit) : 'none') + ' ', mark('releases_limit')),
          el('td', null, el('span', {'class': 'label ' + (a.state === 'active' ? 'label-success' : 'label-danger'), text: a.state}),
            a.incoming === false ? [' ', el('span', {'class': 'label label-default', title: 'Incoming mail is not filtered for this account'}, 'incoming off')] : null),
          el('td', {'class': 'text-right', text: fmtNum(a.evicted_last_hour)}),
          el('td', {'class': 'text-right', text: fmtNum(a.expired_last_day || 0)}),
          el('td', {'class': 'mw-nowrap'},
            el('button', {type: 'button', 'class': 'btn btn-default btn-xs', 'aria-label': 'Edit ' + a.name, onclick: function () { accountDialog(a); }}, 'Edit'), ' ',
            el('button', {type: 'button', 'class': 'btn btn-danger btn-xs', disabled: !a.messages, 'aria-label': 'Purge quarantine of ' + a.name,
              onclick: function () { purgeDialog(a); }}, 'Purge quarantine'))));
      });
      if (!(doc.items || []).length) tbody.appendChild(el('tr', null, el('td', {colspan: 9, 'class': 'text-muted', text: 'No accounts.'})));
      pager($('acc-pager'), ACC.total, ACC.offset, ACC.size, function (off) { ACC.offset = off; accLoad(); });
    }, function (err) {
      clear(tbody).appendChild(el('tr', null, el('td', {colspan: 9, 'class': 'text-danger', text: 'The accounts could not be loaded.'})));
      clear($('acc-pager'));
      showError($('acc-result'), err);
    });
  }

  function numField(id, label, value, help) {
    var input = el('input', {type: 'text', inputmode: 'numeric', autocomplete: 'off', id: id, 'class': 'form-control', value: value,
      required: true, 'aria-describedby': help ? id + '-help' : null});
    return {group: el('div', {'class': 'form-group'}, el('label', {'for': id, text: label}), input,
      help ? el('p', {'class': 'help-block', id: id + '-help', text: help}) : null), input: input};
  }

  function accountDialog(a) {
    var cap, rel, state, reset, incoming, warned = false;
    var own = a.own_fields || [];
    var mbNow = Math.round(a.limit_bytes / MB);
    dialog('Quarantine of ' + a.name, 'Save', 'btn-primary', function (body) {
      cap = numField('mw-acc-cap', 'Storage capacity (MB)', mbNow, own.indexOf('limit_bytes') >= 0 ? 'The account\u2019s own value.' : 'Now the default; a change makes it the account\u2019s own.');
      rel = numField('mw-acc-rel', 'Releases limit per hour (0: none)', a.releases_limit, own.indexOf('releases_limit') >= 0 ? 'The account\u2019s own value.' : 'Now the default; a change makes it the account\u2019s own.');
      rel.input.setAttribute('data-zero', 'none');
      state = el('select', {id: 'mw-acc-state', 'class': 'form-control'},
        el('option', {value: 'active', text: 'active'}), el('option', {value: 'block', text: 'block'}));
      state.value = a.state;
      incoming = el('input', {type: 'checkbox', id: 'mw-acc-incoming'});
      incoming.checked = a.incoming !== false;
      reset = el('input', {type: 'checkbox', id: 'mw-acc-reset'});
      append(body, [cap.group, rel.group,
        el('div', {'class': 'form-group'}, el('label', {'for': 'mw-acc-state', text: 'State'}), state),
        el('div', {'class': 'checkbox'}, el('label', null, incoming, ' Filter incoming mail for this account (when incoming filtration is enabled on the server)')),
        el('div', {'class': 'checkbox'}, el('label', null, reset, ' Follow the quarantine defaults again for capacity and releases limit'))]);
      accountDialogScope(body, a);
    }, function () {
      var patch = {};
      if (state.value !== a.state) patch.state = state.value;
      if (incoming.checked !== (a.incoming !== false)) patch.incoming = incoming.checked;
      if (reset.checked) { patch.limit_bytes = -1; patch.releases_limit = -1; } else {
        var errors = [];
        var mb = whole(cap.input, 'Storage capacity', 1, MAX_MB, errors);
        var r = whole(rel.input, 'Releases limit', 0, 100000, errors);
        if (errors.length) {
          (mb === null ? cap.input : rel.input).focus();
          return Promise.reject(inputError('Nothing was saved. Please correct:', errors));
        }
        if (mb !== mbNow) patch.limit_bytes = mb * MB;
        if (r !== a.releases_limit) patch.releases_limit = r;
      }
      if (!Object.keys(patch).length) return Promise.reject(inputError('Nothing changed, so nothing was saved.'));
      if (patch.limit_bytes > 0 && patch.limit_bytes < a.used_bytes && !warned) {
        warned = true;
        return Promise.reject(inputError('The new capacity is below the ' + fmtSize(a.used_bytes) + ' ' + a.name + ' uses now: its oldest held ' +
          'messages over it will be deleted at once. Press Save again to go ahead.'));
      }
      return api('PATCH', '/accounts/' + encodeURIComponent(a.name), null, patch).then(function (after) {
        var saved = 'Saved the quarantine settings of ' + a.name + '.';
        if (after.eviction) {  // a large eviction goes on after the answer: follow it beside the table
          accLoad();
          followEviction($('acc-result'), after.eviction, a.name, function (j) {
            return accLoad().then(function () { evictionResult($('acc-result'), j, saved); });
          });
          return;
        }
        // a lowered capacity applies at once: the oldest held mail over it is deleted by the save
        var evicted = Math.max(0, (a.messages || 0) - (after.messages || 0));
        return accLoad().then(function () {
          say($('acc-result'), 'success', 'Saved the quarantine settings of ' + a.name + '.' + (evicted ? ' ' + fmtNum(evicted) +
            ' of its oldest held messages were deleted to fit the new storage capacity.' : ''));
        });
      });
    });
  }

  var POLL_MS = 700;

  /* A lowered capacity's deletions that go on after the save (GET /quota-evictions/{id}): a progress bar beside the
     form it came from, updated until the job ends; then finish(job) says what happened. Leaving the page or starting
     another action there stops watching, never the deletion. */
  function followEviction(target, job, whose, finish) {
    var bar = el('progress', {max: 100, value: 0, id: target.id + '-progress', 'aria-label': 'Deleting the oldest held messages of ' + whose});
    var text = el('span', {'class': 'mw-progress-text', id: target.id + '-progress-text'});
    var box = say(target, 'info', 'Deleting the oldest held messages of ' + whose + ' to fit the new storage capacity. This goes on ' +
      'on the server even if you leave this page.');
    append(box, el('div', {'class': 'mw-progress'}, bar, ' ', text));
    target.setAttribute('aria-busy', 'true');
    function draw(j) {
      var pct = j.bytes_to_free ? Math.min(100, Math.floor(100 * j.bytes_freed / j.bytes_to_free)) : 100;
      bar.value = pct;
      text.textContent = fmtNum(j.evicted) + ' deleted so far; ' + fmtSize(j.bytes_freed) + ' of ' + fmtSize(j.bytes_to_free) +
        ' freed (' + PCT.format(pct / 100) + ')' + (j.accounts > 1 ? '; account ' + fmtNum(Math.min(j.accounts, j.accounts_done + 1)) +
        ' of ' + fmtNum(j.accounts) : '') + '.';
    }
    var misses = 0;
    function poll() {
      setTimeout(function () {
        if (!bar.isConnected) return;
        api('GET', '/quota-evictions/' + encodeURIComponent(job.id)).then(function (j) {
          if (!bar.isConnected) return;
          misses = 0;
          draw(j);
          if (j.state === 'running') { poll(); return; }
          target.removeAttribute('aria-busy');
          finish(j);
        }, function (err) {
          if (!bar.isConnected) return;
          if (++misses < 5) { poll(); return; }
          target.removeAttribute('aria-busy');
          showError(target, err, 'The deletion goes on on the server, but this page lost track of it.');
        });
      }, POLL_MS);
    }
    draw(job);
    poll();
  }

  /* What a finished eviction job did, in words. */
  function evictionResult(target, j, saved) {
    if (j.state === 'done') {
      say(target, 'success', saved + ' ' + fmtNum(j.evicted) + ' of the oldest held messages were deleted to fit the new storage capacity.');
    } else {
      say(target, 'warning', saved + ' Mailward stopped deleting after ' + fmtNum(j.evicted) + ' messages. The rest over the capacity ' +
        'is deleted when the account next holds mail, or save the capacity again. ' + CHECK);
    }
  }

  function purgeDialog(a) {
    confirmDialog('Purge quarantine', 'Delete all ' + fmtNum(a.messages) + ' quarantined messages of ' + a.name +
      ' permanently?', 'Purge', 'btn-danger', function () {
      unsay($('acc-result'));
      return api('DELETE', '/accounts/' + encodeURIComponent(a.name) + '/emails').then(function (res) {
        loaded.quarantine = false;
        return accLoad().then(function () { say($('acc-result'), 'success', 'Purged ' + fmtNum(res.removed) + ' messages of ' + res.name + '.'); });
      });
    });
  }

  var QD = null;  // the defaults as loaded: what Save compares with

  function defaultsLoad() {
    return api('GET', '/quarantine-defaults').then(function (d) {
      QD = {mb: Math.round(d.limit_bytes / MB), releases: d.releases_limit};
      $('qd-limit').value = QD.mb;
      $('qd-releases').value = QD.releases;
    });
  }
  formLoaders.qd = formLoader('qd', defaultsLoad, 'quarantine defaults');

  function saveDefaults(body, what) {
    var fs = $('qd-fields');
    fs.disabled = true;
    return api('PATCH', '/quarantine-defaults', null, body).then(function (after) {
      if (after && after.eviction) {
        Promise.all([defaultsLoad(), accLoad()]);
        followEviction($('qd-result'), after.eviction, 'the accounts that follow the defaults', function (j) {
          return accLoad().then(function () { evictionResult($('qd-result'), j, what); });
        });
        return;
      }
      return Promise.all([defaultsLoad(), accLoad()]).then(function () { say($('qd-result'), 'success', what); });
    }, function (err) { showError($('qd-result'), err, 'Nothing was saved.'); }).then(function () { fs.disabled = !QD; });
  }

  $('qd-form').addEventListener('submit', function (e) {
    e.preventDefault();
    unsay($('qd-result'));
    if (!QD || $('qd-fields').disabled) return;
    var errors = [];
    var mb = whole($('qd-limit'), 'Storage capacity', 1, MAX_MB, errors);
    var rel = whole($('qd-releases'), 'Releases limit', 0, 100000, errors);
    if (errors.length) { say($('qd-result'), 'danger', 'Nothing was saved. Please correct:', errors); return; }
    var body = {};
    if (mb !== QD.mb) body.limit_bytes = mb * MB;
    if (rel !== QD.releases) body.releases_limit = rel;
    if (!Object.keys(body).length) { say($('qd-result'), 'info', 'Nothing changed, so nothing was saved.'); return; }
    saveDefaults(body, 'Quarantine defaults saved.');
  });
  $('qd-restore').addEventListener('click', function () {
    unsay($('qd-result'));
    confirmDialog('Restore common defaults', 'Set the quarantine defaults back to Mailward\u2019s own (storage capacity and releases ' +
      'limit)? Accounts with their own values keep them.', 'Restore', 'btn-primary', function () {
      hideModal();
      return saveDefaults({limit_bytes: -1, releases_limit: -1}, 'The common quarantine defaults are restored.');
    });
  });

  var AMS_FIELDS = ['account', 'domain', 'sender_email', 'script', 'daily_account', 'daily_domain', 'daily_sender_email', 'daily_script'];
  var AMS = null;  // the server limits as loaded

  function amsLoad() {
    return api('GET', '/am/server-settings').then(function (s) {
      AMS = s;
      AMS_FIELDS.forEach(function (f) { $('ams-' + f).value = s[f]; });
      $('ams-mode-1').checked = s.limit_mode === 1;
      $('ams-mode-2').checked = s.limit_mode === 2;
      $('ams-dry_run').checked = !!s.dry_run;
    });
  }
  formLoaders.ams = formLoader('ams', amsLoad, 'server limits');

  $('ams-form').addEventListener('submit', function (e) {
    e.preventDefault();
    unsay($('ams-result'));
    if (!AMS || $('ams-fields').disabled) return;  // never save over values that were not loaded
    var errors = [];
    var body = {};
    var first = null;
    AMS_FIELDS.forEach(function (f) {
      var input = $('ams-' + f);
      var v = whole(input, LABELS[f], 0, 1000000000, errors);
      if (v === null && !first) first = input;
      if (v !== null && v !== AMS[f]) body[f] = v;
    });
    if (errors.length) { say($('ams-result'), 'danger', 'Nothing was saved. Please correct:', errors); if (first) first.focus(); return; }
    var mode = $('ams-mode-2').checked ? 2 : ($('ams-mode-1').checked ? 1 : AMS.limit_mode);
    if (mode !== AMS.limit_mode) body.limit_mode = mode;
    if ($('ams-dry_run').checked !== !!AMS.dry_run) body.dry_run = $('ams-dry_run').checked;
    if (!Object.keys(body).length) { say($('ams-result'), 'info', 'Nothing changed, so nothing was saved.'); return; }
    var fs = $('ams-fields');
    fs.disabled = true;
    api('PATCH', '/am/server-settings', null, body).then(function () {
      return amsLoad().then(function () { say($('ams-result'), 'success', 'Activity Monitor server limits saved.'); });
    }, function (err) { showError($('ams-result'), err, 'Nothing was saved.'); }).then(function () { fs.disabled = !AMS; });
  });

  var FS = null;

  function filterLoad() {
    return api('GET', '/filter-settings').then(function (s) { FS = s; $('fs-winexec').checked = !!s.allow_winexec; });
  }
  formLoaders.fs = formLoader('fs', filterLoad, 'filter settings');

  $('fs-form').addEventListener('submit', function (e) {
    e.preventDefault();
    unsay($('fs-result'));
    if (!FS || $('fs-fields').disabled) return;
    var want = $('fs-winexec').checked;
    if (want === !!FS.allow_winexec) { say($('fs-result'), 'info', 'Nothing changed, so nothing was saved.'); return; }
    var fs = $('fs-fields');
    fs.disabled = true;
    api('PATCH', '/filter-settings', null, {allow_winexec: want}).then(function () {
      return filterLoad().then(function () { say($('fs-result'), 'success', 'Filter settings saved.'); });
    }, function (err) { showError($('fs-result'), err, 'Nothing was saved.'); }).then(function () { fs.disabled = !FS; });
  });

  function wlLoad() {
    return api('GET', '/whitelist/sender').then(function (w) {
      var list = clear($('wl-list'));
      var values = (w.domains || []).concat(w.emails || []);
      if (!values.length) list.appendChild(el('li', {'class': 'list-group-item text-muted', text: 'No whitelisted senders.'}));
      values.forEach(function (v) {
        list.appendChild(el('li', {'class': 'list-group-item'}, el('span', {text: v}), ' ',
          el('button', {type: 'button', 'class': 'btn btn-link btn-xs pull-right', 'aria-label': 'Remove ' + v + ' from the whitelist',
            onclick: function () {
              unsay($('wl-result'));
              api('POST', '/whitelist/sender/remove', null, {values: [v]}).then(function () {
                return wlLoad().then(function () { say($('wl-result'), 'success', v + ' is no longer whitelisted.'); });
              }, function (err) { showError($('wl-result'), err); });
            }}, 'Remove')));
      });
    }, function (err) { clear($('wl-list')); showError($('wl-result'), err, 'The whitelist could not be loaded.'); });
  }

  $('wl-form').addEventListener('submit', function (e) {
    e.preventDefault();
    unsay($('wl-result'));
    var v = $('wl-value').value.trim();
    if (!v) return;
    api('POST', '/whitelist/sender', null, {values: [v]}).then(function () {
      $('wl-value').value = '';
      return wlLoad().then(function () { say($('wl-result'), 'success', v + ' is whitelisted: it is no longer filtered, its sender limits still apply.'); });
    }, function (err) { showError($('wl-result'), err, v + ' was not added.'); });
  });

  $('acc-filters').addEventListener('submit', function (e) {
    e.preventDefault();
    unsay($('acc-result'));
    ACC.name = $('acc-name').value.trim();
    ACC.offset = 0;
    accLoad();
  });

  loaders.settings = function () {
    return Promise.all([accLoad(), formLoaders.qd(), formLoaders.ams(), formLoaders.fs(), wlLoad()]);
  };

  // ---------------------------------------------------------------- Resellers, containment, release policy (issue 19)
  /* GET /whoami: the admin (root, or a reseller with WHM's all ACL) or a reseller, whom the API scopes to its
     accounts. The page only hides what the API would refuse; the API decides. */
  var ME = {role: 'admin', accounts: null, may_change: []};

  function isAdmin() { return ME.role === 'admin'; }

  /* Whether the signed-in user may change this per-account setting ([resellers] may_change for a reseller). */
  function mayChange(setting) { return isAdmin() || (ME.may_change || []).indexOf(setting) >= 0; }

  function whoami() {
    return api('GET', '/whoami').then(function (me) {
      ME = {role: me.role, accounts: me.accounts || null, may_change: me.may_change || [], account: me.account};
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

  var CONTAIN_ACTION = {hold: 'held', reject: 'refused'};
  var LIFT_WORDS = {admin: 'Only the server administrator may lift this containment.',
    reseller: 'Only the account\u2019s reseller or the server administrator may lift this containment.',
    account: 'Only the account, its reseller or the server administrator may lift this containment.'};

  function containedBadge(obj) {
    var c = obj.contained;
    if (!c) return null;
    return [' ', el('span', {'class': 'label label-danger mw-contained-badge', title: 'Contained since ' + fmtDate(c.since) +
      (c.auto ? ' (automatically, after ' + fmtNum(c.holds) + ' holds)' : ' by ' + c.by) + (c.note ? ': ' + c.note : ''),
    text: 'contained: mail ' + CONTAIN_ACTION[c.action]})];
  }

  /* Why this user may not lift a containment, in words (lift_by: the rank that may). */
  function liftRefusal(c) {
    if (!isAdmin() && !mayChange('containment')) return 'The server administrator does not let resellers lift containments.';
    return LIFT_WORDS[c.lift_by] || LIFT_WORDS.admin;
  }

  /* Contain (scripts, addresses, domains) or Uncontain; disabled with the reason when this user may not lift it. */
  function containActions(obj, kind, account) {
    if (kind === 'account' || !mayChange('containment') && !obj.contained) return null;
    var c = obj.contained;
    if (!c) {
      return [' ', el('button', {type: 'button', 'class': 'btn btn-warning btn-xs mw-contain', 'aria-label': 'Contain: ' + obj.name,
        onclick: function () { containDialog(obj, kind, account); }}, 'Contain')];
    }
    return [' ', uncontainButton(c, 'am-why-' + obj.id)];
  }

  function uncontainButton(c, whyId) {
    var label = 'Uncontain: ' + c.name;
    if (c.may_lift) {
      return el('button', {type: 'button', 'class': 'btn btn-default btn-xs mw-uncontain', 'aria-label': label,
        onclick: function () { uncontainDialog(c); }}, 'Uncontain');
    }
    var why = liftRefusal(c);
    return el('span', {'class': 'mw-refused'},
      el('button', {type: 'button', 'class': 'btn btn-default btn-xs mw-uncontain', disabled: true, 'aria-label': label,
        'aria-describedby': whyId, title: why}, 'Uncontain'),
      el('small', {'class': 'mw-why', id: whyId, text: why}));
  }

  function containDialog(obj, kind, account) {
    var note;
    dialog('Contain ' + KINDS[kind].toLowerCase() + ' ' + obj.name, 'Contain', 'btn-warning', function (body) {
      function radio(value, label, on) {
        var input = el('input', {type: 'radio', name: 'mw-contain-action', value: value});
        input.checked = on;
        return el('div', {'class': 'radio'}, el('label', null, input, ' ' + label));
      }
      note = el('input', {type: 'text', 'class': 'form-control', id: 'mw-contain-note', maxlength: 200, autocomplete: 'off'});
      append(body, [
        el('p', {text: 'Its mail stops leaving the server at once; the rest of ' + account + '\u2019s mail keeps flowing.'}),
        el('fieldset', null, el('legend', {'class': 'mw-legend', text: 'Its mail is'}),
          radio('hold', 'held in the quarantine (reason: contained sender), to release or delete later', true),
          radio('reject', 'refused: the sending program gets an error, nothing is kept', false)),
        el('div', {'class': 'form-group'}, el('label', {'for': 'mw-contain-note', text: 'Note for the audit trail (optional)'}), note)]);
    }, function () {
      unsay($('am-result'));
      var action = document.querySelector('input[name="mw-contain-action"]:checked').value;
      var body = {id: obj.id, action: action};
      if (note.value.trim()) body.note = note.value.trim();
      return api('POST', '/am/contain', null, body).then(function (c) {
        return amLoad().then(function () {
          say($('am-result'), 'success', c.name + ' is contained: its mail is ' + CONTAIN_ACTION[c.action] + ' until someone lifts it.');
        });
      });
    });
  }

  function uncontainDialog(c) {
    confirmDialog('Uncontain ' + c.name, 'Let the mail of ' + c.name + ' (' + c.account_name + ') be scanned and sent as ' +
      'any other again? Mail already held stays in the quarantine.', 'Uncontain', 'btn-primary', function () {
      unsay($('am-result'));
      return api('POST', '/am/uncontain', null, {id: c.id}).then(function (res) {
        return amLoad().then(function () { say($('am-result'), 'success', res.name + ' is no longer contained.'); });
      });
    });
  }

  /* The contained senders this user may see (GET /am/contained), newest first. */
  function ctLoad() {
    var tbody = $('ct-table').tBodies[0];
    loading(tbody, 7);
    return api('GET', '/am/contained', {limit: 100}).then(function (doc) {
      clear(tbody);
      var items = doc.items || [];
      if (!items.length) tbody.appendChild(el('tr', null, el('td', {colspan: 7, 'class': 'text-muted', text: 'No sender is contained.'})));
      items.forEach(function (c) {
        tbody.appendChild(el('tr', {'data-object': c.name, 'data-kind': c.so_type},
          el('td', null, el('span', {'class': 'mw-kind text-muted', text: KINDS[c.so_type]}), ' ', el('span', {'class': 'mw-addr', text: c.name})),
          el('td', {'data-label': 'Account', text: c.account_name}),
          el('td', {'data-label': 'Mail', text: CONTAIN_ACTION[c.action] || c.action}),
          el('td', {'class': 'mw-nowrap', 'data-label': 'Since', text: fmtDate(c.since)}),
          el('td', {'data-label': 'By', text: c.auto ? 'automatic (' + fmtNum(c.holds) + ' holds)' : c.by}),
          el('td', {'class': 'mw-cell', 'data-label': 'Note', text: c.note || ''}),
          el('td', null, uncontainButton(c, 'ct-why-' + c.id))));
      });
      if (doc.max_count > items.length) {
        tbody.appendChild(el('tr', null, el('td', {colspan: 7, 'class': 'text-muted', text: 'The newest ' + fmtNum(items.length) + ' of ' +
          fmtNum(doc.max_count) + ' are shown; ie-cli am contained lists them all.'})));
      }
    }, function (err) {
      clear(tbody).appendChild(el('tr', null, el('td', {colspan: 7, 'class': 'text-danger', text: 'The contained senders could not be loaded.'})));
      showError($('ct-result'), err);
    });
  }

  var ACC_FIELDS = {'mw-acc-cap': 'limit_bytes', 'mw-acc-rel': 'releases_limit', 'mw-acc-state': 'state', 'mw-acc-incoming': 'incoming'};
  var RELEASERS = [['account', 'the account itself'], ['reseller', 'its reseller or the server administrator'],
    ['admin', 'the server administrator only']];
  var POLICY_REASONS = {spam: 'Spam', winexec: 'Windows executables', virus: 'Malware', ratelimit: 'Over a sender limit',
    contained: 'Contained senders', incoming: 'Incoming mail (any reason)'};

  /* The account dialog for this user: what a reseller may not change is shown, not editable; then the
     account's release policy with its own Save (GET/PATCH /accounts/{name}/release-policy). */
  function accountDialogScope(body, a) {
    if (!isAdmin()) {
      Object.keys(ACC_FIELDS).forEach(function (id) {
        if (mayChange(ACC_FIELDS[id])) return;
        var input = $(id);
        input.disabled = true;
        var group = input.closest('.form-group') || input.closest('.checkbox');
        if (group) append(group, el('p', {'class': 'help-block', text: 'Only the server administrator may change this.'}));
      });
      if (!mayChange('limit_bytes') || !mayChange('releases_limit')) $('mw-acc-reset').closest('.checkbox').hidden = true;
    }
    var box = el('fieldset', {'class': 'mw-policy', id: 'mw-policy'}, el('legend', {'class': 'mw-legend', text: 'Who may release held mail'}),
      el('p', {'class': 'text-muted', text: 'Loading\u2026'}));
    body.appendChild(box);
    api('GET', '/accounts/' + encodeURIComponent(a.name) + '/release-policy').then(function (p) {
      policyForm(box, a.name, p);
    }, function (err) {
      clear(box).appendChild(el('legend', {'class': 'mw-legend', text: 'Who may release held mail'}));
      var msg = el('div');
      box.appendChild(msg);
      say(msg, 'danger', 'The release policy could not be loaded. ' + explain(err).text, null, false);
    });
  }

  function policyForm(box, name, p) {
    clear(box).appendChild(el('legend', {'class': 'mw-legend', text: 'Who may release held mail'}));
    append(box, el('p', {'class': 'help-block', text: p.may_change ? 'For ' + name + ' only; \u201cas the server\u201d follows the server\u2019s policy.' +
      (isAdmin() ? '' : ' You cannot make it looser than the server\u2019s.') : 'Only the server administrator may change this.'}));
    var selects = {};
    Object.keys(p.server).forEach(function (reason) {
      var id = 'mw-policy-' + reason;
      var words = {};
      RELEASERS.forEach(function (r) { words[r[0]] = r[1]; });
      var sel = el('select', {id: id, 'class': 'form-control input-sm', disabled: !p.may_change},
        el('option', {value: 'default', text: 'as the server: ' + (words[p.server[reason]] || p.server[reason])}),
        RELEASERS.map(function (r) { return el('option', {value: r[0], text: r[1]}); }));
      sel.value = p.own[reason] || 'default';
      selects[reason] = sel;
      append(box, el('div', {'class': 'form-group mw-policy-row'}, el('label', {'for': id, text: POLICY_REASONS[reason] || reason}), sel));
    });
    var result = el('div', {id: 'mw-policy-result', 'class': 'mw-result', role: 'status', 'aria-live': 'polite', tabindex: -1});
    if (p.may_change) {
      append(box, el('button', {type: 'button', 'class': 'btn btn-default btn-sm', id: 'mw-policy-save', onclick: function () {
        unsay(result);
        var change = {};
        Object.keys(selects).forEach(function (k) { if (selects[k].value !== (p.own[k] || 'default')) change[k] = selects[k].value; });
        if (!Object.keys(change).length) { say(result, 'info', 'Nothing changed in the release policy, so nothing was saved.'); return; }
        api('PATCH', '/accounts/' + encodeURIComponent(name) + '/release-policy', null, {release_by: change}).then(function (after) {
          policyForm(box, name, after);
          say($('mw-policy-result'), 'success', 'The release policy of ' + name + ' is saved.');
        }, function (err) { showError(result, err, 'The release policy was not saved.'); });
      }}, 'Save release policy'));
    }
    box.appendChild(result);
  }

  // ---------------------------------------------------------------- Statistics (one GET /stats per view, SVG here)
  var SVG = 'http://www.w3.org/2000/svg';
  var COLORS = {sent: '#5cb85c', held: '#d9534f', held_spam: '#f0ad4e', held_winexec: '#d9534f', held_virus: '#8e44ad',
    held_other: '#777777', ratelimited: '#5bc0de', rejected: '#333333', incoming_spam: '#d9534f', incoming_ham: '#5cb85c'};
  var VIEWS = {'24h': {since: '24h', bucket: 'hour'}, '7d': {since: '7d', bucket: 'day'}, '30d': {since: '30d', bucket: 'day'}};
  var HELD_KEYS = ['held_spam', 'held_winexec', 'held_virus', 'held_other'];

  function svg(tag, attrs) {
    var n = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }

  /* A bar chart of rows = [{label, short, values: {key: n}}] for series = [{key, label}]: grouped (one bar per
     series) or stacked (one bar per row); then a legend and the same numbers as a table. */
  function barChart(target, id, title, series, rows, stacked, note) {
    clear(target);
    var W = 640, H = 240, L = 44, B = 40, T = 10;
    var max = 1;
    rows.forEach(function (r) {
      var sum = 0;
      series.forEach(function (s) { var v = r.values[s.key] || 0; sum += v; max = Math.max(max, v); });
      if (stacked) max = Math.max(max, sum);
    });
    var top = niceTop(max);
    var chart = svg('svg', {viewBox: '0 0 ' + W + ' ' + H, 'class': 'mw-chart', role: 'img', 'aria-label': title, id: id + '-chart'});
    var t = svg('title');
    t.textContent = title;
    chart.appendChild(t);
    var plotH = H - B - T, plotW = W - L - 10;
    for (var g = 0; g <= 4; g++) {
      var y = T + plotH - plotH * g / 4;
      chart.appendChild(svg('line', {x1: L, x2: W - 10, y1: y, y2: y, 'class': 'mw-grid'}));
      var lab = svg('text', {x: L - 4, y: y + 4, 'text-anchor': 'end'});
      lab.textContent = fmtNum(Math.round(top * g / 4));
      chart.appendChild(lab);
    }
    var slot = plotW / Math.max(1, rows.length);
    var bw = stacked ? Math.max(1, slot - 2) : Math.max(1, (slot - 2) / series.length);
    var every = Math.ceil(rows.length / 12);
    rows.forEach(function (r, i) {
      var base = 0;
      series.forEach(function (s, j) {
        var v = r.values[s.key] || 0;
        if (!v) return;
        var h = plotH * v / top;
        var x = L + i * slot + 1 + (stacked ? 0 : j * bw);
        var yTop = T + plotH - h - (stacked ? plotH * base / top : 0);
        var rect = svg('rect', {x: x, y: yTop, width: bw, height: Math.max(0, h), fill: COLORS[s.key], 'data-key': s.key});
        var tt = svg('title');
        tt.textContent = r.label + ': ' + s.label + ' ' + fmtNum(v);
        rect.appendChild(tt);
        chart.appendChild(rect);
        if (stacked) base += v;
      });
      if (i % every === 0) {
        var xl = svg('text', {x: L + i * slot + slot / 2, y: H - B + 14, 'text-anchor': 'middle'});
        xl.textContent = r.short || r.label;
        chart.appendChild(xl);
      }
    });
    target.appendChild(chart);
    target.appendChild(el('div', {'class': 'mw-legend-items'}, series.map(function (s) {
      return el('span', {'class': 'mw-legend-item'}, el('span', {'class': 'mw-swatch', style: 'background:' + COLORS[s.key]}), s.label);
    })));
    if (note) target.appendChild(el('p', {'class': 'help-block', text: note}));
    var totals = {};
    series.forEach(function (s) { totals[s.key] = 0; rows.forEach(function (r) { totals[s.key] += r.values[s.key] || 0; }); });
    target.appendChild(el('div', {'class': 'mw-data', tabindex: 0, role: 'region', 'aria-label': title + ' (data)'}, el('table', {'class': 'table table-condensed table-striped mw-data-table', id: id + '-table'},
      el('caption', {text: title + ' (data)'}),
      el('thead', null, el('tr', null, el('th', {scope: 'col', text: 'Period'}),
        series.map(function (s) { return el('th', {scope: 'col', 'class': 'text-right', text: s.label}); }))),
      el('tbody', null, rows.slice().reverse().map(function (r) {  // newest first
        return el('tr', null, el('th', {scope: 'row', 'class': 'mw-nowrap', text: r.label}),
          series.map(function (s) { return el('td', {'class': 'text-right', 'data-key': s.key, text: fmtNum(r.values[s.key] || 0)}); }));
      })),
      el('tfoot', null, el('tr', null, el('th', {scope: 'row', text: 'Total'}),
        series.map(function (s) { return el('td', {'class': 'text-right', 'data-key': s.key, text: fmtNum(totals[s.key])}); }))))));
  }

  /* The top of the y axis: 4 grid steps of 1, 2 or 5 times a power of ten (whole numbers), at or above max. */
  function niceTop(max) {
    var raw = Math.max(1, max) / 4;
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var f = raw / mag;
    var step = Math.max(1, (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag);
    return step * 4;
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  /* Labels of a bucket start (epoch): hours in local time, days are UTC days (as the API counts them). */
  function bucketLabel(start, bucket) {
    var d = new Date(start * 1000);
    if (bucket === 'hour') {
      return {label: d.toLocaleDateString() + ' ' + pad2(d.getHours()) + ':00', short: pad2(d.getHours()) + 'h'};
    }
    var iso = d.toISOString().slice(0, 10);
    return {label: iso + ' (UTC)', short: iso.slice(5).replace('-', '/')};
  }

  function statsLoad() {
    var view = VIEWS[$('st-range').value] || VIEWS['24h'];
    ['st-sent', 'st-reasons', 'st-incoming', 'st-top'].forEach(function (id) { clear($(id)).appendChild(el('p', {'class': 'text-muted', text: 'Loading\u2026'})); });
    clear($('st-result'));
    return api('GET', '/stats', {since: view.since, bucket: view.bucket, top: 10}).then(function (doc) {
      var rows = (doc.series || []).map(function (b) {
        var l = bucketLabel(b.start, doc.bucket || view.bucket);
        var values = {sent: b.sent || 0, ratelimited: b.ratelimited || 0, rejected: b.rejected || 0, held: 0,
          incoming_spam: b.incoming_spam || 0, incoming_ham: b.incoming_ham || 0};
        HELD_KEYS.forEach(function (k) { values[k] = b[k] || 0; values.held += b[k] || 0; });
        return {label: l.label, short: l.short, values: values};
      });
      var per = view.bucket === 'hour' ? 'Per clock hour, your time (' + zoneName() + ').' : 'Per UTC day.';
      barChart($('st-sent'), 'st-sent', 'Sent and held outgoing mail', [{key: 'sent', label: 'Sent'},
        {key: 'held', label: 'Held'}, {key: 'ratelimited', label: 'Sender limit'},
        {key: 'rejected', label: 'Rejected'}], rows, false, per);
      barChart($('st-reasons'), 'st-reasons', 'Held outgoing mail by reason', [{key: 'held_spam', label: 'spam'},
        {key: 'held_winexec', label: 'winexec'}, {key: 'held_virus', label: 'virus'}, {key: 'held_other', label: 'other'},
        {key: 'ratelimited', label: 'sender limit'}], rows, true, per + ' Counted when mail is held; releases and deletions do not change it.');
      incomingChart(rows, per);
      topSenders(doc.top_senders || []);
    }).catch(function (err) {
      ['st-sent', 'st-reasons', 'st-incoming', 'st-top'].forEach(function (id) { clear($(id)); });
      showError($('st-result'), err);
    });
  }

  /* Incoming spam / ham per bucket; a note instead when no incoming mail was scanned in the whole period. */
  function incomingChart(rows, per) {
    var target = $('st-incoming');
    var scanned = rows.some(function (r) { return r.values.incoming_spam || r.values.incoming_ham; });
    if (!scanned) {
      clear(target).appendChild(el('p', {'class': 'text-muted', id: 'st-incoming-note',
        text: 'No incoming mail was scanned in this period, so there is no chart to draw.'}));
      return;
    }
    barChart(target, 'st-incoming', 'Incoming mail scanned as spam and ham', [{key: 'incoming_spam', label: 'Spam'},
      {key: 'incoming_ham', label: 'Ham'}], rows, false, per + ' Counted when incoming mail is scanned.');
  }

  function topSenders(senders) {
    var target = clear($('st-top'));
    if (!senders.length) { target.appendChild(el('p', {'class': 'text-muted', text: 'No mail in this period.'})); return; }
    target.appendChild(el('table', {'class': 'table table-condensed table-striped', id: 'st-top-table'},
      el('caption', {'class': 'sr-only', text: 'Top senders'}),
      el('thead', null, el('tr', null, el('th', {scope: 'col', text: 'Sender'}), el('th', {scope: 'col', text: 'Account'}),
        el('th', {scope: 'col', 'class': 'text-right', text: 'Sent'}), el('th', {scope: 'col', 'class': 'text-right', text: 'Quarantined'}))),
      el('tbody', null, senders.map(function (s) {
        return el('tr', null, el('td', {'class': 'mw-cell', title: s.name, text: s.name}),
          el('td', {text: s.account}), el('td', {'class': 'text-right', text: fmtNum(s.sent || 0)}),
          el('td', {'class': 'text-right', text: fmtNum(s.quarantined || 0)}));
      }))));
  }

  $('st-form').addEventListener('submit', function (e) { e.preventDefault(); statsLoad(); });
  $('st-range').addEventListener('change', statsLoad);
  loaders.statistics = statsLoad;

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
})();
