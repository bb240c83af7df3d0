import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError, type Problem } from '../errors.js';
import type { ToolSpec } from '../types.js';
import { isObject } from './json-output.js';

// Tool files in whichever format the team already has: OpenAI `{type: function, function: {...}}`,
// Anthropic `{name, description, input_schema}`, or plain `{name, description, parameters}`.

const EMPTY_SCHEMA = { type: 'object', properties: {} };

function toToolSpec(entry: unknown, index: number, file: string, problems: Problem[]): ToolSpec | undefined {
  const where = `tool #${index + 1}`;
  if (!isObject(entry)) {
    problems.push({ file, message: `${where} must be an object, got ${JSON.stringify(entry)}` });
    return undefined;
  }
  const source = entry.type === 'function' && isObject(entry.function) ? entry.function : entry;
  if (typeof source.name !== 'string' || source.name.trim() === '') {
    problems.push({ file, message: `${where} has no "name"` });
    return undefined;
  }
  const parameters = source.parameters ?? source.input_schema ?? EMPTY_SCHEMA;
  if (!isObject(parameters)) {
    problems.push({ file, message: `tool "${source.name}": parameters must be a JSON schema object` });
    return undefined;
  }
  if (source.description !== undefined && typeof source.description !== 'string') {
    problems.push({ file, message: `tool "${source.name}": description must be text` });
  }
  const description = typeof source.description === 'string' ? source.description : undefined;
  return { name: source.name, ...(description !== undefined ? { description } : {}), parameters };
}

/** Tools from parsed JSON (an array, or `{tools: [...]}`). Throws ConfigurationError naming `file`. */
function parseTools(value: unknown, file: string): ToolSpec[] {
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.tools) ? value.tools : undefined;
  if (!list) throw new ConfigurationError([{ file, message: 'must be a JSON array of tools, or an object with a "tools" array' }]);
  const problems: Problem[] = [];
  const tools = list.map((entry, i) => toToolSpec(entry, i, file, problems)).filter((t): t is ToolSpec => t !== undefined);
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) problems.push({ file, message: `tool "${tool.name}" is defined twice` });
    seen.add(tool.name);
  }
  if (problems.length) throw new ConfigurationError(problems);
  return tools;
}

/**
 * Read a suite's `tools:` file (relative to `baseDir`). Use when resolving a system block;
 * bad JSON, a missing name or a missing file are ConfigurationErrors naming the file as written.
 */
export async function loadTools(file: string, baseDir: string): Promise<ToolSpec[]> {
  const path = isAbsolute(file) ? file : resolve(baseDir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = isObject(error) && typeof error.code === 'string' ? error.code : '';
    throw new ConfigurationError([{ file, message: code === 'ENOENT' ? 'file not found' : `cannot be read (${String(error)})` }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigurationError([{ file, message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  return parseTools(value, file);
}
