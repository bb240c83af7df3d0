import { describe, expect, it } from 'vitest';
import { normalizeLowercase } from '../../../src/checks/normalizers/lowercase.js';

describe('normalizeLowercase', () => {
  it('folds case, including non-ASCII letters', () => {
    expect(normalizeLowercase('Document')).toEqual({ ok: true, value: 'document' });
    expect(normalizeLowercase('ÉTÉ')).toEqual({ ok: true, value: 'été' });
  });
});
