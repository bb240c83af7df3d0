import type { Case, Message, SystemConfig, ToolSpec } from '../../src/types.js';
import { makeCase } from '../helpers/make-case.js';
import type { ProviderRequest } from '../../src/providers/types.js';

export { makeCase } from '../helpers/make-case.js';

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
