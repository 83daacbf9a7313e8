/** Characters a line may hold, as bits of one number (charsOf); a mask's `needs` names those it cannot match without. */
export const CHAR_DIGIT = 1;
export const CHAR_COLON = 2;
export const CHAR_SLASH = 4;
export const CHAR_AT = 8;
export const CHAR_HYPHEN = 16;
export const CHAR_DOT = 32;
export const CHAR_X = 64;
/** `"` or `'`. */
export const CHAR_QUOTE = 128;
/** `<` or `>`. */
export const CHAR_ANGLE = 256;
export const CHAR_COMMA = 512;
/** `(`. */
export const CHAR_PAREN = 1024;
/** `]`. */
export const CHAR_BRACKET = 2048;

const CHAR_BITS = Uint16Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  if (/\d/.test(ch)) return CHAR_DIGIT;
  return (
    {
      ':': CHAR_COLON,
      '/': CHAR_SLASH,
      '\\': CHAR_SLASH,
      '@': CHAR_AT,
      '-': CHAR_HYPHEN,
      '.': CHAR_DOT,
      x: CHAR_X,
      X: CHAR_X,
      '"': CHAR_QUOTE,
      "'": CHAR_QUOTE,
      '<': CHAR_ANGLE,
      '>': CHAR_ANGLE,
      ',': CHAR_COMMA,
      '(': CHAR_PAREN,
      ']': CHAR_BRACKET,
    }[ch] ?? 0
  );
});

/** Which of the CHAR_* characters `text` holds. Masking only removes characters, so the answer holds for every mask in turn. */
export function charsOf(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) bits |= CHAR_BITS[c]!;
  }
  return bits;
}
