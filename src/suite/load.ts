import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, formatProblem, type Problem } from '../errors.js';
import { DatasetRowsError, loadDataset, type Dataset } from '../dataset/load.js';
import type { UnhashedCase } from '../dataset/build-cases.js';
import { isTimeZone, normalizeDateTime, NOW_HELP, TIMEZONE_HELP } from '../dataset/time.js';
import { skippedWallClock } from '../dataset/local-time.js';
import { decisionLabelOf, resolveCheck, validateCheckSpec } from '../checks/registry.js';
import { judgeProblem } from '../judge/registry.js';
import { findProviderRef, parseProviderId, providerPrefixes } from '../providers/registry.js';
import { loadTools } from '../providers/tools.js';
import { listPrice } from '../providers/prices.js';
import { didYouMean } from '../suggest.js';
import { templateVariables } from '../template.js';
import type { CheckSpec, SystemConfig } from '../types.js';
import { suiteSchema, type ComparisonBlock, type SuiteFile, type SystemBlock } from '../schema/suite-file.js';
import { applySystemOverrides } from './overrides.js';
import { CHAMPION_SYSTEM } from '../store/champion-file.js';
import { sliceProblems } from './slice-problems.js';
import { formatPath, parseYaml, zodProblems, type ParsedYaml } from './yaml-problems.js';
import { PARSED_ONCE } from '../schema/parse-once.js';

/** A suite with its files read and validated: everything a run needs except credentials. */
export interface LoadedSuite {
  name: string;
  /** The suite file as the user would write it (relative to the working directory). */
  file: string;
  /** Project root: paths in the suite resolve against it, reports go under it. */
  root: string;
  config: SuiteFile;
  systems: SystemConfig[];
  comparisons: Array<ComparisonBlock & { rubricText?: string }>;
  dataset: Dataset;
  /** Rubric checks this run leaves out because their grader's key is not set (see evaluate/ungraded-rubrics.ts). */
  ungradedRubrics?: Array<{ rubric: string; grader: string; variable: string }>;
}

/** `canvas-trigger` → `suites/canvas-trigger.yaml`; a path is taken as it is. */
export function resolveSuitePath(nameOrPath: string, cwd: string): string {
  if (/\.ya?ml$/i.test(nameOrPath) || nameOrPath.includes('/')) return path.resolve(cwd, nameOrPath);
  for (const ext of ['.yaml', '.yml']) {
    const candidate = path.join(cwd, 'suites', nameOrPath + ext);
    if (existsSync(candidate)) return candidate;
  }
  return path.join(cwd, 'suites', `${nameOrPath}.yaml`);
}

/** Every suite under `<cwd>/suites`, sorted, for `--all`. */
export async function listSuites(cwd: string): Promise<string[]> {
  const dir = path.join(cwd, 'suites');
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir);
  return names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

/** Suites live in `<root>/suites/`; paths inside them are relative to `<root>`. */
function projectRoot(suiteFile: string): string {
  const dir = path.dirname(suiteFile);
  return path.basename(dir) === 'suites' ? path.dirname(dir) : dir;
}

export interface LoadSuiteOptions {
  /** `--set system.key=value` overrides. */
  set?: string[];
  /** `--timeout`: per-request timeout for systems that do not set `timeout_ms`. */
  defaultTimeoutMs?: number;
  /** `--slice-by a,b`: replaces the suite's `slice_by:`. */
  sliceBy?: string[];
}

