import type { TaughtWord } from '../../api/taughtWords.js';
import { foldForCues } from '../foldForCues.js';
import { MEASURES } from './measures.js';
import { hasCue } from './measureWords.js';
import { OP_CUES } from './opCues.js';
import type Database from 'better-sqlite3';
import { loadMasterNames, normalizeText, type MasterNames } from '../masterNames.js';
import { storedBusinessNames } from '../../store/businessNames.js';
import { englishNamesOf } from '../../store/processNames.js';
import { taughtWords } from '../../store/taughtWords.js';
import { siteSpellings } from '../unknownPlaces.js';
import { isEnglish } from './typoWords.js';
import { familyForms, HONORIFIC_AFTER, readingForms, type NameReadings, type NamesToRead } from '../nameReadings.js';

/** Every name a query can filter on, from the synced masters and logs, with the forms a request may use. */
export interface QueryNames {
  sites: string[];
  processes: string[];
  businessIds: string[];
  operators: string[];
  services: string[];
  hosts: string[];
  /** The words the company taught (store/taughtWords.ts), each for its measure; none when absent. */
  taught?: readonly TaughtWord[];
}

const LOG_NAMES_KEY = 'query_names.logs';

/**
 * Services and hosts: the distinct values of the synced lines. Reading them scans every line
 * (no index has them), so they are kept in `meta` with the newest line id they were read at,
 * and read again when newer lines arrive (a service whose old lines were compacted away is
 * still a name worth recognizing).
 */
function logNames(db: Database.Database): { services: string[]; hosts: string[] } {
  const at = db.prepare('SELECT MAX(log_id) AS id FROM app_logs').get() as { id: number | null };
  const key = String(at.id ?? 0);
  const stored = db.prepare('SELECT value FROM meta WHERE key = ?').get(LOG_NAMES_KEY) as { value: string } | undefined;
  if (stored) {
    const v = JSON.parse(stored.value) as { key: string; services: string[]; hosts: string[] };
    if (v.key === key) return v;
  }
  const col = (sql: string): string[] => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
  const names = { services: col(`SELECT DISTINCT service AS v FROM app_logs`), hosts: col(`SELECT DISTINCT host AS v FROM app_logs`) };
  // A store opened read-only (a copy under inspection) reads them every time.
  if (!db.readonly)
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      LOG_NAMES_KEY,
      JSON.stringify({ key, ...names }),
    );
  return names;
}

