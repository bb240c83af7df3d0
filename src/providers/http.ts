import { abortedError, httpStatusError, redact } from './errors.js';
import { ENV_REF, headerVariables } from './header-variables.js';
import { parseServiceOutput, servicePayload } from './service-output.js';
import { ProviderError, type Provider, type ProviderFactory } from './types.js';
import { startStopwatch } from './stopwatch.js';

// `http:<url>`: a service of the team's own (a staging bot, a gateway). POSTs the case as JSON and
// reads the answer like `exec:` does. Header values may use `${VAR}` to pull secrets from the env.

const DEFAULT_TIMEOUT_MS = 60_000;

/** The URL an `http:` target is POSTed to: a target without a scheme gets `http://` (`http:localhost:8080/bot`). */
export function serviceUrl(target: string): string {
  return /^https?:\/\//i.test(target) ? target : `http://${target}`;
}

/** Create the `http:` provider. */
export const createHttpProvider: ProviderFactory = (context) => {
  const { system, env } = context;
  const url = serviceUrl(context.target);
  const timeoutMs = system.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const rawHeaders = system.headers ?? {};
  const variables = headerVariables(rawHeaders);
  const secrets = variables.map((name) => env[name]);

  const provider: Provider = {
    id: system.provider,
    missingCredential: () => variables.find((name) => !env[name]),
    async call(request) {
      const elapsedMs = startStopwatch();
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/plain;q=0.9' };
      for (const [name, value] of Object.entries(rawHeaders)) headers[name] = value.replace(ENV_REF, (_, v: string) => env[v] ?? '');
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      let response: Response;
      let body: string;
      try {
        response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(servicePayload(request)), signal });
        body = await response.text();
      } catch (error) {
        if (timeout.aborted) throw new ProviderError({ kind: 'timeout', message: `http: ${url} gave no answer within ${timeoutMs} ms` });
        if (request.signal?.aborted) throw abortedError(request.signal);
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
        throw new ProviderError({ kind: 'network', message: redact(`http: ${url}: ${error instanceof Error ? error.message : String(error)}${cause}`, secrets) });
      }
      if (!response.ok) {
        throw httpStatusError(response.status, `http: ${url}: HTTP ${response.status}: ${body.trim().slice(0, 300)}`, response.headers, secrets);
      }
      return parseServiceOutput(body, elapsedMs(), `http: ${url}`);
    },
  };
  return provider;
};
