/** Display width: a CJK character takes two columns in a terminal. */
export const textWidth = (s: string): number =>
  [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
export const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - textWidth(s)));
export const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - textWidth(s))) + s;
