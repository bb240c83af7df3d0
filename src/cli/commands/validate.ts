import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';
import { loadSuites } from './load-suites.js';

/** Load and lint suites without calling any model: exit 0 when clean, 2 with every problem listed. */
export async function validateCommand(names: string[], options: { all?: boolean }, io: CliIO): Promise<number> {
  const suites = await loadSuites(names, options.all, io.cwd);
  for (const suite of suites) {
    io.out(`${suite.file}: ok (${suite.dataset.cases.length} cases, ${suite.systems.length} systems, ${suite.config.checks.length} checks)`);
  }
  return EXIT.ok;
}
