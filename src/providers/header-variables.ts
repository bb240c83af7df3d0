// `${VAR}` in an `http:` system's header values pulls a secret from the environment. Kept apart from
// http.ts so the registry can name those variables as secrets without loading the provider.

export const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Env variables the headers refer to with `${VAR}`. */
export function headerVariables(headers: Record<string, string> | undefined): string[] {
  return Object.values(headers ?? {}).flatMap((value) => [...value.matchAll(ENV_REF)].map((m) => m[1]));
}
