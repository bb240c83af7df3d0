import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import type { Case, Output, Verdict } from '../types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';
import { importOutsideBundle } from '../launcher-hooks.js';

const options = builtOnFirstUse(() =>
  z.strictObject({
    /** Path to an ES module (or CommonJS file), relative to the working directory unless absolute. */
    module: z.string().trim().min(1),
    /** Named export to call instead of the default export. */
    export: z.string().trim().min(1).optional(),
  }),
);

type UserCheck = (output: Output, kase: Case) => unknown;

// One import per module for the whole run: importing per case would re-run its top-level code.
const modules = new Map<string, Promise<Record<string, unknown>>>();

function load(path: string): Promise<Record<string, unknown>> {
  const absolute = isAbsolute(path) ? path : resolve(process.cwd(), path);
  let loaded = modules.get(absolute);
  if (!loaded) {
    loaded = importOutsideBundle(pathToFileURL(absolute).href);
    modules.set(absolute, loaded);
  }
  return loaded;
}

function toVerdict(value: unknown, name: string): Verdict {
  if (typeof value === 'boolean') return { pass: value, reason: `${name} returned ${value}` };
  if (value !== null && typeof value === 'object' && typeof (value as Verdict).pass === 'boolean') {
    const { pass, reason } = value as { pass: boolean; reason?: unknown };
    return { pass, reason: typeof reason === 'string' && reason.trim() !== '' ? reason : `${name} returned ${pass ? 'pass' : 'fail'}` };
  }
  return { pass: false, reason: `${name} returned ${JSON.stringify(value) ?? String(value)}, expected true/false or {pass, reason}` };
}

/**
 * Escape hatch for a rule no other check expresses: a user module exporting
 * `(output, kase) => boolean | {pass, reason}` (or a Promise of one). Use sparingly and keep it
 * pure, since the verdict must be the same on every re-score. Not for judgments of quality: use
 * a pairwise comparison with a judge.
 */
export const jsCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'js',
  description: 'A JavaScript module decides: its default (or named) export returns true/false or {pass, reason}.',
  get options() {
    return options();
  },
  async run(output, { module, export: exportName }, kase) {
    const name = exportName ?? 'default';
    const label = `${module}${exportName ? `#${exportName}` : ''}`;
    let loaded: Record<string, unknown>;
    try {
      loaded = await load(module);
    } catch (error) {
      return { pass: false, error: true, reason: `cannot load ${module}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    }
    // A CommonJS module's `module.exports = fn` arrives as the default export.
    const fn = loaded[name];
    if (typeof fn !== 'function') return { pass: false, error: true, reason: `${module} has no ${exportName ? `export "${exportName}"` : 'default export'} function` };
    try {
      return toVerdict(await (fn as UserCheck)(output, kase), label);
    } catch (error) {
      return { pass: false, error: true, reason: `${label} threw: ${error instanceof Error ? error.message : String(error)}` };
    }
  },
};
