import { describe, expect, it } from 'vitest';
import { runCheck, validateCheckSpec } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

describe('regex', () => {
  const output = makeOutput({ text: 'I will remind you at 7 PM.' });

  it('passes when the pattern matches anywhere', async () => {
    const result = await runCheck({ type: 'regex', pattern: '\\b(7|seven) ?pm\\b', flags: 'i' }, output, makeCase());
    expect(result).toMatchObject({ pass: true, reason: 'text matches /\\b(7|seven) ?pm\\b/i' });
  });

  it('fails when it does not', async () => {
    const result = await runCheck({ type: 'regex', pattern: '^\\d+$' }, output, makeCase());
    expect(result).toMatchObject({ pass: false, reason: 'text does not match /^\\d+$/' });
  });

  it('gives the same verdict every time even with the g flag', async () => {
    const spec = { type: 'regex', pattern: 'PM', flags: 'g' };
    expect((await runCheck(spec, output, makeCase())).pass).toBe(true);
    expect((await runCheck(spec, output, makeCase())).pass).toBe(true);
  });

  it('reports a broken pattern when the suite loads', () => {
    const [message] = validateCheckSpec({ type: 'regex', pattern: '(7 pm' }, []);
    expect(message).toMatch(/^regex option "pattern": "\(7 pm" is not a valid regular expression/);
  });

  it('rejects unknown flags', () => {
    expect(validateCheckSpec({ type: 'regex', pattern: 'x', flags: 'q' }, [])).toEqual(['regex option "flags": flags are letters among d, g, i, m, s, u, v, y']);
  });
});
