// The plain data types that flow between modules (see README "Architecture").
// Data that crosses a boundary (files, HTTP, CLI) is validated with zod beside its module;
// these are the shapes every module agrees on once it is inside.

/** One turn of a conversation. */
export interface Message {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One row of a dataset. */
export interface Case {
  /** Stable id: the `id` column, or a hash of the row's content (never its row number). */
  id: string;
  /** Where the row came from, for error messages: `datasets/x.csv` or `datasets/x.xlsx#sheet`. */
  file: string;
  /** Row as the spreadsheet shows it: the header is row 1, the first case row 2. JSONL: the line number. */
  row: number;
  /** The conversation from the `input` column. */
  messages: Message[];
  /** Every column of the row, as text, keyed by header name (trimmed). */
  columns: Record<string, string>;
  /** Tags from the `tags` column (comma or space separated). */
  tags: string[];
  /** ISO date-time for time-relative behaviours (`now` column, else the suite's `now`). */
  now?: string;
  /** IANA time zone for `now` (the `timezone` column, else the suite's). */
  timezone?: string;
  /** Hash of the case: of the whole row when loaded; of its question (see run/question-hash.ts) in a run. */
  contentHash: string;
}

/** A tool as the suite declares it, provider-neutral. */
export interface ToolSpec {
  name: string;
  description?: string;
  /** JSON schema of the arguments. */
  parameters: Record<string, unknown>;
}

/** A tool call the system made, with its arguments parsed. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** What a system produced for a case, normalized across providers. */
export interface Output {
  text: string;
  toolCalls: ToolCall[];
  usage?: Usage;
  costUsd?: number;
  latencyMs: number;
  /**
   * What the server said about the model that answered (the response's `model` and `system_fingerprint`),
   * when it said anything: a cached answer from another model or fingerprint is not served.
   */
  servedBy?: { model?: string; fingerprint?: string };
  /** The provider's raw response body, kept for debugging; never includes request headers or keys. */
  raw?: unknown;
}

/** Why a system or judge could not answer. Errors are neither pass nor fail. */
export interface ErrorInfo {
  kind: 'timeout' | 'rate-limit' | 'http' | 'network' | 'malformed' | 'config' | 'check' | 'other';
  message: string;
  status?: number;
}

/** A check's verdict on one output: a pure function of (case, output). */
export interface Verdict {
  pass: boolean;
  /** One line a PM can read: why it passed or failed. */
  reason: string;
  /** The check itself could not run (a `js` module that fails to load or throws): neither pass nor fail. */
  error?: boolean;
  /** The edit an edit check applied, as a unified diff of the document: the reports show it. */
  diff?: string;
  /** A `rubric` check's grade: each sample's verdict and reasoning, the majority, and what grading cost. */
  grade?: RubricGrade;
}

/** One grader answer of a `rubric` check. */
export interface GradeSample {
  pass: boolean;
  /** 1–5 when the rubric grades on a scale (`pass_at`). */
  score?: number;
  reasoning: string;
}

/** A `rubric` check's grade, recorded in its result (results.jsonl) for reports and `evals calibrate`. */
export interface RubricGrade {
  /** The rubric's name (its `name:`, else `rubric`): what calibration and human labels refer to. */
  rubric: string;
  /** Provider id of the grader. */
  grader: string;
  /** Every sample that answered, in order (none when the grader errored). */
  samples: GradeSample[];
  /** Samples agreeing with the majority, e.g. 2 of 3. */
  agreement?: { agree: number; of: number };
  /** The reasoning of the first sample that voted with the majority (or the error's cause). */
  reasoning: string;
  /** Grader requests sent (0 when every sample came from the cache), and what they used and cost. */
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  /** The grader's calibration when the case was graded: not calibrated, or its kappa against people and the bar. */
  standing: 'not calibrated' | { kappa: number; n: number; min?: number; belowBar: boolean };
}

/** A check as written in the suite: `{ type: tool-called, tool: canvas, expect: "{{should_trigger}}" }`. */
export interface CheckSpec {
  type: string;
  [option: string]: unknown;
}

/** A check's spec and verdict, as recorded in a result so a run can be re-scored from stored outputs. */
export interface CheckResult extends Verdict {
  spec: CheckSpec;
  /**
   * For a check tied to a yes/no label column: what the label said and what the system did
   * (positive: it acted, e.g. called the tool). Absent for other checks and for results before it existed.
   */
  decision?: { expected: boolean; predicted: boolean };
}

export type ResultStatus = 'pass' | 'fail' | 'error';

/** One line of results.jsonl: one case × system × repeat. */
export interface ResultRecord {
  caseId: string;
  system: string;
  /** 0-based repeat index. */
  repeat: number;
  /** pass: every check passed (or there are none); fail: one failed; error: no output. */
  status: ResultStatus;
  output?: Output;
  error?: ErrorInfo;
  checks: CheckResult[];
  /** sha256 (hex, 16 chars) of the output's text and tool calls: what the baseline compares. */
  outputHash?: string;
  caseHash: string;
  startedAt: string;
  /** Number of retries the request needed. */
  retries?: number;
  /** Why each retry happened (rate-limit, timeout, http, network, malformed). */
  retryKinds?: ErrorInfo['kind'][];
  cached?: boolean;
  /**
   * What became of a cached answer at a base_url endpoint: `stale` when the server now reports another model
   * or fingerprint (this answer is fresh), `unverified` when it was served with no fresh answer to compare.
   */
  cacheCheck?: 'stale' | 'unverified';
  /**
   * A cached answer served after the model was asked which model the server serves now (the probe, at a
   * base_url endpoint; once per system and run): what that request used and cost, counted in the system's.
   */
  probe?: { inputTokens: number; outputTokens: number; costUsd?: number };
}

/** Provider-independent request parameters (the suite's system block). */
export interface ModelParams {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  /** Anything else is passed through to the provider's request body as-is. */
  extra?: Record<string, unknown>;
}

/** A system as the runner sees it: the suite's system block resolved against files and the CLI. */
export interface SystemConfig {
  name: string;
  /** Provider id as written: `openai:gpt-4o-mini`, `column:current_behavior`, `exec:python bot.py`. */
  provider: string;
  /** System prompt template (file already read), may contain `{{column}}` and `{{now}}`. */
  prompt?: string;
  promptFile?: string;
  tools?: ToolSpec[];
  toolsFile?: string;
  params: ModelParams;
  baseUrl?: string;
  /** Env var holding the API key, when it is not the provider's default. */
  apiKeyEnv?: string;
  timeoutMs?: number;
  /** Extra HTTP headers (http: provider). */
  headers?: Record<string, string>;
  /** Most requests in flight for this system. */
  concurrency?: number;
  /** Requests per minute for this system. */
  rpm?: number;
  /** Dollars per million tokens (the suite's `price`, else the list price for the model, if known). */
  price?: { input: number; output: number };
  /** False: the suite opted this system out of the response cache. */
  cache?: boolean;
}

/** One unit of work: a case for a system, the k-th time (run/ schedules it, batch/ sends it in bulk). */
export interface Job {
  case: Case;
  system: SystemConfig;
  repeat: number;
}
