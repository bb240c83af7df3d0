import { findPromptedSystem } from '../regression/prompted-system.js';
import type { ResultRecord } from '../types.js';
import { ranSystems } from './case-view.js';
import { reportDecisions } from './decision-view.js';
import type { ReportData } from './report-data.js';

// The cases where systems disagree on a decision (one opens Canvas, another answers inline) are the
// ones a PM and a model designer argue about, so report.md and report.html show them before any
// other case. This file finds them and orders them; the renderers only lay them out.

/** What one system did on one case for one decision, over its repeats. */
export interface SystemDecision {
  system: string;
  /** Repeats in which it acted (called the tool, said yes), of those with a decision. */
  acted: number;
  decided: number;
  /** By majority over the repeats; `split` when half acted and half held back. */
  verdict: 'acted' | 'held back' | 'split';
  /** Whether the verdict matches the label; undefined when split. */
  right: boolean | undefined;
  /** The repeat whose output shows the verdict (the first one that decided that way); read again with `shownRecord`. */
  repeat: number;
}

export interface Disagreement {
  /** The decision's name, e.g. `should_trigger: tool-called canvas`. */
  decision: string;
  /** The label column and its value in this case. */
  label: string;
  labelValue: string;
  expected: boolean;
  caseId: string;
  /** Systems that decided on this case, in the report's system order. */
  systems: SystemDecision[];
  /** 0: a candidate is wrong where the prompted (or another reference) system is right; 1: a candidate is wrong; 2: the rest. */
  rank: number;
}

interface Tally {
  acted: number;
  decided: number;
  expected: boolean;
  actedRepeat?: number;
  heldRepeat?: number;
}

function verdictOf(t: Tally): SystemDecision['verdict'] {
  if (t.acted * 2 > t.decided) return 'acted';
  if (t.acted * 2 < t.decided) return 'held back';
  return 'split';
}

/**
 * Candidates are the gated systems other than the prompted one (all but it when the gate names none);
 * references are every other system: the prompted system and ungated ones such as the current model.
 */
function candidateSystems(data: ReportData, systems: readonly string[]): Set<string> {
  const prompted = findPromptedSystem(systems.map((system) => ({ system })))?.system;
  const gated = data.assessment.gate.systems.length ? data.assessment.gate.systems : systems;
  return new Set(gated.filter((s) => s !== prompted && systems.includes(s)));
}

function rankOf(systems: SystemDecision[], candidates: Set<string>): number {
  const candidateWrong = systems.some((s) => candidates.has(s.system) && s.right === false);
  const referenceRight = systems.some((s) => !candidates.has(s.system) && s.right === true);
  if (candidateWrong && referenceRight) return 0;
  return candidateWrong ? 1 : 2;
}

/** report.html shows this many (report.md fewer): more is slow to open, and holding every one grew with the run. */
export const MAX_DISAGREEMENTS = 2000;

/** The disagreements a report shows, worst first, and how many there are in all. */
export interface Disagreements {
  /** The first MAX_DISAGREEMENTS, worst first. */
  shown: Disagreement[];
  /** Every case × decision where the verdicts differ. */
  total: number;
  /** The systems any disagreement names, in the order they first appear when every one is listed worst first. */
  systems: string[];
}

// report.md and report.html are rendered from one ReportData: the results are read once for both.
const found = new WeakMap<ReportData, Disagreements>();

/**
 * Every case × decision where the systems' verdicts differ, worst first: a candidate wrong and a
 * reference right, then a candidate wrong, then the rest; within each, by decision and dataset order.
 * Results are read one case at a time and only repeat numbers are kept; of the disagreements only
 * the first MAX_DISAGREEMENTS in that order are kept (and counted past it), so memory does not grow
 * with the run.
 */
export function findDisagreements(data: ReportData): Disagreements {
  const known = found.get(data);
  if (known) return known;
  const list = collect(data);
  found.set(data, list);
  return list;
}

/** The result a disagreement shows for one system (read from the run when a renderer needs it). */
export function shownRecord(data: ReportData, caseId: string, d: SystemDecision): ResultRecord | undefined {
  const records = data.results.get(caseId, d.system);
  return records.find((r) => r.repeat === d.repeat) ?? records[0];
}

