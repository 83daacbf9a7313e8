import type { IntentType } from '../api/assistantTypes.js';

/**
 * A few requests per intent, as managers put them, for the nearest-example evidence of
 * the classifier: they catch phrasings no cue names. Not the development set
 * (test/fixtures/intents/): that one measures the classifier and must not teach it.
 */
export const INTENT_EXAMPLES: readonly { intent: IntentType; text: string }[] = [
  { intent: 'deadline_optimization', text: '札幌のエントリ1が終わりそうにない 人を回してほしい' },
  { intent: 'deadline_optimization', text: '納期に間に合わないので応援を手配したい' },
  { intent: 'deadline_optimization', text: 'この工程に誰を入れれば締めに間に合う' },
  { intent: 'deadline_optimization', text: 'we will not finish entry 1 in time, send operators' },
  { intent: 'delay_risk_detection', text: '今日危ない工程はどれ' },
  { intent: 'delay_risk_detection', text: '締め切りに遅れそうな拠点を教えて' },
  { intent: 'delay_risk_detection', text: 'which processes might miss the deadline today' },
  { intent: 'impact_analysis', text: '2人を別の拠点に移したら完了時刻はどう変わる' },
  { intent: 'impact_analysis', text: 'ここから人を抜いても間に合うか試算して' },
  { intent: 'impact_analysis', text: 'what if we move two operators from one site to another' },
  { intent: 'alert_improvement', text: 'アラートが多すぎて見なくなった 基準を変えたい' },
  { intent: 'alert_improvement', text: 'reduce the number of alerts that are not real problems' },
  { intent: 'productivity_analysis', text: '今日のオペレータの処理件数はどう' },
  { intent: 'productivity_analysis', text: 'いつもより処理が遅い理由を知りたい' },
  { intent: 'productivity_analysis', text: 'compare the speed of each site this morning' },
  { intent: 'simple_query', text: '札幌の今の数字は' },
  { intent: 'simple_query', text: '残っている件数と納期を知りたい' },
  { intent: 'simple_query', text: 'how many operators are qualified for verification' },
  { intent: 'log_investigation', text: 'システムがおかしい 何が起きている' },
  { intent: 'log_investigation', text: 'サーバーから応答がないと現場から連絡があった' },
  { intent: 'log_investigation', text: 'something is wrong with the servers, check what happened' },
  { intent: 'knowledge_query', text: 'ベテランの判断のしかたを知りたい' },
  { intent: 'knowledge_query', text: '社内の取り決めではどうすることになっている' },
  { intent: 'knowledge_query', text: 'what do our guidelines say about this' },
  { intent: 'other', text: 'こんにちは ありがとう' },
  { intent: 'other', text: '今日のニュースを教えて' },
  { intent: 'other', text: 'hello thanks' },
  { intent: 'other', text: 'tell me a joke' },
];
