import { renderTemplate } from '../template.js';
import type { Case, Message, SystemConfig } from '../types.js';

/** Template variables a prompt may use: every column, plus `now` and `timezone`. */
export function caseVariables(kase: Case): Record<string, string | undefined> {
  return { ...kase.columns, now: kase.now ?? kase.columns.now, timezone: kase.timezone ?? kase.columns.timezone };
}

/** The system prompt (rendered for this case) followed by the case's conversation. */
export function renderMessages(system: SystemConfig, kase: Case): Message[] {
  if (!system.prompt) return kase.messages;
  const { text } = renderTemplate(system.prompt, caseVariables(kase));
  return [{ role: 'system', content: text.trim() }, ...kase.messages];
}
