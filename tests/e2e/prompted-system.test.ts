import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { suiteYaml } from '../../src/init/templates.js';
import { cleanEnv, copyFixtureProject, repoRoot, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { useToyModelServer } from '../helpers/toy-server.js';

// Issue 12 item 4: "baseline" is the saved snapshot (reports/<suite>/baseline.json) and nothing else. The
// prompted general model is the system `prompted`; every message says which of the two it means.

function systemNames(yamlText: string): string[] {
  return Object.keys((parse(yamlText) as { systems: Record<string, unknown> }).systems);
}

function latestRunDir(project: string, suite: string): string {
  const dir = path.join(project, 'reports', suite);
  const runs = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return path.join(dir, runs[runs.length - 1]);
}

/** The toy project with its model system renamed, and a second system with the same model as `name`. */
function toyWithPrompted(name: string): string {
  const project = copyFixtureProject('toy');
  const suiteFile = path.join(project, 'suites', 'toy.yaml');
  const text = readFileSync(suiteFile, 'utf8');
  const candidate = text.split('\n').find((line) => line.trimStart().startsWith('candidate:'))!;
  writeFileSync(suiteFile, text.replace(candidate, `${candidate}\n${candidate.replace('candidate:', `${name}:`).replace('temperature: 0', 'temperature: 0.1')}`));
  return project;
}

describe('one word, one meaning', () => {
  const toy = useToyModelServer();

  it('no example suite and no init template names a system "baseline"', () => {
    const suitesDir = path.join(repoRoot, 'suites');
    for (const file of readdirSync(suitesDir)) expect(systemNames(readFileSync(path.join(suitesDir, file), 'utf8')), file).not.toContain('baseline');
    expect(systemNames(suiteYaml('demo'))).toEqual(['current', 'prompted']);
  });

  it('a new project says "skipped system prompted" and "no saved baseline yet", never "skipped baseline"', async () => {
    const cwd = makeTempDir('prompted-init');
    expect((await runCli(['init'], { cwd })).code).toBe(0);
    const run = await runCli(['run', 'my-behaviour'], { cwd, env: cleanEnv() });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const screen = run.stdout + run.stderr;
    expect(screen).toContain('my-behaviour: skipped system prompted: set OPENAI_API_KEY to run it');
    expect(screen).toContain('no saved baseline yet (reports/my-behaviour/baseline.json): run with --update-baseline to record one');
    expect(screen).not.toMatch(/skipped baseline/);
  });

  it('the reports give each system its gap to the prompted system, named as such', async () => {
    const project = toyWithPrompted('prompted');
    const run = await runCli(['run', 'toy', '--reporter', 'md'], { cwd: project, env: toy.env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const md = readFileSync(path.join(latestRunDir(project, 'toy'), 'report.md'), 'utf8');
    const header = md.split('\n').find((line) => line.startsWith('| system |'))!;
    expect(header).toContain('| vs prompted |');
    expect(header).not.toContain('vs baseline');
    expect(md).toMatch(/The prompted system \(`prompted`, openai:fake-model\) passes 100\.0%; "vs prompted" is each system's gap to it/);
  });

  it('a suite that still calls its prompted system "baseline" works, and validate asks to rename it', async () => {
    const project = toyWithPrompted('baseline');
    const validate = await runCli(['validate', 'toy'], { cwd: project, env: toy.env });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain(
      'suites/toy.yaml: column "systems.baseline": a system named "baseline" is easily confused with the saved baseline (reports/toy/baseline.json); rename it "prompted"',
    );
    const run = await runCli(['run', 'toy', '--reporter', 'md'], { cwd: project, env: toy.env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const md = readFileSync(path.join(latestRunDir(project, 'toy'), 'report.md'), 'utf8');
    expect(md).toContain('| vs baseline |');
  });
});
