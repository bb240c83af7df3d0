import { findProviderRef, keyVariables, secretVariables } from '../providers/registry.js';
import { rememberSecretsFrom } from '../secrets/redact.js';
import type { LoadedSuite } from '../suite/load.js';
import type { SuiteFile } from '../schema/suite-file.js';

/**
 * Tell the redactor every secret the suites name, before anything runs: each system's key variable
 * (its `api_key_env` or the provider's default), `${VAR}` in its headers, each LLM judge's key, and
 * every provider's default key. A system left out with `--systems` still counts: a command that
 * prints its environment would print that key too.
 */
export function rememberSuiteSecrets(suites: readonly LoadedSuite[], env: NodeJS.ProcessEnv): void {
  rememberSecretsFrom(env, keyVariables());
  for (const suite of suites) {
    for (const system of suite.systems) rememberSecretsFrom(env, secretVariables(system));
    for (const { judge } of suite.config.compare) if (findProviderRef(judge)) rememberSecretsFrom(env, secretVariables({ provider: judge }));
  }
}

/**
 * The same for a suite file read on its own (`evals judge` on a stored run): an `exec:` judge that
 * prints its environment would show the keys of the suite's systems too.
 */
export function rememberSuiteFileSecrets(config: SuiteFile, env: NodeJS.ProcessEnv): void {
  for (const block of Object.values(config.systems)) rememberSecretsFrom(env, secretVariables({ provider: block.provider, apiKeyEnv: block.api_key_env, headers: block.headers }));
}
