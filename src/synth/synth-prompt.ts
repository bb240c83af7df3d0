import { formatConversation } from '../judge/render-output.js';
import { createRandom } from '../stats/random.js';
import type { LoadedSuite } from '../suite/load.js';
import type { Case, Message } from '../types.js';
import type { PlannedSlot } from './plan.js';
import { PROPOSE_TOOL, type ProposeShape } from './propose-tool.js';

// The generating model's prompt for one planned row: what the suite is about (its description and the
// sheet's why/notes), a sample of existing rows to match in form, the row's assigned axes, and, when
// asking again, why the last proposal was turned away.

/** Existing rows shown per request: enough to show the form, few enough not to be copied. */
const SAMPLE_ROWS = 6;
/** Distinct why/notes texts shown at most. */
const MAX_GUIDANCE = 12;
const GUIDANCE_COLUMNS = ['why', 'notes'];

const INSTRUCTIONS = `You write new test cases for the evaluation suite of an AI product. Each case is a conversation
with the product's assistant, with the correct answer for each label column and the ideal behaviour.
Write exactly the kind of case you are asked for. A new case must be new: not a rewording of an existing one.
Answer by calling the ${PROPOSE_TOOL} tool once. If you cannot call tools, reply with only a JSON object
with the tool's fields, e.g. {"turns": [{"role": "user", "content": "..."}], "why": "..."}.`;

function describeAxis(name: string, value: string, labelColumn: string | undefined): string {
  switch (name) {
    case 'language':
      return `- language: write the user's messages in ${value}`;
    case 'turns':
      return value === 'multi-turn' ? "- turns: multi-turn: one or two earlier exchanges (user, assistant), then the user's message" : '- turns: single-turn: one user message';
    case 'label':
      return `- ${labelColumn}: ${value} (the correct answer for this case)`;
    case 'boundary':
      return value === 'near the decision boundary'
        ? '- difficulty: near the decision boundary: easy to mistake for the other answer, yet the label above is clearly right'
        : '- difficulty: a clear case';
    default:
      return `- ${name}: ${value}`;
  }
}

function rowBlock(kase: Case, shape: ProposeShape, idealColumn: string | undefined): string {
  const lines = [`<case>\n${formatConversation(kase.messages)}`];
  for (const column of [...shape.labelColumns, ...shape.extraColumns]) lines.push(`${column}: ${kase.columns[column] ?? ''}`);
  if (idealColumn && kase.columns[idealColumn]?.trim()) lines.push(`ideal behaviour:\n${kase.columns[idealColumn].trim()}`);
  if (kase.columns.why?.trim()) lines.push(`why: ${kase.columns.why.trim()}`);
  return lines.join('\n') + '\n</case>';
}

/** A seeded sample of the sheet, different for each row so the rows do not all imitate the same few. */
function sampleRows(cases: Case[], seed: number, slot: number): Case[] {
  const random = createRandom(seed * 100_003 + slot);
  const pool = [...cases];
  const picked: Case[] = [];
  while (picked.length < SAMPLE_ROWS && pool.length) picked.push(pool.splice(random.nextInt(pool.length), 1)[0]);
  return picked;
}

export interface PromptContext {
  suite: LoadedSuite;
  shape: ProposeShape;
  idealColumn?: string;
  /** The decision label column the plan balances. */
  labelColumn?: string;
  seed: number;
}

export function synthMessages(context: PromptContext, planned: PlannedSlot, rejected?: string): Message[] {
  const { suite, shape } = context;
  const guidance = [...new Set([...suite.dataset.cases].flatMap((kase) => GUIDANCE_COLUMNS.map((column) => kase.columns[column]?.trim() ?? '')).filter(Boolean))].slice(0, MAX_GUIDANCE);
  const tools = suite.systems.flatMap((system) => system.tools ?? []);
  const toolNames = [...new Map(tools.map((tool) => [tool.name, tool])).values()];
  const sections = [
    `# The suite\n${suite.name}${suite.config.description ? `: ${suite.config.description}` : ''}`,
    ...(guidance.length ? [`# What the cases test (from the sheet)\n${guidance.map((text) => `- ${text}`).join('\n')}`] : []),
    ...(toolNames.length ? [`# Tools the assistant can call\n${toolNames.map((tool) => `- ${tool.name}${tool.description ? `: ${tool.description}` : ''}`).join('\n')}`] : []),
    `# Existing cases (a sample)\n${sampleRows([...suite.dataset.cases], context.seed, planned.slot)
      .map((kase) => rowBlock(kase, shape, context.idealColumn))
      .join('\n')}`,
    ...(shape.withIdeal ? ['# The ideal behaviour\nWrite it as the existing cases do: a tool call as a line of its own, "→ tool(arg: value)", and any reply as text.'] : []),
    `# The case to write\n${Object.entries(planned.axes)
      .map(([name, value]) => describeAxis(name, value, context.labelColumn))
      .join('\n')}`,
    ...(rejected ? [`# Your previous proposal was turned away\n${rejected}\nWrite a clearly different case.`] : []),
  ];
  return [
    { role: 'system', content: INSTRUCTIONS },
    { role: 'user', content: sections.join('\n\n') },
  ];
}
