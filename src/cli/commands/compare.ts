import path from 'node:path';
import { loadReference } from '../../regression/load-snapshot.js';
import { diffRun } from '../../regression/diff-run.js';
import type { BaselineSource } from '../../regression/snapshot.js';
import { evaluateGate } from '../../regression/gate.js';
import { gateRules } from '../../regression/assess-run.js';
import { promptedSystemWarnings } from '../../regression/prompted-system.js';
import { readSummary, resolveRunDir } from '../../store/read-run.js';
import { compareDecisions, summaryOfRun } from '../../regression/decisions.js';
import { readRunMeta } from '../../store/run-dir.js';
import { ConfigurationError } from '../../errors.js';
import { EXIT } from '../../exit-codes.js';
import { paint, type CliIO } from '../io.js';
import { printComparison, printDecisions, printGate } from '../render-run.js';

/** `evals compare <before> <after>`: the regression diff of two stored runs, gated like `evals run`. */
export async function compareCommand(before: string, after: string, options: { json?: boolean }, io: CliIO): Promise<number> {
  const reportsDir = path.join(io.cwd, 'reports');
  const afterDir = resolveRunDir(after, reportsDir);
  const meta = readRunMeta(afterDir);
  const reference = await loadReference(before, meta.suite, reportsDir);
  if (!reference) return EXIT.badInput;
  try {
    return await compareWith(reference, before, after, afterDir, options, io);
  } finally {
    reference.close();
  }
}

async function compareWith(reference: BaselineSource, before: string, after: string, afterDir: string, options: { json?: boolean }, io: CliIO): Promise<number> {
  const reportsDir = path.join(io.cwd, 'reports');
  const meta = readRunMeta(afterDir);
  if (reference.suite !== meta.suite) {
    throw new ConfigurationError(`evals compare: ${before} is a run of "${reference.suite}" and ${after} of "${meta.suite}"; compare runs of one suite`);
  }
  const comparison = await diffRun(reference, afterDir, { policy: meta.gate?.repeats ?? 'all', partial: Boolean(meta.filter || meta.limit || meta.shard) });
  const decisions = compareDecisions(readSummary(afterDir), summaryOfRun(reportsDir, meta.suite, reference.runId), reference.runId);
  const gate = evaluateGate(comparison, gateRules(meta.gate ?? {}), [], [], decisions.rows);
  if (options.json) {
    io.out(JSON.stringify({ comparison, decisions, gate }, null, 2));
  } else {
    io.out(paint(io, 'bold', `${meta.suite}: ${reference.runId} → ${meta.runId}`));
    if (decisions.rows.length) printDecisions(decisions, io);
    printComparison(comparison, io);
    for (const warning of promptedSystemWarnings(comparison)) io.out(paint(io, 'yellow', `warning: ${warning}`));
    printGate({ regression: comparison, gate, warnings: [] }, io);
  }
  return gate.passed ? EXIT.ok : EXIT.gateFailed;
}
