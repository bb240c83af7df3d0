import { ConfigurationError, type Problem } from '../errors.js';
import { listSuites, loadSuite, type LoadedSuite, type LoadSuiteOptions } from '../suite/load.js';
import { overriddenSystem } from '../suite/overrides.js';
import { didYouMean } from '../suggest.js';
import { evalsCommand } from '../invoked-as.js';

/**
 * Load every named suite (or all of them), gathering the problems of all before failing, so a
 * PM fixing files sees the whole list at once.
 */
export async function loadSuites(names: string[], all: boolean | undefined, cwd: string, options: LoadSuiteOptions = {}): Promise<LoadedSuite[]> {
  const files = all ? await listSuites(cwd) : names;
  if (!files.length) {
    const evals = evalsCommand();
    throw new ConfigurationError(all ? `no suites found in suites/ (create one with \`${evals} init <name>\`)` : `name a suite (e.g. \`${evals} run canvas-trigger\`) or use --all`);
  }
  const loaded: LoadedSuite[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    try {
      loaded.push(await loadSuite(file, cwd, options));
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new ConfigurationError(problems);
  const systems = new Set(loaded.flatMap((suite) => suite.systems.map((s) => s.name)));
  for (const set of options.set ?? []) {
    const system = overriddenSystem(set);
    if (!systems.has(system)) throw new ConfigurationError(`--set ${set}: no suite has a system "${system}"${didYouMean(system, systems)} (systems: ${[...systems].join(', ')})`);
  }
  return loaded;
}
