import { spawnSync } from 'node:child_process';

export interface GitInfo {
  commit: string;
  branch: string | null;
}

/** Long enough for a cold `git` on a busy CI machine, short enough that a hung one never holds a run. */
const GIT_TIMEOUT_MS = 3000;

/**
 * The commit and branch a run was made from, or null when `cwd` is not in a git repository, git is
 * not installed, or it does not answer in time: history is a record, never a reason to fail a run.
 * A pull request in GitHub Actions is checked out detached, so its branch is GITHUB_HEAD_REF; `env` is
 * where those variables are read (git itself runs with the process's environment, PATH included).
 */
export function gitInfo(cwd: string, env: NodeJS.ProcessEnv): GitInfo | null {
  const result = spawnSync('git', ['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD'], { cwd, encoding: 'utf8', timeout: GIT_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'] });
  if (result.error || result.status !== 0) return null;
  const [commit, ref] = result.stdout.trim().split('\n');
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return null;
  const branch = env.GITHUB_HEAD_REF || (ref && ref !== 'HEAD' ? ref : env.GITHUB_REF_NAME || null);
  return { commit, branch };
}
