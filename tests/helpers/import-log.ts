import { writeFileSync } from 'node:fs';

// A generated production log (OpenAI chat JSON lines) for `evals import`'s deduplication at scale:
// conversations that all open with the same greeting and the same support boilerplate, then a
// question of 20 words from a 5,000-word vocabulary. Planted among them, each at a seeded later line:
//
// - near-duplicates of an earlier conversation (a word changed, a word added, punctuation added):
//   Jaccard 0.94–1, dropped as "nearly the same";
// - repeats in other case and spacing: the same conversation, dropped as exact;
// - look-alikes: 3 of the 20 words changed, Jaccard 0.83 with the boilerplate counted: kept;
// - a cluster: one conversation and 30 variants, each with a single word changed (0.94 with the first,
//   0.89 with most others): every variant is a duplicate of the first, which only a comparison with
//   the first finds, the variants before it having been dropped;
// - a chain A → B → C, one word changed at each step: B is dropped, C (0.89 with A) is kept.

const GREETING = 'Hi';
/** Variants in the cluster: more than a run's window, so only following what the dropped ones repeated finds the first. */
const CLUSTER = 30;
const BOILERPLATE = 'Hello! Thanks for contacting Acme support, how can I help you today?';

interface Line {
  question: string;
  /** The conversation this one repeats, and whether exactly; undefined for a conversation that must be kept. */
  repeats?: { of: Line; exact: boolean };
}

export interface PlantedLog {
  lines: number;
  /** Every conversation that must be dropped, in log order, as `evals import --json` reports it (`of` filled in by `file`). */
  duplicates: Array<{ source: string; of: string; against: 'new'; exact: boolean }>;
  /** How many were planted of each kind. */
  planted: { near: number; exact: number; lookalikes: number; cluster: number; chain: number };
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/** Write a log of `n` generated conversations plus the planted ones to `file`; `name` is how the CLI will name it (`logs/x.jsonl`). */
export function writePlantedImportLog(file: string, name: string, n: number, seed = 1): PlantedLog {
  const next = random(seed);
  const word = () => `w${Math.floor(next() * 5000)}`;
  const question = () => Array.from({ length: 20 }, word).join(' ');
  const changeWords = (text: string, count: number, from = 0) => {
    const words = text.split(' ');
    for (let i = 0; i < count; i++) words[(from + i * 5) % words.length] = `x${Math.floor(next() * 1e9)}`;
    return words.join(' ');
  };
  const lines: Line[] = Array.from({ length: n }, () => ({ question: question() }));
  /** Put `line` at a random place after `after` (lines only move down as more go in, so it stays after). */
  const plantAfter = (after: Line, line: Line) => {
    const from = lines.indexOf(after) + 1;
    lines.splice(from + Math.floor(next() * (lines.length - from + 1)), 0, line);
  };
  const originals = () => lines[Math.floor(next() * Math.min(lines.length, n) * 0.8)];
  const planted = { near: 0, exact: 0, lookalikes: 0, cluster: 0, chain: 0 };
  const count = Math.max(3, Math.floor(n / 30));
  for (let i = 0; i < count; i++) {
    const of = originals();
    if (of.repeats) continue;
    const edits = [
      () => ({ question: changeWords(of.question, 1, i), repeats: { of, exact: false } }),
      () => ({ question: `${of.question} please`, repeats: { of, exact: false } }),
      () => ({ question: `${of.question.replace(' ', ', ')}?!`, repeats: { of, exact: false } }),
      () => ({ question: `  ${of.question.toUpperCase()}  `, repeats: { of, exact: true } }),
    ];
    const line = edits[i % edits.length]();
    plantAfter(of, line);
    if (line.repeats.exact) planted.exact += 1;
    else planted.near += 1;
    const base = originals();
    plantAfter(base, { question: changeWords(base.question, 3, i) });
    planted.lookalikes += 1;
  }
  const first: Line = { question: question() };
  lines.splice(Math.floor(lines.length / 3), 0, first);
  for (let v = 0; v < CLUSTER; v++) plantAfter(first, { question: changeWords(first.question, 1, v), repeats: { of: first, exact: false } });
  planted.cluster = CLUSTER;
  const a: Line = { question: question() };
  lines.splice(Math.floor(lines.length / 2), 0, a);
  const b: Line = { question: changeWords(a.question, 1, 0), repeats: { of: a, exact: false } };
  plantAfter(a, b);
  plantAfter(b, { question: changeWords(b.question, 1, 1) });
  planted.chain = 1;

  const sourceOf = new Map(lines.map((line, i) => [line, `${name}:${i + 1}`]));
  const json = lines.map((line) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: GREETING },
        { role: 'assistant', content: BOILERPLATE },
        { role: 'user', content: line.question },
        { role: 'assistant', content: 'Let me look into that for you.' },
      ],
    }),
  );
  writeFileSync(file, json.join('\n') + '\n');
  const duplicates = lines.filter((line) => line.repeats).map((line) => ({ source: sourceOf.get(line)!, of: sourceOf.get(line.repeats!.of)!, against: 'new' as const, exact: line.repeats!.exact }));
  return { lines: lines.length, duplicates, planted };
}
