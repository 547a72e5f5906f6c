/* Result regions, loading rows, pagers, and the modal dialogs (focus kept inside, Esc closes). */
import {$} from './index.cgi?asset=common.js';
import {append, clear, el, fmtNum} from './index.cgi?asset=dom.js';
import {explain} from './index.cgi?asset=api.js';

/* A result region beside the form or table it belongs to: cleared when an action starts, focused when it ends. */
export function say(target, kind, message, details, focus) {
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

export function unsay(target) { clear(target); }

export function showError(target, err, prefix) {
  var e = explain(err);
  return say(target, 'danger', (prefix ? prefix + ' ' : '') + e.text, e.details);
}

export function loading(tbody, cols) {
  clear(tbody).appendChild(el('tr', null, el('td', {colspan: cols, 'class': 'text-muted', text: 'Loading\u2026'})));
}

/* Previous / page x of y / next for limit+offset lists. */
export function pager(nav, total, offset, size, go) {
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

// ---------------------------------------------------------------- modals (focus kept inside, Esc closes)
var openModal = null;

function focusables(root) {
  return Array.prototype.filter.call(root.querySelectorAll(
    'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])'),
  function (n) { return !n.disabled && !n.hidden && n.offsetParent !== null; });
}

/* Open a modal and focus the first control inside focusRoot (default: the modal itself). */
export function showModal(modal, focusRoot) {
  openModal = {node: modal, back: document.activeElement};
  modal.hidden = false;
  modal.classList.add('mw-open', 'in');
  $('mw-backdrop').hidden = false;
  document.body.classList.add('mw-modal-open');
  var f = focusables(focusRoot || modal)[0] || focusables(modal)[0];
  if (f) f.focus();
}

export function hideModal() {
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
export function dialog(title, okLabel, okClass, build, submit) {
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

export function confirmDialog(title, text, okLabel, okClass, action) {
  dialog(title, okLabel, okClass, function (body) { body.appendChild(el('p', {text: text})); }, action);
}
