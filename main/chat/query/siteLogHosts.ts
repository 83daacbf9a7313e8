import type Database from 'better-sqlite3';
import type { Localized } from '../../api/localized.js';

/**
 * The log hosts that serve the sites named (ocr-sapporo-01 is Sapporo's, by the same rule as the alerts: siteHosts.ts),
 * and those every site shares (db-proxy's, entry-api's): a site's log figures are its own hosts', and say which they
 * leave out, since a shared host's line does not say which site it hit.
 */
export function siteLogHosts(
  db: Database.Database,
  sites: readonly string[],
  siteOfHost: (host: string) => string | null,
): { own: string[]; shared: string[] } {
  const hosts = (db.prepare('SELECT DISTINCT host FROM app_logs ORDER BY host').all() as { host: string }[]).map((r) => r.host);
  const site = new Map(hosts.map((h) => [h, siteOfHost(h)]));
  return { own: hosts.filter((h) => sites.includes(site.get(h) ?? '')), shared: hosts.filter((h) => site.get(h) === null) };
}

const MOST = 4;
const list = (hosts: readonly string[], sep: string, more: (n: number) => string): string =>
  hosts.slice(0, MOST).join(sep) + (hosts.length > MOST ? more(hosts.length - MOST) : '');

export const SITE_HOSTS_TEXT: Localized<(sites: string, own: readonly string[], shared: readonly string[]) => string> = {
  ja: (sites, own, shared) =>
    `ログはホストごとに記録されています。以下は${sites}のホスト（${list(own, '、', (n) => ` ほか${n}`)}）の分です。` +
    (shared.length > 0 ? `全拠点で共有のホスト（${list(shared, '、', (n) => ` ほか${n}`)}）の行は、どの拠点のものか分からないため含みません。` : ''),
  en: (sites, own, shared) =>
    `Logs are kept per host: these are ${sites}'s own hosts (${list(own, ', ', (n) => ` and ${n} more`)}).` +
    (shared.length > 0
      ? ` Hosts every site shares (${list(shared, ', ', (n) => ` and ${n} more`)}) are not counted: their lines do not say which site they hit.`
      : ''),
};
