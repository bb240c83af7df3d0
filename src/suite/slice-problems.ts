import type { Problem } from '../errors.js';
import type { Dataset } from '../dataset/load.js';
import { resolveSliceKey, slicesOfCases, TAGS_SLICE } from '../dataset/case-slices.js';
import type { SuiteFile } from '../schema/suite-file.js';
import { didYouMean } from '../suggest.js';

// `slice_by:` (or `--slice-by`) and the gate's per-slice rules, checked against the dataset before
// any model is called: a misspelt column would slice nothing, and a misspelt slice in the gate
// would gate nothing and let every run pass.

export function sliceProblems(config: SuiteFile, dataset: Dataset, file: string, lineOf: (path: PropertyKey[]) => number | undefined, fromFlag: boolean): Problem[] {
  const problems: Problem[] = [];
  const names = config.slice_by ?? [];
  const where = fromFlag ? '--slice-by' : 'slice_by';
  const choices = [TAGS_SLICE, ...dataset.columns];
  names.forEach((name, index) => {
    if (name === TAGS_SLICE || dataset.columns.includes(name)) return;
    problems.push({
      file,
      row: fromFlag ? undefined : lineOf(['slice_by', index]),
      message: `${where}: "${name}" is not a column of ${dataset.file}${didYouMean(name, choices)}; slice by ${TAGS_SLICE} or a column: ${dataset.columns.join(', ')}`,
    });
  });
  const rules = Object.keys(config.gate.slices ?? {});
  if ((rules.length || config.gate.no_slice_regressed) && !names.length) {
    const key = rules.length ? 'gate.slices' : 'gate.no_slice_regressed';
    problems.push({ file, row: lineOf(['gate', rules.length ? 'slices' : 'no_slice_regressed']), message: `${key}: there are no slices to gate: add slice_by: (e.g. slice_by: [tags])` });
    return problems;
  }
  if (problems.length || !rules.length) return problems;
  const slices = slicesOfCases(dataset.cases, names);
  for (const key of rules) {
    const resolved = resolveSliceKey(key, slices);
    if ('problem' in resolved) {
      problems.push({
        file,
        row: lineOf(['gate', 'slices', key]),
        message: `gate.slices: ${resolved.problem} in ${dataset.file}${didYouMean(key, [...[...slices.values()].flatMap((values) => [...values]), ...resolved.known])}; slices: ${resolved.known.slice(0, 12).join(', ')}${resolved.known.length > 12 ? ', …' : ''}`,
      });
    }
  }
  return problems;
}
