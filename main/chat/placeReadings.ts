/**
 * Readings of common Japanese place names (kana and romaji), so that さっぽろ or Sapporo
 * finds 札幌. Only names present in the synced master data are ever resolved; companies
 * add their own names through Settings → Business names (businesses, kept in the store) and
 * `placement.aliases` in the config (sites, processes and businesses).
 */
export const PLACE_READINGS: Record<string, readonly string[]> = {
  札幌: ['さっぽろ', 'サッポロ', 'sapporo'],
  盛岡: ['もりおか', 'モリオカ', 'morioka'],
  仙台: ['せんだい', 'sendai'],
  品川: ['しながわ', 'シナガワ', 'shinagawa'],
  横浜: ['よこはま', 'ヨコハマ', 'yokohama'],
  大阪: ['おおさか', 'オオサカ', 'osaka'],
  佐世保: ['させぼ', 'サセボ', 'sasebo'],
  東京: ['とうきょう', 'tokyo'],
  名古屋: ['なごや', 'nagoya'],
  福岡: ['ふくおか', 'fukuoka'],
  広島: ['ひろしま', 'hiroshima'],
  京都: ['きょうと', 'kyoto'],
  神戸: ['こうべ', 'kobe'],
  新潟: ['にいがた', 'niigata'],
  金沢: ['かなざわ', 'kanazawa'],
  那覇: ['なは', 'naha'],
  千葉: ['ちば', 'chiba'],
  埼玉: ['さいたま', 'saitama'],
  青森: ['あおもり', 'aomori'],
  秋田: ['あきた', 'akita'],
  熊本: ['くまもと', 'kumamoto'],
  長崎: ['ながさき', 'nagasaki'],
  静岡: ['しずおか', 'shizuoka'],
  岡山: ['おかやま', 'okayama'],
  松山: ['まつやま', 'matsuyama'],
  高松: ['たかまつ', 'takamatsu'],
};

/** English words for the demo's process families (エントリ1 ← "entry 1"). */
export const PROCESS_WORDS: Record<string, readonly string[]> = {
  エントリ: ['entry', 'data entry', 'えんとり', 'e'],
  補正: ['correction', 'correct', 'fix', 'ほせい'],
  検証: ['verification', 'verify', 'けんしょう'],
};
