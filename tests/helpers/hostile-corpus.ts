// What a case id, an input, a model output, a check reason or a judge's reasoning could hold (issue 13):
// every sanitizer (terminal, Markdown, XML, HTML) and every command is fed the same corpus.
export const HOSTILE = [
  'c1\n::error file=x::injected-annotation',
  '  ::add-mask::secret',
  '##[error]legacy command',
  '\u001b]0;TITLE\u0007\u001b[31mred\u001b[0m',
  '\u001b[2J\u001b[Hcleared the screen',
  'bell\u0007 backspace\b NUL\u0000 DEL\u007f C1\u009b',
  'ping @octocat and @github/security about #123 and GH-1',
  'see https://evil.example/x and www.evil.example and mail me@evil.example',
  'right-to-left \u202Eevil\u202C and isolate \u2066x\u2069',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  'U+FFFF \uFFFF U+FFFE \uFFFE lone \uD800 surrogate',
  '[link](javascript:alert(1)) ![img](https://evil.example/i.png) | pipe | `code` $x$',
];
