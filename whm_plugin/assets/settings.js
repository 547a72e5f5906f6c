/* The Settings tab: accounts' quarantines (with their release policy), quarantine defaults, server limits, filter
   settings, the sender whitelist. */
import {$, fmtSize, MB} from './index.cgi?asset=common.js';
import {append, clear, el, fmtNum, PCT} from './index.cgi?asset=dom.js';
import {api, CHECK, explain, inputError, LABELS} from './index.cgi?asset=api.js';
import {confirmDialog, dialog, hideModal, loading, pager, say, showError, unsay} from './index.cgi?asset=ui.js';
import {loaded, loaders} from './index.cgi?asset=tabs.js';
import {isAdmin, mayChange} from './index.cgi?asset=me.js';

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

export function accLoad() {
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
