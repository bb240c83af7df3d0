import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { checkSpecSchema, comparisonSchema, gateSchema } from '../schema/suite-file.js';
import { aString, optionalBoolean, optionalNumber, optionalString, optionalStrings, positiveInt, stringOrNull } from '../schema/field-shapes.js';
import { PARSED_ONCE } from '../schema/parse-once.js';
import { redactValue } from '../secrets/redact.js';

// The run folder, `reports/<suite>/<run-id>/`: its file names and run.json, defined here once and
// read and written through the same schema. Every other module names a run's files through RUN_FILES.

/** The files a run folder may hold. */
export const RUN_FILES = {
  /** How the run was made (RunMeta). Its presence is what makes a folder a run folder. */
  meta: 'run.json',
  /** One line per case × system × repeat, appended as results come in (also the resume journal). */
  results: 'results.jsonl',
  /** The run's numbers, written when the run finishes. */
  summary: 'summary.json',
  /** The cases as they were when the run started, so reports never depend on today's dataset. */
  cases: 'cases.jsonl',
  /** Pairwise judgments, LLM and human, appended as they are made. */
  judgments: 'judgments.jsonl',
  /** People's pass/fail for rubric-graded outputs, from the human judging page (src/judge/rubric-labels.ts). */
  rubricLabels: 'rubric-labels.jsonl',
  /** The baseline snapshot the run was compared with. */
  comparedWith: 'compared-with.json',
  /** Provider batches of a --batch run, polled by --resume. */
  batches: 'batches.json',
  /** The suite's champion when the run started, for a `compare:` entry naming `champion` (store/champion-file.ts). */
  champion: 'champion.jsonl',
} as const;

/**
 * run.json's format. Bump it only when an older evals could no longer read a new folder correctly
 * (a field removed, renamed or changing meaning); a new optional field keeps the version.
 */
export const RUN_FORMAT_VERSION = 1;

const systemSchema = z.object({
  name: aString,
  /** Provider id as written in the suite. */
  provider: aString,
  /** System prompt file, relative to the project. */
  prompt: stringOrNull,
  /** Tools file, relative to the project. */
  tools: stringOrNull,
  /** Model parameters sent with each request (never a key). */
  params: z
    .object({
      temperature: optionalNumber,
      maxTokens: optionalNumber,
      topP: optionalNumber,
      stop: optionalStrings,
      extra: z.record(aString, z.unknown()).optional(),
    })
    .default({}),
  /** The endpoint actually used (OPENAI_BASE_URL counts too). */
  baseUrl: stringOrNull.default(null),
  /**
   * Hashes of the prompt text, the tools and the parameters as the run used them (run/system-identity.ts):
   * the history record says whether a system changed, and a champion (`evals promote`) records them, so its
   * identity does not depend on files edited after the run. Absent in runs made before it existed.
   */
  hashes: z.object({ prompt: stringOrNull, tools: stringOrNull, params: aString }).optional(),
});

const skippedSchema = z.object({
  system: aString,
  provider: aString,
  reason: aString,
  /** The env var to set, when a credential was missing. */
  variable: optionalString,
});

/**
 * run.json: how a run was made. Fields added after the first release have defaults or are optional,
 * so folders written by older versions read. Unknown fields (from a newer evals of the same format)
 * are ignored.
 */
const runMetaSchema = z.object({
  /** Written by every version since it was introduced; a folder without it is format 1. */
  formatVersion: z.literal(RUN_FORMAT_VERSION).default(RUN_FORMAT_VERSION),
  suite: aString,
  /** The suite file, relative to the project. */
  suiteFile: aString,
  runId: aString,
  /** ISO time; for a merged run, the earliest start of its shards. */
  startedAt: aString,
  /** The dataset file, relative to the project. */
  dataset: aString,
  /** The dataset's header, in order. */
  columns: optionalStrings,
  /** The suite's `labels:`. */
  labels: optionalStrings,
  repeat: positiveInt,
  concurrency: positiveInt,
  /** --filter, --limit and --shard (`i/n`); a run of part of the suite does not list the rest as removed. */
  filter: stringOrNull,
  limit: z.number().int().nullable(),
  /** Sent through the providers' Batch APIs; --resume polls the batches saved in batches.json. */
  batch: optionalBoolean,
  /** False when the run was made with --no-cache (its resume does not use the cache either). */
  cache: optionalBoolean,
  shard: stringOrNull.default(null),
  systems: z.array(systemSchema),
  /** Systems of the suite that did not run, and why. */
  skipped: z.array(skippedSchema),
  // The suite's blocks as they were, so `evals report` and `evals compare` gate a stored run as it was
  // gated then. Not strict like the suite file: a newer evals may add an option an older one ignores.
  gate: z.object(gateSchema.shape).default({}),
  compare: z.array(z.object(comparisonSchema.shape)).default([]),
  /** The suite's `slice_by:` (or `--slice-by`): what the assessment breaks the numbers down by. */
  sliceBy: optionalStrings,
  /** Rubric checks left out because their grader's key was not set: every report says they were not graded. */
  ungradedRubrics: z.array(z.object({ rubric: aString, grader: aString, variable: aString })).optional(),
  /** Missing in the earliest runs: their summary.json has them. */
  checks: z.array(checkSpecSchema).optional(),
  /** A merged run (`evals merge`): the run ids of its shards, in shard order. */
  mergedFrom: optionalStrings,
});

