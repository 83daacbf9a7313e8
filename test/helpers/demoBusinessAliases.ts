import { businessAliases } from '../../main/chat/assistantService.js';
import { DEMO_DEFINITION } from '../../main/sync/demo/demoDefinition.js';

/** The demo company's business words → id, as the assistant builds them from the store's names once the demo has written them. */
export const DEMO_BUSINESS_ALIASES: Readonly<Record<string, string>> = businessAliases(
  DEMO_DEFINITION.businesses.map((b) => ({ id: b.id, name: b.name, aliases: b.aliases ?? [], from: 'source' as const })),
  {},
);
