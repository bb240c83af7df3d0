import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { loadTools } from '../../src/providers/tools.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const dir = makeTempDir('tools');
function write(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

const schema = { type: 'object', properties: { type: { type: 'string' } } };
const expected = [{ name: 'canvas', description: 'Open a canvas', parameters: schema }];

describe('loadTools', () => {
  it('reads OpenAI function tools', async () => {
    const file = write('openai.json', [{ type: 'function', function: { name: 'canvas', description: 'Open a canvas', parameters: schema } }]);
    expect(await loadTools(file, dir)).toEqual(expected);
  });

  it('reads Anthropic tools with input_schema', async () => {
    const file = write('anthropic.json', [{ name: 'canvas', description: 'Open a canvas', input_schema: schema }]);
    expect(await loadTools(file, dir)).toEqual(expected);
  });

  it('reads plain tools inside {tools: [...]}, defaulting the schema to an empty object', async () => {
    const file = write('plain.json', { tools: [{ name: 'canvas', description: 'Open a canvas', parameters: schema }, { name: 'noop' }] });
    expect(await loadTools(file, dir)).toEqual([...expected, { name: 'noop', parameters: { type: 'object', properties: {} } }]);
  });

  it('names the file when the JSON is broken', async () => {
    const file = write('broken.json', '[{"name": "canvas",]');
    const error = await loadTools(file, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toMatch(/^broken\.json: is not valid JSON/);
  });

  it('lists every tool without a name, and duplicate names', async () => {
    const file = write('nameless.json', [{ description: 'x' }, { type: 'function', function: { parameters: {} } }, { name: 'a' }, { name: 'a' }]);
    const error = (await loadTools(file, dir).catch((e: unknown) => e)) as ConfigurationError;
    expect(error.problems.map((p) => p.message)).toEqual(['tool #1 has no "name"', 'tool #2 has no "name"', 'tool "a" is defined twice']);
    expect(error.problems.every((p) => p.file === 'nameless.json')).toBe(true);
  });

  it('rejects a file that is not a list of tools, and a missing file', async () => {
    await expect(loadTools(write('object.json', { name: 'canvas' }), dir)).rejects.toThrow('object.json: must be a JSON array of tools');
    await expect(loadTools('tools/missing.json', dir)).rejects.toThrow('tools/missing.json: file not found');
  });
});
