// Formats for the comparison numbers (format.ts holds the run's): deltas in points, p-values.

/** `+5.0 pts`, `−12.5 pts` (a real minus sign, so it lines up and is not read as a bullet). */
export function formatPoints(delta: number | null | undefined): string {
  if (delta === null || delta === undefined || Number.isNaN(delta)) return '—';
  const points = (delta * 100).toFixed(1);
  if (points === '0.0' || points === '-0.0') return '±0.0 pts';
  return delta > 0 ? `+${points} pts` : `−${points.slice(1)} pts`;
}

/** `0.031`, `<0.001`; `—` when there was nothing to test (no discordant pairs). */
export function formatP(p: number, discordant: number): string {
  if (discordant === 0) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** `75.0% → 50.0%`, or just the current rate when there is no baseline. */
export function formatRateChange(before: string, after: string, hasBefore: boolean): string {
  return hasBefore ? `${before} → ${after}` : after;
}
