const BARS = '▁▂▃▄▅▆▇█';

/** The smallest range a sparkline spreads over: 5 points either side, so 90.0% → 90.5% does not look like a crash. */
const MIN_SPAN = 0.1;

/**
 * Rates (0..1) as a line of block characters, lowest shown ▁ and highest █. The scale is the shown
 * values' own range, widened to at least 10 points around their middle (and kept inside 0..1), so
 * noise stays small and a real drop stands out. Null (nothing scored) is a space.
 */
export function sparkline(values: Array<number | null>): string {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return ' '.repeat(values.length);
  let low = Math.min(...known);
  let high = Math.max(...known);
  if (high - low < MIN_SPAN) {
    const middle = (low + high) / 2;
    low = Math.min(Math.max(0, middle - MIN_SPAN / 2), 1 - MIN_SPAN);
    high = low + MIN_SPAN;
  }
  return values.map((v) => (v === null ? ' ' : BARS[Math.min(BARS.length - 1, Math.max(0, Math.round(((v - low) / (high - low)) * (BARS.length - 1))))])).join('');
}
