// Pairwise comparisons: LLM judges (both orders), human judges (a local page), imported
// judgments, and the statistics every report shows. What other modules import.

export { judgeRun, summarizeRunJudgments, type JudgeRunOptions, type JudgeRunOutcome, type SkippedComparison } from './run-judging.js';
export { judgePair, type LlmJudgeOptions, type PairToJudge } from './llm-judge.js';
export { startHumanJudging, type HumanJudging, type HumanJudgingOptions } from './human-server.js';
export { importJudgments } from './import-judgments.js';
export { readJudgments, latestJudgments, judgmentsPath, JUDGMENTS_FILE } from './judgments-store.js';
export { summarizeJudgments, type PairwiseSummary, type ComparisonSummary, type RatingsSummary, type AgreementSummary, type LengthLookup } from './summarize.js';
export { renderPairwiseSummary, renderWinRateTable } from './render-table.js';
export { formatOutput, formatToolCall, formatConversation } from './render-output.js';
export type { JudgeEvent, JudgeEventListener } from './events.js';
export type { JudgmentRecord, OrderVerdict, Winner, Strength } from './types.js';
