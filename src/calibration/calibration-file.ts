import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';
import { sortKeys } from '../sort-keys.js';
import { writeFileAtomic } from '../store/run-dir.js';
import type { RubricCalibration } from './calibrate-run.js';

// reports/<suite>/calibration.json: each rubric's latest calibration against people, committed like
// baseline.json so the next run (and CI) knows whether its grader may be trusted.

// Built on first use: only a suite with a rubric reads its calibration.
const schemas = builtOnFirstUse(() => {
  const entry = z.object({
    grader: z.string(),
    n: z.number(),
    accuracy: z.number(),
    kappa: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
    confusion: z.object({ passPass: z.number(), passFail: z.number(), failPass: z.number(), failFail: z.number() }),
    runId: z.string(),
    calibratedAt: z.string(),
  });

  const file = z.object({ formatVersion: z.literal(1), method: z.string(), rubrics: z.record(z.string(), entry) });
  return { entry, file };
});

export type SavedCalibration = z.infer<ReturnType<typeof schemas>['entry']>;

export const KAPPA_METHOD = "Cohen's kappa; 95% interval from the asymptotic standard error of Fleiss, Cohen & Everitt (1969)";

function calibrationPath(reportsDir: string, suite: string): string {
  return path.join(reportsDir, suite, 'calibration.json');
}

/** Each rubric's saved calibration by name; empty when the suite has none yet. */
export function readCalibration(reportsDir: string, suite: string): Record<string, SavedCalibration> {
  const file = calibrationPath(reportsDir, suite);
  if (!existsSync(file)) return {};
  let parsed;
  try {
    parsed = schemas().file.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new ConfigurationError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)}); run evals calibrate again to rewrite it`);
  }
  if (!parsed.success) throw new ConfigurationError(`${file}: not a calibration file (${parsed.error.issues[0].message}); run evals calibrate again to rewrite it`);
  return parsed.data.rubrics;
}

/** Save the rubrics calibrated now, keeping the others' earlier entries. Rubrics nobody labelled are not saved. */
export function writeCalibration(reportsDir: string, suite: string, calibrations: RubricCalibration[], now = new Date()): string {
  const rubrics = readCalibration(reportsDir, suite);
  for (const c of calibrations) {
    if (c.n === 0) continue;
    rubrics[c.rubric] = { grader: c.grader, n: c.n, accuracy: c.accuracy, kappa: c.kappa, low: c.low, high: c.high, confusion: c.confusion, runId: c.runId, calibratedAt: now.toISOString() };
  }
  const file = calibrationPath(reportsDir, suite);
  writeFileAtomic(file, JSON.stringify(sortKeys({ formatVersion: 1, method: KAPPA_METHOD, rubrics }), null, 2) + '\n');
  return file;
}
