import type { NameHit, NamedInText } from './queryNames.js';

/**
 * A site named as one not to take people from: 「盛岡からは出さないで」「盛岡以外から」「盛岡は除いて」, "don't take anyone from
 * Morioka", "not from Morioka", "except Morioka". It is neither the site asked about nor a move's source.
 */
function isExcluded(text: string, h: NameHit): boolean {
  const after = text.slice(h.end);
  const before = text.slice(0, h.at);
  return (
    // A list in brackets ends before its words (「関東（品川/横浜）は使わない」); 「も」 adds a site to the ones left out (「佐世保もなし」).
    /^(?:拠点|センター)?[)）]?(?:の(?:人|方|メンバー|オペレーター?))?(?:から(?:は|も)?(?:[^。、]{0,6}?)?(?:出さな|出さず|取らな|取らず|抜かな|抜かず|動かさな|連れてこな|呼ばな|借りな|借りず)|以外|[はも](?:除|のぞ|使わな|なし|ナシ|無し|ダメ|だめ|ng|やめ))/i.test(
      after,
    ) ||
    /(?:not from|except(?: for)?|excluding|other than|(?:don't|do not|never) (?:take|pull|move|borrow|use) (?:anyone|anybody|people|staff|operators?|someone)? ?(?:from|out of)|no one from|nobody from|(?:leave|keep) (?:out )?) ?(?:the )?$/i.test(
      before,
    )
  );
}

/** The sites a request names as ones not to take people from (the query's `notFrom`), among all the sites it names. */
export function excludedSites(found: NamedInText): NameHit[] {
  const out = found.sites.filter((h) => isExcluded(found.text, h));
  // A list excluded together (「盛岡と品川からは出さずに」 "not from Morioka or Shinagawa"): each site joined to an excluded one
  // by と・や・、 / and, or is excluded with it.
  for (let added = true; added;) {
    added = false;
    for (const h of found.sites) {
      if (out.includes(h)) continue;
      const joined = out.some((x) => x.at >= h.end && /^\s*(?:と|や|、|,|・|\/|／|and|or|nor)\s*$/i.test(found.text.slice(h.end, x.at)));
      const following = out.some((x) => x.end <= h.at && /^\s*(?:と|や|、|,|・|\/|／|and|or|nor)\s*$/i.test(found.text.slice(x.end, h.at)));
      if (joined || following) {
        out.push(h);
        added = true;
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * People named as ones to leave out of a move: 「坂本さんは外して」「上野さん以外で」「高山さん抜きで」, "but not Ueno Yukari",
 * "except Ueno", "without Ueno". They are not who the question is about.
 */
export function excludedPeople(found: NamedInText): NameHit[] {
  return found.operators.filter((h) => {
    const after = found.text.slice(h.end);
    const before = found.text.slice(0, h.at);
    return (
      /^(?:さん|くん|君|氏)?(?:は|を|も)?(?:外し|外す|はずし|除い|除く|のぞい|抜い|抜き|なし|以外|はなし|ng|だめ|ダメ)/i.test(after) ||
      /(?:\bbut not|\bnot|except(?: for)?|excluding|without|other than|leave out|leaving out|skip) ?$/i.test(before)
    );
  });
}

/**
 * A family name said alone and left out (「坂本さんは外して」): everyone of that family name is, since the words cannot tell
 * which one is meant; the answer names who was left out. Only a kanji family name before さん/くん and a word of leaving out.
 */
export function excludedFamilyNames(text: string): string[] {
  const out = [...text.matchAll(/([\u4e00-\u9fff々]{1,4})(?:さん|くん|君|氏)(?:は|を|も)?(?:外し|外す|はずし|除い|除く|のぞい|抜い|抜き|なし|以外)/g)].map(
    (m) => m[1]!,
  );
  return [...new Set(out)];
}
