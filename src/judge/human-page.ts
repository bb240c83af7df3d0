import { RATER_MAX_LENGTH, RATER_PATTERN, RATER_RULE } from './rater-name.js';

// The human judging page: one self-contained HTML document (no external requests; the server's
// CSP forbids them). Everything from the run is untrusted: conversations and notes are inserted
// with textContent; a model output's markdown arrives already rendered by the server to HTML that
// can hold no script, handler or unsafe link (src/judge/render-markdown.ts), and is the only HTML
// the page inserts.

const STYLE = `
:root { color-scheme: light dark; --line: #8884; --accent: #2563eb; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 20px 40px; }
header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid var(--line); margin-bottom: 16px; }
h1 { font-size: 18px; margin: 8px 0; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; opacity: .7; margin: 18px 0 6px; }
.turn { border-left: 3px solid var(--line); padding: 2px 10px; margin: 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.role { font-weight: 600; font-size: 12px; text-transform: uppercase; opacity: .7; display: block; }
.guide { white-space: pre-wrap; margin: 4px 0; overflow-wrap: anywhere; }
.guide b { display: block; font-size: 12px; opacity: .8; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.side { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 0; }
.side .text { overflow-wrap: anywhere; }
.side .text > :first-child { margin-top: 0; } .side .text > :last-child { margin-bottom: 0; }
.side .text pre { white-space: pre-wrap; background: #8881; padding: 6px 8px; border-radius: 4px; }
.side .text code { font-family: ui-monospace, Menlo, monospace; font-size: 13px; }
.side .text table { border-collapse: collapse; } .side .text td, .side .text th { border: 1px solid var(--line); padding: 2px 6px; }
.side .calls { font-family: ui-monospace, Menlo, monospace; font-size: 13px; margin: 8px 0 0; padding: 0; list-style: none; }
textarea { width: 100%; min-height: 48px; font: inherit; margin-top: 14px; }
.actions { display: flex; gap: 10px; margin-top: 12px; flex-wrap: wrap; }
button { font: inherit; padding: 8px 16px; border-radius: 6px; border: 1px solid var(--line); cursor: pointer; background: Canvas; color: CanvasText; }
button.primary { border-color: var(--accent); }
kbd { font-family: ui-monospace, monospace; font-size: 12px; border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; }
.actions span:not(.hidden) { display: contents; }
.hidden { display: none; }
#error, #name-problem { color: #dc2626; }
.control { font: 10px/1.2 ui-monospace, Menlo, monospace; color: #dc2626; border: 1px dashed currentColor; border-radius: 3px; padding: 0 2px; margin: 0 1px; unicode-bidi: isolate; direction: ltr; }
@media (max-width: 800px) { .sides { grid-template-columns: 1fr; } }
`;

