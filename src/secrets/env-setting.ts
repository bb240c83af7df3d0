// Which `.env` entries are settings rather than secrets. `.env` is where people keep keys under any
// name, so every value in it is redacted by default (src/cli/env-file.ts). But the same file holds
// where to connect and which model to ask (`OPENAI_BASE_URL`, `EVALS_MODEL`, a region, an org id),
// and redacting those turns "could not reach http://localhost:8000/v1" into "could not reach
// [redacted OPENAI_BASE_URL]": the one thing the user needs to debug is hidden. So an entry is let
// through only when its name says it is a location or a setting AND nothing about it says credential;
// whenever in doubt it stays secret.

/** Names ending like this say where to connect or what to use: the variables evals reads (OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID) and their kin. */
const SETTING_NAME = /(^|_)(BASE_URL|URL|URI|ENDPOINT|HOST|HOSTNAME|PORT|REGION|LOCATION|MODEL|MODEL_NAME|MODEL_ID|DEPLOYMENT|ORG|ORG_ID|ORGANIZATION|PROJECT|PROJECT_ID|VERSION)$/;

/** A name with any of these words is a secret whatever it ends with (`API_KEY_URL`, `SLACK_WEBHOOK_URL`, `AUTH_HOST`). */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASS|AUTH|CREDENTIAL|PRIVATE|WEBHOOK|SIGNATURE/;

/** Query parameters that carry a credential: `?key=`, `?api-key=`, `?access_token=`, Azure's `?sig=`, a function's `?code=`. */
const SECRET_PARAM = /key|token|secret|pass|auth|credential|sig|code|session/i;

/**
 * True when a `.env` entry is a plain setting (a URL, host, port, region, model, org or project id,
 * version) that may be shown as is; false for everything that must stay redacted: a name that is
 * not a setting's, a name that mentions a key, token, secret, password or auth, and a value that
 * carries a credential (a URL with `user:password@` or a key in its query or fragment; `user@host`).
 */
export function isSettingRatherThanSecret(name: string, value: string): boolean {
  const upper = name.toUpperCase();
  if (!SETTING_NAME.test(upper) || SECRET_NAME.test(upper)) return false;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return !value.includes('@');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  // A fragment can carry a token too (`#access_token=…`, OAuth's implicit flow).
  const params = [...url.searchParams.keys(), ...new URLSearchParams(url.hash.slice(1)).keys()];
  return !params.some((param) => SECRET_PARAM.test(param));
}
