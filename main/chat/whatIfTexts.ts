import { businessLabel } from '../api/businessLabel.js';
import { speedFigure as sp } from '../api/figures.js';
import { localize } from '../api/localized.js';
import { formatHm } from '../config/zonedTime.js';
import type { WhatIfOutcome } from '../placement/moveWhatIf.js';
import type { WorkChange, WorkWhatIf } from '../placement/workWhatIf.js';
import { latenessWords } from './analysisTexts.js';
import type { NamedTz } from './textTz.js';

type Projection = WhatIfOutcome['before'];

/** A line of work as the what-ifs name it: 「札幌 エントリ1（SS）」, "札幌 エントリ1 (SS)". */
export function lineName(p: { site: string; process: string; businessId: string }, o: NamedTz): string {
  const business = businessLabel(o.businessNames, p.businessId);
  return localize(o.lang, { ja: `${p.site} ${p.process}（${business.ja}）`, en: `${p.site} ${p.process} (${business.en})` });
}

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
  const where = lineName(t, o);
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

/**
 * A what-if on the work itself (items added now, the work stopped), line by line: each open line's finish before and after
 * at its speed now, what it would need to make its deadline when it would miss it, and the lines already done (unaffected).
 * `scope`: what was named (「佐世保」, "Sasebo Entry 2"); `basis`: how the items added were counted, when from a share.
 */
export function workWhatIfAnswer(change: WorkChange, outcomes: readonly WorkWhatIf[], scope: string, o: NamedTz & { basis?: string }): string {
  const hm = (t: number | null): string => (t === null ? '—' : formatHm(t, o.timeZone));
  const lateness = (m: number | null): string => latenessWords(m, o.lang);
  const at = outcomes[0] ? hm(outcomes[0].target.snapshotTime) : '—';
  const open = outcomes.filter((w) => w.target.remaining > 0 || 'items' in change);
  const done = outcomes.length - open.length;
  const head =
    'items' in change
      ? localize(o.lang, {
          ja: `${scope}に今${change.items}件増えた場合（${at}時点、今の速さのまま${o.basis ? `、${o.basis}` : ''}）:`,
          en: `If ${change.items} more items came to ${scope} now (at ${at}, at its speed now${o.basis ? `; ${o.basis}` : ''}):`,
        })
      : change.stopMinutes === null
        ? localize(o.lang, { ja: `${scope}がこの後止まった場合（${at}時点）:`, en: `If ${scope} stopped from now for the rest of the day (at ${at}):` })
        : localize(o.lang, {
            ja: `${scope}が今から${change.stopMinutes}分止まった場合（${at}時点、再開後は今の速さ）:`,
            en: `If ${scope} stopped for ${change.stopMinutes} min from now (at ${at}, then at its speed now):`,
          });
  if (open.length === 0)
    return localize(o.lang, {
      ja: `${scope}の今日の作業は${at}時点ですべて終わっています（残り0件）。止まっても今日の納期への影響はありません。`,
      en: `All of ${scope}'s work for today is done at ${at} (0 items left): a stop now affects none of today's deadlines.`,
    });
  const lines = open.map((w) => {
    const t = w.target;
    const where = lineName(t, o);
    const left = 'items' in change ? `${t.remaining} → ${w.remaining}` : `${w.remaining}`;
    const speed = sp(Math.max(0, t.speedPerMinute ?? 0));
    const projection =
      w.finish === null && 'stopMinutes' in change && change.stopMinutes === null
        ? localize(o.lang, { ja: `今日中には終わりません（納期${hm(t.deadline)}）`, en: `does not finish today (deadline ${hm(t.deadline)})` })
        : localize(o.lang, {
            ja: `完了見込み ${hm(t.projectedFinish)} → ${hm(w.finish)}（納期${hm(t.deadline)}、${lateness(t.minutesLate)} → ${lateness(w.minutesLate)}）`,
            en: `finish ${hm(t.projectedFinish)} → ${hm(w.finish)} (deadline ${hm(t.deadline)}, ${lateness(t.minutesLate)} → ${lateness(w.minutesLate)})`,
          });
    const need =
      w.minutesLate !== null && w.minutesLate > 0 && w.requiredPerMinute !== null
        ? localize(o.lang, {
            ja: `。納期に間に合わせるには毎分${sp(w.requiredPerMinute)}件が必要です（今は毎分${speed}件）`,
            en: `; making the deadline takes ${sp(w.requiredPerMinute)}/min (${speed}/min now)`,
          })
        : '';
    return localize(o.lang, {
      ja: `- ${where}: 残り${left}件、毎分${speed}件、${projection}${need}`,
      en: `- ${where}: ${left} left, ${speed}/min, ${projection}${need}`,
    });
  });
  const rest =
    done > 0
      ? localize(o.lang, {
          ja: `- 今日の作業が終わっているライン${done}本は影響なし`,
          en: `- ${done} line${done > 1 ? 's' : ''} already done today: no effect`,
        })
      : null;
  return [head, ...lines, rest].filter((x): x is string => x !== null).join('\n');
}