const SCRIPT = `
'use strict';
const RATER_MAX_LENGTH = ${RATER_MAX_LENGTH};
const RATER_PATTERN = new RegExp(${JSON.stringify(RATER_PATTERN.source)}, 'u');
const RATER_RULE = ${JSON.stringify(RATER_RULE)};
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let rater = (params.get('rater') || '').trim();
let current = null;
let busy = false;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function show(section) {
  for (const id of ['name-form', 'item', 'done']) $(id).classList.toggle('hidden', id !== section);
}

function fail(message) {
  $('error').textContent = message;
}

function renderSide(box, output) {
  box.replaceChildren();
  if (output.text.trim()) {
    // Sanitized on the server: markdown's own tags only, raw HTML escaped (render-markdown.ts).
    const text = el('div', 'text');
    text.innerHTML = output.html;
    box.append(text);
  }
  if (output.toolCalls.length) {
    const list = el('ul', 'calls');
    for (const call of output.toolCalls) list.append(el('li', '', call));
    box.append(list);
  }
  if (!output.text.trim() && !output.toolCalls.length) box.append(el('em', '', '(empty response)'));
}

function render(state) {
  $('progress').textContent = state.progress.done + ' / ' + state.progress.total;
  if (state.done) {
    current = null;
    $('done-count').textContent = state.progress.done + (state.progress.done === 1 ? ' item' : ' items');
    $('done-skipped').textContent = state.skipped ? state.skipped + ' skipped.' : '';
    $('review').classList.toggle('hidden', !state.skipped);
    show('done');
    return;
  }
  current = state.item;
  const conversation = $('conversation');
  conversation.replaceChildren();
  for (const turn of current.conversation) {
    const box = el('div', 'turn');
    box.append(el('span', 'role', turn.role), document.createTextNode(turn.content));
    conversation.append(box);
  }
  const guidance = $('guidance');
  guidance.replaceChildren();
  for (const entry of current.guidance) {
    const box = el('div', 'guide');
    box.append(el('b', '', entry.label), document.createTextNode(entry.text));
    guidance.append(box);
  }
  $('guidance-title').classList.toggle('hidden', !current.guidance.length);
  // A rubric item: one output to label pass or fail against the rubric, shown open; never the grader's verdict.
  const rubric = current.kind === 'rubric';
  for (const id of ['pair', 'pair-actions']) $(id).classList.toggle('hidden', rubric);
  for (const id of ['single', 'rubric-actions']) $(id).classList.toggle('hidden', !rubric);
  $('title').textContent = rubric ? 'Does the response meet the rubric?' : 'Which response is better?';
  $('guidance-title').open = rubric;
  if (rubric) renderSide($('single-output'), current.output);
  else {
    renderSide($('left'), current.left);
    renderSide($('right'), current.right);
  }
  $('comment').value = '';
  show('item');
  window.scrollTo(0, 0);
}

async function call(method, path, body) {
  busy = true;
  fail('');
  let response;
  try {
    response = await fetch(path, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    fail('Could not reach the judging server (' + error.message + '). Is evals judge still running?');
    busy = false;
    return;
  }
  try {
    const data = await response.json().catch(() => ({}));
    // The server answered: what it says is wrong is shown as it is, not as a lost connection.
    if (!response.ok) {
      if (response.status === 400 && !current) askName(data.error || 'HTTP 400');
      else fail('The judging server refused this: ' + (data.error || 'HTTP ' + response.status));
      return;
    }
    render(data);
  } finally {
    busy = false;
  }
}

function load() {
  return call('GET', '/api/next?rater=' + encodeURIComponent(rater));
}

function choose(choice) {
  if (busy || !current) return;
  return call('POST', '/api/judgment', { rater, id: current.id, choice, comment: $('comment').value });
}

function skip() {
  if (busy || !current) return;
  return call('POST', '/api/skip', { rater, id: current.id });
}

/** The same rule as the server's (src/judge/rater-name.ts), so a bad name is caught as it is typed. */
function nameProblem(value) {
  const name = value.trim();
  if (!name) return 'a rater name is required';
  if ([...name].length > RATER_MAX_LENGTH) return 'this name is ' + [...name].length + ' characters long; ' + RATER_RULE;
  if (!RATER_PATTERN.test(name)) return 'this name has characters that are not allowed; ' + RATER_RULE;
  return '';
}

function askName(problem) {
  $('meta').classList.add('hidden');
  $('name-problem').textContent = problem || '';
  show('name-form');
}

function start(name) {
  const problem = nameProblem(name);
  if (problem) return askName(problem);
  rater = name.trim();
  params.set('rater', rater);
  history.replaceState(null, '', '?' + params.toString());
  $('rater').textContent = rater;
  $('meta').classList.remove('hidden');
  load();
}

$('name-form').addEventListener('submit', (event) => { event.preventDefault(); start($('name').value); });
$('name').addEventListener('input', () => { $('name-problem').textContent = $('name').value.trim() ? nameProblem($('name').value) : ''; });
$('choose-left').addEventListener('click', () => choose('left'));
$('choose-right').addEventListener('click', () => choose('right'));
$('choose-tie').addEventListener('click', () => choose('tie'));
$('label-pass').addEventListener('click', () => choose('pass'));
$('label-fail').addEventListener('click', () => choose('fail'));
$('skip').addEventListener('click', () => skip());
$('review').addEventListener('click', () => { if (!busy) call('POST', '/api/unskip', { rater }); });
document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement;
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const rubric = current && current.kind === 'rubric';
  const action = rubric
    ? { '1': () => choose('pass'), '2': () => choose('fail'), s: () => skip(), S: () => skip() }[event.key]
    : { '1': () => choose('left'), '2': () => choose('right'), '3': () => choose('tie'), s: () => skip(), S: () => skip() }[event.key];
  if (action) { event.preventDefault(); action(); }
});

if (rater) { $('name').value = rater; start(rater); } else show('name-form');
`;

/**
 * The page for `startHumanJudging`. `nonce` must match the Content-Security-Policy the server
 * sends, which is what keeps the inline script and style the only ones allowed to run.
 */
export function humanPageHtml(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>evals: which response is better?</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1 id="title">Which response is better?</h1><div id="meta" class="hidden"><span id="rater"></span> · <span id="progress">…</span></div></header>
<p id="error" role="alert"></p>
<form id="name-form" class="hidden">
  <label for="name">Your name (so your judgments are kept apart from other raters')</label><br>
  <input id="name" autocomplete="name" required autofocus>
  <button class="primary" type="submit">Start</button>
  <p id="name-problem" role="alert"></p>
</form>
<main id="item" class="hidden">
  <h2>Conversation</h2>
  <div id="conversation"></div>
  <!-- Collapsed: a filled-in rubric can be long, and the two responses should be on the first screen. -->
  <details id="guidance-title"><summary>What good looks like (rubric, ideal behaviour)</summary><div id="guidance"></div></details>
  <div class="sides" id="pair">
    <section><h2>Response A</h2><div id="left" class="side"></div></section>
    <section><h2>Response B</h2><div id="right" class="side"></div></section>
  </div>
  <section id="single" class="hidden"><h2>Response</h2><div id="single-output" class="side"></div></section>
  <textarea id="comment" placeholder="Optional comment: why?"></textarea>
  <div class="actions">
    <span id="pair-actions">
      <button id="choose-left" class="primary"><kbd>1</kbd> A is better</button>
      <button id="choose-right" class="primary"><kbd>2</kbd> B is better</button>
      <button id="choose-tie"><kbd>3</kbd> Tie</button>
    </span>
    <span id="rubric-actions" class="hidden">
      <button id="label-pass" class="primary"><kbd>1</kbd> Meets the rubric</button>
      <button id="label-fail" class="primary"><kbd>2</kbd> Does not</button>
    </span>
    <button id="skip"><kbd>s</kbd> Skip</button>
  </div>
</main>
<section id="done" class="hidden">
  <h2>Done</h2>
  <p>You judged <span id="done-count"></span>. <span id="done-skipped"></span></p>
  <p>Everything is saved; you can close this tab.</p>
  <button id="review" class="hidden">Go back to the skipped items</button>
</section>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
