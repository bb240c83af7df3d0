import type { ToolSpec } from '../types.js';

// The tool the generating model answers through: one new case per call. The label and ideal
// properties exist only when the sheet has those columns, so the model is never asked for
// something that has nowhere to go.

export const PROPOSE_TOOL = 'propose_case';

export interface ProposeShape {
  /** Decision label columns (yes/no), e.g. `should_trigger`. */
  labelColumns: string[];
  /** Whether the sheet has an ideal_behavior column to fill. */
  withIdeal: boolean;
  /** Other columns the suite's checks read (`{{expected_title}}`), filled as text. */
  extraColumns: string[];
}

export function proposeTool(shape: ProposeShape): ToolSpec {
  const properties: Record<string, unknown> = {
    turns: {
      type: 'array',
      description: "The conversation, in order, ending with the user's message. One user turn for a single-turn case.",
      items: {
        type: 'object',
        properties: { role: { type: 'string', enum: ['user', 'assistant'] }, content: { type: 'string' } },
        required: ['role', 'content'],
        additionalProperties: false,
      },
    },
    why: { type: 'string', description: 'One sentence: what this case tests that the existing cases do not.' },
  };
  const required = ['turns', 'why'];
  if (shape.labelColumns.length) {
    properties.labels = {
      type: 'object',
      description: 'The correct yes/no answer for each label column.',
      properties: Object.fromEntries(shape.labelColumns.map((column) => [column, { type: 'string', enum: ['yes', 'no'] }])),
      required: shape.labelColumns,
      additionalProperties: false,
    };
    required.push('labels');
  }
  if (shape.extraColumns.length) {
    properties.columns = {
      type: 'object',
      description: "Values for the sheet's other columns the checks read, as the existing cases fill them.",
      properties: Object.fromEntries(shape.extraColumns.map((column) => [column, { type: 'string' }])),
      required: shape.extraColumns,
      additionalProperties: false,
    };
    required.push('columns');
  }
  if (shape.withIdeal) {
    properties.ideal_behavior = { type: 'string', description: 'What the assistant should do, written the way the existing cases write it (a tool call as a line "→ tool(arg: value)").' };
    required.push('ideal_behavior');
  }
  return {
    name: PROPOSE_TOOL,
    description: 'Propose one new test case. Call exactly once.',
    parameters: { type: 'object', properties, required, additionalProperties: false },
  };
}