/** The valid operators' names. */
export function loadOperatorNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT DISTINCT operator_name AS v FROM operators WHERE is_valid = 1`).all() as { v: string }[]).map((r) => r.v);
}

export function loadQueryNames(db: Database.Database): QueryNames {
  return { ...loadMasterNames(db), operators: loadOperatorNames(db), ...logNames(db), taught: taughtWords(db) };
}

/** The names whose readings are made (nameReadings.ts): sites, processes, operators, and the business names and aliases (the aliases' keys), with their English names. */
export function namesToRead(db: Database.Database, aliases: Record<string, string>, m: MasterNames = loadMasterNames(db)): NamesToRead {
  const businessEn = new Map(storedBusinessNames(db).flatMap((b) => (b.nameEn ? [[b.id, b.nameEn] as const] : [])));
  const english = englishNamesOf(db, m.processes, aliases, businessEn);
  return { sites: m.sites, processes: m.processes, businesses: Object.keys(aliases), operators: loadOperatorNames(db), english };
}

/** A name found in a request: its canonical form and where it stood in the normalized text. */
export interface NameHit {
  canonical: string;
  at: number;
  end: number;
}

/** The text with each span blanked (spaces of its length), so that what is left are the words no name took. */
export function blanked(text: string, spans: readonly { at: number; end: number }[]): string {
  let out = text;
  for (const h of spans) out = `${out.slice(0, h.at)}${' '.repeat(h.end - h.at)}${out.slice(h.end)}`;
  return out;
}

export interface NamedInText {
  text: string;
  sites: NameHit[];
  processes: NameHit[];
  businesses: NameHit[];
  operators: NameHit[];
  services: NameHit[];
  hosts: NameHit[];
  /** The words the company taught that the request uses: they speak for their measures (measureWords.ts). */
  taught: TaughtWord[];
  /**
   * A name said again (the second "Entry 1" of "from Medical claims Entry 1 to SS Entry 1"): where, so the words around
   * it are not read as words of their own. Each list above holds a name once, at its first place.
   */
  again?: { at: number; end: number }[];
}

interface Term {
  canonical: string;
  form: string;
  /** What must follow the form (a family name read in kana: an honorific). */
  after?: RegExp;
}

/**
 * A service is called by its leading word (「OCR」 for ocr-worker, "export" for export-worker) when that word is at
 * least three letters, leads no other service, and is no word of another name's forms or of Genba's own vocabulary
 * (「entry」 is the process family, "sync" Genba's own sync); its hosts may share it (ocr-sapporo-01).
 */
function shortServiceNames(names: QueryNames, terms: (canonicals: string[]) => Term[]): Term[] {
  const lead = (s: string): string | null => {
    const m = /^([a-z]{3,})-/.exec(s.toLowerCase());
    return m ? m[1]! : null;
  };
  const leads = new Map<string, string[]>();
  for (const s of names.services) {
    const l = lead(s);
    if (l) leads.set(l, [...(leads.get(l) ?? []), s]);
  }
  const taken = new Set(
    [
      ...[...names.sites, ...names.processes, ...names.businessIds, ...names.operators].flatMap((c) => terms([c]).map((t) => t.form)),
      ...Object.values(MEASURES).flatMap((m) => m.words),
      ...Object.values(OP_CUES).flatMap((cues) => cues.map(([c]) => c)),
    ].flatMap((f) => f.toLowerCase().split(/[^a-z]+/)),
  );
  return [...leads]
    .filter(([l, of]) => of.length === 1 && !taken.has(l) && !names.services.includes(l))
    .map(([l, of]) => ({ canonical: of[0]!, form: normalizeText(l) }));
}

/**
 * A host called without its number («ocr-osaka» for ocr-osaka-01), when only one host has that stem and it is no other
 * name: without it the host named is no name found, and an answer about every host is given as about it.
 */
function hostStems(names: QueryNames): { canonical: string; form: string }[] {
  const stems = new Map<string, string[]>();
  for (const h of names.hosts) {
    const m = /^(.{3,}?)-?\d+$/.exec(h);
    if (m) stems.set(m[1]!, [...(stems.get(m[1]!) ?? []), h]);
  }
  return [...stems]
    .filter(([s, of]) => of.length === 1 && !names.hosts.includes(s) && !names.services.includes(s))
    .map(([s, of]) => ({ canonical: of[0]!, form: s }));
}

/**
 * A site's Latin name typed short («sapp» for Sapporo, «yoko» for Yokohama): its first four letters or more, where no
 * other name of any kind starts so and the stem is no English word (Shinagawa's «shin»). Found as a word of its own,
 * as every Latin name is, after every full name (a stem is shorter than the names it comes from).
 */
function siteStems<T extends { kind: string; term: { canonical: string; form: string } }>(all: readonly T[]): T[] {
  const latin = all.filter((t) => /^[a-z]+$/.test(t.term.form));
  const stems = all
    .filter((t) => t.kind === 'sites' && /^[a-z]{5,}$/.test(t.term.form))
    .flatMap((t) => Array.from({ length: t.term.form.length - 4 }, (_, i) => ({ ...t, term: { ...t.term, form: t.term.form.slice(0, 4 + i) } })));
  return stems.filter(
    // The word list is read last: it is a scan of 274k words, the other tests are of the names alone.
    (s, i) =>
      stems.findIndex((x) => x.term.form === s.term.form) === i &&
      !latin.some((t) => t.term.form === s.term.form) &&
      !latin.some((t) => t.term.form.startsWith(s.term.form) && t.term.canonical !== s.term.canonical) &&
      !isEnglish(s.term.form),
  );
}

/** Not followed by katakana: a clipped word ends there («レセの», not «レセプション»). */
const NOT_KATAKANA = /^(?![\p{Script=Katakana}ー])/u;

/**
 * The words of a business's Japanese name, as managers shorten it: 「医療レセプト」 is named by 医療 and レセプト, and
 * レセプト clipped to its first two kana (レセ, as 「アンケート」 is アンケ… and a clipped loanword is); only words no other
 * business, site or process shares, and a clipped word only where no katakana follows it.
 */
function businessParts(names: QueryNames, aliases: Record<string, string>): { id: string; form: string; after?: RegExp }[] {
  const parts = Object.entries(aliases)
    .filter(([name, id]) => names.businessIds.includes(id) && /\p{Script=Katakana}/u.test(name))
    .flatMap(([name, id]) =>
      (name.match(/[\p{Script=Han}々]{2,}|[\p{Script=Katakana}ー]{3,}/gu) ?? [])
        .filter((w) => w !== name)
        .flatMap((w) => [{ id, form: w }, ...(/^[\p{Script=Katakana}ー]{4,}$/u.test(w) ? [{ id, form: w.slice(0, 2), after: NOT_KATAKANA }] : [])]),
    );
  const others = [...names.sites, ...names.processes];
  return parts.filter(
    (p, i) =>
      !parts.some((q) => q.form === p.form && q.id !== p.id) && !others.some((o) => o.includes(p.form)) && parts.findIndex((q) => q.form === p.form) === i,
  );
}

/**
 * Finds every site, process, business, operator, service and host a request names, longest
 * form first, without overlaps. Forms: the master name, its readings (kana and romaji,
 * nameReadings.ts), the configured aliases (alias → canonical name or business id) and
 * theirs; an operator also by the family name, in kanji, romaji (Takayama) or kana before an
 * honorific (たかやまさん), when only one valid operator has it.
 */
export function createNameFinder(names: QueryNames, aliases: Record<string, string>, readings: NameReadings = {}): (text: string) => NamedInText {
  const aliasesOf = new Map<string, string[]>();
  for (const [alias, target] of Object.entries(aliases)) aliasesOf.set(target, [...(aliasesOf.get(target) ?? []), alias]);
  const term = (canonical: string, form: string, after?: RegExp): Term => ({ canonical, form: normalizeText(form), ...(after ? { after } : {}) });
  /** A name's forms: itself and its readings, its aliases and theirs. */
  const terms = (canonicals: string[]): Term[] =>
    canonicals.flatMap((c) =>
      [c, ...readingForms(readings[c]), ...(aliasesOf.get(c) ?? []).flatMap((a) => [a, ...readingForms(readings[a])])].map((f) => term(c, f)),
    );
  // A family name, in kanji or read, stands for the one valid operator who has it.
  const family = names.operators.flatMap((o) => {
    const f = o.split(/\s+/)[0]!;
    return f === o ? [] : [term(o, f), ...familyForms(readings[o]).map((r) => term(o, r.form, r.honorific ? HONORIFIC_AFTER : undefined))];
  });
  const holders = new Map<string, Set<string>>();
  for (const t of family) holders.set(t.form, (holders.get(t.form) ?? new Set()).add(t.canonical));
  const all: { kind: Exclude<keyof NamedInText, 'text' | 'taught' | 'again'>; term: Term }[] = [
    ...terms(names.sites).map((term) => ({ kind: 'sites' as const, term })),
    ...names.sites.flatMap((c) => siteSpellings(c).map((f) => ({ kind: 'sites' as const, term: term(c, f) }))),
    ...terms(names.processes).map((term) => ({ kind: 'processes' as const, term })),
    ...terms(names.businessIds).map((term) => ({ kind: 'businesses' as const, term })),
    ...businessParts(names, aliases).map((p) => ({ kind: 'businesses' as const, term: term(p.id, p.form, p.after) })),
    ...[...terms(names.operators), ...family.filter((t) => holders.get(t.form)!.size === 1)].map((term) => ({ kind: 'operators' as const, term })),
    ...terms(names.services).map((term) => ({ kind: 'services' as const, term })),
    ...shortServiceNames(names, terms).map((term) => ({ kind: 'services' as const, term })),
    ...terms(names.hosts).map((term) => ({ kind: 'hosts' as const, term })),
    ...hostStems(names).map((h) => ({ kind: 'hosts' as const, term: term(h.canonical, h.form) })),
  ]
    .filter((t) => t.term.form.length > 0)
    .sort((a, b) => b.term.form.length - a.term.form.length);
  all.push(...siteStems(all));

  return (raw: string): NamedInText => {
    const text = normalizeText(raw);
    const folded = foldForCues(raw);
    const taught = (names.taught ?? []).filter((t) => hasCue(folded, t.folded));
    const out: NamedInText = { text, sites: [], processes: [], businesses: [], operators: [], services: [], hosts: [], taught, again: [] };
    const taken: boolean[] = [];
    for (const { kind, term } of all) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(term.form, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + term.form.length;
        // エントリ1 is not in エントリ12; 611040 is not in 6110401.
        if (/\d$/.test(term.form) && /^\d/.test(text.slice(end))) continue;
        if (/^\d/.test(term.form) && /\d/.test(text[at - 1] ?? '')) continue;
        if (term.after && !term.after.test(text.slice(end))) continue;
        // A Latin name is a word of its own: "ss" is not in "progress", "sapporo" not in "ocr-sapporo-01".
        if (/^[a-z]/.test(term.form) && /[a-z0-9_./-]/.test(text[at - 1] ?? '')) continue;
        // A full stop ends a sentence ("… from Morioka."); only one inside a word joins it (sapporo.example).
        if (/[a-z0-9]$/.test(term.form) && (/[a-z_/-]/.test(text[end] ?? '') || (text[end] === '.' && /[a-z0-9]/.test(text[end + 1] ?? '')))) continue;
        if (taken.slice(at, end).some(Boolean)) continue;
        for (let i = at; i < end; i++) taken[i] = true;
        if (!out[kind].some((h) => h.canonical === term.canonical)) out[kind].push({ canonical: term.canonical, at, end });
        else out.again!.push({ at, end });
      }
    }
    for (const k of ['sites', 'processes', 'businesses', 'operators', 'services', 'hosts'] as const) out[k].sort((a, b) => a.at - b.at);
    return out;
  };
}
