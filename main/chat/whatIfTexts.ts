import { businessLabel } from '../api/businessLabel.js';
import { speedFigure as sp } from '../api/figures.js';
import { localize } from '../api/localized.js';
import { formatHm } from '../config/zonedTime.js';
import type { WhatIfOutcome } from '../placement/moveWhatIf.js';
import { latenessWords } from './analysisTexts.js';
import type { NamedTz } from './textTz.js';

type Projection = WhatIfOutcome['before'];

/** A manager's what-if answered on the proposal's model: the change, the target's finish before and after, who moves, what the giving sites lose. */
export function whatIfAnswer(w: WhatIfOutcome, minSkill: number, o: NamedTz): string {
  const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, o.timeZone));
  const lateness = (m: number | null): string => latenessWords(m, o.lang);
  const t = w.target;
  const line = (a: Projection, b: Projection, deadline: number | null): string =>
    localize(o.lang, {
      ja: `完了見込み ${hm(a.finish)} → ${hm(b.finish)}（納期${hm(deadline)}、${lateness(a.minutesLate)} → ${lateness(b.minutesLate)}）、毎分${sp(a.perMinute ?? 0)} → ${sp(b.perMinute ?? 0)}件`,
      en: `finish ${hm(a.finish)} → ${hm(b.finish)} (deadline ${hm(deadline)}, ${lateness(a.minutesLate)} → ${lateness(b.minutesLate)}), ${sp(a.perMinute ?? 0)} → ${sp(b.perMinute ?? 0)}/min`,
    });
  const business = businessLabel(o.businessNames, t.businessId);
  const where = localize(o.lang, { ja: `${t.site} ${t.process}（${business.ja}）`, en: `${t.site} ${t.process} (${business.en})` });
  const c = w.change;
  if ('speedPerMinute' in c) {
    return [
      localize(o.lang, {
        ja: `${where}の速度が毎分${sp(c.speedPerMinute)}件になった場合（残り${t.remaining}件、${hm(t.snapshotTime)}時点）:`,
        en: `If ${where} ran at ${sp(c.speedPerMinute)}/min (${t.remaining} items left at ${hm(t.snapshotTime)}):`,
      }),
      `- ${line(w.before, w.after, t.deadline)}`,
    ].join('\n');
  }
  const moved = w.movers.length;
  // Where they leave, with the work they leave when it was named («盛岡 検証から»).
  const fromWhere = c.from && 'fromProcess' in c && c.fromProcess ? `${c.from} ${c.fromProcess}` : c.from;
  const head = localize(o.lang, {
    ja: `${fromWhere ? `${fromWhere}から` : ''}${where}へ${moved}名移した場合（切替${w.switchMinutes}分のあと、${moved}名の登録速度 計毎分${sp(w.after.perMinute - w.before.perMinute)}件が加わる）:`,
    en: `Moving ${moved} ${fromWhere ? `from ${fromWhere} ` : ''}to ${where} (after a ${w.switchMinutes}-min switch-over, their registered speeds add ${sp(w.after.perMinute - w.before.perMinute)}/min):`,
  });
  const named = 'named' in c && c.named && c.named.length > 0 ? c.named : null;
  const short =
    w.short > 0 && named
      ? localize(o.lang, {
          ja: `${named.join('・')}は${t.process}に回せる人（スキル${minSkill}以上、出勤中で今日まだ移動していない人）の中にいないため、${moved}名で試算しました。`,
          en: `${named.join(', ')} ${named.length > 1 ? 'are' : 'is'} not among those who can be moved to ${t.process} (skill ${minSkill}+, at work, not moved today), so this is for ${moved}.`,
        })
      : w.short > 0
        ? localize(o.lang, {
            ja: `${fromWhere ?? '他拠点'}で${t.process}ができる人（スキル${minSkill}以上、今日まだ移動していない人）は${moved}名のため、${c.people}名ではなく${moved}名で試算しました。`,
            en: `Only ${moved} at ${fromWhere ?? 'other sites'} can do ${t.process} (skill ${minSkill}+, not moved today), so this is for ${moved}, not ${c.people}.`,
          })
        : null;
  if (moved === 0) return short ?? head;
  const who = localize(o.lang, {
    ja: `- 移る人: ${w.movers.map((m) => `${m.name}（${m.site}、スキル${m.skill}、毎時${sp(m.perHour)}件）`).join('、')}`,
    en: `- Who moves: ${w.movers.map((m) => `${m.name} (${m.site}, skill ${m.skill}, ${sp(m.perHour)}/h)`).join(', ')}`,
  });
  const spare = w.beyondSpare
    ? localize(o.lang, {
        ja: 'この人数は送り出す拠点の余力を超えます（送り出す側の見込みを参照）。',
        en: 'This is more than the giving sites can spare (see the giving side below).',
      })
    : null;
  const notProven = w.notProvenBest
    ? localize(o.lang, {
        ja: '最適化が探索の上限で止まったため、この顔ぶれは見つかった中での最善で、最善とは証明されていません。',
        en: 'The optimizer stopped at its search limit: these are the best movers it found, not proven the best.',
      })
    : null;
  const donors = w.donors.map((d) =>
    d.before === null || d.after === null || d.businessId === null
      ? localize(o.lang, {
          ja: `- ${d.site} ${d.process}: 今日の作業は完了しているため影響はありません`,
          en: `- ${d.site} ${d.process}: today's work is done, no effect`,
        })
      : localize(o.lang, {
          ja: `- ${d.site} ${d.process}（${businessLabel(o.businessNames, d.businessId).ja}、送り出し）: ${line({ ...d.before, perMinute: d.before.perMinute ?? 0 }, { ...d.after, perMinute: d.after.perMinute ?? 0 }, d.deadline)}`,
          en: `- ${d.site} ${d.process} (${businessLabel(o.businessNames, d.businessId).en}, giving): ${line({ ...d.before, perMinute: d.before.perMinute ?? 0 }, { ...d.after, perMinute: d.after.perMinute ?? 0 }, d.deadline)}`,
        }),
  );
  return [short, head, `- ${line(w.before, w.after, t.deadline)}`, who, spare, notProven, ...donors].filter((x): x is string => x !== null).join('\n');
}
