/**
 * English names of common process words, for a process the company gave no English name in
 * Settings: a small declared vocabulary, not a translator. A name made of one of these words
 * and a number (エントリ1 → Entry 1) gets it; any other name is romanized from its reading.
 */
export const PROCESS_ENGLISH: Readonly<Record<string, string>> = {
  エントリ: 'Entry',
  補正: 'Correction',
  検証: 'Verification',
  ベリファイ: 'Verify',
  入力: 'Input',
  照合: 'Matching',
  審査: 'Review',
  確認: 'Check',
  点検: 'Inspection',
  仕分け: 'Sorting',
  スキャン: 'Scan',
  受付: 'Intake',
  出力: 'Output',
};

/** The vocabulary's English name of a process (エントリー２ → Entry 2), or null for a name outside it. */
export function defaultEnglishName(process: string): string | null {
  const m = /^(.+?)\s*(\d*)$/.exec(
    process
      .normalize('NFKC')
      .replace(/ー(?=\d|$)/g, '')
      .trim(),
  );
  const word = m ? PROCESS_ENGLISH[m[1]!] : undefined;
  return word === undefined ? null : m![2] ? `${word} ${m![2]}` : word;
}
