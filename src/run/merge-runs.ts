import { appendFileSync, copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, RunFailure } from '../errors.js';
import { judgmentsPath, readJudgmentsFile } from '../judge/judgments-store.js';
import { jobKey } from '../store/journal.js';
import { readCases, readJsonLines, readSummary } from '../store/read-run.js';
import { ResultsWriter } from '../store/results-writer.js';
import { redactValue } from '../secrets/redact.js';
import { createRunDir, newRunId, readRunMeta, RUN_FILES, runPaths, writeJsonAtomic, writeRunMeta, type RunMeta } from '../store/run-dir.js';
import { finishSummary, SummaryBuilder, type RunSummary } from '../store/summary.js';
import type { Case, ResultRecord } from '../types.js';

/**
 * `evals merge <run-dirs...>`: shards of one suite (`--shard i/n` on several machines) become one
 * run, case for case the same as an unsharded run. Results stream from the shards to the new
 * journal, so merging a large suite does not hold it in memory.
 */
export async function mergeRuns(dirs: string[], reportsDir: string): Promise<{ runDir: string; summary: RunSummary }> {
  const metas = dirs.map((dir) => readRunMeta(dir));
  checkShards([{ suite: metas[0].suite, dirs, metas }]);
  const first = metas[0];
  const runId = newRunId();
  const paths = runPaths(reportsDir, first.suite, runId);
  createRunDir(paths);

  const cases = new Map<string, Case>();
  for (const dir of dirs) for (const kase of await readCases(dir)) cases.set(kase.id, kase);
  const ordered = [...cases.values()].sort((a, b) => a.row - b.row);
  writeFileSync(paths.cases, ordered.map((c) => JSON.stringify(c) + '\n').join(''));

  const builder = new SummaryBuilder(first.repeat);
  const seen = new Set<string>();
  const writer = new ResultsWriter(paths.results);
  try {
    for (const dir of dirs) {
      for await (const stored of readJsonLines<ResultRecord>(path.join(dir, RUN_FILES.results))) {
        const record = redactValue(stored);
        const key = jobKey(record.caseId, record.system, record.repeat);
        if (seen.has(key)) continue;
        seen.add(key);
        writer.append(record);
        builder.add(record);
      }
    }
  } finally {
    writer.close();
  }

  // Each shard judged its own pairs; together they are the judgments of the whole run.
  for (const dir of dirs) {
    const judgments = await readJudgmentsFile(judgmentsPath(dir));
    if (judgments.length) appendFileSync(judgmentsPath(paths.dir), judgments.map((j) => JSON.stringify(j) + '\n').join(''));
  }
  // The champion the shards were judged against, so the merged run can be judged and promoted like an unsharded one.
  const kept = dirs.map((dir) => path.join(dir, RUN_FILES.champion)).find((file) => existsSync(file));
  if (kept) copyFileSync(kept, path.join(paths.dir, RUN_FILES.champion));

  const summaries = dirs.map((dir) => readSummary(dir));
  const starts = metas.map((m) => new Date(m.startedAt).getTime());
  const ends = summaries.map((s, i) => (s ? new Date(s.finishedAt).getTime() : starts[i]));
  writeRunMeta(paths.dir, { ...first, runId, shard: null, mergedFrom: metas.map((m) => m.runId), startedAt: new Date(Math.min(...starts)).toISOString() });
  const summary = finishSummary(builder, {
    suite: first.suite,
    runId,
    startedAt: new Date(Math.min(...starts)),
    finishedAt: new Date(Math.max(...ends)),
    cases: ordered.length,
    repeat: first.repeat,
    checks: first.checks ?? summaries[0]?.checks ?? [],
    systems: first.systems.map((s) => ({ name: s.name, provider: s.provider })),
    skipped: first.skipped,
    written: seen.size,
    planned: ordered.length * first.systems.length * first.repeat,
    costs: summaries.find((s) => s?.costs)?.costs,
  });
  writeJsonAtomic(paths.summary, summary);
  return { runDir: paths.dir, summary };
}

/** The shards of one suite, in shard order. */
export interface ShardGroup {
  suite: string;
  dirs: string[];
  metas: RunMeta[];
}

