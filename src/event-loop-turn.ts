/**
 * Resolves on the event loop's next check phase (setImmediate): what the run and the readers await to let
 * the sockets' writes and reads, and V8's own tasks, go before their next piece of work.
 */
export function nextTurnOfEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
