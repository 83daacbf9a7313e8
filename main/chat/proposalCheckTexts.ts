import type { Lang } from '../api/types.js';

interface ProposalCheckTexts {
  progressGone: string;
  newerData(f: { before: string; after: string; remainingBefore: number; remainingNow: number; lateBefore: string; lateNow: string }): string;
  noLongerLate: string;
  operatorUnavailable(name: string): string;
  donorCannotSpare(from: string, name: string): string;
}

/** What changed since a proposal was made, worded per language; proposalCheck.ts finds the changes. */
export const proposalCheckTexts: Record<Lang, ProposalCheckTexts> = {
  ja: {
    progressGone: '対象の工程の進捗データが見つからなくなりました。',
    newerData: (f) =>
      `データが更新されました（${f.before} → ${f.after}）: 残り${f.remainingBefore}件 → ${f.remainingNow}件、` +
      `遅れ見込み${f.lateBefore}分 → ${f.lateNow}分。`,
    noLongerLate: '現在は遅延の見込みがありません。',
    operatorUnavailable: (name) => `${name}さんは移動できなくなりました（無効、資格、または本日移動済み）。`,
    donorCannotSpare: (from, name) => `${from}は今、${name}さんを出す余力がありません。`,
  },
  en: {
    progressGone: 'The progress data of this process is no longer there.',
    newerData: (f) =>
      `Newer data (${f.before} → ${f.after}): ${f.remainingBefore} → ${f.remainingNow} left, ` + `expected lateness ${f.lateBefore} → ${f.lateNow} min.`,
    noLongerLate: 'It is no longer expected to be late.',
    operatorUnavailable: (name) => `${name} can no longer be moved (inactive, unqualified or already moved today).`,
    donorCannotSpare: (from, name) => `${from} can no longer spare ${name}.`,
  },
};
