import { businessAliases } from '../../main/chat/assistantService.js';
import { makeNameReadings, type NameReadings } from '../../main/chat/nameReadings.js';
import { DEMO_DEFINITION, DEMO_MASTER_NAMES } from '../../main/sync/demo/demoDefinition.js';

/** The demo company's business words → id, as the assistant builds them from the store's names once the demo has written them. */
export const DEMO_BUSINESS_ALIASES: Readonly<Record<string, string>> = businessAliases(
  DEMO_DEFINITION.businesses.map((b) => ({ id: b.id, name: b.name, aliases: b.aliases ?? [], from: 'source' as const })),
  {},
);

/** The readings of the demo company's sites, processes and business words, made by kuromoji as the assistant makes them. */
export function demoReadings(): Promise<NameReadings> {
  return makeNameReadings({
    sites: DEMO_MASTER_NAMES.sites,
    processes: DEMO_MASTER_NAMES.processes,
    businesses: Object.keys(DEMO_BUSINESS_ALIASES),
    operators: [],
  });
}
