import { describe, expect, it } from 'vitest';
import { runCheck, validateCheckSpec } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

describe('json-valid', () => {
  const spec = { type: 'json-valid' };

  it('passes on plain JSON', async () => {
    expect(await runCheck(spec, makeOutput({ text: '{"a": 1}' }), makeCase())).toMatchObject({ pass: true, reason: 'valid JSON' });
  });

  it('accepts one ```json fence around the whole reply', async () => {
    expect((await runCheck(spec, makeOutput({ text: '```json\n{"a": [1, 2]}\n```' }), makeCase())).pass).toBe(true);
    expect((await runCheck(spec, makeOutput({ text: '```\n[1]\n```\n' }), makeCase())).pass).toBe(true);
  });

  it('fails on JSON inside prose', async () => {
    const result = await runCheck(spec, makeOutput({ text: 'Here you go: {"a": 1}' }), makeCase());
    expect(result.pass).toBe(false);
    expect(result.reason).toMatch(/^invalid JSON: /);
  });

  it('fails on an empty reply', async () => {
    expect(await runCheck(spec, makeOutput({ text: '  ' }), makeCase())).toMatchObject({ pass: false, reason: 'invalid JSON: the output is empty' });
  });

  it('takes no options', () => {
    expect(validateCheckSpec({ type: 'json-valid', strict: true }, [])).toEqual(['json-valid has no option "strict"']);
  });
});
