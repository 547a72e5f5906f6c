/* The Statistics tab: one GET /stats per view, drawn as SVG bar charts with the same numbers as tables. */
import {$, zoneName} from './index.cgi?asset=common.js';
import {clear, el, fmtNum} from './index.cgi?asset=dom.js';
import {api} from './index.cgi?asset=api.js';
import {showError} from './index.cgi?asset=ui.js';
import {loaders} from './index.cgi?asset=tabs.js';

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
