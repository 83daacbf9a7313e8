/** The sites Genba knows and how their hosts are named (alerts.hostSites, a site's label or name). */
export interface SiteHosts {
  sites: readonly { name: string; label?: string | undefined }[];
  /** Host name part → site (alerts.hostSites). */
  mapping: Record<string, string>;
}

/*
 * The rule, in both directions: a host serves a site when one part of its name (between
 * - _ .) is a part mapped to that site, or the site's name or label ("ocr-sapporo-01" is
 * the site labelled sapporo). The mapping wins over names and labels.
 */

/** The site of a host (the alerts, the site timeline); null when no part of its name names one. */
export function hostSiteResolver(known: SiteHosts): (host: string) => string | null {
  const entries = Object.entries(known.mapping).map(([part, site]) => [part.toLowerCase(), site] as const);
  return (host) => {
    const parts = host.toLowerCase().split(/[-_.]/);
    for (const [part, site] of entries) if (parts.includes(part) || host.toLowerCase() === part) return site;
    for (const s of known.sites) if (parts.includes(s.name.toLowerCase()) || (s.label && parts.includes(s.label.toLowerCase()))) return s.name;
    return null;
  };
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const partRegex = (parts: string[]): string | null => (parts.length === 0 ? null : `(^|[-_.])(${[...new Set(parts)].map(escapeRegex).join('|')})([-_.]|$)`);

/**
 * The hosts of `wanted` sites, as regular expressions over the lower-case host name, by the
 * same rule (the log store's site filter): `wanted` matches the wanted sites' hosts, `any`
 * every site's host (a host it misses is shared).
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
