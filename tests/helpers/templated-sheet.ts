import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

// A sheet the way a PM generates one at scale: every row from one of a few templates, so most rows
// share most of their words, with the product's recorded output in `current_behavior`. Each row fills
// its template's slots from small vocabularies plus two numbers of its own (an order and a ticket), so
// two rows of one template differ in at least those two words: 21 words with 19 shared at most, a Jaccard
// of 0.83, below validate's 0.9. Only the planted pair (a copied row with one word added) is near.
//
// This is the shape that blew up the near-duplicate index: rows of one template agree on most MinHash
// bands, so the bands' runs of equal keys are as long as the sheet.

const NAMES = ['Ana', 'Ben', 'Chloe', 'Dev', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jon', 'Kemi', 'Lena', 'Marco', 'Nadia', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sam', 'Tara'];
const CITIES = ['Lisbon', 'Oslo', 'Lagos', 'Lima', 'Pune', 'Quito', 'Denver', 'Cork', 'Hanoi', 'Perth', 'Turin', 'Riga', 'Accra', 'Bergen', 'Cusco'];
const TOPICS = ['parking', 'recycling', 'libraries', 'buses', 'parks', 'schools', 'noise', 'housing', 'bikes', 'markets', 'water', 'trees'];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const KINDS = ['essay', 'letter', 'report', 'memo', 'brief', 'summary', 'proposal', 'review'];

interface Template {
  /** Whether the product should open a canvas (the label), and so what the recorded output is. */
  trigger: boolean;
  text: (slots: string[], order: number, ticket: number) => string;
}

// 14–16 fixed words and five slots each: 21 distinct words a row.
const TEMPLATES: Template[] = [
  {
    trigger: true,
    text: ([name, city, topic, day, kind], o, t) => `Please write a long ${kind} for ${name} about ${topic} in ${city} before ${day} and quote order ${o} with ticket ${t} in the opening paragraph`,
  },
  {
    trigger: true,
    text: ([name, city, topic, day, kind], o, t) => `Draft a formal ${kind} to the council of ${city} from ${name} on ${topic} due ${day} citing case ${o} and reference ${t} at the very top`,
  },
  {
    trigger: false,
    text: ([name, city, topic, day, kind], o, t) => `Quick question from ${name} in ${city} is the ${topic} office open on ${day} and did my ${kind} number ${o} or claim ${t} arrive yet`,
  },
  {
    trigger: false,
    text: ([name, city, topic, day, kind], o, t) => `Hey can you tell ${name} whether ${city} changed its ${topic} rules last ${day} because request ${o} and ${kind} ${t} still look pending here`,
  },
];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function recordedOutput(trigger: boolean, kind: string, name: string): string {
  return trigger
    ? `→ canvas(type: document, title: "${kind} for ${name}")\nOpened a document with a first draft of the ${kind}; tell me what to change and I will revise it.`
    : `Yes: it is open from 9:00 to 17:00 and your request shows as received. Anything else I can check for you, ${name}?`;
}

export interface TemplatedSheet {
  /** Ids of the planted near-duplicate pair, earlier first: the copy has one word more than the original. */
  planted: [string, string];
  rows: number;
}

/** CSV text of one row: every cell quoted, quotes doubled. */
function csvLine(cells: string[]): string {
  return cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',') + '\n';
}

/** The rows as cell arrays, `n` generated plus the planted copy near the end; the header first. */
function* templatedRows(n: number, seed = 1): Generator<string[]> {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  yield ['id', 'input', 'should_trigger', 'current_behavior'];
  // The original sits at a tenth of the sheet, its copy at the end: far apart, as in a sheet pasted together.
  const original = Math.floor(n / 10);
  let originalRow: string[] = [];
  for (let i = 0; i < n; i++) {
    const template = TEMPLATES[i % TEMPLATES.length];
    const slots = [pick(NAMES), pick(CITIES), pick(TOPICS), pick(DAYS), pick(KINDS)];
    // Orders and tickets are the row's own (7919 is prime to 10⁶, and the two ranges never meet).
    const row = [`t${i}`, template.text(slots, 1_000_000 + i, 3_000_000 + ((i * 7919) % 1_000_000)), template.trigger ? 'yes' : 'no', recordedOutput(template.trigger, slots[4], slots[0])];
    if (i === original) originalRow = row;
    yield row;
  }
  // One word added to the original: Jaccard 21/22 = 0.95.
  const copy = originalRow[1].replace(/^(\S+ \S+)/, '$1 kindly');
  yield ['planted-copy', copy, originalRow[2], originalRow[3]];
}

/** Write the sheet as CSV to `file`, a few thousand rows at a time (a million rows as one string would weigh on the writer). */
function writeTemplatedCsv(file: string, n: number, seed = 1): TemplatedSheet {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  let buffer = '';
  for (const row of templatedRows(n, seed)) {
    buffer += csvLine(row);
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  return { planted: [`t${Math.floor(n / 10)}`, 'planted-copy'], rows: n + 1 };
}

/**
 * A project in `dir` whose suite `templated` reads the sheet (datasets/templated.csv, `n` rows plus the
 * planted copy), scored as recorded (`current`, the `current_behavior` column) and live (`model`,
 * `openai:bench-model` with a canvas tool, for the fake model server).
 */
export function writeTemplatedProject(dir: string, n: number): TemplatedSheet {
  for (const sub of ['suites', 'tools']) mkdirSync(path.join(dir, sub), { recursive: true });
  writeFileSync(
    path.join(dir, 'suites', 'templated.yaml'),
    [
      'name: templated',
      'dataset: datasets/templated.csv',
      'systems:',
      '  current: { provider: "column:current_behavior" }',
      '  model: { provider: "openai:bench-model", tools: tools/canvas.json }',
      'checks:',
      '  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'tools', 'canvas.json'), JSON.stringify([{ name: 'canvas', description: 'Open a canvas.', parameters: { type: 'object', properties: { title: { type: 'string' } } } }]));
  return writeTemplatedCsv(path.join(dir, 'datasets', 'templated.csv'), n);
}
