import { describe, expect, it } from 'vitest';
import { isSettingRatherThanSecret } from '../../src/secrets/env-setting.js';

describe('which .env entries are settings rather than secrets', () => {
  it.each([
    ['OPENAI_BASE_URL', 'http://localhost:8000/v1'],
    ['ANTHROPIC_BASE_URL', 'https://proxy.example.com'],
    ['OPENAI_ORG_ID', 'org-abcdefgh12345678'],
    ['OPENAI_PROJECT_ID', 'proj_abcdefgh12345678'],
    ['EVALS_MODEL', 'gpt-4o-mini-2024-07-18'],
    ['AWS_REGION', 'eu-central-1'],
    ['AZURE_OPENAI_ENDPOINT', 'https://my-resource.openai.azure.com/'],
    ['AZURE_OPENAI_API_VERSION', '2024-02-15-preview'],
    ['OLLAMA_HOST', 'gpu-box.internal'],
    ['VLLM_PORT', '8000'],
    ['base_url', 'http://127.0.0.1:11434/v1'],
    ['SEARCH_URL', 'https://search.example.com/api?region=eu&limit=10'],
  ])('%s=%s is a setting', (name, value) => {
    expect(isSettingRatherThanSecret(name, value)).toBe(true);
  });

  it.each([
    // Names that are not a setting's: people keep keys under any name.
    ['WEIRD_NAME', 'some-long-secret-value'],
    ['DATABASE', 'postgres-prod-primary'],
    ['MODEL_FILE', 'gpt-4o-mini-2024-07-18'],
    // A name that mentions a credential, whatever it ends with.
    ['OPENAI_API_KEY', 'sk-abcdefgh12345678'],
    ['API_KEY_URL', 'https://keys.example.com'],
    ['AUTH_HOST', 'auth.example.com'],
    ['SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T000/B000/XXXXXXXX'],
    ['TOKEN_ENDPOINT', 'https://login.example.com/token'],
    ['DB_PASSWORD_VERSION', '2'],
    // A value that carries a credential.
    ['MY_SERVICE_URL', 'https://user:hunter22pass@host/x'],
    ['MY_SERVICE_URL', 'https://hunter22pass@host/x'],
    ['REDIS_URL', 'redis://:hunter22pass@cache:6379/0'],
    ['SEARCH_URL', 'https://search.example.com/api?key=hunter22pass'],
    ['SEARCH_URL', 'https://search.example.com/api?region=eu&api-key=hunter22pass'],
    ['BLOB_URL', 'https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=abc%2Fdef'],
    ['FUNCTION_URL', 'https://fn.azurewebsites.net/api/run?code=hunter22pass'],
    ['CALLBACK_URL', 'https://app.example.com/cb#access_token=hunter22pass'],
    ['SSH_HOST', 'deploy:hunter22pass@build.example.com'],
    ['BROKEN_URL', 'http://[not-a-host/v1'],
  ])('%s=%s stays secret', (name, value) => {
    expect(isSettingRatherThanSecret(name, value)).toBe(false);
  });
});
