import path from 'node:path';
import { stepName, lineageView, type LineageStep } from '../../champion/lineage-view.js';
import { EXIT } from '../../exit-codes.js';
import { formatPercent } from '../../format.js';
import { paint, type CliIO } from '../io.js';
import { say } from '../fit-output.js';

/** `evals lineage <suite>`: the prompted baseline, then each champion, with win rates, pass rates and warnings. */
export async function lineageCommand(suite: string, options: { json?: boolean }, io: CliIO): Promise<number> {
  const view = lineageView(path.join(io.cwd, 'reports'), suite);
  if (options.json) {
    io.out(JSON.stringify(view, null, 2));
    return EXIT.ok;
  }
  const generations = view.steps.filter((s) => s.generation > 0).length;
  say(io, paint(io, 'bold', `${suite}: ${generations} generation${generations === 1 ? '' : 's'}`));
  for (const step of view.steps) {
    say(io, `${step.generation}  ${stepName(step)}${step.provider ? `  ${step.provider}` : ''}${step.runId ? `  run ${step.runId}` : ''}`);
    say(io, `     pass rate ${rateText(step.passRate, step.passRateInterval)}`);
    if (step.generation > 0) {
      const w = step.winRateVsPrevious;
      say(io, w ? `     win rate over the one before ${rateText(w.rate, w)}${w.n ? `, ${w.n} judgments` : ''}` : paint(io, 'dim', '     win rate over the one before: not judged in its run'));
    }
    if (step.otherSuites.length) {
      const when = step.generation === 0 ? 'now' : 'at promotion';
      say(io, `     other suites ${when}: ${step.otherSuites.map((o) => `${o.suite} ${formatPercent(o.passRate)}`).join(', ')}`);
    }
  }
  if (view.steps.length === 0) say(io, paint(io, 'yellow', `no runs and no champions yet: run the suite, then \`evals promote <run> --system <name>\``));
  for (const warning of view.warnings) say(io, paint(io, 'yellow', `warning: ${warning}`));
  return EXIT.ok;
}

function rateText(rate: number | null, interval?: Pick<LineageStep['passRateInterval'] & object, 'low' | 'high'>): string {
  return interval ? `${formatPercent(rate)} (95% ${formatPercent(interval.low)}–${formatPercent(interval.high)})` : formatPercent(rate);
}
