import type { Localized } from '../api/localized.js';

/** What a name found in a word is, as a sentence says it. */
export type NameKind = 'sites' | 'processes' | 'businesses' | 'operators' | 'services' | 'hosts';

const KIND: Record<NameKind, Localized> = {
  sites: { ja: '拠点', en: 'site' },
  processes: { ja: '工程', en: 'process' },
  businesses: { ja: '業務', en: 'business' },
  operators: { ja: 'オペレーター', en: 'operator' },
  services: { ja: 'サービス', en: 'service' },
  hosts: { ja: 'ホスト', en: 'host' },
};

/** "a, b or c". */
const orList = (xs: readonly string[]): string => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);

const NOTHING_STORED: Localized = { ja: '何も登録していません。', en: 'Nothing was stored.' };

/**
 * The chat's answers to a word taught or forgotten (wordLessons.ts): what was learned, named by the measure's label,
 * and how to take it back; or why nothing was stored.
 */
export const LESSON_TEXTS = {
  learned: {
    ja: (w: string, label: string, before: readonly string[]) =>
      `「${w}」は${label}のことと覚えました。これから質問の「${w}」は${label}として読みます${before.length > 0 ? `（これまでは${before.join('・')}として読んでいました）` : ''}。取り消すときは「${w}を忘れて」と送ってください。`,
    en: (w: string, label: string, before: readonly string[]) =>
      `Learned: "${w}" means ${label}. From now on "${w}" in a question is read as ${label}${before.length > 0 ? ` (until now it was read as ${orList(before)})` : ''}. To remove it, say "forget ${w}".`,
  },
  already: {
    ja: (w: string, label: string) => `「${w}」はすでに${label}として読んでいます。何も変えていません。`,
    en: (w: string, label: string) => `"${w}" is already read as ${label}. Nothing changed.`,
  },
  isName: {
    ja: (w: string, kind: NameKind, name: string, whole: boolean) =>
      `「${w}」${whole ? 'は' : 'には'}${KIND[kind].ja}「${name}」の名前${whole ? 'です' : 'が入っています'}。名前と指標の言葉が重なると質問を読み分けられないので、${NOTHING_STORED.ja}`,
    en: (w: string, kind: NameKind, name: string, whole: boolean) =>
      `"${w}" ${whole ? 'is' : 'contains'} the name of the ${KIND[kind].en} ${name}: a name and a measure's word would read one question two ways. ${NOTHING_STORED.en}`,
  },
  isTime: {
    ja: (w: string) => `「${w}」は時間を表す言葉として読んでいるので、指標の言葉にはできません。${NOTHING_STORED.ja}`,
    en: (w: string) => `"${w}" is read as a time, so it cannot stand for a measure. ${NOTHING_STORED.en}`,
  },
  isOpWord: {
    ja: (w: string) => `「${w}」は質問の種類（理由、比較、一覧など）を読み取る言葉なので、指標の言葉にはできません。${NOTHING_STORED.ja}`,
    en: (w: string) =>
      `"${w}" is a word Genba reads for the kind of question (a cause, a comparison, a list …), so it cannot stand for a measure. ${NOTHING_STORED.en}`,
  },
  tooShort: {
    ja: (w: string) => `「${w}」は短すぎます（2文字以上）。ほかの言葉の中でも見つかってしまうので、${NOTHING_STORED.ja}`,
    en: (w: string) => `"${w}" is too short (2 characters at least): it would be found inside other words. ${NOTHING_STORED.en}`,
  },
  characters: {
    ja: (w: string) => `教えられるのは、文字と数字（スペース、- _ ・ / . & ' も可）でできた言葉です（「${w}」）。${NOTHING_STORED.ja}`,
    en: (w: string) => `A word taught is made of letters and digits (spaces and - _ ・ / . & ' too), not "${w}". ${NOTHING_STORED.en}`,
  },
  unknownMeaning: {
    ja: (m: string) => `「${m}」がどの指標か分かりませんでした。指標の名前（到着件数、残件、処理速度など）で教えてください。${NOTHING_STORED.ja}`,
    en: (m: string) => `I could not tell which measure "${m}" is. Teach it with a measure's name (items arrived, items left, speed …). ${NOTHING_STORED.en}`,
  },
  ambiguous: {
    ja: (m: string, labels: readonly string[]) => `「${m}」は${labels.join('・')}のどれにも読めます。どれか一つの名前で教えてください。${NOTHING_STORED.ja}`,
    en: (m: string, labels: readonly string[]) => `"${m}" could mean ${orList(labels)}. Teach it with one of their names. ${NOTHING_STORED.en}`,
  },
  noData: {
    ja: (m: string) => `「${m}」は Genba が持っていないデータなので、その意味では覚えられません。${NOTHING_STORED.ja}`,
    en: (m: string) => `"${m}" is data Genba does not hold, so a word cannot be taught to mean it. ${NOTHING_STORED.en}`,
  },
  forgot: {
    ja: (w: string, label: string, now: readonly string[]) =>
      `「${w}」（${label}）を忘れました。${now.length > 0 ? `これからは Genba の言葉どおり${now.join('・')}として読みます。` : 'これからは指標の言葉としては読みません。'}`,
    en: (w: string, label: string, now: readonly string[]) =>
      `Forgot "${w}" (${label}). ${now.length > 0 ? `From now on it is read as Genba's own words read it: ${orList(now)}.` : 'It no longer stands for a measure.'}`,
  },
  notTaught: {
    ja: (w: string, taught: readonly { word: string; label: string }[]) =>
      `「${w}」という言葉は教わっていません。${taught.length > 0 ? `教わった言葉: ${taught.map((t) => `${t.word}＝${t.label}`).join('、')}。` : '教わった言葉はまだありません。'}`,
    en: (w: string, taught: readonly { word: string; label: string }[]) =>
      `"${w}" was not taught. ${taught.length > 0 ? `Words taught: ${taught.map((t) => `${t.word} = ${t.label}`).join(', ')}.` : 'No word was taught yet.'}`,
  },
} satisfies Record<string, Localized<(...args: never[]) => string>>;

/** The error of `genba words forget` and `words.forget` for a word not taught. */
export const wordNotTaught = (w: string): Localized => ({
  ja: `「${w}」という言葉は教わっていません（genba words で一覧）`,
  en: `"${w}" was not taught (genba words lists the words taught)`,
});
