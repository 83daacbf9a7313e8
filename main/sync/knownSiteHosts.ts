import type { GenbaConfig } from '../config/config.js';
import type { SiteHosts } from '../logs/siteHosts.js';
import type { CompanyRepository } from '../store/companyRepository.js';
import { DEMO_DEFINITION } from './demo/demoDefinition.js';

/**
 * The sites whose hosts Genba can name, for the alerts (the site of a host) and the log
 * store's site filter (the hosts of a site) alike: the demo company's hosts carry its sites'
 * labels (ocr-sapporo-01); a company's own hosts are mapped in alerts.hostSites, or named
 * after its locations.
 */
export function knownSiteHosts(
  config: { source: GenbaConfig['source']; alerts: Pick<GenbaConfig['alerts'], 'hostSites'> },
  repo: Pick<CompanyRepository, 'locationNames'>,
): SiteHosts {
  return {
    sites: config.source.kind === 'demo' ? DEMO_DEFINITION.sites.map((x) => ({ name: x.name, label: x.host })) : repo.locationNames().map((name) => ({ name })),
    mapping: config.alerts.hostSites,
  };
}
