import type { Localized } from '../api/localized.js';

/**
 * A span of minutes as people say it: "4分" / "4 min", and from 90 minutes on in hours,
 * "約8時間" / "about 8 h" (a delay of 480 minutes reads as a number nobody converts).
 */
export function minutesWords(minutes: number): Localized {
  const m = Math.abs(minutes);
  if (m >= 90) {
    const h = Math.round(m / 60);
    return { ja: `約${h}時間`, en: `about ${h} h` };
  }
  return { ja: `${m}分`, en: `${m} min` };
}
