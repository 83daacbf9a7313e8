/**
 * Words that carry no content of their own in a manager's question: question words, units, the generic nouns a name is
 * written with (「札幌拠点」「エントリ1工程」), polite endings. A word here that no field took is not reported as "not
 * understood" (wordsAccounted.ts). Declared once: a word missing here is shown to the manager, never silently dropped.
 */
export const FUNCTION_WORDS_JA: ReadonlySet<string> = new Set([
  '何',
  '何件',
  '何人',
  '何名',
  '何分',
  '何時',
  '何時間',
  '件',
  '件数',
  '人',
  '名',
  '分',
  '時間',
  '工程',
  '拠点',
  '業務',
  '現場',
  '全体',
  '今',
  '現在',
  '教',
  '知',
  '見',
  '確認',
  '状況',
  '様子',
  '感',
  '大丈夫',
  '本当',
  '一応',
  '結局',
  '具体的',
  '方',
  '時',
  '中',
  '上',
  '下',
  '他',
  '的',
  '等',
  '私',
  '自分',
  '今回',
  '場合',
  '可能',
  '必要',
  '予定',
  'お願',
  '願',
  'ちょっと',
  // The people of a line said as a group, and the request's own verb («SSチームから», 「案を作成」): who and what the reading holds.
  'チーム',
  '要員',
  '作成',
  // What a plan or a proposal is, asked for (「最適配置を提案して」): the optimizer's, whatever the words.
  '最適',
  '最適配置',
  '最適化',
  // The people counted said as operators («レベル4以上のオペレーター», 「オペレーター数」): who the headcount counts.
  'オペレーター',
  'オペレータ',
]);

export const FUNCTION_WORDS_EN: ReadonlySet<string> = new Set(
  (
    'a an the is are was were be been being am do does did doing have has had having will would shall should can could may might must ' +
    'i me my we us our you your he she it its they them their this that these those there here what which who whom whose when where why how ' +
    'of in on at by for with about as into onto from to up down out over under again then once all any both each few more most some such ' +
    'only own same so than too very just also and but or if because until while please tell show give let lets let’s get got see know want need ' +
    'right now currently today s re ve ll d m t ok okay hey hi thanks thank yes well like much many one ' +
    // Time prepositions and words of asking that carry nothing a reading uses («before 16:00», "should I worry").
    'gonna wanna gotta teh pm before after since till during across whole entire look looking worry worried thing things still already yet ever even really actually ' +
    // Chat shorthand for words above (typoWords' SHORTHAND reads them), and a line's people said as a group.
    'pls plz u ur team folks optimal optimum optimized ppl total overall quick'
  ).split(' '),
);
