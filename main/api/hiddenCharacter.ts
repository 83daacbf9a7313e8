import type { z } from 'zod';
import { FORMAT_CHARACTERS } from './escapeControls.js';
import type { Localized } from './localized.js';
import { localizedIssue } from './localizedIssue.js';

/**
 * What a name written into the company's records (the approver's, approval_history.action_user)
 * may not hold: control characters (C0, DEL, C1: NUL, ESC and its colours, CR/LF), line and
 * paragraph separators, the bidi controls that make a text read otherwise than it is stored
 * (U+202E "resU" reads "User"), and lone surrogates (the company gets U+FFFD for them).
 * Declared once, here: the Settings contract, the config file and the OS account all use it.
 */
const HIDDEN = new RegExp(`[\\p{Cc}\\p{Cs}${FORMAT_CHARACTERS}]`, 'u');

/** The first character of `text` a name may not hold, written U+XXXX; null when it holds none. */
export function hiddenCharacter(text: string): string | null {
  const m = HIDDEN.exec(text);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** Why such a name is refused, naming the character. */
export const hiddenCharacterText = (at: string): Localized => ({
  ja: `名前に使えない文字（${at}）が含まれています。制御文字、改行、文字の向きを変える記号、壊れた文字は使えません`,
  en: `the name holds a character it may not (${at}): control characters, line breaks, characters that change the direction of the text and broken characters are refused`,
});

/** The refinement of a name's schema (`.superRefine(refuseHiddenCharacters)`): the rule above, with its reason in every language. */
export function refuseHiddenCharacters(value: string, ctx: z.core.$RefinementCtx<string>): void {
  const at = hiddenCharacter(value);
  if (at !== null) ctx.addIssue(localizedIssue(hiddenCharacterText(at)));
}
