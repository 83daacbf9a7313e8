/** The sites Genba knows and how their hosts are named (alerts.hostSites, a site's label or name). */
export interface SiteHosts {
  sites: readonly { name: string; label?: string | undefined }[];
  /** Host name part → site (alerts.hostSites). */
  mapping: Record<string, string>;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const partRegex = (parts: string[]): string | null => (parts.length === 0 ? null : `(^|[-_.])(${[...new Set(parts)].map(escapeRegex).join('|')})([-_.]|$)`);

/**
 * The hosts of `wanted` sites, as regular expressions over the lower-case host name, with
 * the same rule that maps a host to its site everywhere else (a part of the name between
 * - _ . is the site's name, label or mapped part): `wanted` matches the wanted sites'
 * hosts, `any` every site's host (a host it misses is shared).
 */
export function siteHostFilter(wanted: readonly string[], known: SiteHosts): { wanted: string | null; any: string | null } {
  const partsOf = (site: string): string[] => {
    const s = known.sites.find((x) => x.name === site);
    const mapped = Object.entries(known.mapping)
      .filter(([, to]) => to === site)
      .map(([part]) => part.toLowerCase());
    return [site.toLowerCase(), ...(s?.label ? [s.label.toLowerCase()] : []), ...mapped];
  };
  return {
    wanted: partRegex(wanted.flatMap(partsOf)),
    any: partRegex([...new Set([...known.sites.map((s) => s.name), ...Object.values(known.mapping)])].flatMap(partsOf)),
  };
}
