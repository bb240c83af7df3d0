import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { serviceUrl } from '../providers/http.js';
import { findProviderRef } from '../providers/registry.js';
import { redactMessage } from '../secrets/redact.js';
import { shownEndpoint } from '../providers/shown-endpoint.js';
import type { RunMeta } from '../store/run-dir.js';
import { readSuiteConfig } from '../suite/load.js';

// A run folder is data. It travels as a CI artifact and anyone can edit it, so what it names must
// not decide what runs on this machine, nor where it sends the run's cases, outputs and keys:
// `evals judge` runs the judges in run.json's `compare:`, and `evals run --resume` scores with
// run.json's checks (rubric graders included) and loads the suite file run.json names. A command (an
// `exec:` system, judge or grader, a `js` check's module) runs, and an endpoint (an `http:` service,
// a system's base URL) is called, only when the suite file in the working tree names it too;
// `--trust-run` is the deliberate way round for a folder you made yourself.

/** One command or endpoint a suite or a run names, keyed so the same one matches whatever role names it. */
interface NamedCommand {
  kind: 'command' | 'endpoint';
  key: string;
  /** As run.json writes it (a URL without a password, query or fragment), for the message: `exec:node judge.js`, `js check checks/x.mjs`. */
  shown: string;
}

/** A system as run.json records it, or as a suite file names it (`baseUrl`: its own `base_url`, if any). */
interface NamedSystem {
  name: string;
  provider: string;
  baseUrl?: string | null;
}

/** A URL fit for the message: without a password, query or fragment (shownEndpoint), key shapes cut out of anything else. */
function shownUrl(url: string): string {
  return shownEndpoint(url) ?? redactMessage(url);
}

/** What a provider id runs or calls by itself, whatever its base URL: an `exec:` command, an `http:` service. */
function providerTarget(id: string, role: string): NamedCommand | undefined {
  const ref = findProviderRef(id);
  if (ref?.prefix === 'exec') return { kind: 'command', key: `exec:${ref.target}`, shown: `"${id}" (an exec: ${role})` };
  if (ref?.prefix === 'http') return { kind: 'endpoint', key: `http:${serviceUrl(ref.target)}`, shown: `"http:${shownUrl(ref.target)}" (an http: ${role})` };
  return undefined;
}

/**
 * The `base_url` a suite file gives a system. Checked only in a suite file that travels with the run
 * folder (--resume builds its systems from it, so its base URLs are called with this machine's keys).
 * The base URLs run.json records are not: neither `evals judge` nor `--resume` calls them (systems are
 * built from the suite file, with this machine's OPENAI_BASE_URL and the like), and comparing them
 * would refuse every CI artifact judged on a machine whose variables differ from the CI's.
 */
function baseUrlOf(system: NamedSystem): NamedCommand | undefined {
  if (!system.baseUrl) return undefined;
  return { kind: 'endpoint', key: `base_url:${system.provider}:${system.baseUrl}`, shown: `"${shownUrl(system.baseUrl)}" (the base_url of system "${system.name}", ${system.provider})` };
}

type CheckSpec = { type: string; [key: string]: unknown };

/** `js` modules are recorded relative to the folder evals ran in (see rebaseCheckFiles): compared as absolute paths. */
function jsCheck(check: CheckSpec): NamedCommand | undefined {
  if (check.type !== 'js' || typeof check.module !== 'string') return undefined;
  return { kind: 'command', key: `js:${path.resolve(check.module)}`, shown: `"${check.module}" (a js check's module)` };
}

/** A rubric check's grader is a provider id like a system's: an `exec:` grader runs, an `http:` one is called. */
function graderOf(check: CheckSpec): NamedCommand | undefined {
  return check.type === 'rubric' && typeof check.grader === 'string' ? providerTarget(check.grader, 'rubric grader') : undefined;
}

/** What a run.json or a suite file names that may run or be called. */
type Names = Pick<RunMeta, 'compare' | 'checks'> & { systems: NamedSystem[] };

