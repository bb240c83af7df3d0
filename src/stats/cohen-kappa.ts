// Cohen's kappa for two raters on a yes/no label (a grader and people), with its 95% interval from
// the large-sample standard error of Fleiss, Cohen & Everitt (1969), "Large sample standard errors
// of kappa and weighted kappa", Psychological Bulletin 72(5): 323-327. That SE is the non-null one
// (it does not assume kappa = 0), so it is the right one for an interval around an observed kappa.

/** Counts of a 2×2 table: the first word is the grader's verdict, the second the people's. */
export interface AgreementTable {
  passPass: number;
  passFail: number;
  failPass: number;
  failFail: number;
}

export interface KappaEstimate {
  n: number;
  /** Share of items both said the same of. */
  accuracy: number;
  /** Null when agreement by chance is 1 (both always said the same single verdict): kappa is undefined. */
  kappa: number | null;
  se: number | null;
  low: number | null;
  high: number | null;
}

const Z95 = 1.959963984540054;

export function cohenKappa(table: AgreementTable): KappaEstimate {
  const n = table.passPass + table.passFail + table.failPass + table.failFail;
  if (n === 0) return { n, accuracy: 0, kappa: null, se: null, low: null, high: null };
  // p[i][j]: grader said i, people said j (0 = pass, 1 = fail).
  const p = [
    [table.passPass / n, table.passFail / n],
    [table.failPass / n, table.failFail / n],
  ];
  const grader = [p[0][0] + p[0][1], p[1][0] + p[1][1]];
  const people = [p[0][0] + p[1][0], p[0][1] + p[1][1]];
  const observed = p[0][0] + p[1][1];
  const chance = grader[0] * people[0] + grader[1] * people[1];
  if (chance >= 1 - 1e-12) return { n, accuracy: observed, kappa: null, se: null, low: null, high: null };
  const kappa = (observed - chance) / (1 - chance);
  let diagonal = 0;
  let offDiagonal = 0;
  for (let i = 0; i < 2; i++) {
    diagonal += p[i][i] * (1 - (grader[i] + people[i]) * (1 - kappa)) ** 2;
    for (let j = 0; j < 2; j++) if (i !== j) offDiagonal += p[i][j] * (people[i] + grader[j]) ** 2;
  }
  const variance = (diagonal + (1 - kappa) ** 2 * offDiagonal - (kappa - chance * (1 - kappa)) ** 2) / (n * (1 - chance) ** 2);
  const se = Math.sqrt(Math.max(0, variance));
  return { n, accuracy: observed, kappa, se, low: Math.max(-1, kappa - Z95 * se), high: Math.min(1, kappa + Z95 * se) };
}
