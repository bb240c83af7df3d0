import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/cli.js';

// The workflows cannot run in this test suite, so they are checked two ways: against GitHub's
// workflow schema (action-validator, which also resolves `needs:`), and by reading the few
// things the sharded run depends on, which a schema cannot know.

const WORKFLOWS = ['.github/workflows/evals.yml', '.github/workflows/evals-sharded.yml', 'docs/examples/evals-sharded-caller.yml', 'docs/examples/evals-history.yml'];

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  steps: Step[];
}

describe('GitHub workflows', () => {
  it.each(WORKFLOWS)('%s is a valid workflow', (file) => {
    expect(validateWorkflow(read(file)).errors).toEqual([]);
  });

  it('the validator reports a broken workflow, so the check above can fail', () => {
    const source = read('.github/workflows/evals-sharded.yml');
    const broken = {
      'a job without runs-on': source.replace(/( {2}plan:\n) {4}runs-on: ubuntu-latest\n/, '$1'),
      'a misspelt step key': source.replace('      - run: npm ci', '      - rn: npm ci'),
      'needs naming no job': source.replace('needs: [plan, shard]', 'needs: [plan, shards]'),
      'an input type GitHub does not have': source.replace('type: number', 'type: integer'),
    };
    for (const [what, text] of Object.entries(broken)) {
      expect(text, what).not.toBe(source);
      expect(validateWorkflow(text).errors.length, what).toBeGreaterThan(0);
    }
  });

  describe('evals-sharded.yml', () => {
    const workflow = parse(read('.github/workflows/evals-sharded.yml')) as {
      on: { workflow_call: { inputs: Record<string, { default?: unknown }>; secrets: Record<string, unknown> } };
      jobs: Record<string, Job>;
    };
    const { shard, merge } = workflow.jobs;
    const step = (job: Job, pattern: RegExp) => job.steps.find((s) => pattern.test(`${s.uses ?? ''} ${s.run ?? ''}`));

    it('is called with suites (default --all), shards, node-version and reporter, and passes the keys through', () => {
      const { inputs, secrets } = workflow.on.workflow_call;
      expect(inputs.suites.default).toBe('--all');
      expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['shards', 'node-version', 'reporter']));
      expect(Object.keys(secrets).sort()).toEqual(['ANTHROPIC_API_KEY', 'OPENAI_API_KEY']);
    });

    it('each shard runs its part with --shard and uploads its run folders under a name the merge job downloads', () => {
      expect(step(shard, /evals run/)?.run).toMatch(/npx --no-install evals run \$SUITES --shard "\$SHARD" --ci/);
      const upload = step(shard, /upload-artifact/)!;
      expect(upload.if).toBe('always()');
      const download = step(merge, /download-artifact/)!;
      // The download pattern is a glob over the uploaded names: evals-shard-<i>-of-<n>.
      const uploaded = String(upload.with?.name).replace('${{ matrix.shard }}', '2').replace('${{ inputs.shards }}', '3');
      const pattern = new RegExp(`^${String(download.with?.pattern).replace('${{ inputs.shards }}', '3').replace('*', '[^/]+')}$`);
      expect(uploaded).toMatch(pattern);
      expect(download.with).toMatchObject({ path: 'reports', 'merge-multiple': true });
    });

    it('the merge job runs even when a shard failed, merges every downloaded run folder, and fails when a shard job did', () => {
      expect(merge.needs).toContain('shard');
      expect(merge.if).toMatch(/^always\(\)/);
      expect(step(merge, /evals merge/)?.run).toMatch(/runs=\(reports\/\*\/\*\/\)[\s\S]*npx --no-install evals merge "\$\{runs\[@\]\}" --ci/);
      expect(merge.steps.find((s) => s.if?.includes("needs.shard.result != 'success'"))?.run).toMatch(/exit [13]/);
      expect(step(merge, /gh pr comment/)?.run).toContain('reports/summary.md');
    });
  });
});
