import { renderGradingRubric } from '../judge/judge-prompt.js';
import { formatConversation, formatOutput } from '../judge/render-output.js';
import { templateVariables } from '../template.js';
import type { Case, Message, Output, ToolSpec } from '../types.js';

// The `rubric` check's prompt. Like the pairwise judge's (judge/judge-prompt.ts): a fixed instruction
// against length and position bias, the team's rubric rendered for the case, the conversation and the
// one response in tags. The grade comes back through a tool call, or a JSON object for models without tools.

export const GRADE_TOOL = 'record_grade';

/** Variables a rubric may use besides the case's columns. */
export const RUBRIC_VARIABLES = ['input', 'output'] as const;

/** The tool the grader answers through: `pass` (boolean) or, on a scale, `score` 1–5. */
export function gradeTool(scale: boolean): ToolSpec {
  const verdict = scale
    ? { score: { type: 'integer', minimum: 1, maximum: 5, description: 'How well the response meets the rubric: 1 (not at all) to 5 (fully).' } }
    : { pass: { type: 'boolean', description: 'True when the response meets the rubric, false otherwise.' } };
  return {
    name: GRADE_TOOL,
    description: 'Record the grade of the response against the rubric. Call exactly once, after thinking it through.',
    parameters: {
      type: 'object',
      properties: { reasoning: { type: 'string', description: 'A short explanation citing the response and the rubric.' }, ...verdict },
      required: ['reasoning', scale ? 'score' : 'pass'],
      additionalProperties: false,
    },
  };
}

function instructions(scale: boolean): string {
  const json = scale ? '{"reasoning": "...", "score": 1 | 2 | 3 | 4 | 5}' : '{"reasoning": "...", "pass": true | false}';
  return `You are an impartial grader. You grade ONE response of an AI assistant against the rubric you are given.
Judge only by the rubric: not by your own taste, not by what else the response could have done.
Do not prefer a response for being longer or more detailed; length counts only where the rubric asks for it.
Where things appear in this message (the order of the sections, the position of a passage in the response) must not influence you.
Answer by calling the ${GRADE_TOOL} tool. If you cannot call tools, reply with only a JSON object:
${json}`;
}

/** The grader's messages for one output. The conversation and the response are shown unless the rubric placed them itself. */
export function rubricMessages(kase: Case, rubric: string, output: Pick<Output, 'text' | 'toolCalls'>, scale: boolean): Message[] {
  const used = templateVariables(rubric);
  const sections = [
    `# Rubric\n${renderGradingRubric(rubric, kase, output)}`,
    ...(used.includes('input') ? [] : [`# Conversation\n<conversation>\n${formatConversation(kase.messages)}\n</conversation>`]),
    ...(used.includes('output') ? [] : [`# Response\n<response>\n${formatOutput(output)}\n</response>`]),
    scale ? 'How well does the response meet the rubric, from 1 to 5?' : 'Does the response meet the rubric?',
  ];
  return [
    { role: 'system', content: instructions(scale) },
    { role: 'user', content: sections.join('\n\n') },
  ];
}
