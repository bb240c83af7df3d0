import path from 'node:path';
import { loadReference } from '../regression/load-snapshot.js';
import { ConfigurationError } from '../errors.js';
import { selectCases, type CaseSelection } from '../run/plan.js';
import type { LoadedSuite } from '../suite/load.js';
import { didYouMean } from '../suggest.js';

export interface SelectionOptions extends CaseSelection {
  all?: boolean;
  systems?: string[];
  baseline?: string;
}

export interface NotRun {
  suite: string;
  reason: string;
}

/**
 * Before any model is called: a typo in --systems, a --filter that matches nothing or a --baseline
 * that does not exist would otherwise cost a whole run, or pass a gate on zero cases. With `all`, a
 * suite with nothing selected is left out and listed in `notRun`; naming it is an error.
 */
export async function checkSelection(suites: LoadedSuite[], options: SelectionOptions): Promise<{ kept: LoadedSuite[]; notRun: NotRun[] }> {
  const known = new Set(suites.flatMap((s) => s.systems.map((x) => x.name)));
  for (const name of options.systems ?? []) {
    if (!known.has(name)) throw new ConfigurationError(`--systems: no suite has a system "${name}"${didYouMean(name, known)} (systems: ${[...known].join(', ')})`);
  }
  const kept: LoadedSuite[] = [];
  const notRun: NotRun[] = [];
  for (const suite of suites) {
    const systems = options.systems ? suite.systems.filter((s) => options.systems!.includes(s.name)) : suite.systems;
    const anyCase = !selectCases(suite.dataset.cases, options).next().done;
    const reason = !systems.length ? `it has none of the systems ${options.systems!.join(', ')}` : !anyCase ? `no case matches --filter ${options.filter}` : undefined;
    if (!reason) {
      // Read now so a missing or damaged baseline stops the run before any model call.
      (await loadReference(options.baseline, suite.name, path.join(suite.root, 'reports')))?.close();
      kept.push(suite);
    } else if (options.all) {
      notRun.push({ suite: suite.name, reason });
    } else {
      throw new ConfigurationError(`${suite.file}: nothing to run: ${reason}`);
    }
  }
  if (!kept.length) throw new ConfigurationError('nothing to run: no suite has a selected system and a matching case');
  return { kept, notRun };
}