export async function loadSuite(nameOrPath: string, cwd: string, options: LoadSuiteOptions = {}): Promise<LoadedSuite> {
  const absolute = resolveSuitePath(nameOrPath, cwd);
  const file = path.relative(cwd, absolute) || absolute;
  if (!existsSync(absolute)) {
    const known = (await listSuites(cwd)).map((f) => path.basename(f).replace(/\.ya?ml$/i, ''));
    throw new ConfigurationError([{ file, message: `suite not found${didYouMean(nameOrPath, known)}` }]);
  }
  const problems: Problem[] = [];
  const { config, yaml } = await parseSuiteFile(absolute, file, options, problems);
  if (options.sliceBy?.length) config.slice_by = options.sliceBy;
  const root = projectRoot(absolute);
  config.checks = config.checks.map((check) => rebaseCheckFiles(check, root));
  const at: Locate = (p) => ({ file, row: yaml.lineOf(p) });
  if (config.now !== undefined && !normalizeDateTime(config.now)) problems.push({ ...at(['now']), message: `now: ${JSON.stringify(config.now)} ${NOW_HELP}` });
  if (config.timezone !== undefined && !isTimeZone(config.timezone)) problems.push({ ...at(['timezone']), message: `timezone: ${JSON.stringify(config.timezone)} ${TIMEZONE_HELP}` });
  else if (config.timezone !== undefined && config.now !== undefined && normalizeDateTime(config.now)) {
    const skipped = skippedWallClock(config.now, config.timezone);
    if (skipped) problems.push({ ...at(['now']), message: `now: ${skipped}` });
  }

  if (config.systems[CHAMPION_SYSTEM]) {
    problems.push({
      ...at(['systems', CHAMPION_SYSTEM]),
      message: `systems.${CHAMPION_SYSTEM}: "${CHAMPION_SYSTEM}" is reserved for the saved outputs of the promoted system (evals promote); give this system another name`,
    });
  }
  const systems: SystemConfig[] = [];
  for (const [name, block] of Object.entries(config.systems)) {
    const withTimeout = { ...block, timeout_ms: block.timeout_ms ?? options.defaultTimeoutMs };
    systems.push(await resolveSystem(name, withTimeout, root, (message) => problems.push({ ...at(['systems', name]), message })));
  }
  const comparisons = await resolveComparisons(config, root, at, problems);
  checkGateSystems(config, at, problems);
  const dataset = await loadSuiteDataset(config, root, file, yaml, systems, problems);
  if (dataset) problems.push(...sliceProblems(config, dataset, file, yaml.lineOf, Boolean(options.sliceBy?.length)));
  if (problems.length || !dataset) throw new ConfigurationError(dedupe(problems));
  return { name: config.name, file, root, config, systems, comparisons, dataset };
}

type Locate = (path: PropertyKey[]) => { file: string; row: number | undefined };

/**
 * The suite file's settings alone (with `--set` applied, when given), its check files rebased as
 * loadSuite does, without reading its dataset, prompts or tools: for comparing a stored run with the
 * suite file it names.
 */
export async function readSuiteConfig(absolute: string, cwd: string, set: string[] = []): Promise<SuiteFile> {
  const file = path.relative(cwd, absolute) || absolute;
  const { config } = await parseSuiteFile(absolute, file, { set }, []);
  const root = projectRoot(absolute);
  return { ...config, checks: config.checks.map((check) => rebaseCheckFiles(check, root)) };
}

/**
 * The YAML, with `--set` applied, through the zod schema. Unknown keys are typos: they are reported and
 * left out so that one pass also reports the rest (checks, columns, the sheet) instead of making a PM
 * fix the file one round at a time. Any other schema problem stops here.
 */
async function parseSuiteFile(absolute: string, file: string, options: LoadSuiteOptions, problems: Problem[]) {
  // Read synchronously (the dataset, prompt and tools files too): nothing else runs while a suite loads,
  // and an asynchronous read starts libuv's thread pool and compiles node:fs's callback machinery on
  // the way to a run's first request (~1% of the instructions it spends there).
  const yaml = parseYaml(readFileSync(absolute, 'utf8'), file);
  if (yaml.problems.length) throw new ConfigurationError(yaml.problems);
  const data = applySystemOverrides(yaml.data, options.set ?? []);
  let parsed = suiteSchema.safeParse(data, PARSED_ONCE);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, file, yaml));
    const onlyUnknownKeys = parsed.error.issues.every((issue) => issue.code === 'unrecognized_keys');
    parsed = onlyUnknownKeys ? suiteSchema.safeParse(withoutUnknownKeys(data, parsed.error.issues), PARSED_ONCE) : parsed;
    if (!parsed.success) throw new ConfigurationError(dedupe([...problems, ...zodProblems(parsed.error, file, yaml)]));
  }
  return { config: parsed.data, yaml };
}

