import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/checks/registry.js';
import { call, makeCase, makeOutput } from '../helpers/make-case.js';

const canvas = makeOutput({ toolCalls: [call('canvas', { type: 'document' })] });
const search = makeOutput({ toolCalls: [call('search', { q: 'weather' })] });
const inline = makeOutput({ text: 'Paris is the capital of France.' });

describe('tool-called', () => {
  it('passes when the tool was called and should be', async () => {
    const kase = makeCase({ columns: { should_trigger: 'yes' } });
    const result = await runCheck({ type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' }, canvas, kase);
    expect(result).toMatchObject({ pass: true, reason: 'called canvas(type: "document")' });
  });

  it('fails when the tool was called but should not be', async () => {
    const kase = makeCase({ columns: { should_trigger: 'No' } });
    const result = await runCheck({ type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' }, canvas, kase);
    expect(result).toMatchObject({ pass: false, reason: 'expected no call to canvas, got canvas(type: "document")' });
  });

  it('fails when the tool should be called and nothing was', async () => {
    const result = await runCheck({ type: 'tool-called', tool: 'canvas' }, inline, makeCase());
    expect(result).toMatchObject({ pass: false, reason: 'expected a call to canvas, got no tool call' });
  });

  it('says which other tool was called instead', async () => {
    const result = await runCheck({ type: 'tool-called', tool: 'canvas' }, search, makeCase());
    expect(result).toMatchObject({ pass: false, reason: 'expected canvas, got search(q: "weather")' });
  });

  it('passes when a tool that should not be called was not, noting others', async () => {
    const result = await runCheck({ type: 'tool-called', tool: 'canvas', expect: false }, search, makeCase());
    expect(result).toMatchObject({ pass: true, reason: 'did not call canvas (called search)' });
  });

  it('without a tool, checks for any call at all', async () => {
    expect(await runCheck({ type: 'tool-called', expect: 'n' }, makeOutput({ toolCalls: [call('canvas')] }), makeCase())).toMatchObject({
      pass: false,
      reason: 'expected no tool call, got canvas',
    });
    expect(await runCheck({ type: 'tool-called', expect: '0' }, inline, makeCase())).toMatchObject({ pass: true, reason: 'no tool call' });
    expect((await runCheck({ type: 'tool-called' }, search, makeCase())).pass).toBe(true);
  });

  it('with tool: none, passes only when nothing was called', async () => {
    expect(await runCheck({ type: 'tool-called', tool: 'none' }, inline, makeCase())).toMatchObject({ pass: true, reason: 'no tool call' });
    expect(await runCheck({ type: 'tool-called', tool: 'none' }, search, makeCase())).toMatchObject({
      pass: false,
      reason: 'expected no tool call, got search(q: "weather")',
    });
  });

  it('takes the tool name from a column, where "none" works too', async () => {
    const spec = { type: 'tool-called', tool: '{{expected_tool}}' };
    expect((await runCheck(spec, search, makeCase({ columns: { expected_tool: 'search' } }))).pass).toBe(true);
    expect((await runCheck(spec, inline, makeCase({ columns: { expected_tool: 'none' } }))).pass).toBe(true);
  });

  it('names the column when the label is not yes/no', async () => {
    const kase = makeCase({ columns: { should_trigger: 'yess' } });
    const result = await runCheck({ type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' }, canvas, kase);
    expect(result).toMatchObject({
      pass: false,
      reason: 'column "should_trigger": "yess" is not yes/no (use yes, no, true, false, y, n, 1 or 0)',
    });
  });
});
