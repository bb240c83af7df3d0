import { ConfigurationError } from '../errors.js';

/** The system a `--set system.key=value` names. */
export function overriddenSystem(set: string): string {
  return set.slice(0, set.indexOf('.'));
}

/**
 * `--set prompted.provider=openai:gpt-4o --set candidate.temperature=0.2`: change a system's
 * settings for one run without editing the suite. Applied before validation, so a typo in the
 * key gets the same "did you mean" as in the file.
 */
export function applySystemOverrides(data: unknown, sets: string[]): unknown {
  if (!sets.length || typeof data !== 'object' || data === null) return data;
  const suite = data as { systems?: Record<string, Record<string, unknown>> };
  for (const set of sets) {
    const match = /^([A-Za-z0-9_-]+)\.([a-z_]+)=(.*)$/s.exec(set);
    if (!match) throw new ConfigurationError(`--set ${set}: expected <system>.<key>=<value>, e.g. --set prompted.provider=openai:gpt-4o`);
    const [, system, key, raw] = match;
    // With --all, a --set applies to the suites that have the system (the CLI checks one does).
    if (!suite.systems?.[system]) continue;
    suite.systems[system][key] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return data;
}
