import { initProject, type InitOptions } from '../../init/create-project.js';
import { EXAMPLE_ROWS } from '../../init/templates.js';
import { copyExamples } from '../../init/copy-examples.js';
import { EXIT } from '../../exit-codes.js';
import { paint, type CliIO } from '../io.js';
import { evalsCommand } from '../../invoked-as.js';

/**
 * `evals init [name]`: create the starter files in the working directory and say what to edit
 * next. Existing files are never overwritten without `--force` (ConfigurationError, exit 2).
 */
export async function initCommand(name: string | undefined, options: InitOptions & { examples?: boolean }, io: CliIO): Promise<number> {
  if (options.examples) return initExamples(options, io);
  const { name: created, files } = await initProject(io.cwd, name, options);
  io.out(paint(io, 'bold', `Created the behaviour "${created}":`));
  io.out(`  ${files.suite.padEnd(32)} the suite: which dataset, which systems, which checks`);
  io.out(`  ${files.dataset.padEnd(32)} the cases, with ${EXAMPLE_ROWS.length} example rows`);
  io.out(`  ${files.prompt.padEnd(32)} the system prompt a model is given`);
  io.out(`  ${files.tools.padEnd(32)} the tool the model may call`);
  io.out('');
  io.out(paint(io, 'bold', 'Next:'));
  io.out(`  1. Open ${files.dataset} in your spreadsheet app (Excel, Numbers, Google Sheets) and replace the`);
  io.out('     example rows with your own cases: the input, should_trigger (yes/no), what the product does today');
  io.out('     (current_behavior), what it should do (ideal_behavior) and why. Save it as CSV.');
  io.out(`  2. Edit ${files.suite}: the description, and the tool name in "checks" if yours is not create_reminder;`);
  io.out(`     put your system prompt in ${files.prompt} and your tool in ${files.tools}.`);
  const evals = evalsCommand(io.env);
  io.out(`  3. Run \`${evals} validate ${created}\` to check the sheet, then \`${evals} run ${created}\`.`);
  io.out('     The "prompted" system (a model with your prompt) runs once OPENAI_API_KEY is set; "current" needs no key.');
  return EXIT.ok;
}

async function initExamples(options: InitOptions, io: CliIO): Promise<number> {
  const files = await copyExamples(io.cwd, options);
  io.out(paint(io, 'bold', `Copied the example suites (${files.length} files):`));
  for (const file of files) io.out(`  ${file}`);
  io.out('');
  const evals = evalsCommand(io.env);
  io.out(`Try: \`${evals} validate --all\`, then \`${evals} run canvas-trigger\` (no key needed for the recorded "current" system).`);
  return EXIT.ok;
}
