import type { Case, Message, SystemConfig, ToolSpec } from '../../src/types.js';
import type { ProviderRequest } from '../../src/providers/types.js';

/** A case with sensible defaults; override what the test is about. */
export function makeCase(overrides: Partial<Case> = {}): Case {
  return {
    id: 'case-1',
    file: 'datasets/test.csv',
    row: 2,
    messages: [{ role: 'user', content: 'hello' }],
    columns: {},
    tags: [],
    contentHash: 'hash',
    ...overrides,
  };
}

export function makeSystem(provider: string, overrides: Partial<SystemConfig> = {}): SystemConfig {
  return { name: 'sut', provider, params: {}, ...overrides };
}

export function makeRequest(messages: Message[], tools: ToolSpec[] = [], kase: Case = makeCase({ messages })): ProviderRequest {
  return { case: kase, messages, tools, repeat: 0 };
}

export const canvasTool: ToolSpec = {
  name: 'canvas',
  description: 'Open a canvas for long writing or code',
  parameters: { type: 'object', properties: { type: { type: 'string', enum: ['document', 'code'] } }, required: ['type'] },
};
