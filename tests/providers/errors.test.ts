import { describe, expect, it } from 'vitest';
import { httpStatusError, redact, retryAfterMs } from '../../src/providers/errors.js';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads seconds, fractional seconds, HTTP dates and retry-after-ms', () => {
    expect(retryAfterMs({ 'retry-after': '5' }, now)).toBe(5000);
    expect(retryAfterMs({ 'retry-after': '0.5' }, now)).toBe(500);
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, now)).toBe(10_000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
  });

  it('gives undefined for no header or nonsense, and never a negative wait', () => {
    expect(retryAfterMs({}, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }, now)).toBe(0);
  });
});

describe('redact', () => {
  it('removes the given secrets and anything shaped like a key', () => {
    const text = redact('key my-secret-value and sk-proj-abcdefghijkl and Bearer abc.def.ghi.jkl', ['my-secret-value']);
    expect(text).toBe('key *** and sk-*** and Bearer ***');
  });
});

describe('httpStatusError', () => {
  it('is rate-limit for 429 and http otherwise', () => {
    expect(httpStatusError(429, 'slow down', { 'retry-after': '1' }).info.kind).toBe('rate-limit');
    expect(httpStatusError(429, 'slow down', { 'retry-after': '1' }).retryAfterMs).toBe(1000);
    expect(httpStatusError(404, 'gone').info).toEqual({ kind: 'http', status: 404, message: 'gone' });
  });
});
