import type Database from 'better-sqlite3';
import { localize, type Lang, type Localized } from '../api/localized.js';

const TEXT: Localized<(names: string) => string> = {
  ja: (names) => `※ ${names}さんはオペレーターマスタで無効（在籍者ではない扱い）です。勤怠・配置・応援の対象には入れていません。`,
  en: (names) => `Note: ${names} is marked inactive in the operator master (not on the current staff), so is left out of attendance, assignments and moves.`,
};

/**
 * People a question names who are inactive in the operator master (「木村愛さんに最終確認をお願いしていい？」): the finder
 * knows only active people, so without this their name reads as a word not understood and a yes or no is given for
 * another reason. Matched whole, with or without the space between family and given name; a name an active person
 * also bears is theirs. Said before the answer.
 */
export function inactivePeopleNote(db: Database.Database, question: string, lang: Lang): string | null {
  const rows = db
    .prepare(
      `SELECT DISTINCT operator_name AS name FROM operators o
        WHERE is_valid = 0 AND NOT EXISTS (SELECT 1 FROM operators v WHERE v.operator_name = o.operator_name AND v.is_valid = 1)
        ORDER BY operator_name`,
    )
    .all() as { name: string }[];
  const unspaced = (s: string): string => s.replace(/[\s\u3000]+/g, '');
  const text = unspaced(question);
  const named = rows.filter((r) => unspaced(r.name).length >= 2 && text.includes(unspaced(r.name))).map((r) => r.name);
  return named.length === 0 ? null : localize(lang, TEXT)(named.join(localize(lang, { ja: 'さん、', en: ', ' })));
}
