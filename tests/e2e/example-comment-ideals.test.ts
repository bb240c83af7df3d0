import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The canvas-comments example's ideals are the replies the assistant should give, not descriptions of
// them: `evals export` makes each ideal the assistant's training reply, and the rubric shows it as "a
// good answer". A reply of comments on a draft quotes the draft's own words; a description ("Points
// out that the paragraph takes no position…") mostly did not. Checked on what a user gets: the
// examples copied by `evals init --examples`, exported with `evals export --format openai-chat`.

interface ChatLine {
  messages: Array<{ role: string; content?: string }>;
}

/** A project with the shipped examples, made the way a user makes one. */
async function examplesProject(): Promise<string> {
  const dir = makeTempDir('comment-ideals');
  const init = await runCli(['init', '--examples'], { cwd: dir, env: cleanEnv() });
  expect(init.code, init.stderr).toBe(0);
  return dir;
}

/** Each exported example as its user turn and the ideal reply after it. */
async function exportedReplies(dir: string): Promise<Array<{ request: string; reply: string }>> {
  const result = await runCli(['export', 'canvas-comments', '--format', 'openai-chat', '--out', 'out', '--json'], { cwd: dir, env: cleanEnv() });
  expect(result.code, result.stderr).toBe(0);
  const summary = JSON.parse(result.stdout) as { written: number; refused: unknown[]; skippedNoIdeal: number };
  expect(summary).toMatchObject({ written: 26, refused: [], skippedNoIdeal: 0 });
  const lines = readFileSync(path.join(dir, 'out', 'canvas-comments.openai-chat.jsonl'), 'utf8')
    .trim()
    .split('\n');
  return lines.map((line) => {
    const { messages } = JSON.parse(line) as ChatLine;
    return { request: messages.find((m) => m.role === 'user')?.content ?? '', reply: messages.at(-1)?.content ?? '' };
  });
}

/**
 * The passages a reply quotes (straight or curly double quotes) that stand word for word in the draft.
 * The draft is the request after its first paragraph (the user's question), so quoting the question
 * does not count. An ellipsis inside a quote marks words left out: each piece around it must be there.
 */
function passagesQuotedFromDraft(reply: string, request: string): string[] {
  const draft = request.slice(request.indexOf('\n\n') + 2);
  const quoted = [...reply.matchAll(/["“]([^"”\n]+)["”]/g)].map((m) => m[1]);
  return quoted.filter((passage) => {
    const pieces = passage
      .split('…')
      .map((piece) => piece.trim())
      .filter(Boolean);
    return pieces.length > 0 && pieces.every((piece) => draft.includes(piece));
  });
}

/** Ids (from the exported order, which is the sheet's) of the replies that quote nothing of their draft. */
function quotingNothing(examples: Array<{ request: string; reply: string }>, ids: string[]): string[] {
  return examples.flatMap((example, i) => (passagesQuotedFromDraft(example.reply, example.request).length === 0 ? [ids[i]] : []));
}

function sheetIds(dir: string): string[] {
  const rows = Papa.parse<{ id: string }>(readFileSync(path.join(dir, 'datasets', 'canvas-comments.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  return rows.map((row) => row.id);
}

describe('the canvas-comments example: each ideal is the reply itself', () => {
  it('every exported ideal quotes at least one passage of its own draft word for word', async () => {
    const dir = await examplesProject();
    const examples = await exportedReplies(dir);
    expect(quotingNothing(examples, sheetIds(dir))).toEqual([]);
  });

  it('the descriptions the sheet used to hold (kept in notes) fail the same check', async () => {
    const dir = await examplesProject();
    const file = path.join(dir, 'datasets', 'canvas-comments.csv');
    const sheet = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
    for (const row of sheet.data) {
      const description = /What the ideal reply does: ([\s\S]+)$/.exec(row.notes)?.[1];
      expect(description, `${row.id}: notes keep the old description`).toBeTruthy();
      row.ideal_behavior = description!;
    }
    writeFileSync(file, Papa.unparse({ fields: sheet.meta.fields!, data: sheet.data }, { newline: '\n' }) + '\n');
    // Nine of the 26 descriptions quote nothing of their draft word for word (the others quote a phrase
    // while describing the answer, which this check cannot tell from a reply).
    expect(quotingNothing(await exportedReplies(dir), sheetIds(dir))).toEqual([
      'cc-readme-install',
      'cc-typos-only-grant',
      'cc-api-docs-pagination',
      'cc-wedding-toast',
      'cc-release-notes',
      'cc-college-essay-opening',
      'cc-fundraising-letter',
      'cc-talk-abstract',
      'cc-design-doc-caching',
    ]);
  });
});
