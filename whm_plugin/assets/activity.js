/* The Activity Monitor tab: senders per account, limits, sending history, containment. */
import {$} from './index.cgi?asset=common.js';
import {append, clear, el, fmtDate, fmtNum, fmtWhen, formValues, PCT} from './index.cgi?asset=dom.js';
import {api, inputError} from './index.cgi?asset=api.js';
import {confirmDialog, dialog, loading, pager, say, showError, unsay} from './index.cgi?asset=ui.js';
import {loaded, loaders} from './index.cgi?asset=tabs.js';
import {isAdmin, mayChange} from './index.cgi?asset=me.js';
import {goToQuarantine} from './index.cgi?asset=quarantine.js';

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