export type RunMeta = z.infer<typeof runMetaSchema>;

/** What a writer gives writeRunMeta: the format version is stamped by it. */
export type NewRunMeta = Omit<RunMeta, 'formatVersion'>;

/** Run ids sort by time (to the millisecond) and do not collide: `20261126-023512-482-a1b2`. */
export function newRunId(now = new Date()): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export interface RunPaths {
  dir: string;
  results: string;
  summary: string;
  meta: string;
  /** The cases as they were when the run started, so reports never depend on today's dataset. */
  cases: string;
}

/** `reports/<suite>/<run-id>/` and the files in it. */
export function runPaths(reportsDir: string, suite: string, runId: string): RunPaths {
  return runFolderPaths(path.join(reportsDir, suite, runId));
}

/** The files of an existing run folder. */
export function runFolderPaths(dir: string): RunPaths {
  return {
    dir,
    results: path.join(dir, RUN_FILES.results),
    summary: path.join(dir, RUN_FILES.summary),
    meta: path.join(dir, RUN_FILES.meta),
    cases: path.join(dir, RUN_FILES.cases),
  };
}

/** A folder is a run folder when it holds a run.json. */
export function isRunFolder(dir: string): boolean {
  return existsSync(path.join(dir, RUN_FILES.meta));
}

export function createRunDir(paths: RunPaths): void {
  mkdirSync(paths.dir, { recursive: true });
}

/** Write run.json, stamped with this build's format version. The only way run.json is written. */
export function writeRunMeta(dir: string, meta: NewRunMeta): void {
  // Parsed on the way out too: a writer that drifts from the schema fails here, not in a later reader.
  const checked = runMetaSchema.parse({ ...meta, formatVersion: RUN_FORMAT_VERSION }, PARSED_ONCE);
  // Redacted as a whole like results: a key passed where evals does not expect one (`--set
  // candidate.params.user=…`, a filter) must not reach a file that is uploaded and committed (champions copy it).
  writeJsonAtomic(path.join(dir, RUN_FILES.meta), redactValue(checked));
}

/**
 * A run folder's run.json. The only way run.json is read. A folder without a format version was
 * written before there was one (format 1); a newer format is refused rather than misread. A missing,
 * damaged or malformed file is a ConfigurationError naming the file and the field (exit 2).
 */
export function readRunMeta(dir: string): RunMeta {
  const file = path.join(dir, RUN_FILES.meta);
  const shown = displayPath(file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'is not valid JSON (the run folder is damaged)';
    throw new ConfigurationError(`${shown} ${reason}`);
  }
  const version = typeof data === 'object' && data !== null ? (data as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > RUN_FORMAT_VERSION) {
    throw new ConfigurationError([{ file: shown, message: `written by a newer evals (format ${version}; this one reads up to ${RUN_FORMAT_VERSION}): upgrade evals-harness` }]);
  }
  const parsed = runMetaSchema.safeParse(data, PARSED_ONCE);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => ({
        file: shown,
        ...(issue.path.length ? { column: fieldName(issue.path) } : {}),
        message: `${issue.message} (the run folder is damaged)`,
      })),
    );
  }
  return parsed.data;
}

/** `systems[1].provider`, as a person would write the field. */
function fieldName(at: readonly PropertyKey[]): string {
  return at.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

/** Relative to the working folder when inside it, as the user typed it; else absolute. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Write a file through a temporary file and a rename, so a crash never leaves half a file. */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * {@link writeFileAtomic} for text too big to hold as one string (a million-case baseline): `fill`
 * writes it piece by piece, gathered into chunks of about a megabyte. A throw leaves no file behind.
 */
export function writeFileAtomicStreamed(file: string, fill: (write: (text: string) => void) => void): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = () => {
      const bytes = Buffer.from(pending.join(''));
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
      pending = [];
      pendingLength = 0;
    };
    fill((text) => {
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= 1 << 20) flush();
    });
    flush();
    closeSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  renameSync(temporary, file);
}

/** Write JSON atomically (see writeFileAtomic), indented for people reading run folders. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}
