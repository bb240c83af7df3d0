import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { LoadedSuite } from '../suite/load.js';
import { recordedEndpoint } from '../providers/shown-endpoint.js';
import { namesChampion, snapshotChampion } from '../store/champion-file.js';
import { inPieces } from '../store/in-pieces.js';
import { createRunDir, writeRunMeta, type RunMeta, type RunPaths } from '../store/run-dir.js';
import type { Case, SystemConfig } from '../types.js';
import type { ReadySystem, SkippedSystem } from './prepare-systems.js';
import type { Shard } from './shard.js';
import { systemIdentity } from './system-identity.js';

interface FolderContents {
  runId: string;
  repeat: number;
  concurrency: number;
  options: { filter?: string; limit?: number; shard?: Shard };
  ready: ReadySystem[];
  skipped: SkippedSystem[];
  /** Read once, as cases.jsonl is written. */
  cases: Iterable<Case>;
  batch: boolean;
  cache: boolean;
}

/** Create `reports/<suite>/<run-id>/` with run.json, cases.jsonl and an empty results.jsonl. */
export function createRunFolder(paths: RunPaths, suite: LoadedSuite, contents: FolderContents): void {
  createRunDir(paths);
  writeRunMeta(paths.dir, {
    suite: suite.name,
    suiteFile: suite.file,
    runId: contents.runId,
    startedAt: new Date().toISOString(),
    dataset: suite.dataset.file,
    columns: suite.dataset.columns,
    labels: suite.config.labels ?? [],
    repeat: contents.repeat,
    concurrency: contents.concurrency,
    filter: contents.options.filter ?? null,
    limit: contents.options.limit ?? null,
    batch: contents.batch,
    cache: contents.cache,
    shard: contents.options.shard ? `${contents.options.shard.index}/${contents.options.shard.count}` : null,
    systems: contents.ready.map(({ system }) => describeSystem(system)),
    skipped: contents.skipped,
    // Kept so `evals report` and `evals compare` can gate a stored run as it was gated then.
    gate: suite.config.gate,
    compare: suite.config.compare,
    ...(suite.config.slice_by?.length ? { sliceBy: suite.config.slice_by } : {}),
    ...(suite.ungradedRubrics?.length ? { ungradedRubrics: suite.ungradedRubrics } : {}),
    checks: suite.config.checks,
  });
  // One line per case, the run's own copy of the dataset, written in pieces (see inPieces).
  const fd = openSync(paths.cases, 'w');
  try {
    const lines = function* () {
      for (const kase of contents.cases) yield JSON.stringify(kase) + '\n';
    };
    for (const piece of inPieces(lines())) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
  writeFileSync(paths.results, '');
  // The champion this run is judged against, kept with it: a later promotion must not change what
  // `evals judge` or `evals report` read for this run. None yet: the comparison is skipped (see judge/).
  if (suite.config.compare.some(namesChampion)) snapshotChampion(path.dirname(path.dirname(paths.dir)), suite.name, paths.dir);
}

/** What run.json records of a system: enough to reproduce it, never a key. */
function describeSystem(system: SystemConfig): RunMeta['systems'][number] {
  return {
    name: system.name,
    provider: system.provider,
    prompt: system.promptFile ?? null,
    tools: system.toolsFile ?? null,
    params: system.params,
    // Without a password or query: run.json is not redacted, and a suite's champion.json copies it.
    baseUrl: recordedEndpoint(system.baseUrl),
    hashes: systemIdentity(system),
  };
}