/** Each `compare:` block: both sides name systems, the judge is known, the rubric file is read. */
async function resolveComparisons(config: SuiteFile, root: string, at: Locate, problems: Problem[]): Promise<LoadedSuite['comparisons']> {
  const comparisons: LoadedSuite['comparisons'] = [];
  for (const [index, comparison] of config.compare.entries()) {
    for (const side of ['a', 'b'] as const) {
      // `champion` is the saved outputs of the last promoted system (reports/<suite>/champion.jsonl), not a system to run.
      if (comparison[side] === CHAMPION_SYSTEM) continue;
      if (!config.systems[comparison[side]]) {
        problems.push({ ...at(['compare', index, side]), message: `compare[${index}].${side}: no system named "${comparison[side]}"${didYouMean(comparison[side], Object.keys(config.systems))}` });
      }
    }
    // A judge is "human" (or another registered name) or a provider id; found out here, not after every output was paid for.
    const judgeIssue = judgeProblem(comparison.judge);
    if (judgeIssue) problems.push({ ...at(['compare', index, 'judge']), message: `compare[${index}].judge: ${judgeIssue}` });
    const rubricText = comparison.rubric ? await readText(root, comparison.rubric, (m) => problems.push({ ...at(['compare', index, 'rubric']), message: m })) : undefined;
    comparisons.push({ ...comparison, rubricText });
  }
  return comparisons;
}

/** A misspelt name in `gate.systems` would gate nothing and let every run pass. */
function checkGateSystems(config: SuiteFile, at: Locate, problems: Problem[]): void {
  for (const [index, name] of (config.gate.systems ?? []).entries()) {
    if (!config.systems[name])
      problems.push({
        ...at(['gate', 'systems', index]),
        message: `gate.systems: no system named "${name}"${didYouMean(name, Object.keys(config.systems))} (systems: ${Object.keys(config.systems).join(', ')})`,
      });
  }
}

/**
 * The sheet, with the label columns the checks read, linted against the suite. When it does not load,
 * the checks' own mistakes (types, option names) are still reported in this pass, and the columns they
 * read when the header was readable (only some rows are wrong).
 */
async function loadSuiteDataset(config: SuiteFile, root: string, file: string, yaml: ParsedYaml, systems: SystemConfig[], problems: Problem[]): Promise<Dataset | undefined> {
  const labelColumns = new Set(config.labels ?? []);
  for (const check of config.checks) {
    // Yes/no columns: the generic if/label, and the check's own label option (tool-called's expect; edit-kind's
    // expect is targeted/rewrite/none, not yes/no).
    for (const key of ['if', 'label', decisionLabelOf(String(check.type))]) {
      if (key === undefined) continue;
      const match = typeof check[key] === 'string' ? /^\s*\{\{\s*([^}]+?)\s*\}\}\s*$/.exec(check[key] as string) : null;
      if (match) labelColumns.add(match[1]);
    }
  }
  let headerOnly: string[] | undefined;
  // The lint looks at each case as the dataset's first pass builds it (see inspectCases), so a big
  // sheet is not read and built once more for it; its problems count once the dataset has none.
  let lint: Problem[] = [];
  try {
    const dataset = await loadDataset(config.dataset, {
      baseDir: root,
      sheet: config.sheet,
      labelColumns: [...labelColumns],
      now: config.now === undefined ? undefined : normalizeDateTime(config.now),
      timezone: config.timezone,
      inspectCases: ({ columns, source }) => {
        lint = lintAgainstColumns(config, systems, columns, source, file, yaml.lineOf);
        return lint.length ? undefined : (kase) => lint.push(...caseProblems(config, kase, source));
      },
    });
    problems.push(...lint);
    return dataset;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
    if (error instanceof DatasetRowsError) headerOnly = error.columns;
  }
  config.checks.forEach((check, index) => {
    for (const message of validateCheckSpec(check as CheckSpec, headerOnly ?? [])) {
      // A label column missing from the header was already reported by the dataset, once.
      const column = /^\{\{\s*([^}]+?)\s*\}\}/.exec(message)?.[1];
      const reported = column === undefined ? false : !headerOnly || labelColumns.has(column);
      if (!reported) problems.push({ file, row: yaml.lineOf(['checks', index]), message: `${formatPath(['checks', index])}: ${message}` });
    }
  });
  return undefined;
}

/**
 * `js` modules and json-schema files are written relative to the project root, but checks resolve
 * them against the working directory: rebase them (a no-op when running from the root, which keeps
 * check specs in baselines identical across machines).
 */
