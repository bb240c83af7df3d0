import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';

// `evals import <log> --to <suite>`, spawned as a user types it, on a planted production log: the
// personal data, the repeats of the sheet and of each other, and the strata are planted, and the
// candidates CSV, the scrub report and the summary must show exactly those.

type Turn = Record<string, unknown>;
const user = (content: string): Turn => ({ role: 'user', content });
const assistant = (content: string | null, calls: Array<[string, Record<string, unknown>]> = []): Turn => ({
  role: 'assistant',
  content,
  ...(calls.length ? { tool_calls: calls.map(([name, args], i) => ({ id: `call_${i}`, type: 'function', function: { name, arguments: JSON.stringify(args) } })) } : {}),
});
const SYSTEM: Turn = { role: 'system', content: 'You are the production assistant.' };

/** The planted OpenAI chat log, one conversation a line (line numbers in the comments). */
const OPENAI_LOG: Turn[] = [
  // 1: an email and a US phone number in the question; kept.
  { messages: [SYSTEM, user('Send the invoice to anna.k@example.com and text me at (415) 555-0134 when done'), assistant('Done.')], metadata: { locale: 'en' } },
  // 2: the same question as sheet row 3 (t02), in other case and spacing: an exact repeat of the sheet.
  { messages: [SYSTEM, user('what is the  capital of PERU?'), assistant('Lima.')], metadata: { locale: 'en' } },
  // 3: sheet row 2 (t01) with one word added: a near repeat of the sheet.
  { messages: [SYSTEM, user('Please write a 2,000-word essay on the history of the printing press'), assistant('Sure.')], metadata: { locale: 'en' } },
  // 4: a valid card number (Luhn), and a tool call whose arguments hold an email; multi-turn; kept.
  {
    messages: [
      SYSTEM,
      user('Hi'),
      assistant('Hello! How can I help?'),
      user('Pay with 4111 1111 1111 1111 and email the receipt'),
      assistant(null, [['send_email', { to: 'anna.k@example.com', subject: 'Receipt' }]]),
    ],
    metadata: { locale: 'fr' },
  },
  // 5: 16 digits that fail the Luhn check (not a card, and not a phone number); a date and a time that stay; kept.
  { messages: [SYSTEM, user('My order number is 4111 1111 1111 1112, placed 2026-11-26 at 19:00, order ORD-123456'), assistant('Thanks, looking into it.')], metadata: { locale: 'fr' } },
  // 6: an email and a UK phone number; the reply holds a street address; kept.
  { messages: [SYSTEM, user('Email ben@example.org and call +44 20 7946 0958 about the Q3 report'), assistant('I will send it to 221 Baker Street today.')], metadata: { locale: 'en' } },
  // 7: line 6 with another person's email and phone: once scrubbed, the same conversation (dropped within the import).
  { messages: [SYSTEM, user('Email carla@example.net and call +44 20 7946 0100 about the Q3 report'), assistant('Sending.')], metadata: { locale: 'en' } },
  // 8: a tool conversation: the tool's result is not a user turn; the reply after the last user turn is the recorded one; kept.
  {
    messages: [
      SYSTEM,
      user('What is on my calendar tomorrow?'),
      assistant(null, [['calendar', { day: 'tomorrow' }]]),
      { role: 'tool', tool_call_id: 'call_0', content: '{"events": []}' },
      assistant('Nothing is planned.'),
    ],
    metadata: { locale: 'en' },
  },
];

function project(): string {
  const dir = copyFixtureProject('toy');
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  return dir;
}

