import { describe, expect, it } from 'vitest';
import { shownEndpoint } from '../../src/providers/shown-endpoint.js';

describe('a base URL as messages and run.json show it', () => {
  it('is written as given when it carries nothing to take out', () => {
    expect(shownEndpoint('http://localhost:8000/v1')).toBe('http://localhost:8000/v1');
    expect(shownEndpoint('https://api.example.com')).toBe('https://api.example.com');
  });

  it('loses a user, a password, a query and a fragment', () => {
    expect(shownEndpoint('https://user:hunter22pass@proxy.example.com/v1')).toBe('https://proxy.example.com/v1');
    expect(shownEndpoint('https://token-only@proxy.example.com/v1')).toBe('https://proxy.example.com/v1');
    expect(shownEndpoint('https://proxy.example.com/v1?api-key=hunter22pass')).toBe('https://proxy.example.com/v1');
    expect(shownEndpoint('https://proxy.example.com/v1#token=hunter22pass')).toBe('https://proxy.example.com/v1');
  });

  it('is undefined for something that is not a URL', () => {
    expect(shownEndpoint('not a url hunter22pass')).toBeUndefined();
  });
});
