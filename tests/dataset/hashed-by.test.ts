import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/dataset/case-id.js';
import { questionColumns, questionHash } from '../../src/run/question-hash.js';
import { runSuite } from '../../src/run/run-suite.js';
import { loadCases } from '../validate/support.js';

// A run asks the dataset for its cases hashed by their question (CaseList.hashedBy) instead of hashing
// every column and then the question: the cases and cases.jsonl must be what they were, byte for byte.

const csv = 'id,input,should_trigger,notes,now,current_behavior\na,"Write an essay, ""quoted""",yes,n1,,→ canvas()\nb,Quick question,no,n2,2026-01-02T03:04:05Z,Sure.\n\nc,Another é,yes,,,No.\n';

describe('cases hashed by their question', () => {
  it('are the same cases, keys in the same order, only contentHash computed by the hash given', async () => {
    const suite = await loadCases(csv, { checks: ['{ type: tool-called, tool: canvas, expect: "{{should_trigger}}" }'] });
    const hash = (columns: Record<string, string>) => `q-${columns.id}`;
    const plain = [...suite.dataset.cases];
    const hashed = [...suite.dataset.cases.hashedBy!(hash)];
    expect(plain.map((kase) => kase.contentHash)).toEqual(plain.map((kase) => contentHash(kase.columns)));
    expect(hashed.map((kase) => JSON.stringify(kase))).toEqual(plain.map((kase) => JSON.stringify({ ...kase, contentHash: hash(kase.columns) })));
  });

  it("give cases.jsonl each case's question hash, as an array of cases gets it", async () => {
    const fromFile = await loadCases(csv, { checks: ['{ type: tool-called, tool: canvas, expect: "{{should_trigger}}" }'] });
    const fromArray = await loadCases(csv, { checks: ['{ type: tool-called, tool: canvas, expect: "{{should_trigger}}" }'] });
    fromArray.dataset.cases = [...fromArray.dataset.cases];
    const written: string[] = [];
    for (const suite of [fromFile, fromArray]) {
      const outcome = await runSuite(suite, { env: {}, cacheDir: false, reportsDir: path.join(suite.root, 'reports') });
      written.push(readFileSync(path.join(outcome.runDir, 'cases.jsonl'), 'utf8'));
    }
    expect(written[0]).toBe(written[1]);
    const columns = questionColumns(fromFile);
    const lines = written[0]
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((kase) => kase.id)).toEqual(['a', 'b', 'c']);
    for (const kase of lines) expect(kase.contentHash).toBe(questionHash(kase.columns, columns));
    // Not the hash of every column: the notes are not part of the question.
    expect(lines[0].contentHash).not.toBe(contentHash(lines[0].columns));
    expect(readdirSync(path.join(fromFile.root, 'reports'))).toContain('cases');
  });
});
