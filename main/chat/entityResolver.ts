import { allSeries } from '../store/progressSnapshots.js';
import type Database from 'better-sqlite3';
import { readingForms, type NameReadings } from './nameReadings.js';
import { PROCESS_WORDS } from './processWords.js';

export interface MasterNames {
  sites: string[];
  processes: string[];
  businessIds: string[];
}

// A one-letter word stands for its process only before the number ("E1" for エントリ1).
const PROCESS_PATTERNS: [RegExp, string][] = Object.entries(PROCESS_WORDS).flatMap(([ja, words]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w): [RegExp, string] => [new RegExp(w.length === 1 ? `(?<![a-z])${w}(?=\\s*\\d)` : /^[a-z ]+$/.test(w) ? `(?<![a-z])${w}(?![a-z])` : w, 'g'), ja]),
);

/**
 * Width, case, spaces and the long-vowel mark folded: エントリー１ and entry 1 meet エントリ1.
 * One space stays between two Latin words ("from morioka to sapporo"), so that a Latin name
 * is found as a word of its own and not inside another ("ss" in "progress").
 */
export function normalizeText(text: string): string {
  let t = text.normalize('NFKC').toLowerCase();
  for (const [pattern, ja] of PROCESS_PATTERNS) t = t.replace(pattern, ja);
  return t
    .replace(/ー(?=\s*\d)/g, '')
    .replace(/\s+/g, (space, at: number, all: string) => (/[a-z0-9]/.test(all[at - 1] ?? '') && /[a-z0-9]/.test(all[at + space.length] ?? '') ? ' ' : ''));
}

export function loadMasterNames(db: Database.Database): MasterNames {
  const col = (sql: string): string[] => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
  const series = allSeries(db);
  const sorted = (xs: string[]): string[] => [...new Set(xs)].sort();
  return {
    sites: sorted([...col('SELECT location_name AS v FROM locations'), ...series.map((s) => s.site)]),
    processes: sorted([...col('SELECT DISTINCT process_name AS v FROM operator_process_capabilities'), ...series.map((s) => s.process)]),
    businessIds: sorted(series.map((s) => s.businessId)),
  };
}

interface Term {
  canonical: string;
  form: string;
}

/** The entities of a request, read against the master names and the configured aliases. */
export interface EntityResolver {
  names: MasterNames;
  resolveSite(value: string): string | null;
  resolveProcess(value: string): string | null;
  extract(text: string): { location: string | null; sources: string[]; process: string | null; business_id: string | null };
}

/**
 * Finds the site, process and business a request is about, by the names in the synced
 * master data, their readings (kana and romaji, from nameReadings.ts) and the configured
 * aliases and theirs. Longest match wins; a site followed by から/より/from is a source, so
 * the other one is the target.
 */
export function createEntityResolver(names: MasterNames, aliases: Record<string, string>, readings: NameReadings = {}): EntityResolver {
  const terms = (canonicals: string[]): Term[] => {
    const out: Term[] = [];
    for (const c of canonicals) {
      for (const form of [c, ...readingForms(readings[c])]) out.push({ canonical: c, form: normalizeText(form) });
      for (const [alias, target] of Object.entries(aliases))
        if (target === c) for (const form of [alias, ...readingForms(readings[alias])]) out.push({ canonical: c, form: normalizeText(form) });
    }
    return out.filter((t) => t.form.length > 0).sort((a, b) => b.form.length - a.form.length);
  };
  const siteTerms = terms(names.sites);
  const processTerms = terms(names.processes);
  // Business ids, and the names configured for them (an alias whose target is an id).
  const businessTerms = terms(names.businessIds);

  /** Every match, without overlaps, longest first, in text order. */
  const find = (text: string, list: Term[]): { canonical: string; at: number; end: number }[] => {
    const taken: boolean[] = [];
    const hits: { canonical: string; at: number; end: number }[] = [];
    for (const t of list) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(t.form, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + t.form.length;
        // A process name must not continue with a digit: エントリ1 is not in エントリ12.
        if (/\d$/.test(t.form) && /^\d/.test(text.slice(end))) continue;
        // A name in Latin letters is a word of its own: "ss" is not the end of "progress", and
        // "sapporo" in the host name "ocr-sapporo-01" is part of an identifier, not a site named.
        if (/^[a-z]/.test(t.form) && /[a-z0-9_./-]/.test(text[at - 1] ?? '')) continue;
        if (/[a-z]$/.test(t.form) && /[a-z0-9_./-]/.test(text[end] ?? '')) continue;
        if (taken.slice(at, end).some(Boolean)) continue;
        for (let i = at; i < end; i++) taken[i] = true;
        hits.push({ canonical: t.canonical, at, end });
      }
    }
    return hits.sort((a, b) => a.at - b.at);
  };

  return {
    names,
    resolveSite(value: string): string | null {
      const hit = find(normalizeText(value), siteTerms)[0];
      return hit?.canonical ?? null;
    },
    resolveProcess(value: string): string | null {
      return find(normalizeText(value), processTerms)[0]?.canonical ?? null;
    },
    extract(text: string): { location: string | null; sources: string[]; process: string | null; business_id: string | null } {
      const t = normalizeText(text);
      const sites = find(t, siteTerms);
      // "盛岡から", "盛岡のエントリ1から", "盛岡拠点より", "from Morioka": where people come from, not where they go.
      const processForms = processTerms.map((p) => p.form);
      const isSource = (h: { at: number; end: number }): boolean => {
        let rest = t.slice(h.end).replace(/^(拠点|センター)/, '');
        if (rest.startsWith('の')) {
          const form = processForms.find((f) => rest.startsWith(f, 1));
          if (form) rest = rest.slice(1 + form.length).replace(/^工程/, '');
        }
        return /^(から|より|→|->)/.test(rest) || /from ?$/.test(t.slice(0, h.at));
      };
      const targets = sites.filter((h) => !isSource(h));
      // 補正待ち (items waiting for correction, correction backlog) is a count, not the process 補正.
      const process =
        find(t, processTerms).find(
          (h) => !/^(待ち|まち| ?(waiting|pending|backlog))/.test(t.slice(h.end)) && !/(waiting|waits?|awaiting) for ?$/.test(t.slice(0, h.at)),
        )?.canonical ?? null;
      // An id is not part of a longer number (業務523201, not 5232011).
      const business =
        find(t, businessTerms).find((h) => !/^\d+$/.test(t.slice(h.at, h.end)) || !(/\d/.test(t[h.at - 1] ?? '') || /\d/.test(t[h.end] ?? '')))?.canonical ??
        null;
      const sources = [...new Set(sites.filter(isSource).map((h) => h.canonical))];
      return {
        // "佐世保のエントリ1から3人抜いたら": with no other site named, the one people leave is the one asked about.
        location: targets[0]?.canonical ?? (sources.length === 1 ? sources[0]! : null),
        sources,
        process,
        business_id: business,
      };
    },
  } satisfies EntityResolver;
}
