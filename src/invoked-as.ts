// How the user started evals, so that every hint ("finish it with: … run --resume <id>") can be
// typed back as it is printed. npm tells its children how it was called:
// - `npx evals …` and `npm exec evals …` set npm_command=exec;
// - `npm run <script> -- …` sets npm_command=run (run-script before npm 10), npm_lifecycle_event to
//   the script's name and npm_lifecycle_script to its command line.
// Arguments can be appended to a script only when the script is `evals` alone; any other npm
// context (a script such as "evals run --all --ci", `npm test`) means a local install, where
// `npx evals` is what works from a shell. Without npm the user typed `evals` (a global install or
// node_modules/.bin on PATH).

/** The command to print before `run --resume <id>` and other hints: `npx evals`, `npm run <script> --` or `evals`. */
export function evalsCommand(env: NodeJS.ProcessEnv = process.env): string {
  const command = env.npm_command;
  if (!command) return 'evals';
  const script = env.npm_lifecycle_event;
  if ((command === 'run' || command === 'run-script') && script && env.npm_lifecycle_script?.trim() === 'evals') return `npm run ${script} --`;
  return 'npx evals';
}
