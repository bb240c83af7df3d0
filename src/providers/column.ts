import { parseRecordedOutput } from './recorded-output.js';
import { ProviderError, type Provider, type ProviderFactory } from './types.js';

// `column:<name>`: outputs recorded in the dataset itself (what the product does today), so the
// same checks can score recorded behaviour and live models side by side.

/** Create the `column:` provider. An empty cell is a `config` error: nothing was recorded to score. */
export const createColumnProvider: ProviderFactory = (context) => {
  const column = context.target.trim();
  const provider: Provider = {
    id: context.system.provider,
    missingCredential: () => undefined,
    async call(request) {
      const columns = request.case.columns;
      if (!Object.hasOwn(columns, column)) {
        throw new ProviderError({ kind: 'config', message: `the dataset has no column "${column}"` });
      }
      const cell = columns[column];
      if (cell.trim() === '') throw new ProviderError({ kind: 'config', message: `no output recorded in column ${column}` });
      const { text, toolCalls } = parseRecordedOutput(cell);
      return { text, toolCalls, latencyMs: 0, raw: cell };
    },
  };
  return provider;
};
