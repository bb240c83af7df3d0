// A validator for the files `evals export` writes, written from the providers' documented formats
// (not from our writer), so a test that passes means a provider would take the file:
// - OpenAI chat fine-tuning (supervised): https://platform.openai.com/docs/guides/supervised-fine-tuning
//   {"messages": [...], "tools"?: [...], "parallel_tool_calls"?}; the messages end with the assistant
//   reply being trained; an assistant message has content or tool_calls; tool_calls are
//   {id, type: "function", function: {name, arguments: "<JSON string>"}}; a called tool is in "tools".
// - OpenAI preference (DPO): https://platform.openai.com/docs/guides/direct-preference-optimization
//   {"input": {"messages", "tools"?, "parallel_tool_calls"?}, "preferred_output": [assistant],
//   "non_preferred_output": [assistant]}; the input ends with a user turn.
// - Anthropic (Claude 3 Haiku fine-tuning on Bedrock): {"system"?: string, "messages": [...]}; at least two
//   messages, the first from the user, the last from the assistant, alternating, no other keys.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function extraKeys(value: Json, allowed: string[]): string[] {
  return Object.keys(value).filter((key) => !allowed.includes(key));
}

/** Every line of a JSONL file parsed, or the problem with it. */
function lines(text: string, problems: string[]): Array<{ n: number; value: Json }> {
  const out: Array<{ n: number; value: Json }> = [];
  if (text !== '' && !text.endsWith('\n')) problems.push('the file does not end with a newline');
  text.split('\n').forEach((line, index) => {
    if (line === '' && index === text.split('\n').length - 1) return;
    try {
      const value: unknown = JSON.parse(line);
      if (!isObject(value)) problems.push(`line ${index + 1}: not a JSON object`);
      else out.push({ n: index + 1, value });
    } catch {
      problems.push(`line ${index + 1}: not valid JSON`);
    }
  });
  return out;
}

/** Tool names of an OpenAI `tools` list, checking its shape. */
function openAiToolNames(tools: unknown, where: string, problems: string[]): Set<string> {
  const names = new Set<string>();
  if (tools === undefined) return names;
  if (!Array.isArray(tools)) {
    problems.push(`${where}: tools is not an array`);
    return names;
  }
  for (const tool of tools) {
    if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function) || typeof tool.function.name !== 'string' || !isObject(tool.function.parameters)) {
      problems.push(`${where}: a tool is not {type: "function", function: {name, parameters}}`);
      continue;
    }
    if (names.has(tool.function.name)) problems.push(`${where}: tool ${tool.function.name} is listed twice`);
    names.add(tool.function.name);
  }
  return names;
}

function openAiAssistant(message: unknown, tools: Set<string>, where: string, problems: string[]): void {
  if (!isObject(message) || message.role !== 'assistant') {
    problems.push(`${where}: not an assistant message`);
    return;
  }
  const extra = extraKeys(message, ['role', 'content', 'tool_calls', 'weight']);
  if (extra.length) problems.push(`${where}: unexpected keys ${extra.join(', ')}`);
  const calls = message.tool_calls;
  if (message.content !== undefined && typeof message.content !== 'string') problems.push(`${where}: content is not a string`);
  if (calls === undefined) {
    if (typeof message.content !== 'string') problems.push(`${where}: an assistant message needs content or tool_calls`);
    return;
  }
  if (!Array.isArray(calls) || calls.length === 0) {
    problems.push(`${where}: tool_calls is not a non-empty array`);
    return;
  }
  const ids = new Set<unknown>();
  for (const call of calls) {
    if (!isObject(call) || typeof call.id !== 'string' || call.type !== 'function' || !isObject(call.function) || typeof call.function.name !== 'string') {
      problems.push(`${where}: a tool call is not {id, type: "function", function: {name, arguments}}`);
      continue;
    }
    if (ids.has(call.id)) problems.push(`${where}: tool call id ${call.id} is used twice`);
    ids.add(call.id);
    if (!tools.has(call.function.name)) problems.push(`${where}: calls ${call.function.name}, which is not in the tools list`);
    if (typeof call.function.arguments !== 'string') {
      problems.push(`${where}: ${call.function.name}: arguments is not a JSON string`);
      continue;
    }
    try {
      if (!isObject(JSON.parse(call.function.arguments))) problems.push(`${where}: ${call.function.name}: arguments is not a JSON object`);
    } catch {
      problems.push(`${where}: ${call.function.name}: arguments does not parse as JSON`);
    }
  }
}

/**
 * OpenAI chat messages: optional system messages first, then user and assistant turns alternating,
 * starting with the user. `last` is the role the list must end with.
 */
