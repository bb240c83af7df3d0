import { describe, expect, it } from 'vitest';
import { load, problems } from './fixture.js';

const FILE = 'datasets/reminders.jsonl';

describe('JSONL datasets', () => {
  it('takes a `messages` array (fine-tuning and chat-log exports) as the input', async () => {
    const dataset = await load(FILE, '{"id": "m1", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "remind me at 7"}]}');
    expect([...dataset.cases][0].messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'remind me at 7' },
    ]);
  });

  it('reads one object per line; other keys become text columns', async () => {
    const text = [
      '{"id": "r1", "input": "remind me at 7pm", "expected_time": "19:00", "priority": 2, "meta": {"src": "pm"}, "skip": null}',
      '',
      '{"input": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}], "tags": "smoke"}',
    ].join('\n');
    const dataset = await load(FILE, text);
    expect(dataset.columns).toEqual(['id', 'input', 'expected_time', 'priority', 'meta', 'skip', 'tags']);
    const [first, second] = dataset.cases;
    expect(first).toMatchObject({
      id: 'r1',
      row: 1,
      messages: [{ role: 'user', content: 'remind me at 7pm' }],
      columns: { expected_time: '19:00', priority: '2', meta: '{"src":"pm"}', skip: '', tags: '' },
    });
    expect(second.row).toBe(3);
    expect(second.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
    ]);
    expect(second.tags).toEqual(['smoke']);
    expect(second.id).toMatch(/^c-[0-9a-f]{10}$/);
  });

  it('reads role-prefixed conversations in a string input, like a spreadsheet cell', async () => {
    const { cases } = await load(FILE, '{"input": "user: hi\\nassistant: hello\\nuser: bye"}\r\n');
    expect(cases[0].messages).toHaveLength(3);
  });

  it('reports every bad line by line number', async () => {
    const text = '{"input": "ok"}\n{"input": "missing brace"\n["not", "an object"]\n{"input": [{"role": "robot", "content": "x"}]}\n{"other": 1}\n';
    const found = await problems(FILE, text);
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/^datasets\/reminders\.jsonl:2: line is not valid JSON \(.+\)$/);
    expect(found.slice(1)).toEqual([
      'datasets/reminders.jsonl:3: line is not a JSON object like {"input": "..."}',
      'datasets/reminders.jsonl:4: column "input": message 1 has role "robot" (use "system", "user" or "assistant")',
      'datasets/reminders.jsonl:5: column "input": is empty (every case needs an input)',
    ]);
  });

  it('reports a file where no line has an input key', async () => {
    expect(await problems(FILE, '{"prompt": "hi"}\n')).toEqual(['datasets/reminders.jsonl: no line has the key "input"; the columns are: prompt']);
  });
});
