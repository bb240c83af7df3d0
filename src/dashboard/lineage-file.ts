import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

// reports/<suite>/lineage.jsonl, written by `evals promote`: one line per promotion of a champion. The
// dashboard only shows it, so it reads it loosely: the fields it draws are checked, anything else a
// line holds is ignored, and a line it cannot read is counted and skipped, never fatal.

export const LINEAGE_FILE = 'lineage.jsonl';

const rate = z.object({ rate: z.number(), low: z.number(), high: z.number() });

const lineageEntrySchema = z.object({
  system: z.string(),
  label: z.string().nullish(),
  runId: z.string(),
  /** When it was promoted (ISO). */
  at: z.string(),
  passRate: z.number().nullish(),
  /** Its win rate against the champion it replaced, when they were judged. */
  winRateVsPrevious: rate.nullish(),
});

export type LineageEntry = z.infer<typeof lineageEntrySchema>;

/** The promotions, oldest first, and how many lines could not be read. Absent file: none. */
export function readLineage(reportsDir: string, suite: string): { entries: LineageEntry[]; damaged: number } {
  const file = path.join(reportsDir, suite, LINEAGE_FILE);
  const entries: LineageEntry[] = [];
  let damaged = 0;
  if (!existsSync(file)) return { entries, damaged };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = lineageEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else damaged += 1;
    } catch {
      damaged += 1;
    }
  }
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { entries, damaged };
}
