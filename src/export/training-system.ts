import { ConfigurationError } from '../errors.js';
import type { LoadedSuite } from '../suite/load.js';
import type { SystemConfig } from '../types.js';
import { didYouMean } from '../suggest.js';

/**
 * The system whose prompt and tools a fine-tuning example carries: the one named (`--system`), else the
 * first with a prompt or tools (the model being trained is shown what that system is shown). A suite of
 * recorded columns only has none: the examples are the conversations alone.
 */
export function trainingSystem(suite: LoadedSuite, name: string | undefined): SystemConfig | undefined {
  if (name !== undefined) {
    const system = suite.systems.find((s) => s.name === name);
    if (!system) {
      const names = suite.systems.map((s) => s.name);
      throw new ConfigurationError([{ file: suite.file, message: `--system ${name}: no such system${didYouMean(name, names)} (the systems are: ${names.join(', ')})` }]);
    }
    return system;
  }
  return suite.systems.find((s) => s.prompt !== undefined || (s.tools?.length ?? 0) > 0);
}