function writeLog(dir: string, name: string, lines: Array<Turn | string>): string {
  writeFileSync(path.join(dir, 'logs', name), lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return `logs/${name}`;
}

function readCsv(file: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
}

describe('evals import', () => {
  it('an OpenAI chat log: every planted value is scrubbed and listed, every planted repeat dropped, the rest written as candidates', async () => {
    const dir = project();
    const sheetBefore = readFileSync(path.join(dir, 'datasets', 'toy.csv'), 'utf8');
    const log = writeLog(dir, 'prod.jsonl', OPENAI_LOG);
    writeFileSync(path.join(dir, 'scrub.yaml'), 'rules:\n  - name: order-id\n    pattern: "ORD-\\\\d{6}"\n');
    const result = await runCli(['import', log, '--to', 'toy', '--scrub-rules', 'scrub.yaml'], { cwd: dir, env: cleanEnv() });
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain('toy: 5 candidate cases written to datasets/toy.candidates.csv');
    expect(out).toContain('read 8 conversations (openai format)');
    expect(out).toContain('sampled 8 (all; --sample n takes fewer)');
    expect(out).toContain('scrubbed 10 values in 5 conversations (email 4, phone 3, card 1, order-id 1, address 1); every replacement is listed in datasets/toy.candidates.scrub-report.csv');
    expect(out).toContain('dropped 3 duplicates: 2 of the sheet, 1 within the import');
    expect(out).toContain('logs/prod.jsonl:2: the same conversation as row 3 of datasets/toy.csv');
    expect(out).toContain('logs/prod.jsonl:3: nearly the same as row 2 of datasets/toy.csv');
    expect(out).toContain('logs/prod.jsonl:7: the same conversation as logs/prod.jsonl:6');
    // Nothing personal on screen, and the main sheet untouched.
    for (const secret of ['anna.k@example.com', '555-0134', '4111 1111 1111 1111', 'ben@example.org', '7946', 'Baker', 'ORD-123456']) expect(out + result.stderr).not.toContain(secret);
    expect(readFileSync(path.join(dir, 'datasets', 'toy.csv'), 'utf8')).toBe(sheetBefore);

    const candidates = readCsv(path.join(dir, 'datasets', 'toy.candidates.csv'));
    expect(candidates.map((c) => c.source)).toEqual(['logs/prod.jsonl:1', 'logs/prod.jsonl:4', 'logs/prod.jsonl:5', 'logs/prod.jsonl:6', 'logs/prod.jsonl:8']);
    expect(Object.keys(candidates[0])).toEqual(['id', 'input', 'should_trigger', 'current_behavior', 'tags', 'source', 'locale']);
    const [invoice, card, notCard, email, calendar] = candidates;
    expect(invoice.input).toBe('Send the invoice to [EMAIL] and text me at [PHONE] when done');
    expect(invoice.current_behavior).toBe('Done.');
    expect(invoice.should_trigger).toBe(''); // the label is the PM's to give
    expect(card.input).toBe('user: Hi\nassistant: Hello! How can I help?\nuser: Pay with [CARD] and email the receipt');
    expect(card.current_behavior).toBe('→ send_email(to: "[EMAIL]", subject: Receipt)');
    expect(notCard.input).toBe('My order number is 4111 1111 1111 1112, placed 2026-11-26 at 19:00, order [ORDER-ID]');
    expect(email.input).toBe('Email [EMAIL] and call [PHONE] about the Q3 report');
    expect(email.current_behavior).toBe('I will send it to [ADDRESS] today.');
    expect(calendar.current_behavior).toBe('→ calendar(day: tomorrow)');
    expect(calendar.input).toBe('What is on my calendar tomorrow?');
    expect(candidates.map((c) => c.locale)).toEqual(['en', 'fr', 'fr', 'en', 'en']);

    // The report: one line per replacement, the row it is in (or that it was dropped), the rule; never the value.
    const reportText = readFileSync(path.join(dir, 'datasets', 'toy.candidates.scrub-report.csv'), 'utf8');
    const report = readCsv(path.join(dir, 'datasets', 'toy.candidates.scrub-report.csv'));
    expect(report.map((r) => `${r.row} ${r.column} ${r.rule}`)).toEqual([
      '2 input email',
      '2 input phone',
      '3 input card',
      '3 current_behavior email',
      '4 input order-id',
      '5 input email',
      '5 input phone',
      '5 current_behavior address',
      'dropped (duplicate) input email',
      'dropped (duplicate) input phone',
    ]);
    expect(report).toHaveLength(10);
    for (const secret of ['anna.k@example.com', '555-0134', 'Baker', 'carla']) expect(reportText).not.toContain(secret);

    // The candidates read back as a dataset with the loader every suite uses.
    const dataset = await loadDataset('datasets/toy.candidates.csv', { baseDir: dir });
    expect(dataset.cases.map((c) => c.messages.length)).toEqual([1, 3, 1, 1, 1]);
  });
});
