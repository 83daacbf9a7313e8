import type Database from 'better-sqlite3';
import type { Entities } from '../api/assistantTypes.js';
import type { Alert, ProcessProgress } from '../api/types.js';
import { alertAnswer, statusAnswer } from './answerTexts.js';
import type { MasterNames } from './entityResolver.js';
import { skillLevelAsked, type FactKind } from './factKind.js';
import { correctionAnswer, decisionsAnswer, headcountAnswer, proposalsAnswer, qualifiedAnswer, syncAnswer, type NamedTz } from './factTexts.js';
import { rangeWords } from './rangeWords.js';
import { correctionWaiting, decisionsSince, headcount, openProposals, qualifiedOperators } from './storeFacts.js';

/**
 * simple_query: the fact asked for (`kind`), from SQL, narrowed by what the request named;
 * anything else, the progress of what was named.
 */
export function simpleFactAnswer(
  q: {
    db: Database.Database;
    question: string;
    entities: Entities;
    now: number;
    dayStart: number;
    minSkill: number;
    timeZone: string;
    names: MasterNames;
    tz: NamedTz;
  },
  kind: FactKind,
  live: { lastSync: () => number | null; alerts: () => Alert[]; progress: () => ProcessProgress[] },
): string {
  const { db, question, entities: e, now, tz } = q;
  const asked = skillLevelAsked(question);
  // 「昨日の補正待ち」: as of the end of the window asked for.
  if (kind === 'correction')
    return correctionAnswer(
      correctionWaiting(db, Math.min(now, e.time_range?.to ?? now), { site: e.location, process: e.process, businessId: e.business_id }),
      tz,
      e.location,
    );
  // A site without a process or a level: its headcount; with one: who can do what, at that level.
  if ((kind === 'headcount' || kind === 'qualified') && e.location !== null && e.process === null && asked === null)
    return headcountAnswer(e.location, headcount(db, e.location, q.minSkill), q.minSkill, tz);
  if ((kind === 'qualified' || kind === 'headcount') && (e.location !== null || e.process !== null)) {
    const minSkill = asked ?? q.minSkill;
    const pairs = (e.location ? [e.location] : q.names.sites).flatMap((site) => (e.process ? [e.process] : q.names.processes).map((p) => [site, p] as const));
    return pairs
      .slice(0, 8)
      .map(([site, p]) => qualifiedAnswer(site, p, minSkill, qualifiedOperators(db, site, p, minSkill), tz))
      .join('\n');
  }
  if (kind === 'decisions') {
    const range = e.time_range ?? { from: q.dayStart, to: now, label: 'today' };
    return decisionsAnswer(decisionsSince(db, range.from), tz, rangeWords(range, q.timeZone));
  }
  if (kind === 'proposals') return proposalsAnswer(openProposals(db), tz);
  if (kind === 'sync') return syncAnswer(live.lastSync(), tz);
  if (kind === 'alerts') return alertAnswer(live.alerts(), tz);
  return statusAnswer(live.progress(), tz, e.location, e.process);
}
