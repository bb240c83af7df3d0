import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDiskCache, isCacheable } from '../cache/response-cache.js';
import { ServerIdentity } from '../cache/server-identity.js';
import { ConfigurationError } from '../errors.js';
import { listPrice } from '../providers/prices.js';
import { createProvider } from '../providers/registry.js';
import { pacingFor } from '../providers/paced-call.js';
import { defaultRetryPolicy, type OnRetry } from '../providers/retry.js';
import { ProviderError } from '../providers/types.js';
import { loadSuite, type LoadedSuite } from '../suite/load.js';
import type { Case, ErrorInfo, SystemConfig } from '../types.js';
import { decisionLabelColumns } from '../validate/label-balance.js';
import { idealColumn } from '../validate/self-test.js';
import { askModel, Spend, type ModelCaller } from './ask-model.js';
import { checkedColumns, checkRow, loaderLabelColumns, outputColumns, rowCells, type RowContext } from './candidate-row.js';
import { diversityReport, type DiversityReport, type DroppedCounts, type KeptRow } from './diversity.js';
import { diversityLines } from './diversity-text.js';
import { DuplicateGate } from './duplicate-gate.js';
import { outputTarget, type OutputTarget } from './output-target.js';
import { parseProposal, type Proposal } from './parse-proposal.js';
import { planAxes, planSlots, type PlannedSlot } from './plan.js';
import { ProgressFile, type AttemptLine, type Outcome } from './progress-file.js';
import { proposeTool, type ProposeShape } from './propose-tool.js';
import { synthMessages } from './synth-prompt.js';
import { checkNotSomeoneElses, checkUnedited, writeRows } from './write-output.js';

// `evals synth`: the plan (plan.ts), one request per planned row through cache and retries
// (ask-model.ts), each answer checked as `evals validate` would and against the duplicate detector,
// dropped answers asked again up to a limit, everything journalled (progress-file.ts), the rows
// written to a new CSV or tab, and the diversity report saved beside them.

export interface SynthOptions {
  suite: string;
  n: number;
  /** A provider id: `openai:gpt-4o`, `anthropic:claude-…`, any registered prefix. */
  model: string;
  out: string;
  seed: number;
  languages: string[];
  /** Requests per planned row at most (the first and its replacements). */
  maxAttempts: number;
  /** Rows asked for at once. */
  concurrency: number;
  temperature: number;
  cacheDir?: string;
  cacheRead: boolean;
  maxRetries?: number;
  timeoutMs?: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
  onRetry?: OnRetry;
  /** Called after each batch of answers: rows kept so far of n. */
  onProgress?: (kept: number, n: number) => void;
  /** Requests wait for the rate limit the model's provider states (`100/s`), or no longer do (undefined). */
  onPacing?: (limit: string | undefined) => void;
}

export interface SynthResult {
  target: OutputTarget;
  report: DiversityReport;
  lines: string[];
  /** Rows already kept by an earlier, interrupted run of the same command. */
  resumed: number;
  spend: Spend;
  /** Cost recorded by earlier runs of the same command (from the journal). */
  earlierCostUsd: number;
  /** Set when the model could not be reached: what was kept is written, and the same command continues. */
  failure?: ErrorInfo;
}

const OUTCOME_COUNTS: Record<Exclude<Outcome, 'kept'>, keyof DroppedCounts> = { 'duplicate-of-sheet': 'duplicateOfSheet', 'duplicate-of-new': 'duplicateOfNew', invalid: 'invalid' };

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(line.length > 120 ? `${line.slice(0, 117)}…` : line);
}

