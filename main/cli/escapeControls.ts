/**
 * Terminal output shows control characters from names and log lines as visible escapes
 * (\x1b, \x00, \u202e …), as the app does, so that data can never move the cursor, recolour
 * or rewrite the terminal. Line feeds and tabs are layout and stay.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
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
