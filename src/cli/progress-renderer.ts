import type { RunEvent } from '../run/events.js';
import { formatProblem } from '../errors.js';
import { formatPercent } from '../format.js';
import { ProgressState } from '../report/progress-line.js';
import { paint, type CliIO } from './io.js';
import { evalsCommand } from '../invoked-as.js';
import type { JudgeEvent } from '../judge/events.js';
import { judgeProgressRenderer } from './judge-progress.js';

/** Renders run events: one line per dataset warning and per skipped system, a live progress line on terminals, quiet otherwise. */
export function progressRenderer(io: CliIO): (event: RunEvent) => void {
  let state: ProgressState | undefined;
  let lastDraw = 0;
  // Each suite's judging after its run, on its own line (`canvas: judging 12/40  rate limit: 20/s`).
  const judging = new Map<string, (event: JudgeEvent) => void>();
  const draw = () => {
    if (!io.interactive || !state) return;
    const now = Date.now();
    if (now - lastDraw < 100 && state.done < state.total) return;
    lastDraw = now;
    process.stderr.write(`\r\u001b[2K${state.line(now)}`);
  };
  return (event) => {
    switch (event.type) {
      case 'dataset-warning':
        io.err(paint(io, 'yellow', `warning: ${formatProblem(event.problem)}`));
        break;
      case 'skipped-system':
        io.err(paint(io, 'yellow', `${event.suite}: skipped system ${event.system}: ${event.reason}`));
        break;
      case 'start':
        state = new ProgressState(event.suite, event.total);
        if (event.alreadyDone) {
          state.skip(event.alreadyDone);
          io.err(`${event.suite}: resuming run ${event.runId}: ${event.alreadyDone} of ${event.total} results already done`);
        }
        break;
      case 'retry':
        if (state) state.retries += 1;
        draw();
        break;
      case 'result':
        state?.add(event.record);
        draw();
        break;
      case 'pacing':
        state?.setPacing(event.system, event.limit);
        draw();
        break;
      case 'batch-submitted':
        io.err(
          `${event.suite}: ${event.system}: batch ${event.batchId} submitted (${event.items} requests); polling until it ends (Ctrl-C stops waiting; \`${evalsCommand(io.env)} run --resume\` collects it later)`,
        );
        break;
      case 'batch-resumed':
        io.err(`${event.suite}: ${event.system}: polling saved batch ${event.batchId} (${event.items} requests)`);
        break;
      case 'batch-submit-failed':
        io.err(paint(io, 'yellow', `${event.suite}: ${event.system}: batch not submitted (${event.reason}); its ${event.items} requests go through normal calls`));
        if (event.mayExist) io.err(paint(io, 'yellow', `${event.suite}: ${event.system}: the provider may have created the batch anyway; check its console and cancel it if so`));
        break;
      case 'batch-recovered':
        io.err(`${event.suite}: ${event.system}: the answer to a batch submission was lost, but batch ${event.batchId} was found (${event.items} requests); polling it`);
        break;
      case 'batch-may-exist':
        io.err(
          paint(
            io,
            'yellow',
            `${event.suite}: ${event.system}: a batch of ${event.items} requests submitted at ${event.since} by an interrupted run may exist; sending them again: check the provider's console and cancel the older batch if it is there`,
          ),
        );
        break;
      case 'batch-unresolved':
        io.err(
          paint(
            io,
            'yellow',
            `${event.suite}: ${event.system}: could not tell whether a batch of ${event.items} requests was created (${event.reason}); not sending them again now: \`${evalsCommand(io.env)} run --resume\` asks again`,
          ),
        );
        break;
      case 'batch-poll-failed':
        io.err(paint(io, 'yellow', `${event.suite}: ${event.system}: polling batch ${event.batchId} failed: ${event.reason}${event.willRetry ? ' (will retry)' : ''}`));
        break;
      case 'batch-progress':
        if (io.interactive) process.stderr.write(`\r\u001b[2K${event.suite}: ${event.system}: batch ${event.status}${event.total ? ` ${event.finished ?? 0}/${event.total}` : ''}`);
        break;
      case 'batch-collected':
        io.err(`${event.suite}: ${event.system}: batch ${event.batchId} collected: ${event.succeeded} succeeded, ${event.failed} failed${event.failed ? ' (retried through normal calls)' : ''}`);
        break;
      case 'judging': {
        let render = judging.get(event.suite);
        if (!render) judging.set(event.suite, (render = judgeProgressRenderer(io, { label: event.suite })));
        render(event.event);
        break;
      }
      case 'done':
        if (io.interactive) process.stderr.write('\r\u001b[2K');
        else
          io.err(
            `${event.suite}: done: ${event.summary.systems
              .filter((s) => !s.skipped)
              .map((s) => `${s.system} ${formatPercent(s.passRate)}`)
              .join(', ')}`,
          );
        break;
    }
  };
}
