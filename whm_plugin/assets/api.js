/* One API call through the CGI (?api=PATH), and every error told in words for a hosting admin, with the next step;
   never raw API keys or markup. */

var BASE = document.body.getAttribute('data-base');  // "/cpsessNNN/cgi/mailward/index.cgi"

function ApiError(status, doc, kind) {
  this.status = status;
  this.doc = doc || {};
  this.kind = kind || 'api';  // api: the API's JSON error; page: not JSON (an HTML error page); network; input
  this.message = (doc && doc.message) || ('HTTP ' + status);
}

/* One API call through the CGI: ?api=PATH&query..., JSON in and out; raw=true gives the text. */
export function api(method, path, query, body, raw) {
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
export function inputError(message, list) {
  var err = new ApiError(400, {message: message}, 'input');
  err.list = list || [];
  return err;
}

/* What the admin reads for an API field name. */
export var LABELS = {limit_bytes: 'Storage capacity', releases_limit: 'Releases limit', state: 'State', incoming: 'Incoming filtration',
  account: 'WHM account per hour', domain: 'Domain per hour', sender_email: 'Email address per hour', script: 'PHP script per hour',
  daily_account: 'WHM account per 24 hours', daily_domain: 'Domain per 24 hours', daily_sender_email: 'Email address per 24 hours',
  daily_script: 'PHP script per 24 hours', limit_mode: 'Limit mode', dry_run: 'Dry run', limit: 'Sender limit', values: 'Address or domain',
  allow_winexec: 'Windows executables', ids: 'Messages', digest: 'Digest', digest_address: 'Digest address'};
export var CHECK = 'On the server, as root, run ie-config status to see which part of Mailward is failing.';

/* An error in words for a hosting admin, with the next step: {text, details}. Never raw API keys or markup. */
export function explain(err) {
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
export function plain(m) {
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
