/**
 * The characters that are not control characters yet change how text reads: the bidi marks and
 * overrides (U+202E "resU" reads "User") and the line and paragraph separators. A character class
 * body, shared by what escapes them here and what refuses them in a name (hiddenCharacter.ts).
 */
export const FORMAT_CHARACTERS = '\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069';

const ESCAPED = new RegExp(`[\u0000-\u0008\u000b-\u001f\u007f-\u009f${FORMAT_CHARACTERS}]`, 'g');

/**
 * Terminal output and the app log show control characters from names and log lines as
 * visible escapes (\x1b, \x00, \u202e …), as the app does, so that data can never move the
 * cursor, recolour or rewrite the terminal, reverse what it reads, or start a line of its
 * own (U+0085, U+2028 and U+2029 end a line in many viewers). Line feeds and tabs are layout
 * and stay. Plain code of the bottom layer: the CLI and the app log (layer 2) share it.
 */
export function escapeControls(text: string): string {
  return text.replace(ESCAPED, (c) => {
    const code = c.charCodeAt(0);
    // C0 never reaches here raw from JSON.stringify; the \u form of the others stays valid JSON.
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const LAYOUT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One field of a listing (a template, a log line, a label): its own line feeds and tabs
 * are shown as \n and \t too, so that a message can never break the listing's lines and
 * columns or pose as another entry.
 */
export function escapeField(text: string): string {
  return escapeControls(text.replace(/[\n\r\t]/g, (c) => LAYOUT[c]!));
}
