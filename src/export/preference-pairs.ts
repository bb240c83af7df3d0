import path from 'node:path';
import { readJudgments, latestJudgments } from '../judge/judgments-store.js';
import { inReadingOrder } from '../judge/judgment-order.js';
import type { JudgmentRecord } from '../judge/types.js';
import { renderMessages } from '../providers/render-request.js';
import { readCases, readResults, resolveRunDir } from '../store/read-run.js';
import { readRunMeta } from '../store/run-dir.js';
import { loadSuite } from '../suite/load.js';
import type { Output } from '../types.js';
import { countRefusal } from './export-suite.js';
import { openAiAssistantMessage, openAiTools, undeclaredTool } from './openai-chat.js';
import { labelStratum } from './training-examples.js';
import { trainingSystem } from './training-system.js';
import type { ExportSummary } from './types.js';
import { writeJsonlFiles, type SplitOptions, type Writable } from './write-split.js';

// OpenAI's preference fine-tuning (DPO) format, one JSON object per line:
//   {"input": {"messages": [...], "tools": [...], "parallel_tool_calls": true},
//    "preferred_output": [{"role": "assistant", …}], "non_preferred_output": [{"role": "assistant", …}]}
// Source: OpenAI, "Direct preference optimization" guide, "Data format"
// (https://platform.openai.com/docs/guides/direct-preference-optimization), and the API reference's
// FineTunePreferenceRequestInput. The outputs are assistant messages as in the chat format (openai-chat.ts).

export interface ExportPreferenceOptions extends SplitOptions {
  out: string;
  /** The system whose prompt and tools the input carries (default: the first with a prompt or tools). */
  system?: string;
}

/** Why a judgment gives no pair, or undefined when it gives one. */
function leftOutAs(record: JudgmentRecord): 'errors' | 'inconsistent' | 'ties' | undefined {
  if (record.error || record.winner === undefined) return 'errors';
  // An LLM judge asked in both orders that changed its mind is recorded as a tie with consistent: false.
  const orders = new Set((record.orders ?? []).map((order) => order.winner));
  if (record.consistent === false || orders.size > 1) return 'inconsistent';
  if (record.winner === 'tie') return 'ties';
  return undefined;
}

/**
 * `evals export <run> --format openai-preference`: each decided pairwise judgment of a judged run as a
 * DPO pair, the winner's output preferred and the loser's not. Ties, order-inconsistent verdicts and
 * judge errors are left out and counted; so are pairs whose output is missing from results.jsonl.
 */
export async function exportPreferences(reference: string, cwd: string, options: ExportPreferenceOptions): Promise<ExportSummary> {
  const runDir = resolveRunDir(reference, path.join(cwd, 'reports'), cwd);
  const meta = readRunMeta(runDir);
  const suite = await loadSuite(meta.suiteFile, cwd);
  const system = trainingSystem(suite, options.system);
  const tools = system?.tools ?? [];
  const cases = new Map((await readCases(runDir)).map((kase) => [kase.id, kase]));
  const outputs = new Map<string, Output>();
  for await (const result of readResults(runDir)) {
    if (result.output && result.status !== 'error') outputs.set(`${result.caseId}\u0000${result.system}\u0000${result.repeat}`, result.output);
  }
  // In reading order, not finishing order: the seeded split must give the same files for the same judgments.
  const judgments = inReadingOrder(latestJudgments(await readJudgments(runDir)), meta.compare);
  const leftOut = { ties: 0, inconsistent: 0, errors: 0, missingOutput: 0 };
  const refused: ExportSummary['refused'] = [];
  const items: Writable[] = [];
  for (const record of judgments) {
    const reason = leftOutAs(record);
    if (reason) {
      leftOut[reason] += 1;
      continue;
    }
    const [winner, loser] = record.winner === 'a' ? [record.a, record.b] : [record.b, record.a];
    const repeat = record.repeat ?? 0;
    const kase = cases.get(record.caseId);
    const preferred = outputs.get(`${record.caseId}\u0000${winner}\u0000${repeat}`);
    const nonPreferred = outputs.get(`${record.caseId}\u0000${loser}\u0000${repeat}`);
    if (!kase || !preferred || !nonPreferred) {
      leftOut.missingOutput += 1;
      continue;
    }
    const undeclared = undeclaredTool(preferred, tools) ?? undeclaredTool(nonPreferred, tools);
    if (undeclared) {
      countRefusal(refused, undeclared.replace('the ideal', 'an output'), kase.row);
      continue;
    }
    const messages = (system ? renderMessages(system, kase) : kase.messages).map((m) => ({ role: m.role, content: m.content }));
    items.push({
      stratum: labelStratum({ config: { labels: meta.labels } }, kase),
      line: {
        input: { messages, tools: openAiTools(tools), parallel_tool_calls: true },
        preferred_output: [openAiAssistantMessage(preferred)],
        non_preferred_output: [openAiAssistantMessage(nonPreferred)],
      },
    });
  }
  const files = writeJsonlFiles(path.resolve(cwd, options.out), `${meta.suite}.openai-preference`, items, options);
  return { format: 'openai-preference', suite: meta.suite, files, written: items.length, writtenFailing: 0, refused, skippedNoIdeal: 0, leftOut };
}
