import { describe, expect, it } from 'vitest';
import { ProgressState } from '../../src/report/progress-line.js';

describe('the progress line', () => {
  it('says when a run is pacing to its provider’s rate limit, and stops saying it', () => {
    const state = new ProgressState('canvas', 10);
    expect(state.line()).not.toContain('rate limit');
    state.setPacing('candidate', '100/s');
    state.setPacing('prompted', '100/s');
    expect(state.line()).toMatch(/ {2}rate limit: 100\/s$/);
    state.setPacing('candidate', undefined);
    state.setPacing('prompted', '40,000 tokens/min');
    expect(state.line()).toMatch(/ {2}rate limit: 40,000 tokens\/min$/);
    state.setPacing('prompted', undefined);
    expect(state.line()).not.toContain('rate limit');
  });
});
