import { DEFAULT_RUBRIC_NAME } from '../checks/rubric.js';
import { rubricsOf } from '../calibration/rubric-names.js';
import { createProvider } from '../providers/registry.js';
import { graderSystem } from '../run/grader-calls.js';
import type { LoadedSuite } from '../suite/load.js';
import type { CheckSpec } from '../types.js';

/** A rubric check left out of a run because its grader's key is not set, as run.json records it. */
export interface UngradedRubric {
  rubric: string;
  grader: string;
  /** The env var to set. */
  variable: string;
}

/**
 * Without a grader's key a rubric check is left out of the run, the way a system or an LLM judge
 * without its key is skipped: a recorded suite still runs on a laptop without keys, and every other
 * check still counts. It is never a pass: run.json records it and every report says it was not
 * graded. Under --ci a missing grader key stops the run before any call instead (missing-keys.ts). A
 * suite whose only checks are such rubrics keeps them: leaving them out would leave nothing tested.
 */
export async function leaveOutUngradedRubrics(suite: LoadedSuite, env: NodeJS.ProcessEnv): Promise<{ suite: LoadedSuite; ungraded: UngradedRubric[] }> {
  const ungraded = await rubricsWithoutKeys(suite, env);
  if (!ungraded.length) return { suite, ungraded };
  const left = new Set(ungraded.map((u) => u.rubric));
  const graded = (suite.config.checks as CheckSpec[]).filter((check) => !(check.type === 'rubric' && left.has(typeof check.name === 'string' ? check.name : DEFAULT_RUBRIC_NAME)));
  // With nothing else left to check the run would test nothing: the rubric stays, and each case errors
  // naming the key to set.
  if (graded.length === 0) return { suite, ungraded: [] };
  return { suite: { ...suite, config: { ...suite.config, checks: graded } }, ungraded };
}

/** The suite's rubric checks whose grader's key is not set in `env`. */
export async function rubricsWithoutKeys(suite: LoadedSuite, env: NodeJS.ProcessEnv): Promise<UngradedRubric[]> {
  const ungraded: UngradedRubric[] = [];
  for (const { name, grader } of rubricsOf(suite.config.checks as CheckSpec[])) {
    const variable = (await createProvider(graderSystem(grader), env, suite.root)).missingCredential();
    if (variable) ungraded.push({ rubric: name, grader, variable });
  }
  return ungraded;
}
