import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../src/providers/openai.js';
import type { ToolSpec } from '../../src/types.js';
import { plausibleBrain, startFakeModelServer, type FakeModelServer, type FakeRequest } from '../helpers/fake-model-server.js';
import { canvasTool, makeRequest, makeSystem } from './support.js';

// The fake server is shared by every provider and end-to-end test; these pin down its default brain
// and its routing, through the real OpenAI SDK where it matters.

const reminderTool: ToolSpec = {
  name: 'create_reminder',
  parameters: {
    type: 'object',
    properties: { title: { type: 'string' }, time: { type: 'string' }, date: { type: 'string' }, recurrence: { type: 'string', enum: ['none', 'daily', 'weekly'] } },
    required: ['title', 'time'],
  },
};

function fakeRequest(content: string, tools: ToolSpec[], system?: string): FakeRequest {
  return { api: 'openai', model: 'm', system, messages: [{ role: 'user', content }], tools, body: {}, headers: {} };
}

describe('plausibleBrain', () => {
  it('opens the writing tool for long writing and code, with arguments from its schema', async () => {
    expect(await plausibleBrain(fakeRequest('Draft a cover letter for a barista job', [canvasTool]))).toEqual({
      toolCalls: [{ name: 'canvas', arguments: { type: 'document' } }],
    });
    expect(await plausibleBrain(fakeRequest('Can you refactor this Python function?', [canvasTool]))).toEqual({
      toolCalls: [{ name: 'canvas', arguments: { type: 'code' } }],
    });
  });

  it('answers quick questions and tool-less requests in text', async () => {
    expect((await plausibleBrain(fakeRequest('What is a function in math?', [canvasTool]))).toolCalls).toBeUndefined();
    expect((await plausibleBrain(fakeRequest('Write an essay', []))).text).toContain('Write an essay');
  });

  it.each([
    ['Remind me at 7:00 PM to call mom', { title: 'Call mom', time: '19:00', recurrence: 'none' }],
    ['remind me to call mom at 7pm', { title: 'Call mom', time: '19:00', recurrence: 'none' }],
    ['Remind me at 12am to lock the door', { title: 'Lock the door', time: '00:00', recurrence: 'none' }],
    ['Can you remind me every day at 8:30 to take my meds?', { title: 'Take my meds', time: '08:30', recurrence: 'daily' }],
    ['remind me at noon on 2026-12-01 to pay rent', { title: 'Pay rent', time: '12:00', date: '2026-12-01', recurrence: 'none' }],
  ])('calls the reminder tool for %j', async (message, args) => {
    expect(await plausibleBrain(fakeRequest(message, [canvasTool, reminderTool]))).toEqual({ toolCalls: [{ name: 'create_reminder', arguments: args }] });
  });

  it('resolves "tomorrow" against a date in the system prompt', async () => {
    const reply = await plausibleBrain(fakeRequest('remind me tomorrow at 9am to water plants', [reminderTool], 'Now: 2026-11-26T10:00:00-08:00'));
    expect(reply.toolCalls?.[0].arguments).toMatchObject({ title: 'Water plants', time: '09:00', date: '2026-11-27' });
  });

  it('asks for a time when the reminder has none', async () => {
    expect(await plausibleBrain(fakeRequest('remind me to call mom', [reminderTool]))).toEqual({ text: 'Sure. What time should I remind you?' });
  });
});

describe('fake model server', () => {
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer(undefined, {
      routes: [{ method: 'GET', path: '/v1/batches/:id', handle: (req) => ({ status: 200, body: { id: req.params.id, status: 'completed' } }) }],
    });
  });
  afterAll(() => server.close());

  it('uses the plausible brain by default, through the real SDK', async () => {
    const provider = createOpenAIProvider({ target: 'gpt-4o-mini', system: makeSystem('openai:gpt-4o-mini', { baseUrl: server.openaiBaseUrl }), env: {}, cwd: '.' });
    const output = await provider.call(makeRequest([{ role: 'user', content: 'Write a short story about a fox' }], [canvasTool]));
    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'document' } }]);
    expect(server.requests.at(-1)!.tools).toEqual([{ name: 'canvas', description: canvasTool.description, parameters: canvasTool.parameters }]);
  });

  it('answers extra routes from the table and 404s unknown paths with an API-shaped error', async () => {
    expect(await (await fetch(`${server.url}/v1/batches/b1`)).json()).toEqual({ id: 'b1', status: 'completed' });
    const missing = await fetch(`${server.url}/v1/nope`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: 'not_found_error' } });
  });

  it('rejects a request without a model like the real API', async () => {
    const response = await fetch(`${server.anthropicBaseUrl}/v1/messages`, { method: 'POST', body: JSON.stringify({ messages: [] }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});
