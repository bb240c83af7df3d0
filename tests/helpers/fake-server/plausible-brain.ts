import { parseReminder } from './reminder-parse.js';
import { isObject } from './shared.js';
import type { FakeBrain, FakeReply, FakeRequest } from './types.js';

// A default brain that behaves like a reasonable model, so end-to-end tests see realistic decisions
// without scripting every case: long writing or code → the first tool; "remind me at …" → the
// reminder tool with parsed arguments; anything else → a short text answer.

const LONG_WRITING =
  /\b(write|draft|essay|story|stories|code|script|document|letter|blog|refactor|function|poem|article|report|program|implement|rewrite|proposal|outline|cover letter|newsletter|speech)\b/i;
const CODE = /\b(code|script|function|refactor|program|implement|class|bug|python|javascript|typescript|sql|regex|api)\b/i;
const QUICK_QUESTION = /^(what|who|when|where|why|how|which|is|are|does|do|did)\b/i;
const LANGUAGES = ['python', 'javascript', 'typescript', 'sql', 'go', 'rust', 'java', 'bash'];

type Tool = FakeRequest['tools'][number];

function lastUserMessage(request: FakeRequest): string {
  return [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}

function shortTitle(message: string): string {
  const words = message
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .join(' ');
  return words ? words[0].toUpperCase() + words.slice(1) : 'Untitled';
}

/** A value for one schema property, or undefined when nothing sensible comes to mind. */
function valueFor(name: string, schema: unknown, message: string, isCode: boolean): unknown {
  const prop = isObject(schema) ? schema : {};
  const kind = isCode ? 'code' : 'document';
  if (Array.isArray(prop.enum) && prop.enum.length) {
    const mentioned = prop.enum.find((v) => typeof v === 'string' && new RegExp(`\\b${v}\\b`, 'i').test(message));
    return mentioned ?? prop.enum.find((v) => v === kind || v === (isCode ? 'code' : 'text')) ?? prop.enum[0];
  }
  if (/type|kind|mode|format/i.test(name)) return kind;
  if (/title|name|subject|heading/i.test(name)) return shortTitle(message);
  if (/lang/i.test(name)) return LANGUAGES.find((l) => new RegExp(`\\b${l}\\b`, 'i').test(message)) ?? (isCode ? 'python' : undefined);
  if (/content|text|body|prompt|instruction|request|query|topic|description/i.test(name)) return message;
  if (prop.type === 'number' || prop.type === 'integer') return 1;
  if (prop.type === 'boolean') return true;
  return undefined;
}

/** Arguments for a writing tool, filled from its JSON schema. */
function writingArguments(tool: Tool, message: string): Record<string, unknown> {
  const schema = isObject(tool.parameters) ? tool.parameters : {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const isCode = CODE.test(message);
  const args: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(properties)) {
    const value = valueFor(name, prop, message, isCode);
    if (value !== undefined) args[name] = value;
    else if (required.has(name)) args[name] = message;
  }
  return args;
}

function reminderReply(tool: Tool, message: string, request: FakeRequest): FakeReply {
  const parsed = parseReminder(message, request.system ?? '');
  if (!parsed.time) return { text: 'Sure. What time should I remind you?' };
  const args: Record<string, unknown> = { title: parsed.title, time: parsed.time };
  if (parsed.date) args.date = parsed.date;
  const schema = isObject(tool.parameters) && isObject(tool.parameters.properties) ? tool.parameters.properties : {};
  const recurrenceSchema = schema.recurrence;
  if (parsed.recurrence) args.recurrence = parsed.recurrence;
  else if (isObject(recurrenceSchema) && (!Array.isArray(recurrenceSchema.enum) || recurrenceSchema.enum.includes('none'))) args.recurrence = 'none';
  return { toolCalls: [{ name: tool.name, arguments: args }] };
}

export const plausibleBrain: FakeBrain = (request) => {
  const message = lastUserMessage(request);
  const reminderTool = request.tools.find((t) => /remind/i.test(t.name));
  if (reminderTool && /\bremind me\b/i.test(message)) return reminderReply(reminderTool, message, request);
  const writingTool = request.tools.find((t) => t !== reminderTool);
  if (writingTool && LONG_WRITING.test(message) && !QUICK_QUESTION.test(message.trim())) {
    return { toolCalls: [{ name: writingTool.name, arguments: writingArguments(writingTool, message) }] };
  }
  const topic = message.trim().replace(/\s+/g, ' ').slice(0, 80);
  return { text: topic ? `Here is a short answer about "${topic}": it depends, but in most cases the simple option is best.` : 'Hello! How can I help?' };
};
