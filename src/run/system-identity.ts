import { createHash } from 'node:crypto';
import { sortKeys } from '../sort-keys.js';
import type { SystemConfig } from '../types.js';

// What a system *is*, as three short hashes: its prompt text, its tools and its parameters. Two runs
// whose system has the same name and the same identity asked the same model the same way, so a
// history or a lineage can tell "the prompt changed" from "the model got worse" without keeping the
// prompt itself (which may be long, or private) in every record.

export interface SystemIdentity {
  /** sha256 (16 hex) of the system prompt template as read from its file; null without a prompt. */
  prompt: string | null;
  /** Of the tools (names, descriptions, schemas), key order ignored; null without tools. */
  tools: string | null;
  /** Of the provider, its endpoint and the model parameters (temperature, max tokens, …). */
  params: string;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export function systemIdentity(system: SystemConfig): SystemIdentity {
  return {
    prompt: system.prompt === undefined ? null : hash(system.prompt),
    tools: system.tools?.length ? hash(JSON.stringify(sortKeys(system.tools))) : null,
    // The provider id names the model; the endpoint decides which server answers it.
    params: hash(JSON.stringify(sortKeys({ provider: system.provider, baseUrl: system.baseUrl ?? null, params: system.params }))),
  };
}
