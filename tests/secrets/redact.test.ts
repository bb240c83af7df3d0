import { describe, expect, it } from 'vitest';
import { redactMessage, redactText, redactValue, rememberSecret } from '../../src/secrets/redact.js';

describe('the redactor', () => {
  rememberSecret('LONG_KEY', 'abcdefgh-12345678');
  rememberSecret('INNER_KEY', 'abcdefgh');
  rememberSecret('QUOTED_KEY', 'pa"ss\\word-99');
  rememberSecret('SHORT', 'yes');

  it('replaces each known value, whatever its shape, by the name of its variable; the longest first', () => {
    expect(redactText('a abcdefgh-12345678 b abcdefgh c')).toBe('a [redacted LONG_KEY] b [redacted INNER_KEY] c');
  });

  it('ignores values under eight characters, so common words stay', () => {
    expect(redactText('yes, yes')).toBe('yes, yes');
  });

  it('finds a value inside serialized JSON too', () => {
    expect(redactText(JSON.stringify({ body: 'key pa"ss\\word-99' }))).toBe('{"body":"key [redacted QUOTED_KEY]"}');
  });

  it('redacts every string of a record, and hands a clean record back untouched', () => {
    const clean = { a: ['x', { b: 1 }] };
    expect(redactValue(clean)).toBe(clean);
    expect(redactValue({ a: ['x', { b: 'abcdefgh' }] })).toEqual({ a: ['x', { b: '[redacted INNER_KEY]' }] });
  });

  it('in error messages, also anything shaped like a key', () => {
    expect(redactMessage('sk-proj-zyxwvutsrqpo and Bearer zyx.wvu.tsr.qpo')).toBe('sk-*** and Bearer ***');
  });
});
