import type { AskOp } from './askQuery.js';
import type { Localized } from './localized.js';

/**
 * What each operation of a query is called, the one definition for the core (an ask-back's choices) and the renderer
 * (「読み取った内容」). Plain data: the renderer imports it at run time.
 */
export const OP_LABELS: Record<AskOp, Localized> = {
  value: { ja: '数値の確認', en: 'a figure' },
  list: { ja: '一覧', en: 'a list' },
  compare: { ja: '比較', en: 'a comparison' },
  rank: { ja: '順位', en: 'a ranking' },
  trend: { ja: '推移', en: 'a trend' },
  change: { ja: '変化', en: 'a change' },
  whatif: { ja: '試算（もし〜なら）', en: 'a what-if' },
  why: { ja: '原因', en: 'the cause' },
  advise: { ja: '対策の相談', en: 'advice' },
  propose: { ja: '配置の提案', en: 'a staff move proposal' },
  history: { ja: '過去の判断とその結果', en: 'a past decision and how it went' },
  status: { ja: '状況のまとめ', en: 'a status summary' },
  check: { ja: 'はい・いいえの確認', en: 'a yes/no check' },
  knowhow: { ja: 'ノウハウ', en: 'know-how' },
  outside: { ja: '対象外', en: 'out of scope' },
};
