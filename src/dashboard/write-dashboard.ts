import path from 'node:path';
import { writeFileAtomic } from '../store/run-dir.js';
import { collectDashboard } from './collect.js';
import { renderDashboard } from './render-dashboard.js';

/** `reports/index.html`, beside the suites' folders so its links to their runs are relative. */
export function writeDashboard(reportsDir: string, now = new Date()): { file: string; suites: number; bytes: number } {
  const suites = collectDashboard(reportsDir);
  const html = renderDashboard(suites, now.toISOString());
  const file = path.join(reportsDir, 'index.html');
  writeFileAtomic(file, html);
  return { file, suites: suites.length, bytes: Buffer.byteLength(html) };
}
