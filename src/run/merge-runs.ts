import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { jobKey } from '../store/journal.js';
import { readCases, readJsonLines, readMeta, readSummary, type RunMeta } from '../store/read-run.js';
import { ResultsWriter } from '../store/results-writer.js';
import { createRunDir, newRunId, runPaths, writeJsonAtomic } from '../store/run-dir.js';
import { finishSummary, SummaryBuilder, type RunSummary } from '../store/summary.js';
import type { Case, ResultRecord } from '../types.js';

/**
 * `evals merge <run-dirs...>`: shards of one suite (`--shard i/n` on several machines) become one
 * run, case for case the same as an unsharded run. Results stream from the shards to the new
 * journal, so merging a large suite does not hold it in memory.
 */
export async function mergeRuns(dirs: string[], reportsDir: string): Promise<{ runDir: string; summary: RunSummary }> {
  if (dirs.length < 2) throw new ConfigurationError('evals merge: give two or more run folders (shards of one suite)');
  const metas = dirs.map((dir) => readMeta(dir));
  checkCompatible(dirs, metas);
  const first = metas[0];
  const runId = newRunId();
  const paths = runPaths(reportsDir, first.suite, runId);
  createRunDir(paths);

  const cases = new Map<string, Case>();
  for (const dir of dirs) for (const kase of await readCases(dir)) cases.set(kase.id, kase);
  const ordered = [...cases.values()].sort((a, b) => a.row - b.row);
  writeFileSync(paths.cases, ordered.map((c) => JSON.stringify(c) + '\n').join(''));

  const builder = new SummaryBuilder();
  const seen = new Set<string>();
  const writer = new ResultsWriter(paths.results);
  try {
    for (const dir of dirs) {
      for await (const record of readJsonLines<ResultRecord>(path.join(dir, 'results.jsonl'))) {
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

  const summaries = dirs.map((dir) => readSummary(dir));
  const starts = metas.map((m) => new Date(m.startedAt).getTime());
  const ends = summaries.map((s, i) => (s ? new Date(s.finishedAt).getTime() : starts[i]));
  writeJsonAtomic(paths.meta, { ...first, runId, shard: null, mergedFrom: metas.map((m) => m.runId), startedAt: new Date(Math.min(...starts)).toISOString() });
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
  });
  writeJsonAtomic(paths.summary, summary);
  return { runDir: paths.dir, summary };
}

function checkCompatible(dirs: string[], metas: RunMeta[]): void {
  const [first] = metas;
  const systems = (m: RunMeta) => m.systems.map((s) => `${s.name}=${s.provider}`).sort().join(',');
  const problems: string[] = [];
  metas.forEach((meta, i) => {
    if (!existsSync(path.join(dirs[i], 'results.jsonl'))) problems.push(`${dirs[i]}: no results.jsonl`);
    if (meta.suite !== first.suite) problems.push(`${dirs[i]}: suite "${meta.suite}", not "${first.suite}"`);
    if (meta.repeat !== first.repeat) problems.push(`${dirs[i]}: --repeat ${meta.repeat}, not ${first.repeat}`);
    if (systems(meta) !== systems(first)) problems.push(`${dirs[i]}: systems ${systems(meta)}, not ${systems(first)}`);
  });
  const shards = metas.map((m) => m.shard).filter((s): s is string => Boolean(s));
  if (new Set(shards).size !== shards.length) problems.push(`the same shard appears twice: ${shards.join(', ')}`);
  if (shards.length !== metas.length) problems.push('every run must be a shard (made with --shard i/n)');
  else {
    // A shard job that failed in CI must not yield a green, smaller run.
    const count = Number(shards[0].split('/')[1]);
    const missing = Array.from({ length: count }, (_, i) => `${i + 1}/${count}`).filter((s) => !shards.includes(s));
    if (missing.length) problems.push(`missing shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count}`);
    if (shards.some((s) => Number(s.split('/')[1]) !== count)) problems.push(`the shards split the suite differently: ${shards.join(', ')}`);
  }
  if (problems.length) throw new ConfigurationError(`evals merge: these runs are not shards of one run:\n  ${problems.join('\n  ')}`);
}
