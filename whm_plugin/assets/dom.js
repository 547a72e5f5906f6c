/* Building the page: elements (text only through textContent), and the WHM page's own number and date formats
   (common.js has the ones the cPanel page shares). */
import {NUM, WHEN} from './index.cgi?asset=common.js';

export function el(tag, attrs) {
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

export function append(node, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
  node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
}

export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

// Percentages in the admin's own locale (Intl); numbers, sizes and dates are in common.js.

export var PCT = new Intl.NumberFormat(undefined, {style: 'percent', maximumFractionDigits: 1});

/* A table's compact local time: 2026-11-21 19:00:00 (the column heading names the time zone). */
export function fmtDate(epoch) {
  if (!epoch) return '';
  var d = new Date(epoch * 1000);
  function p(n) { return (n < 10 ? '0' : '') + n; }
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours()) + ':' +
    p(d.getMinutes()) + ':' + p(d.getSeconds());
}

/* A moment on its own (the viewer, dialogs): local date and time with the time zone named. */
export function fmtWhen(epoch) { return epoch ? WHEN.format(new Date(epoch * 1000)) : ''; }

export function fmtNum(n) { return (n === null || n === undefined || n === '') ? '' : NUM.format(Number(n)); }

export function formValues(form) {
  var out = {};
  Array.prototype.forEach.call(form.elements, function (f) { if (f.name) out[f.name] = f.value.trim(); });
  return out;
}