function namedBy(config: Names): NamedCommand[] {
  return [
    ...config.systems.map((s) => providerTarget(s.provider, 'system')),
    ...config.compare.map((c) => providerTarget(c.judge, 'judge')),
    ...(config.checks ?? []).flatMap((check) => [jsCheck(check), graderOf(check)]),
  ].filter((c): c is NamedCommand => c !== undefined);
}

/** What a suite file names, with the `--set` overrides the user typed; each system with its own `base_url`. */
async function suiteNames(suiteFile: string, cwd: string, set: string[]): Promise<Names> {
  const config = await readSuiteConfig(suiteFile, cwd, set);
  const systems = Object.entries(config.systems).map(([name, block]) => ({ name, provider: block.provider, baseUrl: block.base_url }));
  return { systems, compare: config.compare, checks: config.checks };
}

/** Inside `cwd` and not inside a reports folder: a suite file shipped inside an artifact vouches for nothing. */
function inWorkingTree(file: string, cwd: string): boolean {
  const relative = path.relative(cwd, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  return !relative.split(path.sep).includes('reports');
}

/** `a command`, `endpoints`, `a command and endpoints`. */
function describeKinds(unknown: NamedCommand[]): string {
  const count = (kind: NamedCommand['kind']) => unknown.filter((c) => c.kind === kind).length;
  const commands = count('command');
  const endpoints = count('endpoint');
  return [commands ? (commands === 1 ? 'a command' : 'commands') : '', endpoints ? (endpoints === 1 ? 'an endpoint' : 'endpoints') : ''].filter(Boolean).join(' and ');
}

/**
 * Throws ConfigurationError (exit 2) when run.json names a command or an endpoint that the suite file
 * it names, as it is in the working tree, does not; naming the run folder, each of them and the suite
 * file. With `loadsSuiteFile` (--resume), a suite file outside the working tree counts as part of the
 * folder, and what it names is refused too, its systems' `base_url`s included. Call before anything
 * from the run folder is executed or called, unless `--trust-run`.
 */
export async function refuseUntrustedCommands(runDir: string, meta: RunMeta, cwd: string, use: { loadsSuiteFile: boolean; set?: string[] }): Promise<void> {
  const suiteFile = path.resolve(cwd, meta.suiteFile);
  const trusted = inWorkingTree(suiteFile, cwd) && existsSync(suiteFile);
  const named = namedBy(meta);
  // --resume builds its systems from the suite file run.json names: one that is not the working tree's
  // travels with the folder, so what it names is named by the folder too.
  if (!trusted && use.loadsSuiteFile && existsSync(suiteFile)) {
    const shipped = await suiteNames(suiteFile, cwd, use.set ?? []);
    const names = [...namedBy(shipped), ...shipped.systems.map(baseUrlOf).filter((c): c is NamedCommand => c !== undefined)];
    for (const command of names) named.push({ ...command, shown: `${command.shown}, in ${meta.suiteFile}` });
  }
  if (!named.length) return;
  const allowed = new Set<string>();
  if (trusted) for (const command of namedBy(await suiteNames(suiteFile, cwd, use.set ?? []))) allowed.add(command.key);
  const unknown = named.filter((command) => !allowed.has(command.key));
  if (!unknown.length) return;
  const folder = path.relative(cwd, runDir) || runDir;
  const what = describeKinds(unknown);
  const why = trusted
    ? `names ${what} that the suite file ${meta.suiteFile} does not name`
    : `names ${what}, and the suite file it names (${meta.suiteFile}) is not a file of this working tree outside reports/, so nothing vouches for ${unknown.length === 1 ? 'it' : 'them'}`;
  const lines = unknown.map((command) => `  ${command.shown}`);
  throw new ConfigurationError(
    `${folder}: refused: its run.json ${why}:\n${lines.join('\n')}\n` +
      `A run folder is data (it may have been edited, e.g. as a CI artifact), so evals runs only the commands, and sends cases, outputs and keys only to the endpoints, that your suite file names. ` +
      `If you made this folder yourself, pass --trust-run.`,
  );
}
