import * as z from 'zod';
import { callNames, formatCalls } from './format.js';
import { labelOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import type { ToolCall } from '../types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const options = builtOnFirstUse(() =>
  z.strictObject({
    /** A tool name, `none` for "no tool at all", or absent for "any tool". */
    tool: z.string().trim().min(1).optional(),
    /** Whether the call should happen: a yes/no label, usually `"{{should_trigger}}"`. */
    expect: labelOption().optional(),
  }),
);

function verdict(called: ToolCall[], all: ToolCall[], tool: string | undefined, expected: boolean): { pass: boolean; reason: string } {
  const what = tool === undefined ? 'a tool call' : `a call to ${tool}`;
  const others = all.length > 0 ? ` (called ${callNames(all)})` : '';
  if (expected && called.length > 0) return { pass: true, reason: `called ${formatCalls(called)}` };
  if (expected) return { pass: false, reason: all.length > 0 ? `expected ${tool}, got ${formatCalls(all)}` : `expected ${what}, got no tool call` };
  if (called.length > 0) return { pass: false, reason: `expected no ${tool === undefined ? 'tool call' : `call to ${tool}`}, got ${formatCalls(called)}` };
  return { pass: true, reason: tool === undefined ? 'no tool call' : `did not call ${tool}${others}` };
}

/**
 * Decision behaviours: did the system call `tool` (or any tool, or with `tool: none` no tool at
 * all), against the case's yes/no label in `expect`. Use for "trigger Canvas or not" and
 * "which tool". Not for what the call said: add `tool-args` for that.
 */
export const toolCalledCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'tool-called',
  description: 'A tool (or any tool, or `none`) was called, or not, as the yes/no `expect` label says.',
  get options() {
    return options();
  },
  decisionLabel: 'expect',
  run(output, { tool, expect }) {
    const expected = expect ?? true;
    const calls = output.toolCalls;
    if (tool?.toLowerCase() === 'none') {
      // "none was called" is "no tool call" with the expectation flipped, and reads best said that way.
      if (expected) return calls.length === 0 ? { pass: true, reason: 'no tool call' } : { pass: false, reason: `expected no tool call, got ${formatCalls(calls)}` };
      return calls.length > 0 ? { pass: true, reason: `called ${formatCalls(calls)}` } : { pass: false, reason: 'expected a tool call, got no tool call' };
    }
    const called = tool === undefined ? calls : calls.filter((call) => call.name === tool);
    return verdict(called, calls, tool, expected);
  },
};
