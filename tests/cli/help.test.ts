import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// `evals <command> …` registers that command alone with commander (start-up); help, `evals help <command>`
// and a mistyped command must still see every command.

const COMMANDS = ['run', 'validate', 'compare', 'report', 'judge', 'promote', 'lineage', 'calibrate', 'winrate', 'init', 'merge', 'history', 'dashboard', 'export', 'import', 'synth', 'cache'];

const cli = (args: string[]) => runCli(args, { cwd: makeTempDir('help') });

describe('evals help', () => {
  it('--help lists every command, in order', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    const listed = [...result.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1]).filter((name) => name !== 'help');
    expect(listed).toEqual(COMMANDS);
  });

  it('a mistyped command is exit 2 with the command it was probably meant to be', async () => {
    const result = await cli(['prommote', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'prommote'");
    expect(result.stderr).toContain('Did you mean promote?');
  });

  it('a command’s own help, asked either way', async () => {
    const direct = await cli(['cache', '--help']);
    const viaHelp = await cli(['help', 'cache']);
    expect(direct.code).toBe(0);
    expect(viaHelp.code).toBe(0);
    expect(direct.stdout).toContain('Usage: evals cache [options] <action>');
    expect(direct.stdout).toContain('--cache-max-age <age>');
    expect(viaHelp.stdout).toBe(direct.stdout);
  });

  it('an unknown option of a command names it and the one it was probably meant to be', async () => {
    const result = await cli(['run', 'x', '--update-baselin']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--update-baselin'");
    expect(result.stderr).toContain('Did you mean --update-baseline?');
  });
});