/** The generating model as a system: the cache keys on its provider, endpoint and parameters like a run's. */
async function modelCaller(suite: LoadedSuite, options: SynthOptions): Promise<ModelCaller> {
  const system: SystemConfig = { name: 'synth', provider: options.model, params: { temperature: options.temperature }, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  const provider = await createProvider(system, options.env, suite.root);
  const variable = provider.missingCredential();
  if (variable) throw new ConfigurationError(`--model ${options.model}: set ${variable} to use it`);
  const resolved: SystemConfig = { ...system, ...(provider.endpoint ? { baseUrl: provider.endpoint } : {}), price: listPrice(options.model) };
  // As in runs, only providers whose entry says their answers may be cached (not an exec: command, say).
  const cache = isCacheable(system) ? createDiskCache(options.cacheDir ? path.resolve(options.cwd, options.cacheDir) : path.join(suite.root, '.evals-cache'), { read: options.cacheRead }) : undefined;
  // As in runs: at a base_url server a cached answer is served only while the server reports the same model.
  const identity = provider.customEndpoint ? new ServerIdentity() : undefined;
  return {
    system: resolved,
    provider,
    ...(cache ? { cache } : {}),
    ...(identity ? { identity } : {}),
    policy: { ...defaultRetryPolicy, ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}) },
    signal: options.signal,
    onRetry: options.onRetry,
    pacing: pacingFor(provider),
  };
}

interface SlotState {
  planned: PlannedSlot;
  attempts: number;
  kept?: Record<string, string>;
  lastReason?: string;
}

export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  const suite = await loadSuite(options.suite, options.cwd);
  const target = outputTarget(options.out, suite, options.cwd);
  const labelColumns = loaderLabelColumns(suite);
  const planLabel = decisionLabelColumns(suite)[0];
  const ideal = idealColumn(suite.dataset.columns);
  const shape: ProposeShape = { labelColumns, withIdeal: ideal !== undefined, extraColumns: checkedColumns(suite, [...labelColumns, ...(ideal ? [ideal] : [])]) };
  const columns = outputColumns(suite);
  const rowContext: RowContext = {
    suite,
    columns,
    labelColumns,
    idealColumn: ideal,
    extraColumns: shape.extraColumns,
    file: path.relative(options.cwd, target.absolute) || target.absolute,
    seed: options.seed,
  };
  const axes = planAxes({ languages: options.languages, labelColumn: planLabel });
  const plan = planSlots({ n: options.n, seed: options.seed, languages: options.languages, labelColumn: planLabel });

  await checkNotSomeoneElses(target);
  const caller = await modelCaller(suite, options);
  const progress = ProgressFile.open(target.progress, path.relative(options.cwd, target.progress), {
    type: 'plan',
    version: 1,
    suite: suite.name,
    model: options.model,
    n: options.n,
    seed: options.seed,
    languages: options.languages,
    maxAttempts: options.maxAttempts,
  });

  const slots: SlotState[] = plan.map((planned) => ({ planned, attempts: 0 }));
  const gate = new DuplicateGate(suite.dataset);
  const dropped: DroppedCounts = { duplicateOfSheet: 0, duplicateOfNew: 0, invalid: 0 };
  const keptCases = new Map<number, Case>();
  let earlierCostUsd = 0;

  // An earlier run's journal: its kept rows are kept again (and join the duplicate gate), its drops counted.
  for (const line of progress.attempts) {
    const state = slots[line.slot];
    if (!state || state.kept) continue;
    state.attempts = Math.max(state.attempts, line.attempt + 1);
    earlierCostUsd += line.costUsd ?? 0;
    if (line.outcome !== 'kept') {
      dropped[OUTCOME_COUNTS[line.outcome]]++;
      state.lastReason = line.reason;
      continue;
    }
    const checked = await checkRow(rowContext, line.cells, 0);
    if ('problem' in checked) continue;
    state.kept = line.cells;
    keptCases.set(line.slot, checked.case);
    gate.keep(checked.case);
  }
  const resumed = keptCases.size;
  await checkUnedited(
    target,
    columns,
    slots.filter((s) => s.kept).map((s) => s.kept!),
  );

  const tool = proposeTool(shape);
  const promptContext = { suite, shape, idealColumn: ideal, labelColumn: planLabel, seed: options.seed };
  const spend = new Spend();
  let failure: ErrorInfo | undefined;

  const write = async () => {
    const rows = slots.filter((s) => s.kept).map((s) => s.kept!);
    await writeRows(target, columns, rows);
  };

  // The progress line says when requests wait for the provider's stated rate limit.
  const stopPacingReports = caller.pacing?.budget.onState((limit) => options.onPacing?.(limit));
  try {
    for (;;) {
      const wave = slots.filter((s) => !s.kept && s.attempts < options.maxAttempts).slice(0, options.concurrency);
      if (wave.length === 0 || options.signal?.aborted) break;
      const answers = await Promise.allSettled(
        wave.map((state) => {
          const request = {
            case: { id: `synth-${state.planned.slot}`, file: target.shown, row: 0, messages: [], columns: {}, tags: [], contentHash: '' },
            messages: synthMessages(promptContext, state.planned, state.lastReason),
            tools: [tool],
            // Part of the cache key: each planned row and each of its replacements is its own answer
            // (Cantor's pairing of the two numbers, so the key does not depend on --max-attempts).
            repeat: ((state.planned.slot + state.attempts) * (state.planned.slot + state.attempts + 1)) / 2 + state.attempts,
          };
          return askModel(caller, request, (output) => parseProposal(output, shape, options.model), spend);
        }),
      );
      // Judged in plan order, whatever order the answers came in: the same answers keep the same rows.
      for (const [index, settled] of answers.entries()) {
        const state = wave[index];
        if (settled.status === 'rejected') {
          // A request cut short by Ctrl-C is not the model's failure: it is asked again by the next run.
          if (options.signal?.aborted) continue;
          // Anything but a provider's failure is a bug, not an outage: it is not dressed up as one.
          if (!(settled.reason instanceof ProviderError)) throw settled.reason;
          failure ??= settled.reason.info;
          continue;
        }
        const answer = settled.value;
        const line = await judgeProposal(rowContext, gate, state, answer.value);
        progress.append({ ...line, cached: answer.cached, ...usageOf(answer) });
        state.attempts++;
        if (line.outcome === 'kept') {
          state.kept = line.cells;
        } else {
          dropped[OUTCOME_COUNTS[line.outcome]]++;
          state.lastReason = line.reason;
        }
      }
      await write();
      options.onProgress?.(slots.filter((s) => s.kept).length, options.n);
      if (failure) break;
    }
  } finally {
    stopPacingReports?.();
    caller.cache?.close();
  }
  await write();

  const kept: KeptRow[] = [];
  for (const state of slots) {
    if (!state.kept) continue;
    const checked = await checkRow(rowContext, state.kept, kept.length + 2);
    if ('case' in checked) kept.push({ kase: checked.case, axes: state.planned.axes });
  }
  const report = diversityReport(kept, options.n, labelColumns, axes, dropped);
  const lines = diversityLines(report);
  writeFileSync(target.reportJson, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(target.reportMarkdown, lines.join('\n') + '\n');
  return { target, report, lines, resumed, spend, earlierCostUsd, ...(failure ? { failure } : {}) };
}

