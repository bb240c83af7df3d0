import type { ProviderRequest } from './types.js';
import type { Usage } from '../types.js';
import type { Cost } from './rate-budget.js';

/**
 * What a request will spend of a provider's token limits, guessed before it is sent (the providers
 * count a request's tokens when it arrives). Four characters a token, corrected by what the answers'
 * usage showed for this system; output is `max_tokens` when the suite sets it (OpenAI counts that
 * against the limit up front), else the average so far. A wrong guess only shifts the pacing until
 * the next answer's headers say what really remains.
 */
export class TokenEstimate {
  private inputRatio = 1;
  private outputMean: number | undefined;
  private samples = 0;
  private readonly toolChars = new WeakMap<object, number>();

  constructor(private readonly maxTokens?: number) {}

  /** Characters of the request's text: the raw measure the estimate scales. */
  characters(request: ProviderRequest): number {
    let chars = 0;
    for (const message of request.messages) chars += message.content.length;
    if (request.tools.length) {
      let tools = this.toolChars.get(request.tools);
      if (tools === undefined) this.toolChars.set(request.tools, (tools = JSON.stringify(request.tools).length));
      chars += tools;
    }
    return chars;
  }

  cost(characters: number): Cost {
    const input = Math.max(1, Math.round((characters / 4) * this.inputRatio));
    const output = this.maxTokens ?? Math.round(this.outputMean ?? 0);
    return { requests: 1, tokens: input + output, inputTokens: input, outputTokens: output };
  }

  /** Learn from an answer's usage, for a request of `characters`. */
  learn(characters: number, usage: Usage | undefined): void {
    if (!usage || characters <= 0) return;
    const ratio = usage.inputTokens / (characters / 4);
    if (!Number.isFinite(ratio) || ratio <= 0) return;
    // The first answer sets the estimate; later ones move it a fifth of the way.
    const weight = this.samples++ === 0 ? 1 : 0.2;
    this.inputRatio += (ratio - this.inputRatio) * weight;
    this.outputMean = (this.outputMean ?? 0) + (usage.outputTokens - (this.outputMean ?? 0)) * weight;
  }
}
