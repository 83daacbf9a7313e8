import type { IntentType } from './assistantTypes.js';
import type { Localized } from './localized.js';

/**
 * What each intent is called, the one definition for the core and the renderer: `topic`
 * names it inside a sentence (the chat's 「…として回答」), `offer` is a button of an
 * ask-back (「どちらのご用件でしょうか」). Plain data: the renderer imports it at run time.
 */
export const INTENT_LABELS: Record<IntentType, Localized<{ topic: string; offer: string }>> = {
  deadline_optimization: { ja: { topic: '応援の配置', offer: '応援の配置を提案してほしい' }, en: { topic: 'who to move', offer: 'Propose who to move' } },
  delay_risk_detection: { ja: { topic: '遅延リスク', offer: '遅れそうな工程を確認したい' }, en: { topic: 'delay risk', offer: 'Check what may be late' } },
  impact_analysis: {
    ja: { topic: '影響の試算', offer: '人を動かした場合の影響を知りたい' },
    en: { topic: 'impact of a move', offer: 'Estimate the impact of a move' },
  },
  alert_improvement: { ja: { topic: 'アラートの見直し', offer: 'アラートを見直したい' }, en: { topic: 'alert review', offer: 'Review the alerts' } },
  productivity_analysis: { ja: { topic: '生産性の分析', offer: '生産性を分析してほしい' }, en: { topic: 'productivity', offer: 'Analyse productivity' } },
  simple_query: { ja: { topic: '数字の確認', offer: '数字を確認したい' }, en: { topic: 'figures', offer: 'Look up the figures' } },
  log_investigation: { ja: { topic: 'ログの調査', offer: 'ログを調べてほしい' }, en: { topic: 'logs', offer: 'Investigate the logs' } },
  knowledge_query: { ja: { topic: 'ノウハウ', offer: 'ノウハウを探したい' }, en: { topic: 'know-how', offer: 'Search the know-how' } },
  other: { ja: { topic: '対象外', offer: 'それ以外' }, en: { topic: 'out of scope', offer: 'Something else' } },
};
