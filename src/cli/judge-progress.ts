import type { JudgeEvent } from '../judge/events.js';
import { paint, type CliIO } from './io.js';

export interface JudgeProgressOptions {
  /** Put before the line, e.g. the suite's name when `evals run` judges after its run. */
  label?: string;
  /**
   * Print a line for each comparison skipped for a missing key. `evals run` leaves this off: it lists
   * them with the suite's other judging notes after the run.
   */
  announceSkipped?: boolean;
}

/**
 * Renders judging events: `judging 12/40  rate limit: 20/s` as a live line on terminals, a line per
 * skipped comparison, how many pairs an earlier session already judged. Shared by `evals judge` and
 * the judging `evals run` does after its answers are in, so both show that a judge is pacing.
 */
export function judgeProgressRenderer(io: CliIO, options: JudgeProgressOptions = {}): (event: JudgeEvent) => void {
  const prefix = options.label ? `${options.label}: ` : '';
  let total = 0;
  let done = 0;
  // Per judge, the provider's rate limit its requests are paced to right now.
  const pacing = new Map<string, string>();
  const draw = () => {
    if (!io.interactive) return;
    const limits = pacing.size ? `  rate limit: ${[...new Set(pacing.values())].join(', ')}` : '';
    process.stderr.write(`\r\u001b[2K${prefix}judging ${done}/${total}${limits}${done === total ? '\n' : ''}`);
  };
  return (event) => {
    switch (event.type) {
      case 'skipped-comparison':
        if (options.announceSkipped) io.err(paint(io, 'yellow', `skipped ${event.a} vs ${event.b} (judge ${event.judge}): ${event.reason}`));
        break;
      case 'start':
        total = event.total;
        if (event.alreadyJudged) io.err(paint(io, 'dim', `${prefix}${event.alreadyJudged} pairs already judged; judging the other ${total}.`));
        if (total > 0) draw();
        break;
      case 'judgment':
        done += 1;
        draw();
        break;
      case 'pacing':
        if (event.limit) pacing.set(event.judge, event.limit);
        else pacing.delete(event.judge);
        if (done < total) draw();
        break;
      case 'retry':
        break;
    }
  };
}
