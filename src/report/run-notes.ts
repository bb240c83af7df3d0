import { formatUsd } from '../format.js';
import { capabilitiesOf } from '../providers/registry.js';
import type { RunSummary, SystemSummary } from '../store/summary.js';

/**
 * One line per system that got answers from the response cache, e.g. `candidate: 54 of 54 answers
 * came from the cache (--no-cache calls the model and refreshes it)`. A changed model behind the same
 * name (Ollama, vLLM, a fine-tune endpoint) is invisible in cached answers, so every report says how
 * many there were.
 */
export function cacheNotes(summary: Pick<RunSummary, 'systems'>): string[] {
  const notes: string[] = [];
  for (const s of summary.systems) {
    // The probe's request is the one model call a fully cached run makes: said, so its tokens and cost have a source.
    const probes = s.probes ? `; ${s.probes === 1 ? '1 request' : `${s.probes} requests`} to the model only checked which model the server serves now (counted in the tokens and cost)` : '';
    if (s.cached > 0)
      notes.push(`${s.system}: ${s.cached} of ${s.results} answers came from the cache${s.cached === s.results ? ', none from the model' : ''} (--no-cache calls the model and refreshes it)${probes}`);
    if (s.cacheStale)
      notes.push(
        `${s.system}: ${s.cacheStale} cached answer${s.cacheStale === 1 ? ' was' : 's were'} not used: the server now reports another model or fingerprint than when they were cached, so the model was asked again`,
      );
    if (s.cacheUnverified)
      notes.push(
        `${s.system}: ${s.cacheUnverified} cached answer${s.cacheUnverified === 1 ? ' was' : 's were'} served without checking which model the server serves now (no answer came back to compare); --no-cache to be sure`,
      );
  }
  return notes;
}

/**
 * A system's errors by cause, most frequent first: `HTTP 401 invalid api key (54)`, so a wrong key and
 * a server failure do not both read "54 http". The three largest causes, then how many more.
 */
export function errorCauses(system: Pick<SystemSummary, 'errorsByCause' | 'errorsByKind'>): string {
  const byCause = Object.entries(system.errorsByCause ?? system.errorsByKind).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = byCause.slice(0, 3).map(([cause, n]) => `${cause} (${n})`);
  const more = byCause.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; ${more} more cause${more === 1 ? '' : 's'} in results.jsonl` : '');
}

/**
 * One line per system whose outputs a `rubric` grader graded: what grading cost, labelled as the
 * grader's so it is never read as the system's own cost (the table's cost column).
 */
export function graderNotes(summary: Pick<RunSummary, 'systems'>): string[] {
  return summary.systems.flatMap((s) => {
    if (!s.grader) return [];
    const { requests, uncalibrated, belowBar } = s.grader;
    return [
      `${s.system}: grader cost ${formatUsd(s.grader.costUsd)} for ${requests} grader request${requests === 1 ? '' : 's'} (${s.grader.inputTokens} tokens in, ${s.grader.outputTokens} out), not included in the system's cost`,
      ...(uncalibrated?.length ? [`${s.system}: rubric ${uncalibrated.join(', ')}: grader not calibrated: no one has checked its verdicts against people's (evals calibrate)`] : []),
      ...(belowBar?.length ? [`${s.system}: rubric ${belowBar.join(', ')}: grader below the bar: its agreement with people is under min_grader_agreement`] : []),
    ];
  });
}

/** What a reader must know about where a run's numbers came from: cached answers, errors by cause, grader cost. */
export function runNotes(summary: Pick<RunSummary, 'systems'>): string[] {
  const errors = summary.systems.filter((s) => s.error > 0).map((s) => `${s.system}: ${s.error} errored: ${errorCauses(s)}`);
  return [...errors, ...cacheNotes(summary), ...graderNotes(summary)];
}

/**
 * One line saying what to fix when the provider refused the system's credentials (HTTP 401 or 403):
 * the run stopped sending its requests after the first refusal, so every other error is that one.
 */
export function refusedFix(system: Pick<SystemSummary, 'system' | 'provider' | 'errorsByCause'>): string | undefined {
  const refused = Object.keys(system.errorsByCause ?? {}).find((cause) => /^HTTP 40[13]\b/.test(cause));
  if (!refused) return undefined;
  const keyEnv = capabilitiesOf(system.provider).credentials?.keyEnv;
  const key = keyEnv ? `${keyEnv} (or the variable its api_key_env names)` : 'its key';
  return `fix: the provider refused ${system.system}'s credentials (${refused.slice(0, 8)}): check ${key} and what that key may access, then run again`;
}