/**
 * Run folders of one or several suites (all shard folders found under reports/ after a CI matrix)
 * grouped by suite, every group checked before anything is written: a bad or missing shard of one suite
 * must not leave the others merged and the job looking half done.
 */
export function groupShards(dirs: string[]): ShardGroup[] {
  const groups = new Map<string, ShardGroup>();
  for (const dir of dirs) {
    const meta = readRunMeta(dir);
    const group = groups.get(meta.suite) ?? { suite: meta.suite, dirs: [], metas: [] };
    group.dirs.push(dir);
    group.metas.push(meta);
    groups.set(meta.suite, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.suite.localeCompare(b.suite)).map(inShardOrder);
  checkShards(sorted);
  return sorted;
}

function inShardOrder(group: ShardGroup): ShardGroup {
  const index = (m: RunMeta) => Number(m.shard?.split('/')[0] ?? 0);
  const order = group.metas.map((_, i) => i).sort((a, b) => index(group.metas[a]) - index(group.metas[b]));
  return { suite: group.suite, dirs: order.map((i) => group.dirs[i]), metas: order.map((i) => group.metas[i]) };
}

/**
 * Runs that are not shards of one run are a usage error (exit 2). A missing shard is a run that
 * could not be completed (exit 3): a shard job that failed in CI must not yield a green, smaller run.
 */
function checkShards(groups: ShardGroup[]): void {
  const problems: string[] = [];
  const missing: string[] = [];
  for (const group of groups) {
    const found = shardProblems(group);
    problems.push(...found.problems);
    if (found.missing) missing.push(found.missing);
  }
  if (problems.length) throw new ConfigurationError(`evals merge: these runs are not shards of one run:\n  ${[...problems, ...missing].join('\n  ')}`);
  if (missing.length) {
    throw new RunFailure(
      `evals merge: the run is incomplete, nothing was merged:\n  ${missing.join('\n  ')}\n  A shard's job failed or its run folder was not copied; rerun that shard and merge again.`,
    );
  }
}

function shardProblems({ suite, dirs, metas }: ShardGroup): { problems: string[]; missing?: string } {
  const [first] = metas;
  const systems = (m: RunMeta) =>
    m.systems
      .map((s) => `${s.name}=${s.provider}`)
      .sort()
      .join(',');
  const same = (m: RunMeta, key: 'filter' | 'limit' | 'gate' | 'compare') => JSON.stringify(m[key] ?? null) === JSON.stringify(first[key] ?? null);
  const problems: string[] = [];
  metas.forEach((meta, i) => {
    if (!existsSync(path.join(dirs[i], RUN_FILES.results))) problems.push(`${dirs[i]}: no ${RUN_FILES.results}`);
    if (meta.repeat !== first.repeat) problems.push(`${dirs[i]}: --repeat ${meta.repeat}, not ${first.repeat}`);
    if (systems(meta) !== systems(first)) problems.push(`${dirs[i]}: systems ${systems(meta)}, not ${systems(first)}`);
    if (!same(meta, 'filter') || !same(meta, 'limit')) problems.push(`${dirs[i]}: another --filter or --limit than ${dirs[0]}`);
    if (!same(meta, 'gate') || !same(meta, 'compare')) problems.push(`${dirs[i]}: the suite's gate or compare blocks differ from ${dirs[0]} (shards of different commits?)`);
  });
  const shards = metas.map((m) => m.shard).filter((s): s is string => Boolean(s));
  if (new Set(shards).size !== shards.length) problems.push(`${suite}: the same shard appears twice: ${shards.join(', ')}`);
  if (shards.length !== metas.length) {
    problems.push(`${suite}: every run must be a shard (made with --shard i/n)${metas.some((m) => m.mergedFrom) ? '; one is already a merged run' : ''}`);
    return { problems };
  }
  const count = Number(shards[0].split('/')[1]);
  if (shards.some((s) => Number(s.split('/')[1]) !== count)) problems.push(`${suite}: the shards split the suite differently: ${shards.join(', ')}`);
  const absent = Array.from({ length: count }, (_, i) => `${i + 1}/${count}`).filter((s) => !shards.includes(s));
  const missing = absent.length ? `${suite}: missing shard${absent.length === 1 ? '' : 's'} ${absent.join(', ')} of ${count}` : undefined;
  return { problems, missing };
}
