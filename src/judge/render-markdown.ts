import MarkdownIt from 'markdown-it';

// Model outputs on the human judging page are markdown (**bold**, lists, code), and a rater must
// see them as the product's users would. They are also untrusted, so the renderer is configured
// to produce only its own markup:
// - html: false: raw HTML in an output (<script>, <img onerror>) is escaped and shows as text;
// - images are off: an output cannot make the page load anything (the page's CSP forbids it too);
// - links only to http(s) and mailto (no javascript:, data:, or paths on the judging server), and
//   they open in a new tab without a referrer, so a click never leaves the judging page.
// markdown-it escapes every attribute it writes, so no event handler can be smuggled in.

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true }).disable('image');
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index].attrSet('target', '_blank');
  tokens[index].attrSet('rel', 'noopener noreferrer nofollow');
  return self.renderToken(tokens, index, options);
};

/** An output's text as sanitized HTML, for the judging page. */
export function renderOutputMarkdown(text: string): string {
  return markdown.render(text);
}
