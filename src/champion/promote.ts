import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { addChampionOutputs } from '../judge/champion-outputs.js';
import { readJudgments } from '../judge/judgments-store.js';
import { RunOutputs } from '../judge/run-pairs.js';
import { summarizeJudgments, type ComparisonSummary } from '../judge/summarize.js';
import { PROMPTED_SYSTEM } from '../regression/prompted-system.js';
import { wilsonInterval } from '../stats/wilson.js';
import { championPath, CHAMPION_SYSTEM, entryOf, readChampionIfAny, writeChampion, type ChampionEntry, type ChampionFile, type ChampionIdentity } from '../store/champion-file.js';
import { readCases, readResults, readSummary, resolveRunDir } from '../store/read-run.js';
import { readRunMeta, type RunMeta } from '../store/run-dir.js';
import type { RunSummary } from '../store/summary.js';
import { didYouMean } from '../suggest.js';
import { appendLineage, lineagePath, readLineage, type LineageLine } from './lineage-file.js';
import { otherSuitesNow } from './other-suites.js';

// `evals promote <run> --system <name>`: that system's outputs become the suite's champion, the
// outputs the next candidate is judged against without calling the old model; the promotion is
// appended to the lineage with the run's numbers. Only a whole, error-free run can be promoted:
// a champion with holes would turn every later comparison's missing cases into "not in champion".

export interface PromoteOptions {
  /** The project folder (reports/ is under it). */
  cwd: string;
  /** A run id or folder, or a suite name for its latest run. */
  run: string;
  system: string;
  label?: string;
  now?: Date;
}

export interface Promotion {
  suite: string;
  runDir: string;
  championFile: string;
  lineageFile: string;
  line: LineageLine;
  champion: ChampionFile;
  meta: RunMeta;
}

/** Promote a system of a stored run. Throws ConfigurationError (exit 2) for a run that may not be promoted. */
export async function promote(options: PromoteOptions): Promise<Promotion> {
  const reportsDir = path.join(options.cwd, 'reports');
  const runDir = resolveRunDir(options.run, reportsDir, options.cwd);
  const meta = readRunMeta(runDir);
  const summary = readSummary(runDir);
  const system = refusePromotion(meta, summary, options.system, options.run);
  const entries: ChampionEntry[] = [];
  for await (const record of readResults(runDir)) {
    if (record.system === options.system && record.output) entries.push(entryOf(record.caseId, record.repeat, record.caseHash, record.output));
  }
  const at = (options.now ?? new Date()).toISOString();
  const identity = identityOf(system);
  const champion: ChampionFile = {
    header: { champion: 1, suite: meta.suite, system: options.system, ...(options.label ? { label: options.label } : {}), runId: meta.runId, promotedAt: at, repeat: meta.repeat, identity },
    entries,
  };
  const previous = readChampionIfAny(reportsDir, meta.suite);
  // Promoting the champion again would add a generation that is its own predecessor.
  if (previous?.header.runId === meta.runId && previous.header.system === options.system) {
    throw new ConfigurationError(`evals promote: ${options.system} of run ${meta.runId} is already the champion of ${meta.suite}; nothing was promoted`);
  }
  const lineageFile = lineagePath(reportsDir, meta.suite);
  const generation = readLineage(lineageFile).length + 1;
  const stats = summary!.systems.find((s) => s.system === options.system)!;
  const scored = stats.pass + stats.fail;
  const interval = wilsonInterval(stats.pass, scored);
  const line: LineageLine = {
    suite: meta.suite,
    system: options.system,
    ...(options.label ? { label: options.label } : {}),
    runId: meta.runId,
    at,
    generation,
    provider: identity.provider,
    model: identity.model,
    passRate: scored ? stats.pass / scored : null,
    passRateInterval: { low: interval.low, high: interval.high },
    ...(await versusPrevious(runDir, meta, options.system, previous)),
    otherSuites: otherSuitesNow(reportsDir, meta.suite),
  };
  const championFile = championPath(reportsDir, meta.suite);
  writeChampion(championFile, champion);
  appendLineage(lineageFile, line);
  return { suite: meta.suite, runDir, championFile, lineageFile, line, champion, meta };
}

