import { anthropicBatchRoutes } from './anthropic-batch-routes.js';
import { createBatchControl, type FakeBatchControl, type FakeBatchOptions } from './batch-control.js';
import { openaiBatchRoutes } from './openai-batch-routes.js';
import type { Route } from './types.js';

export type { FakeBatchControl, FakeBatchOptions } from './batch-control.js';

/**
 * Both providers' Batch API routes and the control block a test scripts them with. Use as
 * `const batch = fakeBatchRoutes({pollsUntilDone: 2}); startFakeModelServer(brain, {routes: batch.routes})`.
 */
export function fakeBatchRoutes(options: FakeBatchOptions = {}): { routes: Route[]; control: FakeBatchControl } {
  const control = createBatchControl(options);
  return { routes: [...openaiBatchRoutes(control), ...anthropicBatchRoutes(control)], control };
}
