import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throwaway project with one suite of `n` single-turn cases against `openai:bench-model`. */
export function makeBenchProject(n: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `evals-bench-${n}-`));
  for (const sub of ['suites', 'datasets', 'tools']) mkdirSync(path.join(dir, sub));
  writeFileSync(
    path.join(dir, 'suites', 'bench.yaml'),
    [
      'name: bench',
      'dataset: datasets/bench.csv',
      'systems:',
      '  model: { provider: "openai:bench-model", tools: tools/canvas.json }',
      'checks:',
      '  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'tools', 'canvas.json'), JSON.stringify([{ name: 'canvas', description: 'Open a canvas.', parameters: { type: 'object', properties: { title: { type: 'string' } } } }]));
  const lines = ['id,input,should_trigger'];
  for (let i = 0; i < n; i++) lines.push(`b${i},"${i % 2 ? 'Write a long essay' : 'Quick question'} number ${i}",${i % 2 ? 'yes' : 'no'}`);
  writeFileSync(path.join(dir, 'datasets', 'bench.csv'), lines.join('\n') + '\n');
  return dir;
}
