import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeDashboard } from '../../dashboard/write-dashboard.js';
import { EXIT } from '../../exit-codes.js';
import type { CliIO } from '../io.js';
import { say } from '../fit-output.js';

/** `evals dashboard`: reports/index.html across every suite's history and lineage. */
export async function dashboardCommand(options: { reports?: string }, io: CliIO): Promise<number> {
  const reportsDir = path.resolve(io.cwd, options.reports ?? 'reports');
  mkdirSync(reportsDir, { recursive: true });
  const { file, suites, bytes } = writeDashboard(reportsDir);
  say(io, `dashboard: ${path.relative(io.cwd, file) || file} (${suites} suite${suites === 1 ? '' : 's'}, ${Math.ceil(bytes / 1024)} KB)`);
  return EXIT.ok;
}