function usageOf(answer: { output: { usage?: { inputTokens: number; outputTokens: number } }; cached: boolean; costUsd?: number }): Partial<AttemptLine> {
  if (answer.cached || !answer.output.usage) return {};
  return { inputTokens: answer.output.usage.inputTokens, outputTokens: answer.output.usage.outputTokens, ...(answer.costUsd !== undefined ? { costUsd: answer.costUsd } : {}) };
}

/** Keep the proposal, or say why not (the reason goes to the model with the next request for this row). */
async function judgeProposal(context: RowContext, gate: DuplicateGate, state: SlotState, proposal: Proposal): Promise<Omit<AttemptLine, 'cached'>> {
  const cells = rowCells(context, state.planned, proposal);
  const base = { type: 'attempt' as const, slot: state.planned.slot, attempt: state.attempts, cells };
  const checked = await checkRow(context, cells, state.planned.slot + 2);
  if ('problem' in checked) return { ...base, outcome: 'invalid', reason: `It would fail evals validate: ${checked.problem}.` };
  const hit = gate.check(checked.case);
  if (hit) {
    const where = hit.of === 'sheet' ? `an existing case (id ${hit.id})` : 'another new case';
    return { ...base, outcome: hit.of === 'sheet' ? 'duplicate-of-sheet' : 'duplicate-of-new', reason: `It was nearly the same as ${where}: ${quote(hit.text)}.` };
  }
  gate.keep(checked.case);
  return { ...base, outcome: 'kept' };
}
