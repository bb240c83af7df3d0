import { renderTemplate, singleVariable, templateVariables } from '../template.js';

// Check options are YAML values with `{{column}}` templates in any string, at any depth
// (`values: ["{{a}}", "{{b}}"]`). These helpers walk them without knowing a check's shape.

export type OptionPath = (string | number)[];

/** Every string leaf in `value`, with its path. */
export function stringLeaves(value: unknown, path: OptionPath = []): { path: OptionPath; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  }
  return [];
}

/** Column names the templates in `value` refer to. */
export function referencedColumns(value: unknown): string[] {
  return [...new Set(stringLeaves(value).flatMap((leaf) => templateVariables(leaf.text)))];
}

/** `value` with every string's templates rendered; `missing` lists names with no value. */
export function renderDeep(value: unknown, vars: Record<string, string | undefined>, missing: string[] = []): { value: unknown; missing: string[] } {
  if (typeof value === 'string') {
    const rendered = renderTemplate(value, vars);
    missing.push(...rendered.missing);
    return { value: rendered.text, missing };
  }
  if (Array.isArray(value)) return { value: value.map((item) => renderDeep(item, vars, missing).value), missing };
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [key, renderDeep(item, vars, missing).value]);
    return { value: Object.fromEntries(entries), missing };
  }
  return { value, missing };
}

/** The value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The column an option came from when the option is exactly one template, e.g. `"{{should_trigger}}"`. */
export function columnOf(raw: unknown): string | undefined {
  return typeof raw === 'string' ? singleVariable(raw) : undefined;
}

/** `options.values[1]`-style path for messages. */
export function formatOptionPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
}
