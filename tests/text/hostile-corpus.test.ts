import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { terminalSafe } from '../../src/cli/terminal-safe.js';
import { escapeHtml, escapeHtmlText } from '../../src/report/html-escape.js';
import { markdownCell, markdownCode, markdownInline, markdownNote } from '../../src/report/markdown-escape.js';
import { xmlAttr, xmlText } from '../../src/report/xml-escape.js';
import { HOSTILE } from '../helpers/hostile-corpus.js';

// Issue 13 item 1: one sanitizer per destination, each fed the same hostile corpus.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the terminal and CI logs', () => {
  for (const text of HOSTILE) {
    it(`shows ${JSON.stringify(text)} without escape sequences or workflow commands`, () => {
      const safe = terminalSafe(text, false);
      expect(safe).not.toMatch(CONTROL);
      for (const line of safe.split('\n')) expect(line.trimStart()).not.toMatch(/^(::|##\[)/);
    });
  }

  it('keeps the line breaks and the words, and shows each control as its code point', () => {
    expect(terminalSafe('c1\n::error file=x::y', false)).toBe('c1\n:\u200b:error file=x::y');
    expect(terminalSafe('\u001b]0;T\u0007', false)).toBe('<U+001B>]0;T<U+0007>');
  });

  it('keeps our own colours when colour is on, and only plain colour sequences', () => {
    expect(terminalSafe('\u001b[31mred\u001b[0m', true)).toBe('\u001b[31mred\u001b[0m');
    expect(terminalSafe('\u001b]0;TITLE\u0007', true)).toBe('<U+001B>]0;TITLE<U+0007>');
    expect(terminalSafe('\u001b[31m::error::x', true)).toBe('\u001b[31m:\u200b:error::x');
  });
});

describe('Markdown for pull-request comments', () => {
  // linkify stands in for GitHub's autolinks; mentions and references are checked on the rendered text.
  const md = new MarkdownIt({ html: true, linkify: true });
  const TAGS = /<(a|script|img)\b/;
  for (const escape of [markdownInline, markdownCell]) {
    for (const text of HOSTILE) {
      it(`${escape.name}: ${JSON.stringify(text)} renders with no live link, mention, reference, HTML or control`, () => {
        const html = md.render(`| a |\n| --- |\n| ${escape(text)} |\n\n${escape(text)}\n`);
        expect(html).not.toMatch(TAGS);
        expect(html.match(/<td>/g)).toHaveLength(1);
        const rendered = html.replace(/<[^>]+>/g, '').replace(/&#8203;|\u200b/g, '\u200b');
        expect(rendered).not.toMatch(/(^|[^\w\u200b])@\w/);
        expect(rendered).not.toMatch(/(^|\s)#\d/);
        expect(rendered).not.toMatch(/https?:\/\/|www\.\w/);
        expect(rendered).not.toMatch(CONTROL);
      });
    }
  }
  // Our own notes quote commands in backticks and data around them: the command stays a code span,
  // the data is escaped as markdownInline escapes it (a backtick in the data only makes more code).
  for (const text of HOSTILE.filter((t) => !t.includes('`'))) {
    it(`markdownNote: ${JSON.stringify(text)} around a quoted command`, () => {
      const note = markdownNote(`not judged (${text}); make one with \`evals promote <run> --system <name>\``);
      const html = md.render(`${note}\n`);
      expect(html).not.toMatch(TAGS);
      expect(html.match(/<code>/g)).toHaveLength(1);
      expect(html).toContain('; make one with <code>evals promote &lt;run&gt; --system &lt;name&gt;</code>');
      const rendered = html
        .replace(/<code>.*<\/code>/, '')
        .replace(/<[^>]+>/g, '')
        .replace(/&#8203;|\u200b/g, '\u200b');
      expect(rendered).not.toMatch(/(^|[^\w\u200b])@\w/);
      expect(rendered).not.toMatch(/https?:\/\/|www\.\w/);
      expect(rendered).not.toMatch(CONTROL);
    });
  }
  // Inside a code span nothing is a link or a mention; it must stay one span, with no control character.
  for (const text of HOSTILE) {
    it(`markdownCode: ${JSON.stringify(text)} stays one code span`, () => {
      const html = md.render(`run ${markdownCode(text)} done\n`);
      expect(html).not.toMatch(TAGS);
      expect(html.match(/<code>/g)).toHaveLength(1);
      expect(html.replace(/<[^>]+>/g, '')).not.toMatch(CONTROL);
    });
  }
});

describe('XML (junit.xml, results.xlsx)', () => {
  for (const text of HOSTILE) {
    it(`${JSON.stringify(text)} as text and as an attribute parses`, async () => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?><r a="${xmlAttr(text)}">${xmlText(text)}</r>`;
      const result = await validateXML({ xml: [{ fileName: 'r.xml', contents: xml }], schema: [] });
      expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    });
  }
});

describe('HTML (report.html)', () => {
  for (const text of HOSTILE) {
    it(`${JSON.stringify(text)} can open no tag and end no attribute`, () => {
      expect(escapeHtml(text)).not.toMatch(/[<>"']/);
    });
    it(`${JSON.stringify(text)} keeps no control or bidi character, as attribute or as element text`, () => {
      expect(escapeHtml(text)).not.toMatch(CONTROL);
      expect(escapeHtmlText(text)).not.toMatch(CONTROL);
      expect(escapeHtmlText(text).replace(/<span class="control">U\+[0-9A-F]{4}<\/span>/g, '')).not.toMatch(/[<>"']/);
    });
  }
});
