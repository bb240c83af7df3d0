import { createHash } from 'node:crypto';

// The report's only script: filters the case table. It is a constant (nothing is interpolated into
// it), so the CSP can allow exactly this script by its hash and nothing else, injected or not.
export const FILTER_SCRIPT = `
(function () {
  'use strict';
  var table = document.getElementById('case-table');
  if (!table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var haystacks = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var text = document.getElementById('filter-text');
  var transition = document.getElementById('filter-transition');
  var system = document.getElementById('filter-system');
  var status = document.getElementById('filter-status');
  var count = document.getElementById('filter-count');
  function matches(tokens, name) {
    return tokens.indexOf(name + ':any') !== -1 &&
      (!transition.value || tokens.indexOf(name + ':' + transition.value) !== -1) &&
      (!status.value || tokens.indexOf(name + ':' + status.value) !== -1);
  }
  function apply() {
    var query = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row, i) {
      var tokens = (row.getAttribute('data-tokens') || '').split(' ');
      var systems = system.value ? [system.value] : (row.getAttribute('data-systems') || '').split(' ');
      var visible = (!query || haystacks[i].indexOf(query) !== -1) && systems.some(function (name) { return matches(tokens, name); });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + ' of ' + rows.length + ' cases shown';
  }
  text.addEventListener('input', apply);
  [transition, system, status].forEach(function (select) { select.addEventListener('change', apply); });
  apply();
})();
`;

/** `'sha256-…'` of the filter script, for the CSP's script-src. */
export function scriptHash(script: string = FILTER_SCRIPT): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}
