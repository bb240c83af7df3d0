// The one redactor. A key printed by a command's stderr, echoed in an HTTP error body or repeated by
// a model would otherwise travel into results.jsonl and from there into every report, the terminal
// and CI logs. So every value this process knows to be secret is remembered here, by the variable it
// came from, and every choke point that writes or prints text (the result record before it is
// journaled, a ProviderError when it is made, a judgment before it is stored, the CLI's out and err)
// passes it through `redactText` or `redactValue`, whatever shape the secret has.
//
// The set is process-wide on purpose: once a value is known to be a key, nothing this process writes
// should contain it, whichever run, judge or report is writing.

/** Shorter values are not treated as secrets: `yes`, `1`, `dev` or `us-east` would otherwise be cut out of every model answer. */
const MIN_SECRET_LENGTH = 8;

/** Anything shaped like an API key, known or not: OpenAI-style `sk-…` keys and bearer tokens. */
const KEY_SHAPES = [/\bsk-[A-Za-z0-9_*-]{6,}/g, /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi];

interface Secret {
  name: string;
  value: string;
  /** The value as it appears inside a JSON string (quotes, backslashes and control characters escaped). */
  escaped: string;
}

const secrets = new Map<string, Secret>();
/** Longest first, so a secret that contains another is replaced whole. Rebuilt when a secret is added. */
let ordered: Secret[] = [];
/** Whether every secret is written in JSON as it is (no quote, backslash or control character to escape): see redactedJson. */
let allPlain = true;

/** `[redacted MY_LOCAL_KEY]`; the name is reduced to characters that are safe in JSON, CSV, XML and Markdown. */
function placeholder(name: string): string {
  return `[redacted ${name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'secret'}]`;
}

/**
 * Remember `value` (read from the variable `name`) as a secret for the rest of the process. Values
 * shorter than MIN_SECRET_LENGTH, or only whitespace, are ignored (see above).
 */
export function rememberSecret(name: string, value: string | undefined): void {
  if (value === undefined || value.trim().length < MIN_SECRET_LENGTH || secrets.has(value)) return;
  secrets.set(value, { name, value, escaped: JSON.stringify(value).slice(1, -1) });
  ordered = [...secrets.values()].sort((a, b) => b.value.length - a.value.length);
  allPlain = ordered.every((secret) => secret.escaped === secret.value);
}

/** Remember the values of these variables in `env` (unset ones are skipped). */
export function rememberSecretsFrom(env: NodeJS.ProcessEnv, names: Iterable<string>): void {
  for (const name of names) rememberSecret(name, env[name]);
}

/** `text` with every known secret replaced by `[redacted NAME]`. */
export function redactText(text: string): string {
  let out = text;
  for (const secret of ordered) {
    if (out.includes(secret.value)) out = out.split(secret.value).join(placeholder(secret.name));
    // The same value inside serialized JSON (a raw response body kept as text) is escaped differently.
    if (secret.escaped !== secret.value && out.includes(secret.escaped)) out = out.split(secret.escaped).join(placeholder(secret.name));
  }
  return out;
}

/**
 * For error messages: known secrets, and also anything shaped like a key (a key this process was
 * never told about, echoed by a server). Not applied to model answers, where "Bearer authentication"
 * is prose.
 */
export function redactMessage(text: string): string {
  let out = redactText(text);
  for (const shape of KEY_SHAPES) out = out.replace(shape, (m) => (m.toLowerCase().startsWith('bearer') ? 'Bearer ***' : 'sk-***'));
  return out;
}

/**
 * A copy of a JSON-like value (a result record, a judgment) with every string redacted, object keys
 * included. Returns the value itself when nothing in it changed, so a clean record costs no copy.
 */
export function redactValue<T>(value: T): T {
  return redactAny(value) as T;
}

function redactAny(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) {
    let changed = false;
    const copy = value.map((item) => {
      const next = redactAny(item);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? copy : value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safeKey = redactText(key);
      const next = redactAny(item);
      if (next !== item || safeKey !== key) changed = true;
      copy[safeKey] = next;
    }
    return changed ? copy : value;
  }
  return value;
}

/**
 * `redactValue(value)` and its `JSON.stringify`, for a record about to be journaled, without walking
 * and copying the record when its JSON shows no secret can be in it. That is proof, not a guess, when
 * every secret is plain (JSON writes it as it is): JSON escapes a string a character at a time and
 * leaves a plain secret's characters as they are, so a string (or key) that holds the secret puts
 * the secret itself into the JSON. No secret in the JSON, no string redactValue would change. With
 * a secret JSON would escape, or one found in the JSON, the record is walked as before.
 * (At 20,000 cached results the walk and its copies were ~4% of a rerun's CPU time.)
 */
export function redactedJson<T>(value: T): { value: T; json: string } {
  const json = JSON.stringify(value);
  if (allPlain && !ordered.some((secret) => json.includes(secret.value))) return { value, json };
  const safe = redactValue(value);
  return { value: safe, json: safe === value ? json : JSON.stringify(safe) };
}
