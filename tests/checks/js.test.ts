import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let dir: string;

beforeAll(() => {
  dir = makeTempDir('js-check');
  writeFileSync(join(dir, 'short.mjs'), 'export default (output) => output.text.length <= 10;\n');
  writeFileSync(
    join(dir, 'named.mjs'),
    [
      'export const mentionsName = async (output, kase) =>',
      '  ({ pass: output.text.includes(kase.columns.name), reason: `looked for ${kase.columns.name}` });',
      'export const broken = () => { throw new Error("boom"); };',
      'export const weird = () => 42;',
      'globalThis.__evalsJsLoads = (globalThis.__evalsJsLoads ?? 0) + 1;',
    ].join('\n'),
  );
});

describe('js', () => {
  it('uses the default export returning a boolean', async () => {
    const spec = { type: 'js', module: join(dir, 'short.mjs') };
    expect(await runCheck(spec, makeOutput({ text: 'ok' }), makeCase())).toMatchObject({ pass: true, reason: `${spec.module} returned true` });
    expect((await runCheck(spec, makeOutput({ text: 'far too long a reply' }), makeCase())).pass).toBe(false);
  });

  it('uses a named async export returning {pass, reason}, with the case', async () => {
    const spec = { type: 'js', module: join(dir, 'named.mjs'), export: 'mentionsName' };
    const kase = makeCase({ columns: { name: 'Ada' } });
    expect(await runCheck(spec, makeOutput({ text: 'Hi Ada' }), kase)).toMatchObject({ pass: true, reason: 'looked for Ada' });
    expect(await runCheck(spec, makeOutput({ text: 'Hi' }), kase)).toMatchObject({ pass: false, reason: 'looked for Ada' });
  });

  it('imports each module once', async () => {
    const spec = { type: 'js', module: join(dir, 'named.mjs'), export: 'mentionsName' };
    await runCheck(spec, makeOutput(), makeCase({ columns: { name: 'x' } }));
    expect((globalThis as { __evalsJsLoads?: number }).__evalsJsLoads).toBe(1);
  });

  it('turns a thrown error into a failure with its message', async () => {
    const spec = { type: 'js', module: join(dir, 'named.mjs'), export: 'broken' };
    expect(await runCheck(spec, makeOutput(), makeCase())).toMatchObject({ pass: false, reason: `${spec.module}#broken threw: boom` });
  });

  it('fails on a return value that is not a verdict', async () => {
    const spec = { type: 'js', module: join(dir, 'named.mjs'), export: 'weird' };
    expect((await runCheck(spec, makeOutput(), makeCase())).reason).toBe(`${spec.module}#weird returned 42, expected true/false or {pass, reason}`);
  });

  it('fails when the export or the module is missing', async () => {
    const named = { type: 'js', module: join(dir, 'named.mjs'), export: 'nope' };
    expect((await runCheck(named, makeOutput(), makeCase())).reason).toBe(`${named.module} has no export "nope" function`);
    const missing = await runCheck({ type: 'js', module: join(dir, 'missing.mjs') }, makeOutput(), makeCase());
    expect(missing.pass).toBe(false);
    expect(missing.reason).toMatch(/^cannot load .*missing\.mjs: /);
  });
});
