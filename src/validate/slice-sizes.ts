import { sliceValuesOf } from '../dataset/case-slices.js';
import type { LoadedSuite } from '../suite/load.js';
import type { Finding } from './types.js';

/** Values listed per slice_by name before the rest are only counted. */
const LISTED = 12;

/**
 * How many cases each slice has (`slice_by:`), before anything is run: a slice of five cases gets
 * an interval too wide to gate on, and is better found here than in a red CI job. Info only.
 */
export function sliceSizes(suite: LoadedSuite): Finding[] {
  return (suite.config.slice_by ?? []).map((name) => {
    const sizes = new Map<string, number>();
    for (const kase of suite.dataset.cases) for (const value of sliceValuesOf(kase, name)) sizes.set(value, (sizes.get(value) ?? 0) + 1);
    const listed = [...sizes].slice(0, LISTED).map(([value, n]) => `${value} ${n}`);
    const rest = sizes.size > LISTED ? `, … ${sizes.size - LISTED} more` : '';
    return { file: suite.file, severity: 'info' as const, message: `slices by ${name}: ${listed.join(', ')}${rest} (cases per slice)` };
  });
}
