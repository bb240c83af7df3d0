import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBatches } from '../../src/batch/batch-file.js';
import { batchCustomId } from '../../src/batch/batch-items.js';
import { anthropicResult } from '../../src/batch/anthropic-batch.js';
import { openaiLineResult } from '../../src/batch/openai-batch.js';
import { ConfigurationError } from '../../src/errors.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('batchCustomId', () => {
  it('is readable, stable and valid for Anthropic even for odd case ids', () => {
    const id = batchCustomId('Ünïcode case / #14 with a very long name that goes on and on', 'candidate', 2);
    expect(id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(id).toMatch(/^Unicode_case_14_with_a_very_long-r2-[0-9a-f]{12}$/);
    expect(batchCustomId('Ünïcode case / #14 with a very long name that goes on and on', 'candidate', 2)).toBe(id);
  });

  it('differs by system and repeat, and for ids that slug alike', () => {
    const ids = [batchCustomId('a b', 'x', 0), batchCustomId('a b', 'y', 0), batchCustomId('a b', 'x', 1), batchCustomId('a/b', 'x', 0)];
    expect(new Set(ids).size).toBe(4);
  });
});

describe('batch result lines', () => {
  it('reads an OpenAI 429 line as a rate-limit error and an item error as other', () => {
    expect(openaiLineResult({ custom_id: 'a', response: { status_code: 429, body: { error: { message: 'slow down' } } }, error: null })).toEqual({
      ok: false,
      error: { kind: 'rate-limit', status: 429, message: 'openai batch: HTTP 429: slow down' },
    });
    expect(openaiLineResult({ custom_id: 'a', response: null, error: { code: 'batch_expired', message: 'too late' } })).toMatchObject({
      ok: false,
      error: { kind: 'other', message: 'openai batch: batch_expired: too late' },
    });
  });

  it('reads Anthropic errored and expired results', () => {
    expect(anthropicResult({ type: 'errored', error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } })).toEqual({
      ok: false,
      error: { kind: 'other', message: 'anthropic batch: overloaded_error: Overloaded' },
    });
    expect(anthropicResult({ type: 'expired' })).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(anthropicResult({ type: 'succeeded', message: { content: [{ type: 'text', text: 'Hi' }] } })).toMatchObject({ ok: true, output: { text: 'Hi', toolCalls: [] } });
  });
});

describe('batches.json', () => {
  it('is empty for a run that never batched and names the file when damaged', () => {
    const runDir = makeTempDir('batch');
    expect(readBatches(runDir)).toEqual([]);
    writeFileSync(path.join(runDir, 'batches.json'), JSON.stringify({ version: 1, batches: [{ provider: 'gemini' }] }));
    expect(() => readBatches(runDir)).toThrow(ConfigurationError);
    expect(() => readBatches(runDir)).toThrow(/batches\.json: column "batches\.0\.provider"/);
  });
});
