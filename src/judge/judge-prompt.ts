import { caseVariables } from '../providers/render-request.js';
import { renderTemplate, templateVariables } from '../template.js';
import type { Case, Message, Output, ToolSpec } from '../types.js';
import { formatConversation, formatOutput } from './render-output.js';

// The LLM judge's prompt, MT-Bench style: a fixed instruction against position and length bias,
// the team's rubric rendered for the case, the conversation, and the two responses in tags.

export const VERDICT_TOOL = 'record_verdict';

/** The tool the judge answers through; `strength` only when the comparison asks for it. */
export function verdictTool(withStrength: boolean): ToolSpec {
  return {
    name: VERDICT_TOOL,
    description: 'Record which response is better. Call exactly once, after thinking it through.',
    parameters: {
      type: 'object',
      properties: {
        reasoning: { type: 'string', description: 'A short explanation of the verdict, citing both responses.' },
        winner: { type: 'string', enum: ['A', 'B', 'tie'], description: 'The better response, or tie when neither is better.' },
        ...(withStrength ? { strength: { type: 'string', enum: ['better', 'much better'], description: 'How much better the winner is (omit for a tie).' } } : {}),
      },
      required: ['reasoning', 'winner'],
      additionalProperties: false,
    },
  };
}

const INSTRUCTIONS = `You are an impartial judge comparing two AI assistant responses to the same conversation.
Judge only by the criteria you are given. The order of the responses is random: do not let it influence you.
Do not prefer a response for being longer; prefer it only when the extra content makes it better.
Answer by calling the ${VERDICT_TOOL} tool. If you cannot call tools, reply with only a JSON object:
{"reasoning": "...", "winner": "A" | "B" | "tie"}`;

const DEFAULT_RUBRIC = 'Which response better serves the user in this conversation? Consider correctness, helpfulness and whether it does what the user asked.';

/** Free-text columns worth showing the judge when the suite gave no rubric of its own. */
const GUIDANCE_COLUMNS: Array<[string, string]> = [
  ['ideal_behavior', 'Ideal behaviour'],
  ['why', 'Why'],
  ['notes', 'Notes'],
];

/** The rubric for this case: the suite's template rendered with the case's columns and `{{input}}`. */
export function renderRubric(rubric: string | undefined, kase: Case): string {
  if (rubric === undefined) {
    const guidance = GUIDANCE_COLUMNS.filter(([column]) => kase.columns[column]?.trim()).map(([column, label]) => `${label}: ${kase.columns[column].trim()}`);
    return [DEFAULT_RUBRIC, ...guidance].join('\n');
  }
  return renderTemplate(rubric, { ...caseVariables(kase), input: formatConversation(kase.messages) }).text.trim();
}

/** A rubric check's rubric for one output: the case's columns, `{{input}}` (the conversation) and `{{output}}` (the reply). */
export function renderGradingRubric(rubric: string, kase: Case, output: Pick<Output, 'text' | 'toolCalls'>): string {
  return renderTemplate(rubric, { ...caseVariables(kase), input: formatConversation(kase.messages), output: formatOutput(output) }).text.trim();
}

/**
 * The judge's messages for one order: `first` is shown as Response A. Use once per order; the
 * caller swaps the outputs for the second order.
 */
export function judgeMessages(kase: Case, rubric: string | undefined, first: Pick<Output, 'text' | 'toolCalls'>, second: Pick<Output, 'text' | 'toolCalls'>, withStrength: boolean): Message[] {
  const rubricUsesInput = rubric !== undefined && templateVariables(rubric).includes('input');
  const sections = [
    `# Criteria\n${renderRubric(rubric, kase)}`,
    ...(rubricUsesInput ? [] : [`# Conversation\n<conversation>\n${formatConversation(kase.messages)}\n</conversation>`]),
    `# Response A\n<response_a>\n${formatOutput(first)}\n</response_a>`,
    `# Response B\n<response_b>\n${formatOutput(second)}\n</response_b>`,
    withStrength ? `Which response is better: A, B, or tie? If one wins, say whether it is "better" or "much better".` : 'Which response is better: A, B, or tie?',
  ];
  return [
    { role: 'system', content: INSTRUCTIONS },
    { role: 'user', content: sections.join('\n\n') },
  ];
}
