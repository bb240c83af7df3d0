import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { stratifiedSample } from '../stats/stratified.js';
import { loadSuite } from '../suite/load.js';
import { didYouMean } from '../suggest.js';
import { dropDuplicates } from './dedupe.js';
import { readLog } from './read-log.js';
import { BUILT_IN_RULES, loadScrubRules } from './scrub-rules.js';
import { scrubConversation } from './scrub.js';
import type { ImportFormat, LoggedConversation } from './types.js';
import { writeCandidates, writeScrubReport } from './write-candidates.js';

export interface ImportOptions {
  /** The suite the candidates are for (its sheet is what they are deduplicated against). */
  to: string;
  format?: ImportFormat;
  sample?: number;
  stratifyBy?: string;
  seed: number;
  scrubRules?: string;
  /** The candidates' CSV (default `datasets/<suite>.candidates.csv`). */
  out?: string;
}

export interface ImportSummary {
  suite: string;
  format: ImportFormat;
  read: number;
  sampled: number;
  scrubbed: { values: number; conversations: number; byRule: Record<string, number> };
  duplicates: Array<{ source: string; of: string; against: 'sheet' | 'new'; exact: boolean }>;
  written: number;
  file: string;
  report: string;
}

const where = (c: LoggedConversation) => `${c.file}:${c.line}`;

/**
 * `evals import <log> --to <suite>`: production conversations → candidate cases in a new CSV. Read (every
 * bad line is exit 2), sampled (stratified, seeded), scrubbed (built-in rules, then the user's),
 * deduplicated against the suite's sheet and within the import, written with a scrub report beside it.
 */
export async function importLog(file: string, cwd: string, options: ImportOptions): Promise<ImportSummary> {
  const suite = await loadSuite(options.to, cwd);
  const out = path.resolve(cwd, options.out ?? path.join('datasets', `${suite.name}.candidates.csv`));
  const sheet = path.resolve(suite.root, suite.dataset.file.replace(/#.*$/, ''));
  if (out === sheet) throw new ConfigurationError(`--out ${options.out}: that is the suite's own sheet; candidates go to a new file for the PM to review`);
  const rules = [...BUILT_IN_RULES, ...(options.scrubRules ? await loadScrubRules(options.scrubRules, cwd) : [])];
  const { format, conversations } = await readLog(file, cwd, options.format);

  if (options.stratifyBy !== undefined) {
    const fields = [...new Set(conversations.flatMap((c) => Object.keys(c.columns)))];
    if (!fields.includes(options.stratifyBy)) {
      const listed = fields.length ? `the fields are: ${fields.join(', ')}` : 'the log has no fields besides the conversation';
      throw new ConfigurationError(`--stratify-by ${options.stratifyBy}: no conversation in ${file} has this field${didYouMean(options.stratifyBy, fields)} (${listed})`);
    }
  }
  const stratum = (c: LoggedConversation) => (options.stratifyBy === undefined ? '' : (c.columns[options.stratifyBy] ?? ''));
  const sampled = options.sample === undefined ? conversations : stratifiedSample(conversations, stratum, options.sample, options.seed);

  const scrubbed = sampled.map((c) => scrubConversation(c, rules));
  const byRule: Record<string, number> = {};
  for (const r of scrubbed.flatMap((s) => s.replacements)) byRule[r.rule] = (byRule[r.rule] ?? 0) + 1;

  const { kept, dropped } = dropDuplicates(
    scrubbed,
    (s) => s.conversation.messages,
    (s) => where(s.conversation),
    [...suite.dataset.cases],
    suite.dataset.file,
  );
  writeCandidates(
    out,
    suite.dataset.columns,
    kept.map((s) => s.conversation),
  );
  const rowOf = new Map(kept.map((s, index) => [s, index + 2]));
  const report = out.replace(/(\.csv)?$/i, '.scrub-report.csv');
  writeScrubReport(
    report,
    scrubbed.map((s) => ({ row: rowOf.get(s), conversation: s.conversation, replacements: s.replacements })),
  );
  return {
    suite: suite.name,
    format,
    read: conversations.length,
    sampled: sampled.length,
    scrubbed: { values: scrubbed.reduce((sum, s) => sum + s.replacements.length, 0), conversations: scrubbed.filter((s) => s.replacements.length > 0).length, byRule },
    duplicates: dropped.map((d) => ({ source: where(d.item.conversation), of: d.of, against: d.against, exact: d.exact })),
    written: kept.length,
    file: out,
    report,
  };
}
