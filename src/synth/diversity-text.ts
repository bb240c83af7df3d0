import type { DiversityReport } from './diversity.js';

// The diversity report as lines: printed by `evals synth` and saved beside the output as Markdown
// (every line is also plain text, so the terminal shows the same thing).

function ratio(value: number): string {
  return value.toFixed(3);
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '0%';
}

export function diversityLines(report: DiversityReport): string[] {
  const lines = [`## Diversity of the new rows`, '', `- rows: ${report.produced} of ${report.requested} requested`];
  for (const [column, counts] of Object.entries(report.labels)) {
    const other = counts.other ? `, ${counts.other} other` : '';
    lines.push(`- ${column}: ${counts.yes} yes (${percent(counts.yes, report.produced)}) / ${counts.no} no${other}`);
  }
  lines.push(`- distinct-1: ${ratio(report.distinct1.ratio)} (${report.distinct1.distinct} distinct of ${report.distinct1.total} words)`);
  lines.push(`- distinct-2: ${ratio(report.distinct2.ratio)} (${report.distinct2.distinct} distinct of ${report.distinct2.total} word pairs)`);
  const s = report.similarity;
  lines.push(
    s
      ? `- pairwise word overlap (Jaccard, ${s.pairs} pairs): min ${ratio(s.min)}, median ${ratio(s.median)}, p90 ${ratio(s.p90)}, max ${ratio(s.max)}`
      : '- pairwise word overlap: fewer than two rows',
  );
  const d = report.dropped;
  lines.push(`- dropped: ${d.duplicateOfSheet} near-duplicate of the sheet, ${d.duplicateOfNew} near-duplicate of another new row, ${d.invalid} that would fail evals validate`);
  lines.push('', '### Axis coverage', '');
  for (const [axis, values] of Object.entries(report.axes)) {
    lines.push(
      `- ${axis}: ${Object.entries(values)
        .map(([value, count]) => `${value} ${count}`)
        .join(', ')}`,
    );
  }
  return lines;
}
