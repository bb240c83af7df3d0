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
    expect([...dataset.cases].map((c) => c.messages.length)).toEqual([1, 3, 1, 1, 1]);
  });

  it('--sample n --stratify-by keeps each value its share, seeded: the same seed picks the same conversations, another seed others', async () => {
    const dir = project();
    const lines: Turn[] = [];
    const topics = ['tax', 'garden', 'piano', 'soccer', 'bread', 'rocket', 'violin', 'chess', 'kayak', 'coffee'];
    for (let i = 0; i < 40; i++) {
      const topic = `${topics[i % 10]} ${topics[(Math.floor(i / 10) * 3) % 10]} lesson ${i}`;
      lines.push({ messages: [user(`Tell me about ${topic} number ${i * 7} with detail ${i * 13}`), assistant(`About ${topic}.`)], metadata: { locale: i < 30 ? 'en' : 'fr' } });
    }
    const log = writeLog(dir, 'many.jsonl', lines);
    const sample = async (seed: string, out: string) => {
      const result = await runCli(['import', log, '--to', 'toy', '--sample', '8', '--stratify-by', 'locale', '--seed', seed, '--out', out, '--json'], { cwd: dir, env: cleanEnv() });
      expect(result.code, result.stderr).toBe(0);
      return { summary: JSON.parse(result.stdout), rows: readCsv(path.join(dir, out)) };
    };
    const first = await sample('3', 'a.csv');
    expect(first.summary).toMatchObject({ read: 40, sampled: 8, written: 8, duplicates: [] });
    expect(first.rows.filter((r) => r.locale === 'en')).toHaveLength(6); // 30 of 40
    expect(first.rows.filter((r) => r.locale === 'fr')).toHaveLength(2); // 10 of 40
    const again = await sample('3', 'b.csv');
    expect(again.rows.map((r) => r.source)).toEqual(first.rows.map((r) => r.source));
    const other = await sample('4', 'c.csv');
    expect(other.rows.map((r) => r.source)).not.toEqual(first.rows.map((r) => r.source));
    expect(other.rows.filter((r) => r.locale === 'fr')).toHaveLength(2);
  });

  it('an Anthropic messages log: the system field is left out, tool_use blocks are the reply, tool_result turns are not user turns', async () => {
    const dir = project();
    const log = writeLog(dir, 'claude.jsonl', [
      {
        system: 'You are the production assistant.',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Book a table for two at 7pm, my number is 415-555-0199' }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'tu_1', name: 'book_table', input: { people: 2, time: '19:00' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'booked' }] },
          { role: 'assistant', content: 'Booked for 19:00.' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Is it going to rain tomorrow?' },
          { role: 'assistant', content: [{ type: 'text', text: 'I cannot check.' }] },
        ],
      },
    ]);
    const result = await runCli(['import', log, '--to', 'toy', '--json'], { cwd: dir, env: cleanEnv() });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ format: 'anthropic', read: 2, written: 1, scrubbed: { values: 1, byRule: { phone: 1 } } });
    expect(summary.duplicates).toEqual([{ source: 'logs/claude.jsonl:2', of: 'row 11 of datasets/toy.csv', against: 'sheet', exact: true }]);
    const [booking] = readCsv(path.join(dir, 'datasets', 'toy.candidates.csv'));
    expect(booking.input).toBe('Book a table for two at 7pm, my number is [PHONE]');
    expect(booking.current_behavior).toBe('→ book_table(people: 2, time: 19:00)');
  });

  it('a CSV export: the input column as a sheet writes it, the reply column as current_behavior', async () => {
    const dir = project();
    const csv = Papa.unparse(
      {
        fields: ['input', 'reply', 'channel'],
        data: [
          ['user: I need help\nassistant: Sure, with what?\nuser: Write a cover letter for jo@example.com', '→ canvas(type: document, title: "Cover letter")', 'web'],
          ['How many ounces in a pound?', '16.', 'ios'],
        ],
      },
      { newline: '\n' },
    );
    writeFileSync(path.join(dir, 'logs', 'export.csv'), csv + '\n');
    const result = await runCli(['import', 'logs/export.csv', '--to', 'toy', '--json'], { cwd: dir, env: cleanEnv() });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ format: 'csv', read: 2, written: 1 });
    expect(summary.duplicates[0]).toMatchObject({ source: 'logs/export.csv:3', of: 'row 7 of datasets/toy.csv', exact: true });
    const [letter] = readCsv(path.join(dir, 'datasets', 'toy.candidates.csv'));
    expect(letter.input).toBe('user: I need help\nassistant: Sure, with what?\nuser: Write a cover letter for [EMAIL]');
    expect(letter.current_behavior).toBe('→ canvas(type: document, title: "Cover letter")');
    expect(letter.channel).toBe('web');
  });

  it('bad input is exit 2 naming the file and line: broken log lines, a bad scrub rule, a missing field, the main sheet as --out', async () => {
    const dir = project();
    const log = writeLog(dir, 'bad.jsonl', [{ messages: [user('fine')] }, '{"messages": [', { messages: [assistant('only the assistant')] }, { turns: [] }]);
    const bad = await runCli(['import', log, '--to', 'toy'], { cwd: dir, env: cleanEnv() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('logs/bad.jsonl:2: not valid JSON');
    expect(bad.stderr).toContain('logs/bad.jsonl:3: no user turn with text');
    expect(bad.stderr).toContain('logs/bad.jsonl:4: not a conversation: expected an object with a "messages" array');
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace

    const good = writeLog(dir, 'good.jsonl', OPENAI_LOG);
    writeFileSync(path.join(dir, 'rules.yaml'), 'rules:\n  - name: broken\n    pattern: "ORD-(\\\\d"\n');
    const rule = await runCli(['import', good, '--to', 'toy', '--scrub-rules', 'rules.yaml'], { cwd: dir, env: cleanEnv() });
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain('rules.yaml:3: rules[0] (broken): pattern is not a regular expression');

    const field = await runCli(['import', good, '--to', 'toy', '--sample', '2', '--stratify-by', 'locales'], { cwd: dir, env: cleanEnv() });
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('--stratify-by locales: no conversation in logs/good.jsonl has this field (did you mean "locale"?)');

    const sheet = await runCli(['import', good, '--to', 'toy', '--out', 'datasets/toy.csv'], { cwd: dir, env: cleanEnv() });
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toContain("that is the suite's own sheet");
  });
});
