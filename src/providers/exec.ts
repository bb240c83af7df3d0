import { spawn } from 'node:child_process';
import { abortedError, redact } from './errors.js';
import { emptyAnswerError, isEmptyAnswer, parseServiceOutput, servicePayload } from './service-output.js';
import { ProviderError, type Provider, type ProviderFactory } from './types.js';
import { startStopwatch } from './stopwatch.js';

// `exec:<command>`: any program as a system. The case goes in as JSON on stdin; the answer comes
// out on stdout. Runs through the shell in the suite's directory, so `exec:python bot.py` works.

const DEFAULT_TIMEOUT_MS = 60_000;
const STDERR_KEEP = 8_192;
const STDERR_LINES = 5;

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-STDERR_LINES).join('\n');
}

/** Kill the shell and everything it started (its own process group on POSIX). */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Create the `exec:` provider. Non-zero exit → kind `other` with stderr's last lines; too slow → `timeout`. */
export const createExecProvider: ProviderFactory = (context) => {
  const { target: command, system, cwd, env } = context;
  const timeoutMs = system.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const provider: Provider = {
    id: system.provider,
    missingCredential: () => undefined,
    call(request) {
      const elapsedMs = startStopwatch();
      return new Promise((resolve, reject) => {
        if (request.signal?.aborted) return reject(abortedError(request.signal));
        const child = spawn(command, { shell: true, cwd, env, detached: process.platform !== 'win32', stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let failure: ProviderError | undefined;
        const stop = (error: ProviderError) => {
          failure ??= error;
          killTree(child.pid);
        };
        const timer = setTimeout(() => stop(new ProviderError({ kind: 'timeout', message: `exec: "${command}" gave no answer within ${timeoutMs} ms` })), timeoutMs);
        const onAbort = () => stop(abortedError(request.signal));
        request.signal?.addEventListener('abort', onAbort, { once: true });

        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_KEEP)));
        // A command that ignores stdin may exit before reading it; that is not an error.
        child.stdin.on('error', () => undefined);
        child.stdin.end(JSON.stringify(servicePayload(request)));

        child.on('error', (error) => stop(new ProviderError({ kind: 'other', message: redact(`exec: cannot run "${command}": ${error.message}`) })));
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          if (failure) return reject(failure);
          if (code !== 0) {
            const detail = lastLines(stderr);
            const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
            return reject(new ProviderError({ kind: 'other', message: redact(`exec: "${command}" ${how}${detail ? `: ${detail}` : ''}`) }));
          }
          // Nothing on stdout: say what the command wrote on stderr, where the answer most likely went.
          if (isEmptyAnswer(stdout)) return reject(emptyAnswerError(`exec: "${command}" exited 0 but`, lastLines(stderr)));
          try {
            resolve(parseServiceOutput(stdout, elapsedMs(), `exec: "${command}"`));
          } catch (error) {
            reject(error);
          }
        });
      });
    },
  };
  return provider;
};
