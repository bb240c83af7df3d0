import { formatPercent } from '../format.js';
import type { SuiteRegression } from './diff-runs.js';

/**
 * The prompted baseline of SPEC: a general model with the behaviour's system prompt, the floor a trained or
 * re-prompted candidate must climb. It is the system named `prompted`; "baseline" alone always means the
 * saved snapshot (reports/<suite>/baseline.json).
 */
export const PROMPTED_SYSTEM = 'prompted';

/** What suites written before the rename called it; still found (so their reports keep the gap), and validate asks to rename it. */
export const LEGACY_PROMPTED_SYSTEM = 'baseline';

/** At or above this pass rate the prompted system leaves a candidate little to show. */
const SATURATION = 0.9;

export function findPromptedSystem<T extends { system: string }>(systems: readonly T[]): T | undefined {
  return systems.find((s) => s.system === PROMPTED_SYSTEM) ?? systems.find((s) => s.system === LEGACY_PROMPTED_SYSTEM);
}

/** A suite the prompted system already nearly passes measures little: say so next to the numbers. */
export function promptedSystemWarnings(comparison: SuiteRegression): string[] {
  const prompted = findPromptedSystem(comparison.systems);
  if (!prompted || prompted.after.passRate === null || prompted.after.passRate < SATURATION) return [];
  return [
    `the prompted system (${prompted.system}) already passes ${formatPercent(prompted.after.passRate)} of cases (≥ ${formatPercent(SATURATION, 0)}): this suite is close to saturated and measures little; add harder cases`,
  ];
}
