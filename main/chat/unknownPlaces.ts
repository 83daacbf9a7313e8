import type { Localized } from '../api/localized.js';

/**
 * Japan's prefectures and its large cities, in kanji and in the romanization a manager types
 * (「福岡」, Fukuoka): the place names a question can use for a site the company does not
 * have. Prefectures without their 都/府/県 (the question rarely writes it). 大分 and 三重 are
 * left out: as words they mean "a good deal" and "triple" far more often than the places.
 */
const PLACES: readonly (readonly [ja: string, en: string])[] = [
  ['北海道', 'hokkaido'],
  ['青森', 'aomori'],
  ['岩手', 'iwate'],
  ['宮城', 'miyagi'],
  ['秋田', 'akita'],
  ['山形', 'yamagata'],
  ['福島', 'fukushima'],
  ['茨城', 'ibaraki'],
  ['栃木', 'tochigi'],
  ['群馬', 'gunma'],
  ['埼玉', 'saitama'],
  ['千葉', 'chiba'],
  ['東京', 'tokyo'],
  ['神奈川', 'kanagawa'],
  ['新潟', 'niigata'],
  ['富山', 'toyama'],
  ['石川', 'ishikawa'],
  ['福井', 'fukui'],
  ['山梨', 'yamanashi'],
  ['長野', 'nagano'],
  ['岐阜', 'gifu'],
  ['静岡', 'shizuoka'],
  ['愛知', 'aichi'],
  ['滋賀', 'shiga'],
  ['京都', 'kyoto'],
  ['大阪', 'osaka'],
  ['兵庫', 'hyogo'],
  ['奈良', 'nara'],
  ['和歌山', 'wakayama'],
  ['鳥取', 'tottori'],
  ['島根', 'shimane'],
  ['岡山', 'okayama'],
  ['広島', 'hiroshima'],
  ['山口', 'yamaguchi'],
  ['徳島', 'tokushima'],
  ['香川', 'kagawa'],
  ['愛媛', 'ehime'],
  ['高知', 'kochi'],
  ['福岡', 'fukuoka'],
  ['佐賀', 'saga'],
  ['長崎', 'nagasaki'],
  ['熊本', 'kumamoto'],
  ['宮崎', 'miyazaki'],
  ['鹿児島', 'kagoshima'],
  ['沖縄', 'okinawa'],
  ['札幌', 'sapporo'],
  ['仙台', 'sendai'],
  ['盛岡', 'morioka'],
  ['さいたま', 'saitama'],
  ['横浜', 'yokohama'],
  ['川崎', 'kawasaki'],
  ['相模原', 'sagamihara'],
  ['品川', 'shinagawa'],
  ['新宿', 'shinjuku'],
  ['渋谷', 'shibuya'],
  ['池袋', 'ikebukuro'],
  ['浜松', 'hamamatsu'],
  ['名古屋', 'nagoya'],
  ['堺', 'sakai'],
  ['神戸', 'kobe'],
  ['北九州', 'kitakyushu'],
  ['那覇', 'naha'],
  ['金沢', 'kanazawa'],
  ['松山', 'matsuyama'],
  ['高松', 'takamatsu'],
  ['佐世保', 'sasebo'],
  ['宇都宮', 'utsunomiya'],
  ['前橋', 'maebashi'],
  ['水戸', 'mito'],
];

/**
 * Other ways a place is written: its historical name (大坂 for 大阪, as the city was written until the Meiji era) and the
 * old forms of its kanji (廣島, 濱松, 橫濱). A manager who writes one means the place.
 */
const OTHER_SPELLINGS: readonly (readonly [ja: string, other: readonly string[]])[] = [
  ['大阪', ['大坂']],
  ['広島', ['廣島']],
  ['徳島', ['德島']],
  ['浜松', ['濱松']],
  ['横浜', ['橫濱', '横濱', '橫浜']],
];

/** A site's name written with its place's other spellings (大阪 → 大坂): forms that name the site. */
export function siteSpellings(site: string): string[] {
  return OTHER_SPELLINGS.flatMap(([ja, others]) => (site.includes(ja) ? others.map((o) => site.replace(ja, o)) : []));
}

/**
 * The place names a question uses that are none of the company's sites (「福岡の欠勤率」 in a
 * company without a 福岡 site): a question about them must be told so, not answered for all
 * sites. A place that contains a site's name or is contained in one (大阪 and 大阪府) is the
 * site; one that is part of a person's name in the company (石川, 山口, 千葉 are family names
 * too) is taken for the person. English names are matched as whole words, case-insensitively.
 */
export function unknownPlaces(question: string, known: { sites: readonly string[]; people: readonly string[] }): Place[] {
  const lower = question.toLowerCase();
  const isSite = (ja: string): boolean => known.sites.some((s) => s.includes(ja) || ja.includes(s));
  const isPerson = (ja: string): boolean => known.people.some((p) => p.includes(ja));
  return PLACES.filter(([ja, en]) => !isSite(ja) && !isPerson(ja) && (question.includes(ja) || new RegExp(`\\b${en}\\b`).test(lower))).map(([ja, en]) => ({
    ja,
    en: en[0]!.toUpperCase() + en.slice(1),
  }));
}

/** A place by its name in each language. */
export interface Place {
  ja: string;
  en: string;
}

/** The answer to a question about a place the company has no site in: which places, and the sites it has. */
export const UNKNOWN_PLACE: Localized<(places: Place[], sites: string[]) => string> = {
  ja: (places, sites) =>
    `「${places.map((p) => p.ja).join('」「')}」の拠点はこの会社のデータにありません。拠点は ${sites.join('・')} です。拠点名を添えてもう一度お尋ねください。`,
  en: (places, sites) =>
    `The company's data has no site at ${places.map((p) => p.en).join(', ')}. Its sites are ${sites.join(', ')}. Ask again with one of them.`,
};
