// Shared by every caller that sends many requests under one long-lived signal (the LLM judge, rubric graders).

/**
 * A signal that follows `parent` only until released. The SDKs add an abort listener to the
 * signal of every request and never remove it; giving each call its own signal keeps those
 * listeners from piling up on the run's long-lived one.
 */
export function linkedSignal(parent: AbortSignal | undefined): { signal: AbortSignal | undefined; release: () => void } {
  if (!parent) return { signal: undefined, release: () => {} };
  const child = new AbortController();
  const abort = () => child.abort(parent.reason);
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  return { signal: child.signal, release: () => parent.removeEventListener('abort', abort) };
}
