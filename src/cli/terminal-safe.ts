import { showControls } from '../text/visible-controls.js';

// Case ids, inputs, outputs, check reasons and provider messages are data, and data reaches the terminal and
// CI logs through io.out/io.err. There an escape sequence can retitle the terminal, move the cursor or hide
// text, and a line that starts with `::` (or the older `##[`) is a GitHub Actions workflow command: an id
// `c1\n::error file=x::…` would add an annotation, `::add-mask::` would hide text, `::stop-commands::` more.
// Every line printed passes through here.

// Our own colours (paint) are plain SGR sequences; they are kept only when colour is on.
const SGR = /^\u001b\[[0-9;]*m/;
const ESC = '\u001b';
// The runner trims leading whitespace before it looks for a command.
const WORKFLOW_COMMAND = /^(\s*(?:\u001b\[[0-9;]*m)*\s*)(::|##\[)/;

function visibleEscapes(line: string, keepColour: boolean): string {
  if (!line.includes(ESC)) return showControls(line);
  let out = '';
  let rest = line;
  while (rest.length) {
    const at = rest.indexOf(ESC);
    if (at < 0) {
      out += showControls(rest);
      break;
    }
    out += showControls(rest.slice(0, at));
    const sgr = keepColour ? SGR.exec(rest.slice(at)) : null;
    if (sgr) {
      out += sgr[0];
      rest = rest.slice(at + sgr[0].length);
    } else {
      out += showControls(ESC);
      rest = rest.slice(at + 1);
    }
  }
  return out;
}

/**
 * Text as it may be printed: control characters (ESC included, so no escape sequence but our colours) shown
 * as `<U+001B>`, and a line that would be a workflow command broken by a zero-width space after its first
 * character, so the log shows it as the text it is.
 */
export function terminalSafe(text: string, keepColour: boolean): string {
  return text
    .split(/(\r?\n)/)
    .map((part) => {
      if (part === '\n' || part === '\r\n') return part;
      const line = visibleEscapes(part, keepColour);
      return line.replace(WORKFLOW_COMMAND, (_, lead: string, command: string) => `${lead}${command[0]}\u200b${command.slice(1)}`);
    })
    .join('');
}
