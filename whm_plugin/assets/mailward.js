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

  function fmtDate(epoch) {
    if (!epoch) return '';
    var d = new Date(epoch * 1000);
    function p(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' +
      p(d.getMinutes()) + ':' + p(d.getSeconds());
  }

  function fmtMB(bytes) { return (bytes / MB).toFixed(bytes < 10 * MB ? 2 : 0); }

  function fmtNum(n) { return (n === null || n === undefined) ? '' : Number(n).toLocaleString(); }

  function ApiError(status, doc) {
    this.status = status;
    this.doc = doc || {};
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
      return r.text().then(function (t) {
        var doc = null;
        try { doc = t ? JSON.parse(t) : null; } catch (e) { doc = {message: t.slice(0, 200)}; }
        if (!r.ok) throw new ApiError(r.status, doc);
        return doc;
      });
    });
  }

  function alertBox(target, kind, message, details) {
    var box = el('div', {'class': 'alert alert-' + kind + ' alert-dismissible'},
      el('button', {type: 'button', 'class': 'close', 'aria-label': 'Dismiss',
        onclick: function () { box.parentNode && box.parentNode.removeChild(box); }}, el('span', {'aria-hidden': 'true', text: '\u00d7'})),
      message);
    if (details && details.length) {
      append(box, el('ul', null, details.slice(0, 20).map(function (d) { return el('li', {text: d}); })));
      if (details.length > 20) append(box, el('p', {text: '\u2026 and ' + (details.length - 20) + ' more'}));
    }
    clear(target).appendChild(box);
  }

  function showError(target, err) {
    var fields = [];
    if (err && err.doc && err.doc.errors) {
      Object.keys(err.doc.errors).forEach(function (k) { fields.push(k + ': ' + JSON.stringify(err.doc.errors[k])); });
    }
    alertBox(target, 'danger', (err && err.message) || String(err), fields);
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

  function selectTab(name, focus) {
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
  var Q = {offset: 0, size: 25, filters: {}, items: [], selected: new Map(), total: 0};

  function qQuery() {
    var q = {limit: Q.size, offset: Q.offset};
    Object.keys(Q.filters).forEach(function (k) { if (k !== 'size') q[k] = Q.filters[k]; });
    return q;
  }

  function qLoad() {
    var tbody = $('q-table').tBodies[0];
    loading(tbody, 9);
    return api('GET', '/emails', qQuery()).then(function (doc) {
      Q.items = doc.items || [];
      Q.total = doc.max_count || 0;
      if (Q.offset > 0 && !Q.items.length && Q.total) { Q.offset = Math.max(0, (Math.ceil(Q.total / Q.size) - 1) * Q.size); return qLoad(); }
      qRender();
    }, function (err) { clear(tbody); showError($('q-result'), err); });
  }

  function reasonLabels(reasons) {
    return (reasons || []).map(function (r) {
      var cls = r === 'spam' ? 'label-warning' : (r === 'winexec' ? 'label-danger' : 'label-info');
      return [el('span', {'class': 'label ' + cls, text: r}), ' '];
    });
  }

  function qRender() {
    var tbody = clear($('q-table').tBodies[0]);
    if (!Q.items.length) {
      tbody.appendChild(el('tr', null, el('td', {colspan: 9, 'class': 'text-muted', text: 'No quarantined messages match.'})));
    }
    Q.items.forEach(function (m) {
      var box = el('input', {type: 'checkbox', 'aria-label': 'Select message ' + (m.subject || m.email_id)});
      box.checked = Q.selected.has(m.email_id);
      box.addEventListener('change', function () {
        if (box.checked) Q.selected.set(m.email_id, m.account_name); else Q.selected.delete(m.email_id);
        qSelection();
      });
      var recips = (m.recipients || []).join(', ');
      tbody.appendChild(el('tr', null,
        el('td', null, box),
        el('td', {text: m.account_name}),
        el('td', {'class': 'mw-nowrap', text: fmtDate(m.received_date)}),
        el('td', null, reasonLabels(m.reasons)),
        el('td', {'class': 'mw-cell', title: m.sender, text: m.sender || '<>'}),
        el('td', {'class': 'mw-cell', title: recips, text: recips}),
        el('td', {'class': 'mw-cell mw-subject', title: m.subject, text: m.subject}),
        el('td', {text: m.direction}),
        el('td', {'class': 'mw-nowrap'},
          el('button', {type: 'button', 'class': 'btn btn-default btn-xs', onclick: function () { viewEmail(m); }}, 'View'), ' ',
          el('button', {type: 'button', 'class': 'btn btn-success btn-xs',
            onclick: function () { bulk('release', [[m.email_id, m.account_name]]); }}, 'Release & Send'), ' ',
          el('button', {type: 'button', 'class': 'btn btn-danger btn-xs',
            onclick: function () { bulk('remove', [[m.email_id, m.account_name]]); }}, 'Delete'))));
    });
    pager($('q-pager'), Q.total, Q.offset, Q.size, function (off) { Q.offset = off; qLoad(); });
    qSelection();
  }

  function qSelection() {
    var n = Q.selected.size;
    $('q-selected').textContent = n ? n + ' selected' : '';
    $('q-release').disabled = $('q-delete').disabled = $('q-clear').disabled = !n;
    var onPage = Q.items.filter(function (m) { return Q.selected.has(m.email_id); }).length;
    var all = $('q-all');
    all.checked = Q.items.length > 0 && onPage === Q.items.length;
    all.indeterminate = onPage > 0 && onPage < Q.items.length;
  }

  /* Release or remove [id, account] pairs in batches of BULK; a summary of what happened. */
  function bulk(action, pairs) {
    var verb = action === 'release' ? 'Release & Send' : 'Delete';
    var text = pairs.length === 1 ? verb + ' this message?' : verb + ' ' + pairs.length + ' messages?';
    if (action === 'remove') text += ' Deleted messages cannot be recovered.';
    confirmDialog(verb, text, verb, action === 'release' ? 'btn-success' : 'btn-danger', function () {
      var ids = pairs.map(function (p) { return p[0]; });
      var chunks = [];
      for (var i = 0; i < ids.length; i += BULK) chunks.push(ids.slice(i, i + BULK));
      var ok = 0, failed = [];
      return chunks.reduce(function (prev, chunk) {
        return prev.then(function () {
          return api('POST', '/emails/' + action, null, {ids: chunk}).then(function (res) {
            ok += res.succeeded || 0;
            (res.results || []).forEach(function (r) {
              if (r.ok) Q.selected.delete(r.email_id);
              else failed.push(r.email_id + ': ' + (r.message || r.status));
            });
          });
        });
      }, Promise.resolve()).then(function () {
        var done = action === 'release' ? 'released and sent' : 'deleted';
        alertBox($('q-result'), failed.length ? 'warning' : 'success',
          ok + ' message' + (ok === 1 ? '' : 's') + ' ' + done + (failed.length ? ', ' + failed.length + ' failed:' : '.'), failed);
        hideModal();
        if (openEmail && ids.indexOf(openEmail.email_id) >= 0) openEmail = null;
        return qLoad();
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
    setTimeout(function () { Q.filters = {}; Q.size = 25; Q.offset = 0; qLoad(); }, 0);
  });
  $('q-all').addEventListener('change', function () {
    var on = $('q-all').checked;
    Q.items.forEach(function (m) { if (on) Q.selected.set(m.email_id, m.account_name); else Q.selected.delete(m.email_id); });
    qRender();
  });
  $('q-clear').addEventListener('click', function () { Q.selected.clear(); qRender(); });
  $('q-release').addEventListener('click', function () { bulk('release', Array.from(Q.selected.entries())); });
  $('q-delete').addEventListener('click', function () { bulk('remove', Array.from(Q.selected.entries())); });

  /* Show the quarantine filtered (from the Activity Monitor). */
  function goToQuarantine(filters) {
    var form = $('q-filters');
    form.reset();
    Object.keys(filters).forEach(function (k) { if (form.elements[k]) form.elements[k].value = filters[k]; });
    Q.filters = formValues(form);
    Q.offset = 0;
    loaded.quarantine = true;
    selectTab('quarantine', true);
    qLoad();
  }

  // Email viewer
  var openEmail = null;
  var emailCache = {};

  function viewEmail(m) {
    openEmail = m;
    emailCache = {};
    $('mw-email-title').textContent = m.subject || '(no subject)';
    var meta = clear($('mw-email-meta'));
    [['Account', m.account_name], ['Received', fmtDate(m.received_date)], ['Sender', m.sender || '<>'],
      ['Recipients', (m.recipients || []).join(', ')], ['Reasons', (m.reasons || []).join(', ')],
      ['Score', m.score], ['Direction', m.direction], ['Size', fmtNum(m.size_bytes) + ' bytes']].forEach(function (p) {
      append(meta, [el('dt', {text: p[0]}), el('dd', {text: p[1] === undefined || p[1] === null ? '' : p[1]})]);
    });
    if (m.script_header && m.script_header.raw) append(meta, [el('dt', {text: 'Script'}), el('dd', {text: m.script_header.raw})]);
    showModal($('mw-email'), $('mw-email-views'));
    emailView('body');
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
      } else {
        pre.textContent = doc.body || '(no text body)';
      }
    }, function (err) { pre.textContent = 'Error: ' + err.message; });
  }

  Array.prototype.forEach.call($('mw-email-views').querySelectorAll('[data-view]'), function (b) {
    b.addEventListener('click', function () { emailView(b.getAttribute('data-view')); });
  });
  $('mw-email-release').addEventListener('click', function () {
    if (openEmail) { var m = openEmail; hideModal(); bulk('release', [[m.email_id, m.account_name]]); }
  });
  $('mw-email-delete').addEventListener('click', function () {
    if (openEmail) { var m = openEmail; hideModal(); bulk('remove', [[m.email_id, m.account_name]]); }
  });

  loaders.quarantine = qLoad;

  // ---------------------------------------------------------------- Activity Monitor
  var AM = {offset: 0, size: 25, filters: {since: '1h'}, expanded: {}, accounts: [], total: 0};

  function amLoad() {
    var tbody = $('am-table').tBodies[0];
    loading(tbody, 7);
    var q = {limit: AM.size, offset: AM.offset, history: 'true'};
    Object.keys(AM.filters).forEach(function (k) { q[k] = AM.filters[k]; });
    return api('GET', '/am/stats', q).then(function (doc) {
      AM.accounts = doc.accounts || [];
      AM.total = doc.max_count || 0;
      amRender();
    }, function (err) { clear(tbody); showError($('am-result'), err); });
  }

  var KINDS = {account: 'Account', domain: 'Domain', sender_email: 'Email', script: 'Script'};

  /* Sender history (GET /am/stats?history=true): where the object stands, and its usual hour. */
  function historyState(h) {
    if (!h) return {label: 'New', cls: 'text-muted', title: 'No sending history yet'};
    if (h.tainted_until) return {label: 'Confirmed spam', cls: 'label label-danger',
      title: 'An admin learned its mail as spam: no attenuation until ' + fmtDate(h.tainted_until)};
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
        row('Held', fmtNum(h.held) + ' (recently ' + Math.round(h.held_ratio * 1000) / 10 + '%)');
        if (h.confirmed_spam) row('Confirmed spam', fmtNum(h.confirmed_spam) + (h.tainted_until ? ', no attenuation until ' + fmtDate(h.tainted_until) : ''));
        row('First seen', fmtDate(h.first_seen));
        row('Last seen', fmtDate(h.last_seen));
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
    append(first, [' ', el('span', {'class': 'mw-kind text-muted', text: KINDS[kind]}), el('span', {text: obj.name})]);
    var limitCell = el('td', {'class': 'text-right' + (obj.rateLimited ? ' mw-over' : '')});
    if (obj.rateLimited) {
      append(limitCell, el('span', {role: 'img', 'aria-label': 'Limit exceeded', title: 'Limit exceeded: mail was held'}, '\u26a0 '));
    }
    append(limitCell, obj.limit ? fmtNum(obj.limit) : 'unlimited');
    if (obj.exclusion) append(limitCell, el('span', {'class': 'text-muted', title: 'own limit'}, ' *'));
    var actions = el('td', {'class': 'mw-nowrap'});
    var qf = {account: account};
    if (kind === 'domain') qf.sender = '@' + obj.name;
    if (kind === 'sender_email') qf.sender = obj.name;
    append(actions, el('button', {type: 'button', 'class': 'btn btn-default btn-xs', onclick: function () { goToQuarantine(qf); }},
      'Go to quarantine'));
    append(actions, [' ', el('button', {type: 'button', 'class': 'btn btn-default btn-xs',
      onclick: function () { limitDialog(obj, kind); }}, 'Update sender limit')]);
    if ((kind === 'domain' || kind === 'sender_email') && !obj.whitelisted) {
      append(actions, [' ', el('button', {type: 'button', 'class': 'btn btn-default btn-xs',
        onclick: function () { whitelistDialog(obj.name); }}, 'Whitelist sender')]);
    }
    var row = el('tr', {'class': obj.rateLimited ? 'danger' : null},
      first,
      el('td', {'class': 'text-right', text: fmtNum(obj.messages)}),
      limitCell,
      el('td', {text: (kind === 'domain' || kind === 'sender_email') ? String(!!obj.whitelisted) : '\u2014'}),
      el('td', {'class': 'text-right', text: fmtNum(obj.quarantined)}),
      historyCell(obj, kind),
      actions);
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
      num = el('input', {type: 'number', min: 1, step: 1, 'class': 'form-control', id: 'mw-limit-value',
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
      if (choice === 'custom' && !(limit > 0)) return Promise.reject(new ApiError(400, {message: 'Enter a limit of 1 or more.'}));
      return api('POST', '/am/limit', null, {id: obj.id, so_type: kind, limit: limit}).then(function (res) {
        alertBox($('am-result'), 'success', 'Limit of ' + res.name + ' is now ' + (res.limit ? fmtNum(res.limit) + ' per hour' : 'unlimited') + '.');
        return amLoad();
      });
    });
  }

  function whitelistDialog(value) {
    confirmDialog('Whitelist sender', 'Whitelist ' + value + '? Sender limits will no longer apply to it.',
      'Yes, add to whitelist', 'btn-primary', function () {
        return api('POST', '/whitelist/sender', null, {values: [value]}).then(function () {
          alertBox($('am-result'), 'success', value + ' is whitelisted.');
          loaded.settings = false;
          return amLoad();
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

  function accLoad() {
    var tbody = $('acc-table').tBodies[0];
    loading(tbody, 9);
    return api('GET', '/accounts', {limit: ACC.size, offset: ACC.offset, name: ACC.name}).then(function (doc) {
      ACC.total = doc.max_count || 0;
      clear(tbody);
      (doc.items || []).forEach(function (a) {
        tbody.appendChild(el('tr', null,
          el('th', {scope: 'row', text: a.name}),
          el('td', {'class': 'text-right', text: fmtMB(a.limit_bytes) + (a.customized ? '' : ' (default)')}),
          el('td', {'class': 'text-right' + (a.used_bytes > a.limit_bytes ? ' mw-over' : ''), text: fmtMB(a.used_bytes)}),
          el('td', {'class': 'text-right', text: fmtNum(a.messages)}),
          el('td', {'class': 'text-right', text: a.releases_limit ? fmtNum(a.releases_limit) : 'none'}),
          el('td', null, el('span', {'class': 'label ' + (a.state === 'active' ? 'label-success' : 'label-danger'), text: a.state})),
          el('td', {'class': 'text-right', text: fmtNum(a.evicted_last_hour)}),
          el('td', {'class': 'text-right', text: fmtNum(a.expired_last_day || 0)}),
          el('td', {'class': 'mw-nowrap'},
            el('button', {type: 'button', 'class': 'btn btn-default btn-xs', onclick: function () { accountDialog(a); }}, 'Edit'), ' ',
            el('button', {type: 'button', 'class': 'btn btn-danger btn-xs', disabled: !a.messages,
              onclick: function () { purgeDialog(a); }}, 'Purge quarantine'))));
      });
      if (!(doc.items || []).length) tbody.appendChild(el('tr', null, el('td', {colspan: 9, 'class': 'text-muted', text: 'No accounts.'})));
      pager($('acc-pager'), ACC.total, ACC.offset, ACC.size, function (off) { ACC.offset = off; accLoad(); });
    }, function (err) { clear(tbody); showError($('s-result'), err); });
  }

  function numField(id, label, value, min) {
    var input = el('input', {type: 'number', id: id, min: min, step: 1, 'class': 'form-control', value: value, required: true});
    return {group: el('div', {'class': 'form-group'}, el('label', {'for': id, text: label}), input), input: input};
  }

  function accountDialog(a) {
    var cap, rel, state, reset;
    dialog('Quarantine of ' + a.name, 'Save', 'btn-primary', function (body) {
      cap = numField('mw-acc-cap', 'Storage capacity (MB)', Math.round(a.limit_bytes / MB), 1);
      rel = numField('mw-acc-rel', 'Releases limit per hour (0: none)', a.releases_limit, 0);
      state = el('select', {id: 'mw-acc-state', 'class': 'form-control'},
        el('option', {value: 'active', text: 'active'}), el('option', {value: 'block', text: 'block'}));
      state.value = a.state;
      reset = el('input', {type: 'checkbox', id: 'mw-acc-reset'});
      append(body, [cap.group, rel.group,
        el('div', {'class': 'form-group'}, el('label', {'for': 'mw-acc-state', text: 'State'}), state),
        el('div', {'class': 'checkbox'}, el('label', null, reset, ' Restore the defaults for capacity and releases limit'))]);
    }, function () {
      var patch = {state: state.value};
      if (reset.checked) { patch.limit_bytes = -1; patch.releases_limit = -1; } else {
        patch.limit_bytes = Math.round(parseFloat(cap.input.value) * MB);
        patch.releases_limit = parseInt(rel.input.value, 10);
      }
      return api('PATCH', '/accounts/' + encodeURIComponent(a.name), null, patch).then(function () {
        alertBox($('s-result'), 'success', 'Saved the quarantine settings of ' + a.name + '.');
        return accLoad();
      });
    });
  }

  function purgeDialog(a) {
    confirmDialog('Purge quarantine', 'Delete all ' + fmtNum(a.messages) + ' quarantined messages of ' + a.name +
      ' permanently?', 'Purge', 'btn-danger', function () {
      return api('DELETE', '/accounts/' + encodeURIComponent(a.name) + '/emails').then(function (res) {
        alertBox($('s-result'), 'success', 'Purged ' + fmtNum(res.removed) + ' messages of ' + res.name + '.');
        loaded.quarantine = false;
        return accLoad();
      });
    });
  }

  function defaultsLoad() {
    return api('GET', '/quarantine-defaults').then(function (d) {
      $('qd-limit').value = Math.round(d.limit_bytes / MB);
      $('qd-releases').value = d.releases_limit;
    });
  }

  function saveDefaults(body) {
    return api('PATCH', '/quarantine-defaults', null, body).then(function () {
      alertBox($('s-result'), 'success', 'Quarantine defaults saved.');
      return Promise.all([defaultsLoad(), accLoad()]);
    }, function (err) { showError($('s-result'), err); });
  }

  $('qd-form').addEventListener('submit', function (e) {
    e.preventDefault();
    saveDefaults({limit_bytes: Math.round(parseFloat($('qd-limit').value) * MB), releases_limit: parseInt($('qd-releases').value, 10)});
  });
  $('qd-restore').addEventListener('click', function () { saveDefaults({limit_bytes: -1, releases_limit: -1}); });

  var AMS_FIELDS = ['account', 'domain', 'sender_email', 'script', 'daily_account', 'daily_domain', 'daily_sender_email', 'daily_script'];

  function amsLoad() {
    return api('GET', '/am/server-settings').then(function (s) {
      AMS_FIELDS.forEach(function (f) { $('ams-' + f).value = s[f]; });
      $('ams-mode-1').checked = s.limit_mode === 1;
      $('ams-mode-2').checked = s.limit_mode === 2;
      $('ams-dry_run').checked = !!s.dry_run;
    });
  }

  $('ams-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = {limit_mode: $('ams-mode-2').checked ? 2 : 1, dry_run: $('ams-dry_run').checked};
    AMS_FIELDS.forEach(function (f) { body[f] = parseInt($('ams-' + f).value, 10) || 0; });
    api('PATCH', '/am/server-settings', null, body).then(function () {
      alertBox($('s-result'), 'success', 'Activity Monitor server limits saved.');
      return amsLoad();
    }, function (err) { showError($('s-result'), err); });
  });

  function filterLoad() {
    return api('GET', '/filter-settings').then(function (s) { $('fs-winexec').checked = !!s.allow_winexec; });
  }

  $('fs-form').addEventListener('submit', function (e) {
    e.preventDefault();
    api('PATCH', '/filter-settings', null, {allow_winexec: $('fs-winexec').checked}).then(function () {
      alertBox($('s-result'), 'success', 'Filter settings saved.');
      return filterLoad();
    }, function (err) { showError($('s-result'), err); });
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
              api('POST', '/whitelist/sender/remove', null, {values: [v]}).then(wlLoad, function (err) { showError($('s-result'), err); });
            }}, 'Remove')));
      });
    });
  }

  $('wl-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var v = $('wl-value').value.trim();
    if (!v) return;
    api('POST', '/whitelist/sender', null, {values: [v]}).then(function () { $('wl-value').value = ''; return wlLoad(); },
      function (err) { showError($('s-result'), err); });
  });

  $('acc-filters').addEventListener('submit', function (e) {
    e.preventDefault();
    ACC.name = $('acc-name').value.trim();
    ACC.offset = 0;
    accLoad();
  });

  loaders.settings = function () {
    return Promise.all([accLoad(), defaultsLoad(), amsLoad(), filterLoad(), wlLoad()]).catch(function (err) {
      showError($('s-result'), err);
    });
  };

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
    target.appendChild(el('div', {'class': 'mw-data'}, el('table', {'class': 'table table-condensed table-striped mw-data-table', id: id + '-table'},
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
      var per = view.bucket === 'hour' ? 'Per clock hour.' : 'Per UTC day.';
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
  $('mw-user').textContent = document.body.getAttribute('data-user') || '';
  api('GET', '/status').then(function (s) {
    var bad = (s.components || []).filter(function (c) { return !c.ok; }).map(function (c) { return c.name; });
    $('mw-status').textContent = 'Service: ' + s.status + (bad.length ? ' (' + bad.join(', ') + ')' : '') + ', version ' + s.version + '.';
    $('mw-status').className = s.status === 'ok' ? 'text-success' : 'text-warning';
    // Degraded is easy to miss in the header line, and mail may be going out unscanned (or refused) meanwhile.
    var failing = (s.components || []).filter(function (c) { return !c.ok; });
    var banner = $('mw-banner');
    banner.textContent = '';
    banner.hidden = !failing.length;
    if (!failing.length) return;
    append(banner, [
      el('strong', {text: 'Mailward needs attention.'}),
      ' While the scanner, Redis or the disk is failing, mail may go out unscanned or be refused (see fail_mode).',
      el('ul', null, failing.map(function (c) { return el('li', {text: c.name + ': ' + c.detail}); })),
      'To check on the server (as root): ', el('code', {text: 'ie-config status'}), '.'
    ]);
  }, function (err) { $('mw-status').textContent = 'Service: ' + err.message; $('mw-status').className = 'text-danger'; });
  var start = (location.hash || '').slice(1);
  selectTab(tabs.indexOf(start) >= 0 ? start : 'quarantine');
})();
