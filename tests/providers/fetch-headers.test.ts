import { describe, expect, it } from 'vitest';
import { FetchHeaders } from '../../src/providers/fetch-headers.js';

// The CLI bundle gives the model SDKs FetchHeaders for Node's Headers (src/cli/bundle-globals.ts), so
// it must behave as Node's does for what they do with it. Every script below runs on both classes and
// everything observable is compared: iteration, get/has for each name, set-cookie, and which calls throw.

type Step = (headers: Headers) => unknown;
type AnyHeadersClass = new (init?: HeadersInit) => Headers;

function observe(HeadersClass: AnyHeadersClass, init: HeadersInit | undefined, steps: Step[], names: string[]) {
  const outcome = (fn: () => unknown) => {
    try {
      return { value: fn() };
    } catch (error) {
      return { threw: (error as Error).constructor.name };
    }
  };
  let headers: Headers | undefined;
  const made = outcome(() => (headers = new HeadersClass(init)));
  if ('threw' in made) return { made };
  const results = steps.map((step) => outcome(() => step(headers!)));
  const visited: Array<[string, string]> = [];
  headers!.forEach((value, name) => visited.push([name, value]));
  return {
    results,
    entries: [...headers!],
    keys: [...headers!.keys()],
    values: [...headers!.values()],
    visited,
    cookies: headers!.getSetCookie(),
    got: names.map((name) => [headers!.get(name), headers!.has(name)]),
  };
}

const scripts: Array<[string, HeadersInit | undefined, Step[], string[]]> = [
  ['empty', undefined, [], ['accept']],
  ['a record, mixed case', { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Stainless-Lang': 'js' }, [], ['content-type', 'CONTENT-TYPE', 'accept', 'x-missing']],
  [
    'pairs with a repeated name',
    [
      ['X-A', '1'],
      ['x-a', '2'],
      ['B', '3'],
    ],
    [],
    ['x-a', 'b'],
  ],
  ['append joins with a comma and space', undefined, [(h) => h.append('Accept', 'a'), (h) => h.append('accept', 'b'), (h) => h.append('ACCEPT', 'c')], ['accept']],
  ['set replaces, delete removes', { a: '1', b: '2' }, [(h) => h.set('A', 'x'), (h) => h.delete('b'), (h) => h.delete('not-there')], ['a', 'b']],
  ['iteration is sorted by lower-cased name', { Zeta: '1', alpha: '2', Mid: '3', 'x-ratelimit-remaining-requests': '99' }, [], []],
  [
    'set-cookie values stay apart',
    undefined,
    [(h) => h.append('Set-Cookie', 'a=1; Path=/'), (h) => h.append('set-cookie', 'b=2'), (h) => h.append('Vary', 'x'), (h) => h.append('vary', 'y')],
    ['set-cookie', 'vary'],
  ],
  ['set on set-cookie replaces every value', undefined, [(h) => h.append('set-cookie', 'a=1'), (h) => h.append('set-cookie', 'b=2'), (h) => h.set('Set-Cookie', 'c=3')], ['set-cookie']],
  ['whitespace around a value is dropped', { a: '  padded \t', b: '\r\n x \n' }, [(h) => h.append('c', ' y ')], ['a', 'b', 'c']],
  ['an empty value is kept', { a: '' }, [(h) => h.append('a', '')], ['a']],
  ['a Latin-1 value is kept', { a: 'café' }, [], ['a']],
  [
    'invalid names and values throw',
    undefined,
    [
      (h) => h.append('bad name', 'x'),
      (h) => h.set('', 'x'),
      (h) => h.append('x-ok', 'line\nbreak'),
      (h) => h.set('x-nul', 'a\0b'),
      (h) => h.append('x-euro', '€'),
      (h) => h.get('bad:name'),
      (h) => h.append('x-ok', 'fine'),
    ],
    ['x-ok'],
  ],
  ['a bad pair throws', [['only-one']] as unknown as HeadersInit, [], []],
  ['a bad name in a record throws', { 'bad name': 'x' }, [], []],
];

describe('FetchHeaders behaves as Node’s Headers', () => {
  it.each(scripts)('%s', (_name, init, steps, names) => {
    expect(observe(FetchHeaders as unknown as AnyHeadersClass, init, steps, names)).toEqual(observe(Headers, init, steps, names));
  });

  it('takes another Headers (Node’s or its own) as init', () => {
    const node = new Headers([
      ['B', '2'],
      ['a', '1'],
      ['set-cookie', 'x=1'],
      ['set-cookie', 'y=2'],
    ]);
    const fromNode = new FetchHeaders(node);
    expect([...fromNode]).toEqual([...node]);
    expect([...new FetchHeaders(fromNode)]).toEqual([...node]);
    // And Node's takes a FetchHeaders (the Batch APIs' uploads go through Node's fetch with the SDKs' headers).
    expect([...new Headers(fromNode as unknown as HeadersInit)]).toEqual([...node]);
  });

  it('says it is a Headers', () => {
    expect(Object.prototype.toString.call(new FetchHeaders())).toBe('[object Headers]');
  });
});
