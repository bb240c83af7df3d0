import { describe, expect, it } from 'vitest';
import { redactValue, redactedJson, rememberSecret } from '../../src/secrets/redact.js';

// redactedJson skips the walk over a record when its JSON shows no secret: it must give exactly what
// redactValue and JSON.stringify give, for every record. Secrets are process-wide, so the plain ones
// are checked first and the one JSON escapes is remembered last.

const expectSameAsWalk = (record: unknown) => {
  const walked = redactValue(record);
  const got = redactedJson(record);
  expect(got.json).toBe(JSON.stringify(walked));
  expect(got.value).toEqual(walked);
  return got;
};

/** Deterministic pseudo-random records holding pieces of the secrets, escapes and surrogates. */
function* randomRecords(count: number, pieces: string[]): Generator<unknown> {
  let seed = 42;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const text = () => Array.from({ length: next(5) }, () => pieces[next(pieces.length)]).join('');
  const value = (depth: number): unknown => {
    const kind = depth > 2 ? next(3) : next(5);
    if (kind === 0) return text();
    if (kind === 1) return next(100);
    if (kind === 2) return JSON.stringify({ raw: text() });
    if (kind === 3) return Array.from({ length: next(4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: next(4) }, () => [text(), value(depth + 1)]));
  };
  for (let i = 0; i < count; i++) yield { caseId: `c${i}`, output: { text: text(), raw: value(0) } };
}

describe('redactedJson', () => {
  rememberSecret('PLAIN_KEY', 'sk-plain-0123456789');
  rememberSecret('INNER_KEY', 'plain-01');

  it('hands a record without secrets back as it is, with its JSON', () => {
    const clean = { caseId: 'a', output: { text: 'sk-plain-9 is not the key', raw: { n: 1 } } };
    const got = expectSameAsWalk(clean);
    expect(got.value).toBe(clean);
  });

  it('redacts a plain secret wherever it is: a value, a key, an array, JSON text inside a string', () => {
    for (const record of [
      { output: { text: 'the key is sk-plain-0123456789.' } },
      { output: { raw: { 'sk-plain-0123456789': true } } },
      { output: { raw: ['x', ['plain-01']] } },
      { output: { raw: JSON.stringify({ body: 'auth: sk-plain-0123456789' }) } },
    ]) {
      const got = expectSameAsWalk(record);
      expect(got.json).not.toContain('plain-01');
      expect(got.json).toContain('[redacted ');
    }
  });

  it('gives what the walk gives for a thousand random records', () => {
    const pieces = ['sk-plain-', '0123456789', 'plain-0', '1', '"', '\\', '\n', '\u0001', '\ud83d\ude00', '\ud800', 'é', ' '];
    let redacted = 0;
    for (const record of randomRecords(1000, pieces)) if (expectSameAsWalk(record).value !== record) redacted += 1;
    // The records must exercise both ways, or the comparison proves little.
    expect(redacted).toBeGreaterThan(20);
    expect(redacted).toBeLessThan(950);
  });

  it('walks every record once a secret is one JSON escapes, and still redacts it', () => {
    rememberSecret('QUOTED_KEY', 'pa"ss\\word-99');
    const got = expectSameAsWalk({ output: { text: 'key pa"ss\\word-99', raw: JSON.stringify({ body: 'pa"ss\\word-99' }) } });
    expect(got.json).not.toContain('word-99');
    const pieces = ['pa"ss', '\\word-99', 'sk-plain-0123456789', '"', '\\', 'x'];
    for (const record of randomRecords(300, pieces)) expectSameAsWalk(record);
  });
});
