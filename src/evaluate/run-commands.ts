import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { findProviderRef } from '../providers/registry.js';
import type { RunMeta } from '../store/run-dir.js';
import { readSuiteConfig } from '../suite/load.js';

// A run folder is data. It travels as a CI artifact and anyone can edit it, so what it names must
// not decide what runs on this machine: `evals judge` runs the judges in run.json's `compare:`, and
// `evals run --resume` scores with run.json's checks and loads the suite file run.json names. A
// command (an `exec:` system or judge, a `js` check's module) runs only when the suite file in the
// working tree names it too; `--trust-run` is the deliberate way round for a folder you made yourself.

/** One command a suite or a run names, keyed so the same command matches whatever role names it. */
interface NamedCommand {
  key: string;
  /** As run.json writes it, for the message: `exec:node judge.js`, `js check checks/x.mjs`. */
  shown: string;
}

function execCommand(id: string, role: string): NamedCommand | undefined {
  const ref = findProviderRef(id);
  return ref?.prefix === 'exec' ? { key: `exec:${ref.target}`, shown: `"${id}" (an exec: ${role})` } : undefined;
}

/** `js` modules are recorded relative to the folder evals ran in (see rebaseCheckFiles): compared as absolute paths. */
function jsCheck(check: { type: string; [key: string]: unknown }): NamedCommand | undefined {
  if (check.type !== 'js' || typeof check.module !== 'string') return undefined;
  return { key: `js:${path.resolve(check.module)}`, shown: `"${check.module}" (a js check's module)` };
}

function commandsOf(config: Pick<RunMeta, 'compare' | 'checks'> & { providers: string[] }): NamedCommand[] {
  return [...config.providers.map((id) => execCommand(id, 'system')), ...config.compare.map((c) => execCommand(c.judge, 'judge')), ...(config.checks ?? []).map(jsCheck)].filter(
    (c): c is NamedCommand => c !== undefined,
  );
}

/** Inside `cwd` and not inside a reports folder: a suite file shipped inside an artifact vouches for nothing. */
function inWorkingTree(file: string, cwd: string): boolean {
  const relative = path.relative(cwd, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  return !relative.split(path.sep).includes('reports');
}

/**
 * Throws ConfigurationError (exit 2) when run.json names a command the suite file it names, as it is
 * in the working tree, does not. Naming the run folder, the command and the suite file. Call before
 * anything from the run folder is executed, unless the user passed `--trust-run`.
 */
export async function refuseUntrustedCommands(runDir: string, meta: RunMeta, cwd: string): Promise<void> {
  const named = commandsOf({ providers: meta.systems.map((s) => s.provider), compare: meta.compare, checks: meta.checks });
  if (!named.length) return;
  const suiteFile = path.resolve(cwd, meta.suiteFile);
  const trusted = inWorkingTree(suiteFile, cwd) && existsSync(suiteFile);
  const allowed = new Set<string>();
  if (trusted) {
    const config = await readSuiteConfig(suiteFile, cwd);
    const providers = Object.values(config.systems).map((s) => s.provider);
    for (const command of commandsOf({ providers, compare: config.compare, checks: config.checks })) allowed.add(command.key);
  }
  const unknown = named.filter((command) => !allowed.has(command.key));
  if (!unknown.length) return;
  const folder = path.relative(cwd, runDir) || runDir;
  const what = unknown.length === 1 ? 'a command' : 'commands';
  const why = trusted
    ? `names ${what} that the suite file ${meta.suiteFile} does not name`
    : `names ${what}, and the suite file it names (${meta.suiteFile}) is not a file of this working tree outside reports/, so nothing vouches for ${unknown.length === 1 ? 'it' : 'them'}`;
  const lines = unknown.map((command) => `  ${command.shown}`);
  throw new ConfigurationError(
    `${folder}: refused: its run.json ${why}:\n${lines.join('\n')}\n` +
      `A run folder is data (it may have been edited, e.g. as a CI artifact), so evals runs only the commands your suite file names. ` +
      `If you made this folder yourself, pass --trust-run.`,
  );
}