/** A disagreement's place in the order they are listed: its rank and decision (a bucket), then its case's place, then the system's place in it. */
type SortKey = [bucket: number, position: number, index: number];

const before = (a: SortKey, b: SortKey) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

function collect(data: ReportData): Disagreements {
  const none: Disagreements = { shown: [], total: 0, systems: [] };
  const view = reportDecisions(data);
  const decisions = new Map<string, { name: string; label: string; order: number }>();
  for (const row of view.rows) {
    const key = JSON.stringify(row.decision.check);
    if (!decisions.has(key)) decisions.set(key, { name: row.decision.name, label: row.decision.label, order: decisions.size });
  }
  if (!decisions.size) return none;
  const systems = ranSystems(data);
  if (systems.length < 2) return none;
  const candidates = candidateSystems(data, systems);
  // Cases are read in dataset order, so each (rank, decision) bucket fills in the order it is
  // listed: its first MAX_DISAGREEMENTS are all that can be shown, whichever buckets come first.
  const buckets = new Map<number, Disagreement[]>();
  const firstSeen = new Map<string, SortKey>();
  let total = 0;
  let position = -1;
  for (const caseId of data.cases.ids) {
    position += 1;
    const byDecision = new Map<string, Map<string, Tally>>();
    for (const system of systems) {
      for (const record of data.results.get(caseId, system)) {
        for (const check of record.checks) {
          if (!check.decision) continue;
          const key = JSON.stringify(check.spec);
          if (!decisions.has(key)) continue;
          const tallies = byDecision.get(key) ?? new Map<string, Tally>();
          byDecision.set(key, tallies);
          const tally = tallies.get(system) ?? { acted: 0, decided: 0, expected: check.decision.expected };
          tallies.set(system, tally);
          tally.decided += 1;
          if (check.decision.predicted) {
            tally.acted += 1;
            tally.actedRepeat ??= record.repeat;
          } else tally.heldRepeat ??= record.repeat;
        }
      }
    }
    for (const [key, tallies] of byDecision) {
      const decided: SystemDecision[] = [...tallies.entries()].map(([system, t]) => {
        const verdict = verdictOf(t);
        const repeat = (verdict === 'held back' ? t.heldRepeat : t.actedRepeat) ?? t.heldRepeat ?? 0;
        return { system, acted: t.acted, decided: t.decided, verdict, right: verdict === 'split' ? undefined : (verdict === 'acted') === t.expected, repeat };
      });
      if (new Set(decided.map((d) => d.verdict)).size < 2) continue;
      total += 1;
      const decision = decisions.get(key)!;
      const rank = rankOf(decided, candidates);
      const bucket = rank * decisions.size + decision.order;
      decided.forEach((d, index) => {
        const seen = firstSeen.get(d.system);
        const here: SortKey = [bucket, position, index];
        if (!seen || before(here, seen) < 0) firstSeen.set(d.system, here);
      });
      const kept = buckets.get(bucket) ?? [];
      buckets.set(bucket, kept);
      if (kept.length >= MAX_DISAGREEMENTS) continue;
      const expected = [...tallies.values()][0].expected;
      const kase = data.cases.get(caseId);
      kept.push({ decision: decision.name, label: decision.label, labelValue: kase?.columns[decision.label] ?? (expected ? 'yes' : 'no'), expected, caseId, systems: decided, rank });
    }
  }
  const shown = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([, kept]) => kept)
    .slice(0, MAX_DISAGREEMENTS);
  const named = [...firstSeen.entries()].sort(([, a], [, b]) => before(a, b)).map(([system]) => system);
  return { shown, total, systems: named };
}

/** `acted ✗ wrong`, `held back ✓ right`, with repeats `acted (2/3 repeats acted) ✓ right`: what a system did, in the reports' words. */
export function decisionText(d: SystemDecision): string {
  const repeats = d.decided > 1 ? ` (${d.acted}/${d.decided} repeats acted)` : '';
  const right = d.right === undefined ? '' : d.right ? ' ✓ right' : ' ✗ wrong';
  return `${d.verdict}${repeats}${right}`;
}
