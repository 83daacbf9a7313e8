/**
 * Log text as it may be shown: control characters (NUL, ESC, …) become visible escapes
 * like \x00, and very long lines are cut with their full length. React escapes HTML
 * itself; this is about what a terminal-style byte would do to the layout.
 */
export function visibleText(text: string, max = 2000): string {
  // eslint-disable-next-line no-control-regex
  const shown = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return shown.length <= max ? shown : `${shown.slice(0, max)} …(${text.length.toLocaleString()})`;
}