/** The system's entry in run.json, or the reason this run cannot give a champion. */
function refusePromotion(meta: RunMeta, summary: RunSummary | undefined, name: string, reference: string): RunMeta['systems'][number] {
  const refuse = (why: string): never => {
    throw new ConfigurationError(`evals promote: ${reference}: ${why}; nothing was promoted`);
  };
  const partial = [meta.filter !== null ? `--filter ${meta.filter}` : '', meta.limit !== null ? `--limit ${meta.limit}` : '', meta.shard ? `--shard ${meta.shard}` : ''].filter(Boolean);
  if (partial.length) refuse(`the run covered only part of the suite (${partial.join(', ')}); promote a run of every case (or the merged run of its shards)`);
  if (name === CHAMPION_SYSTEM) refuse(`"${CHAMPION_SYSTEM}" is the saved champion itself; name the system that produced the outputs`);
  const system = meta.systems.find((s) => s.name === name);
  if (!system) {
    const skipped = meta.skipped.find((s) => s.system === name);
    refuse(
      skipped
        ? `system "${name}" did not run (${skipped.reason})`
        : `no system "${name}" in this run${didYouMean(
            name,
            meta.systems.map((s) => s.name),
          )}; it ran: ${meta.systems.map((s) => s.name).join(', ')}`,
    );
  }
  if (!summary || !summary.complete) refuse('the run is incomplete; finish it with `evals run --resume <run-id>` first');
  const stats = summary!.systems.find((s) => s.system === name);
  if (!stats || stats.results === 0) refuse(`system "${name}" has no results in this run`);
  if (stats!.error > 0) refuse(`system "${name}" errored on ${stats!.error} of ${stats!.results} results; a champion needs an answer for every case (rerun, then promote)`);
  return system!;
}

/** Who the champion is: provider, model, endpoint and the hashes of what it was given. */
function identityOf(system: RunMeta['systems'][number]): ChampionIdentity {
  const colon = system.provider.indexOf(':');
  return {
    provider: system.provider,
    model: colon === -1 ? system.provider : system.provider.slice(colon + 1),
    baseUrl: system.baseUrl,
    prompt: system.prompt,
    tools: system.tools,
    promptHash: system.hashes?.prompt ?? null,
    toolsHash: system.hashes?.tools ?? null,
    paramsHash: system.hashes?.params ?? null,
  };
}

/**
 * The win rate over the predecessor, from the run's own judgments: against the champion the run kept,
 * when that is still the suite's champion (a run judged against an older one says nothing about this
 * step); for the first generation, against the prompted system.
 */
async function versusPrevious(runDir: string, meta: RunMeta, system: string, previous: ChampionFile | undefined): Promise<Pick<LineageLine, 'previous' | 'winRateVsPrevious' | 'notInPrevious'>> {
  const opponent = previous ? CHAMPION_SYSTEM : PROMPTED_SYSTEM;
  const before: LineageLine['previous'] = previous
    ? { kind: 'champion', runId: previous.header.runId, system: previous.header.system, ...(previous.header.label ? { label: previous.header.label } : {}) }
    : { kind: 'prompted' };
  const kept = previous ? addChampionOutputs(runDir, await readCases(runDir), meta.repeat, new RunOutputs()) : undefined;
  if (previous && kept?.header.runId !== previous.header.runId) return { previous: before };
  const rows = summarizeJudgments(await readJudgments(runDir), { compare: meta.compare }).comparisons.filter((c) => c.winRate !== null && pairOf(c, system, opponent));
  // Rows in compare: order, so two judges of one pair give the same choice whatever order they finished in.
  const chosen = rows.find((r) => r.judge.startsWith('llm:')) ?? rows[0];
  const notInPrevious = kept ? kept.notInChampion.added.length + kept.notInChampion.changed.length : undefined;
  if (!chosen) return { previous: before, ...(notInPrevious !== undefined ? { notInPrevious } : {}) };
  const mine = chosen.a === system;
  const winRateVsPrevious = {
    rate: mine ? chosen.winRate! : 1 - chosen.winRate!,
    low: mine ? chosen.low : 1 - chosen.high,
    high: mine ? chosen.high : 1 - chosen.low,
    n: chosen.n,
    judge: chosen.judge,
  };
  return { previous: before, winRateVsPrevious, ...(notInPrevious !== undefined ? { notInPrevious } : {}) };
}

function pairOf(row: ComparisonSummary, x: string, y: string): boolean {
  return (row.a === x && row.b === y) || (row.a === y && row.b === x);
}
