import type { Case, Output, ToolCall } from '../../src/types.js';

/** A dataset row for tests: columns and `now` are what checks usually read. */
export function makeCase(overrides: Partial<Case> = {}): Case {
  return {
    id: 'case-1',
    file: 'datasets/test.csv',
    row: 2,
    messages: [{ role: 'user', content: 'hello' }],
    columns: {},
    tags: [],
    contentHash: 'hash-1',
    ...overrides,
  };
}

/** A system's output for tests: plain text unless tool calls, usage or latency are given. */
export function makeOutput(overrides: Partial<Output> = {}): Output {
  return { text: '', toolCalls: [], latencyMs: 100, ...overrides };
}

/** A tool call with parsed arguments. */
export function call(name: string, args: Record<string, unknown> = {}): ToolCall {
  return { name, arguments: args };
}
