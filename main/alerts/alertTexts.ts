import type { Localized } from '../errors.js';

/** The approved threshold was proposed against a value the config no longer holds. */
export const thresholdChanged = (now: number): Localized => ({
  ja: `しきい値はこの提案の後に変わっています（現在 ${Math.round(now * 100)}%）。もう一度アラートの改善を尋ねてください。`,
  en: `The threshold changed after this proposal (now ${Math.round(now * 100)}%). Ask about the alerts again.`,
});
