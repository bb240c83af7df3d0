import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck, validateCheckSpec } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const reminderSchema = {
  type: 'object',
  required: ['time', 'text'],
  properties: { time: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, text: { type: 'string' } },
};

describe('json-schema', () => {
  it('passes when the JSON matches an inline schema', async () => {
    const output = makeOutput({ text: '```json\n{"time": "19:00", "text": "call mom"}\n```' });
    expect(await runCheck({ type: 'json-schema', schema: reminderSchema }, output, makeCase())).toMatchObject({ pass: true, reason: 'JSON matches the schema' });
  });

  it('fails naming what does not match', async () => {
    const output = makeOutput({ text: '{"time": "7pm"}' });
    const result = await runCheck({ type: 'json-schema', schema: reminderSchema }, output, makeCase());
    expect(result).toMatchObject({
      pass: false,
      reason: `JSON does not match the schema: (root) must have required property 'text'; /time must match pattern "^\\d{2}:\\d{2}$"`,
    });
  });

  it('fails on text that is not JSON', async () => {
    const result = await runCheck({ type: 'json-schema', schema: reminderSchema }, makeOutput({ text: 'sure!' }), makeCase());
    expect(result.reason).toMatch(/^invalid JSON: /);
  });

  it('reads the schema from a file', async () => {
    const dir = makeTempDir('schema');
    const file = join(dir, 'reminder.schema.json');
    writeFileSync(file, JSON.stringify(reminderSchema));
    const output = makeOutput({ text: '{"time": "19:00", "text": "call mom"}' });
    expect((await runCheck({ type: 'json-schema', schema: file }, output, makeCase())).pass).toBe(true);
  });

  it('fails with a reason when the schema file is missing', async () => {
    const result = await runCheck({ type: 'json-schema', schema: 'no/such/schema.json' }, makeOutput({ text: '{}' }), makeCase());
    expect(result.pass).toBe(false);
    expect(result.reason).toBe('json-schema option "schema": cannot use the schema: no/such/schema.json: file not found');
  });

  it('reports a broken schema when the suite loads', () => {
    expect(validateCheckSpec({ type: 'json-schema', schema: { type: 'strnig' } }, [])[0]).toMatch(
      /^json-schema option "schema": cannot use the schema: schema is invalid: data\/type must be equal to one of the allowed values/,
    );
  });

  it('understands 2020-12 schemas', async () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'number' }] };
    expect((await runCheck({ type: 'json-schema', schema }, makeOutput({ text: '[1]' }), makeCase())).pass).toBe(true);
    expect((await runCheck({ type: 'json-schema', schema }, makeOutput({ text: '["x"]' }), makeCase())).pass).toBe(false);
  });
});