function rebaseCheckFiles<T extends { type: string; [key: string]: unknown }>(check: T, root: string): T {
  const key = check.type === 'js' ? 'module' : check.type === 'json-schema' ? 'schema' : undefined;
  const value = key ? check[key] : undefined;
  if (!key || typeof value !== 'string' || path.isAbsolute(value)) return check;
  return { ...check, [key]: path.relative(process.cwd(), path.resolve(root, value)) || value };
}

function withoutUnknownKeys(data: unknown, issues: Array<{ path: PropertyKey[]; keys?: string[] }>): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const issue of issues) {
    let target: unknown = copy;
    for (const part of issue.path) target = (target as Record<PropertyKey, unknown> | undefined)?.[part];
    if (target && typeof target === 'object') for (const key of issue.keys ?? []) delete (target as Record<string, unknown>)[key];
  }
  return copy;
}

async function readText(root: string, relative: string, report: (message: string) => void): Promise<string | undefined> {
  try {
    return readFileSync(path.resolve(root, relative), 'utf8');
  } catch {
    report(`file not found: ${relative}`);
    return undefined;
  }
}

async function resolveSystem(name: string, block: SystemBlock, root: string, report: (message: string) => void): Promise<SystemConfig> {
  const { prefix } = parseProviderId(block.provider);
  if (!findProviderRef(block.provider)) {
    report(
      `systems.${name}.provider: unknown provider "${prefix}:"${didYouMean(prefix, providerPrefixes())}; known: ${providerPrefixes()
        .map((p) => `${p}:`)
        .join(', ')}`,
    );
  }
  let tools;
  if (block.tools) {
    try {
      tools = await loadTools(block.tools, root);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      for (const problem of error.problems) report(formatProblem(problem));
    }
  }
  const prompt = block.prompt ? await readText(root, block.prompt, (m) => report(`systems.${name}.prompt: ${m}`)) : undefined;
  return {
    name,
    provider: block.provider,
    prompt,
    promptFile: block.prompt,
    tools,
    toolsFile: block.tools,
    params: { temperature: block.temperature, maxTokens: block.max_tokens, topP: block.top_p, stop: block.stop, extra: block.params },
    baseUrl: block.base_url,
    apiKeyEnv: block.api_key_env,
    timeoutMs: block.timeout_ms,
    headers: block.headers,
    concurrency: block.concurrency,
    rpm: block.rpm,
    price: block.price ?? listPrice(block.provider),
    cache: block.cache,
  };
}

/** Problems visible once the dataset's header is read: a recorded system's column, a prompt's or a check's columns missing. */
function lintAgainstColumns(config: SuiteFile, systems: SystemConfig[], columns: string[], datasetFile: string, file: string, lineOf: (path: PropertyKey[]) => number | undefined): Problem[] {
  const problems: Problem[] = [];
  const templateNames = new Set([...columns, 'now', 'timezone']);
  for (const system of systems) {
    const ref = findProviderRef(system.provider);
    if (ref?.entry.describe.recorded && !columns.includes(ref.target)) {
      problems.push({
        file,
        row: lineOf(['systems', system.name, 'provider']),
        message: `systems.${system.name}: the dataset ${datasetFile} has no column "${ref.target}"${didYouMean(ref.target, columns)}`,
      });
    }
    for (const variable of system.prompt ? templateVariables(system.prompt) : []) {
      if (!templateNames.has(variable)) {
        problems.push({ file: system.promptFile ?? file, message: `{{${variable}}} is not a column of ${datasetFile}${didYouMean(variable, templateNames)}` });
      }
    }
  }
  config.checks.forEach((check, index) => {
    for (const message of validateCheckSpec(check as CheckSpec, columns)) {
      problems.push({ file, row: lineOf(['checks', index]), message: `${formatPath(['checks', index])}: ${message}` });
    }
  });
  return problems;
}

/** A row's problems with the suite's checks (a bad label, an option a cell makes invalid), once its columns are right. */
function caseProblems(config: SuiteFile, kase: UnhashedCase, datasetFile: string): Problem[] {
  const problems: Problem[] = [];
  for (const check of config.checks) {
    const resolved = resolveCheck(check as CheckSpec, kase);
    if (!resolved.ok) problems.push({ file: datasetFile, row: kase.row, column: resolved.column, message: resolved.message });
  }
  return problems;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
