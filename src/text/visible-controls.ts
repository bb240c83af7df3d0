// Characters that change how the text around them is shown rather than being shown themselves: C0 and C1
// controls (ESC starts terminal escape sequences), DEL, and the Unicode bidi embeddings, overrides and
// isolates that can make a line read differently from what it says (Trojan Source). From data they are
// shown as their code point, so a reader sees that they were there.

// Tab and line breaks are layout each destination handles itself.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `U+001B` for ESC, `U+202E` for RIGHT-TO-LEFT OVERRIDE: each such character as a visible code point. */
function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Every control or bidi character replaced by `wrap(U+XXXX)`. */
export function showControls(text: string, wrap: (label: string) => string = (label) => `<${label}>`): string {
  return text.replace(CONTROLS, (char) => wrap(codePointLabel(char)));
}
