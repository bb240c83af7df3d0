import { createJudge, isAutomaticJudge } from '../judge/registry.js';
import { createProvider } from '../providers/registry.js';
import type { LoadedSuite } from '../suite/load.js';
import { rubricsWithoutKeys } from './ungraded-rubrics.js';

/**
 * Under --ci every system and LLM judge must run: find the keys that are missing before any model
 * is called, so a run that would end in exit 3 does not pay for the systems that do have keys first.
 * One line per missing key, naming the suite, what needs it and the variable to set.
 */
export async function missingKeys(suites: LoadedSuite[], systems: string[] | undefined, env: NodeJS.ProcessEnv): Promise<string[]> {
  const lines: string[] = [];
  for (const suite of suites) {
    for (const system of suite.systems.filter((s) => !systems || systems.includes(s.name))) {
      const variable = (await createProvider(system, env, suite.root)).missingCredential();
      if (variable) lines.push(`${suite.name}: system ${system.name} (${system.provider}): set ${variable} to run it; under --ci every system must run`);
    }
    for (const { rubric, grader, variable } of await rubricsWithoutKeys(suite, env)) {
      lines.push(`${suite.name}: the grader of rubric ${rubric} (${grader}): set ${variable} to grade it; under --ci every grader must run`);
    }
    for (const { a, b, judge } of suite.comparisons) {
      if (!isAutomaticJudge(judge) || (systems && !(systems.includes(a) && systems.includes(b)))) continue;
      const variable = (await createJudge(judge, { env, cwd: suite.root, label: `judge of ${a} vs ${b}` })).missingCredential();
      if (variable) lines.push(`${suite.name}: the judge of ${a} vs ${b} (${judge}): set ${variable} to judge it; under --ci every judge must run`);
    }
  }
  return lines;
}
