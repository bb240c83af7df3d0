import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createExecProvider } from '../../src/providers/exec.js';
import { ProviderError } from '../../src/providers/types.js';
import { canvasTool, makeCase, makeRequest, makeSystem } from './support.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function provider(mode: string, timeoutMs?: number) {
  const command = `node echo-bot.mjs ${mode}`;
  return createExecProvider({ target: command, system: makeSystem(`exec:${command}`, { timeoutMs }), env: process.env, cwd: fixtures });
}

const ask = (content: string) => makeRequest([{ role: 'user', content }], [canvasTool]);

describe('exec provider', () => {
  it('reads JSON output with text and tool calls', async () => {
    const output = await provider('json').call(ask('write an essay'));
    expect(output.text).toBe('echo: write an essay');
    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'document' } }]);
    expect(output.latencyMs).toBeGreaterThan(0);
  });

  it('sends the case id, columns and now on stdin, and reads {output}', async () => {
    const kase = makeCase({ id: 'row-7', columns: { topic: 'tides' }, now: '2026-11-26T10:00:00Z' });
    const output = await provider('output').call(makeRequest(kase.messages, [], kase));
    expect(output.text).toBe('row-7 tides 2026-11-26T10:00:00Z');
  });

  it('treats non-JSON stdout as the text, trimmed', async () => {
    expect((await provider('plain').call(ask('hi'))).text).toBe('plain hi');
  });

  it('calls an answer that starts as JSON but is cut short malformed, instead of scoring it as text', async () => {
    const command = `node -e "process.stdout.write('{\\"text\\": \\"Done\\", \\"tool_calls\\": [')"`;
    const truncated = createExecProvider({ target: command, system: makeSystem(`exec:${command}`), env: process.env, cwd: fixtures });
    const error = await truncated.call(ask('hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).info.kind).toBe('malformed');
    expect((error as ProviderError).message).toMatch(/starts as JSON but does not parse/);
  });

  it('errors, naming its stderr, when the command exits 0 having printed nothing; retrying would not help', async () => {
    const command = `node -e "console.error('the reply went to a log file')"`;
    const silent = createExecProvider({ target: command, system: makeSystem(`exec:${command}`), env: process.env, cwd: fixtures });
    const error = await silent.call(ask('hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(/exited 0 but answered nothing; its stderr ends: the reply went to a log file/);
    expect((error as ProviderError).retryable).toBe(false);
  });

  it('scores {"text": ""} as a deliberately empty reply', async () => {
    const command = `node -e "console.log(JSON.stringify({ text: '' }))"`;
    const empty = createExecProvider({ target: command, system: makeSystem(`exec:${command}`), env: process.env, cwd: fixtures });
    expect(await empty.call(ask('hi'))).toMatchObject({ text: '', toolCalls: [] });
  });

  it('runs in the suite directory', async () => {
    expect(realpathSync((await provider('cwd').call(ask('x'))).text)).toBe(realpathSync(fixtures));
  });

  it('fails with the last lines of stderr when the command exits non-zero', async () => {
    const error = await provider('fail')
      .call(ask('x'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).info.kind).toBe('other');
    expect((error as ProviderError).message).toContain('exited with code 2');
    expect((error as ProviderError).message).toContain('ValueError: bad input');
  });

  it('kills a command that runs past the timeout', async () => {
    const started = Date.now();
    const error = await provider('hang', 300)
      .call(ask('x'))
      .catch((e: unknown) => e);
    expect((error as ProviderError).info.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('needs no credentials', () => {
    expect(provider('plain').missingCredential()).toBeUndefined();
  });
});
