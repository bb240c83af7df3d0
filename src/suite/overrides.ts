import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../suggest.js';

/**
 * `--set baseline.provider=openai:gpt-4o --set candidate.temperature=0.2`: change a system's
 * settings for one run without editing the suite. Applied before validation, so a typo in the
 * key gets the same "did you mean" as in the file.
 */
export function applySystemOverrides(data: unknown, sets: string[]): unknown {
  if (!sets.length || typeof data !== 'object' || data === null) return data;
  const suite = data as { systems?: Record<string, Record<string, unknown>> };
  for (const set of sets) {
    const match = /^([A-Za-z0-9_-]+)\.([a-z_]+)=(.*)$/s.exec(set);
    if (!match) throw new ConfigurationError(`--set ${set}: expected <system>.<key>=<value>, e.g. --set baseline.provider=openai:gpt-4o`);
    const [, system, key, raw] = match;
    const known = Object.keys(suite.systems ?? {});
    if (!suite.systems?.[system]) {
      throw new ConfigurationError(`--set ${set}: the suite has no system "${system}"${didYouMean(system, known)} (systems: ${known.join(', ')})`);
    }
    suite.systems[system][key] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return data;
}
