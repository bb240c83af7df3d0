/** The exit-code contract (README "Exit codes"). */
export const EXIT = { ok: 0, gateFailed: 1, badInput: 2, runFailed: 3, interrupted: 130 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
