import { describe, expect, it } from 'vitest';
import { inReadingOrder } from '../../src/judge/judgment-order.js';
import type { JudgmentRecord } from '../../src/judge/types.js';
import { compareCodePoints } from '../../src/text/code-point-order.js';

const judgment = (a: string, b: string, caseId: string, judge: string, repeat = 0): JudgmentRecord => ({ a, b, caseId, judge, repeat, winner: 'a', at: '2026-01-01T00:00:00.000Z' });
const label = (j: JudgmentRecord) => `${j.a}/${j.b} ${j.judge} ${j.caseId}#${j.repeat}`;

describe('inReadingOrder', () => {
  const compare = [
    { a: 'wordy', b: 'plain', judge: 'openai:gpt-4o' },
    { a: 'wordy', b: 'plain', judge: 'human' },
    { a: 'plain', b: 'terse', judge: 'openai:gpt-4o' },
  ];
  const records = [
    judgment('x', 'y', 'c1', 'llm:openai:gpt-4o'), // listed nowhere
    judgment('plain', 'terse', 'c2', 'llm:openai:gpt-4o'),
    judgment('plain', 'wordy', 'c1', 'human:bo'), // a person saw the systems the other way round
    judgment('wordy', 'plain', 'c1', 'human:ana'),
    judgment('wordy', 'plain', 'c1', 'llm:openai:gpt-4o', 1),
    judgment('wordy', 'plain', 'c1', 'llm:openai:gpt-4o', 0),
    judgment('a', 'b', 'c9', 'llm:openai:gpt-4o'), // listed nowhere, first by name
    judgment('plain', 'terse', 'c10', 'llm:openai:gpt-4o'),
  ];
  const expected = [
    'wordy/plain llm:openai:gpt-4o c1#0',
    'wordy/plain llm:openai:gpt-4o c1#1',
    'wordy/plain human:ana c1#0',
    'plain/wordy human:bo c1#0',
    'plain/terse llm:openai:gpt-4o c10#0',
    'plain/terse llm:openai:gpt-4o c2#0',
    'a/b llm:openai:gpt-4o c9#0',
    'x/y llm:openai:gpt-4o c1#0',
  ];

  it('comparisons in compare: order, then unlisted ones by name; then case id, repeat and judge', () => {
    expect(inReadingOrder(records, compare).map(label)).toEqual(expected);
  });

  it('gives one order for every order of the same records', () => {
    expect(inReadingOrder([...records].reverse(), compare).map(label)).toEqual(expected);
  });
});

describe('compareCodePoints', () => {
  it('puts a character above U+FFFF after U+FF21, where UTF-16 order puts it before', () => {
    expect('\u{1F600}' < '\uFF21').toBe(true);
    expect(compareCodePoints('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect(['\u{1F600}b', '\uFF21', 'a', 'ab', '\u{1F600}a', 'B'].sort(compareCodePoints)).toEqual(['B', 'a', 'ab', '\uFF21', '\u{1F600}a', '\u{1F600}b']);
  });
});
