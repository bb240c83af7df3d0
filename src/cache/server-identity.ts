import type { Output } from '../types.js';

/**
 * What an OpenAI-compatible server (Ollama, vLLM, a fine-tune endpoint) says about the model that answered:
 * the response's `model` and `system_fingerprint`. New weights served behind the same model name change the
 * answers but not the request, so the cache key alone cannot see them; when the server reports a different
 * model or fingerprint than it did for a cached answer, that answer is stale.
 *
 * The current identity is learnt from this run's first fresh answer of the system. Until then a cached answer
 * cannot be trusted: the first job that has one asks the model too (the probe) and the others wait for it,
 * so a fully cached run costs one request per system, and an uncached run waits for nothing.
 */
export class ServerIdentity {
  private current: string | undefined;
  private probing: { promise: Promise<void>; release: () => void } | undefined;
  /** Cached answers thrown away because the server now reports another model or fingerprint. */
  stale = 0;
  /** Set when no fresh answer could be had to compare with: cached answers were served as they were. */
  unverified = false;

  /** `serve` the cached answer, ask the model because it is `stale`, or ask it as the `probe`, `learn`, and admit again. */
  async admit(cached: Output): Promise<'serve' | 'stale' | 'probe'> {
    for (;;) {
      if (this.current !== undefined) {
        if (this.unverified || identityOf(cached) === this.current) return 'serve';
        this.stale++;
        return 'stale';
      }
      if (!this.probing) {
        let release = () => {};
        const promise = new Promise<void>((resolve) => (release = resolve));
        this.probing = { promise, release };
        return 'probe';
      }
      await this.probing.promise;
    }
  }

  /** A fresh answer: what the server says now (the first one wins; one run asks one server). */
  learn(output: Output): void {
    if (this.current === undefined) this.current = identityOf(output);
    this.finishProbe();
  }

  /**
   * The probe failed (the server is down, the key refused). Rather than probing again case after case, the
   * cached answers are served as they are and the run says how many were not checked.
   */
  probeFailed(): void {
    if (this.current === undefined) {
      this.current = '';
      this.unverified = true;
    }
    this.finishProbe();
  }

  private finishProbe(): void {
    this.probing?.release();
    this.probing = undefined;
  }
}

/** `model|fingerprint` as the server reported them; '' when it reported neither (nothing to compare). */
function identityOf(output: Output): string {
  const served = output.servedBy;
  return served ? `${served.model ?? ''}|${served.fingerprint ?? ''}` : '';
}
