import type Database from 'better-sqlite3';
import { PLACE_READINGS } from '../placeReadings.js';
import { loadMasterNames, normalizeText } from '../entityResolver.js';

/** Every name a query can filter on, from the synced masters and logs, with the forms a request may use. */
export interface QueryNames {
  sites: string[];
  processes: string[];
  businessIds: string[];
  operators: string[];
  services: string[];
  hosts: string[];
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

export function loadQueryNames(db: Database.Database): QueryNames {
  const col = (sql: string): string[] => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
  return { ...loadMasterNames(db), operators: col(`SELECT DISTINCT operator_name AS v FROM operators WHERE is_valid = 1`), ...logNames(db) };
}

/** A name found in a request: its canonical form and where it stood in the normalized text. */
export interface NameHit {
  canonical: string;
  at: number;
  end: number;
}

export interface NamedInText {
  text: string;
  sites: NameHit[];
  processes: NameHit[];
  businesses: NameHit[];
  operators: NameHit[];
  services: NameHit[];
  hosts: NameHit[];
}

interface Term {
  canonical: string;
  form: string;
}

/**
 * Finds every site, process, business, operator, service and host a request names, longest
 * form first, without overlaps. Forms: the master name, its readings, the configured
 * aliases (alias → canonical name or business id); an operator also by the family name
 * when only one valid operator has it.
 */
export function createNameFinder(names: QueryNames, aliases: Record<string, string>): (text: string) => NamedInText {
  const terms = (canonicals: string[], extra: (c: string) => readonly string[]): Term[] => {
    const out: Term[] = [];
    for (const c of canonicals) {
      for (const form of [c, ...extra(c)]) out.push({ canonical: c, form: normalizeText(form) });
      for (const [alias, target] of Object.entries(aliases)) if (target === c) out.push({ canonical: c, form: normalizeText(alias) });
    }
    return out.filter((t) => t.form.length > 0);
  };
  const family = new Map<string, string[]>();
  for (const o of names.operators) {
    const f = o.split(/\s+/)[0]!;
    if (f !== o) family.set(f, [...(family.get(f) ?? []), o]);
  }
  const all: { kind: keyof Omit<NamedInText, 'text'>; term: Term }[] = [
    ...terms(names.sites, (c) => PLACE_READINGS[c] ?? []).map((term) => ({ kind: 'sites' as const, term })),
    ...terms(names.processes, () => []).map((term) => ({ kind: 'processes' as const, term })),
    ...terms(names.businessIds, () => []).map((term) => ({ kind: 'businesses' as const, term })),
    ...terms(names.operators, (c) => ((family.get(c.split(/\s+/)[0]!) ?? []).length === 1 ? [c.split(/\s+/)[0]!] : [])).map((term) => ({
      kind: 'operators' as const,
      term,
    })),
    ...terms(names.services, () => []).map((term) => ({ kind: 'services' as const, term })),
    ...terms(names.hosts, () => []).map((term) => ({ kind: 'hosts' as const, term })),
  ].sort((a, b) => b.term.form.length - a.term.form.length);

  return (raw: string): NamedInText => {
    const text = normalizeText(raw);
    const out: NamedInText = { text, sites: [], processes: [], businesses: [], operators: [], services: [], hosts: [] };
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
        // A Latin name is a word of its own: "ss" is not in "progress", "sapporo" not in "ocr-sapporo-01".
        if (/^[a-z]/.test(term.form) && /[a-z0-9_./-]/.test(text[at - 1] ?? '')) continue;
        if (/[a-z0-9]$/.test(term.form) && /[a-z_./-]/.test(text[end] ?? '')) continue;
        if (taken.slice(at, end).some(Boolean)) continue;
        for (let i = at; i < end; i++) taken[i] = true;
        if (!out[kind].some((h) => h.canonical === term.canonical)) out[kind].push({ canonical: term.canonical, at, end });
      }
    }
    for (const k of ['sites', 'processes', 'businesses', 'operators', 'services', 'hosts'] as const) out[k].sort((a, b) => a.at - b.at);
    return out;
  };
}
