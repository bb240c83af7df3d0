/**
 * Run `call` with a signal of its own that aborts when `parent` does. The SDKs add an abort
 * listener to the signal of every request and a batch is polled for hours: on the run's own signal
 * those listeners pile up (Node warns after 10). Here the one listener on the parent goes when the
 * call ends.
 */
export async function withChildSignal<T>(parent: AbortSignal | undefined, call: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!parent) return call(undefined);
  const child = new AbortController();
  const onAbort = () => child.abort(parent.reason);
  if (parent.aborted) child.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  try {
    return await call(child.signal);
  } finally {
    parent.removeEventListener('abort', onAbort);
  }
}
