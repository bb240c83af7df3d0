import type { Case, ErrorInfo, Message, Output, SystemConfig, ToolSpec } from '../types.js';
import { redactMessage } from '../secrets/redact.js';
import type { RateLimitListener } from './rate-limit-headers.js';

/** Everything a provider needs for one call. The runner renders prompts; providers only translate. */
export interface ProviderRequest {
  case: Case;
  /** The conversation, with the rendered system prompt (if any) first as a `system` message. */
  messages: Message[];
  tools: ToolSpec[];
  /** 0-based repeat index (part of the cache key; providers may ignore it). */
  repeat: number;
  signal?: AbortSignal;
  /**
   * Hears the rate limits stated in the headers of the answer (a success or an error), so the run can
   * pace itself to them. Providers without such headers never call it.
   */
  onRateLimits?: RateLimitListener;
}

export interface Provider {
  /** The provider id as written in the suite, e.g. `openai:gpt-4o-mini`. */
  readonly id: string;
  /** The endpoint requests go to, when there is one (base URL from the suite or the environment). */
  readonly endpoint?: string;
  /**
   * Requests go to a base URL the suite or the environment set (an OpenAI-compatible server), not the vendor's
   * API. Such servers can serve new weights behind an old model name, so cached answers are checked against
   * the model and fingerprint the server reports (see cache/server-identity.ts).
   */
  readonly customEndpoint?: boolean;
  /**
   * Who a provider's rate limits belong to: the endpoint and a hash of the key. Systems with the same
   * scope share one budget in a run, as they share one limit at the provider.
   */
  readonly rateLimitScope?: string;
  /**
   * The env var to set when a credential is missing, e.g. `OPENAI_API_KEY`; undefined when ready.
   * The runner skips the system with one line naming it (exit 3 under --ci).
   */
  missingCredential(): string | undefined;
  /** Resolve with a normalized Output, or reject with a ProviderError. Never retries by itself. */
  call(request: ProviderRequest): Promise<Output>;
}

export interface ProviderContext {
  /** `gpt-4o-mini` in `openai:gpt-4o-mini`; `python bot.py` in `exec:python bot.py`. */
  target: string;
  system: SystemConfig;
  env: NodeJS.ProcessEnv;
  /** Directory relative paths resolve against (the suite's project root). */
  cwd: string;
}

export type ProviderFactory = (context: ProviderContext) => Provider;

/** A failed call, classified so the scheduler can decide whether to retry and reports can say why. */
export class ProviderError extends Error {
  readonly info: ErrorInfo;
  /** From a `Retry-After` header, when the server sent one. */
  readonly retryAfterMs?: number;
  constructor(info: ErrorInfo, retryAfterMs?: number) {
    // Redacted where every provider error is made: a command's stderr or a server's error body may
    // repeat a key, and this message goes into results, reports and the terminal.
    const message = redactMessage(info.message);
    super(message);
    this.name = 'ProviderError';
    this.info = { ...info, message };
    this.retryAfterMs = retryAfterMs;
  }

  /** 429, 5xx, timeouts and dropped connections are worth another try; 4xx and malformed bodies are not. */
  get retryable(): boolean {
    const { kind, status } = this.info;
    if (kind === 'rate-limit' || kind === 'timeout' || kind === 'network') return true;
    if (kind === 'malformed') return true;
    return kind === 'http' && status !== undefined && (status >= 500 || status === 408 || status === 409);
  }
}

export interface Price {
  /** Dollars per million input tokens. */
  input: number;
  /** Dollars per million output tokens. */
  output: number;
}
