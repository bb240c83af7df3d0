import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { showControls } from '../text/visible-controls.js';

// Model outputs on the human judging page are markdown (**bold**, lists, code), and a rater must
// see them as the product's users would. They are also untrusted, so the renderer is configured
// to produce only its own markup:
// - html: false: raw HTML in an output (<script>, <img onerror>) is escaped and shows as text;
// - images are off: an output cannot make the page load anything (the page's CSP forbids it too);
// - links only to http(s) and mailto (no javascript:, data:, or paths on the judging server), and
//   they open in a new tab without a referrer, so a click never leaves the judging page.
// markdown-it escapes every attribute it writes, so no event handler can be smuggled in.
// Control and bidi characters (a U+202E that makes a line read backwards: Trojan Source) are shown
// as a marked code point, as in report.html, so a rater sees that they are there; in attributes (a
// link's title, a fence's language) as the text `<U+202E>`, so the marker's own markup stays in text.

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true }).disable('image');
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index].attrSet('target', '_blank');
  tokens[index].attrSet('rel', 'noopener noreferrer nofollow');
  return self.renderToken(tokens, index, options);
};

function attributesWithoutControls(tokens: Token[]): void {
  for (const token of tokens) {
    for (const attribute of token.attrs ?? []) attribute[1] = showControls(attribute[1]);
    token.info = showControls(token.info);
    if (token.children) attributesWithoutControls(token.children);
  }
}
markdown.core.ruler.push('controls_out_of_attributes', (state) => attributesWithoutControls(state.tokens));

/** An output's text as sanitized HTML, for the judging page; every control left is in element text. */
export function renderOutputMarkdown(text: string): string {
  return showControls(markdown.render(text), (label) => `<span class="control">${label}</span>`);
}
