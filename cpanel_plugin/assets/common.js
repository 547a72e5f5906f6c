/* Mailward's WHM and cPanel pages both load this module (an ES module served as a file, no build step): element
   lookup, and the numbers, sizes, dates and spam scores both pages show, in the reader's own locale (Intl). It
   imports nothing, so each page loads it from its own asset path. Mail text is only ever inserted with textContent
   (each page's el()). */

export var MB = 1024 * 1024;

export function $(id) { return document.getElementById(id); }

/* Numbers, sizes and dates in the reader's own locale (Intl), one way everywhere on both pages. */
export var NUM = new Intl.NumberFormat(undefined, {maximumFractionDigits: 0});
export var NUM1 = new Intl.NumberFormat(undefined, {maximumFractionDigits: 1});
export var WHEN = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'long'});

/* The reader's time zone as Intl names it (GMT+9, UTC, PST...), for headings of local times. */
export function zoneName() {
  var part = new Intl.DateTimeFormat(undefined, {timeZoneName: 'short'}).formatToParts(new Date())
    .filter(function (p) { return p.type === 'timeZoneName'; })[0];
  return part ? part.value : '';
}

/* A size for a person: KB below 1 MB, MB below 1 GB, then GB (1 KB = 1,024 bytes); one decimal below 10. */
export function fmtSize(bytes) {
  var b = Math.max(0, Number(bytes) || 0);
  var unit = b >= 1024 * MB ? ['GB', 1024 * MB] : (b >= MB ? ['MB', MB] : ['KB', 1024]);
  var v = b / unit[1];
  return (v < 10 ? NUM1 : NUM).format(v) + ' ' + unit[0];
}

function fmtScore(n) { return NUM1.format(Number(n) || 0); }

/* "Score 1,009 (holds at 6)": a score beside the threshold its direction is held at now. */
export function scoreText(m, bare) {
  var s = (bare ? '' : 'Score ') + fmtScore(m.score);
  return typeof m.hold_threshold === 'number' ? s + ' (holds at ' + fmtScore(m.hold_threshold) + ')' : s;
}

/* Whether a held message was held for its score (spam), so its score is worth showing. */
export function heldForScore(m) { return (m.reasons || []).indexOf('spam') >= 0; }