function openAiMessages(messages: unknown, tools: Set<string>, last: 'user' | 'assistant', where: string, problems: string[]): void {
  if (!Array.isArray(messages) || messages.length === 0) {
    problems.push(`${where}: messages is not a non-empty array`);
    return;
  }
  let previous: string | undefined;
  let seenTurn = false;
  messages.forEach((message, i) => {
    const at = `${where}: message ${i + 1}`;
    if (!isObject(message) || typeof message.role !== 'string') {
      problems.push(`${at}: not a {role, content} object`);
      return;
    }
    const role = message.role;
    if (role === 'system') {
      if (seenTurn) problems.push(`${at}: a system message after the conversation started`);
      if (typeof message.content !== 'string') problems.push(`${at}: system content is not a string`);
      return;
    }
    if (role !== 'user' && role !== 'assistant') {
      problems.push(`${at}: role ${role} is not system, user or assistant`);
      return;
    }
    if (!seenTurn && role !== 'user') problems.push(`${at}: the conversation does not start with a user turn`);
    if (previous === role) problems.push(`${at}: two ${role} turns in a row (roles must alternate)`);
    if (role === 'user') {
      if (typeof message.content !== 'string' || message.content === '') problems.push(`${at}: user content is not a non-empty string`);
      const extra = extraKeys(message, ['role', 'content']);
      if (extra.length) problems.push(`${at}: unexpected keys ${extra.join(', ')}`);
    } else openAiAssistant(message, tools, at, problems);
    previous = role;
    seenTurn = true;
  });
  if (previous !== last) problems.push(`${where}: the messages end with ${previous ?? 'no turn'}, not ${last}`);
}

export function validateOpenAiChatFile(text: string): string[] {
  const problems: string[] = [];
  for (const { n, value } of lines(text, problems)) {
    const where = `line ${n}`;
    const extra = extraKeys(value, ['messages', 'tools', 'parallel_tool_calls']);
    if (extra.length) problems.push(`${where}: unexpected keys ${extra.join(', ')}`);
    openAiMessages(value.messages, openAiToolNames(value.tools, where, problems), 'assistant', where, problems);
  }
  return problems;
}

export function validateOpenAiPreferenceFile(text: string): string[] {
  const problems: string[] = [];
  for (const { n, value } of lines(text, problems)) {
    const where = `line ${n}`;
    const extra = extraKeys(value, ['input', 'preferred_output', 'non_preferred_output']);
    if (extra.length) problems.push(`${where}: unexpected keys ${extra.join(', ')}`);
    if (!isObject(value.input)) {
      problems.push(`${where}: input is not an object`);
      continue;
    }
    const tools = openAiToolNames(value.input.tools, where, problems);
    openAiMessages(value.input.messages, tools, 'user', `${where}: input`, problems);
    for (const key of ['preferred_output', 'non_preferred_output'] as const) {
      const output = value[key];
      if (!Array.isArray(output) || output.length !== 1) problems.push(`${where}: ${key} is not a list of one assistant message`);
      else openAiAssistant(output[0], tools, `${where}: ${key}`, problems);
    }
    if (JSON.stringify(value.preferred_output) === JSON.stringify(value.non_preferred_output)) problems.push(`${where}: the preferred and non-preferred outputs are the same`);
  }
  return problems;
}

export function validateAnthropicFile(text: string): string[] {
  const problems: string[] = [];
  for (const { n, value } of lines(text, problems)) {
    const where = `line ${n}`;
    const extra = extraKeys(value, ['system', 'messages']);
    if (extra.length) problems.push(`${where}: unexpected keys ${extra.join(', ')}`);
    if (value.system !== undefined && typeof value.system !== 'string') problems.push(`${where}: system is not a string`);
    const messages = value.messages;
    if (!Array.isArray(messages) || messages.length < 2) {
      problems.push(`${where}: fewer than two messages`);
      continue;
    }
    messages.forEach((message: unknown, i) => {
      const at = `${where}: message ${i + 1}`;
      if (!isObject(message)) return problems.push(`${at}: not an object`);
      const keys = extraKeys(message, ['role', 'content']);
      if (keys.length) problems.push(`${at}: unexpected keys ${keys.join(', ')}`);
      const expected = i % 2 === 0 ? 'user' : 'assistant';
      if (message.role !== expected) problems.push(`${at}: role ${String(message.role)}, expected ${expected} (the first is the user's, then they alternate)`);
      if (typeof message.content !== 'string' || message.content.trim() === '') problems.push(`${at}: content is not a non-empty string`);
    });
    if (messages.length % 2 !== 0) problems.push(`${where}: the last message is not the assistant's`);
  }
  return problems;
}
