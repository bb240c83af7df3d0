/**
 * A base URL as messages and run.json may show it: scheme, host and path, without a `user:password@`,
 * query or fragment, which can hold a credential that no variable named (a password written into a
 * suite's `base_url`, or into OPENAI_BASE_URL in the shell) and so no redactor would recognise.
 * The endpoint as given when it has none of them; undefined when it is not a URL.
 */
export function shownEndpoint(endpoint: string): string | undefined {
  try {
    const url = new URL(endpoint);
    // Written as given when there is nothing to take out (`new URL` would add a trailing `/`).
    if (!url.username && !url.password && !url.search && !url.hash && !endpoint.includes('?') && !endpoint.includes('#')) return endpoint;
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
}

/** A system's base URL as run.json records it: shown as above, null when there is none. */
export function recordedEndpoint(endpoint: string | undefined): string | null {
  return endpoint === undefined ? null : (shownEndpoint(endpoint) ?? '(not a URL)');
}
