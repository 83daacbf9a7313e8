import type { Localized } from './localized.js';

/** Business id → its name, where one is known (`placement/businessNames.ts`; the overview's `businessNames`). */
export type BusinessNames = Readonly<Record<string, string>>;

/**
 * A business as a manager reads it, in the chat, the alerts, a proposal, the logs and the plan: the name the overview
 * shows, else its id said to be one (業務990001, business 990001), so that an id with no name still reads as an id.
 */
export function businessLabel(names: BusinessNames, id: string): Localized {
  const name = names[id];
  return name ? { ja: name, en: name } : { ja: `業務${id}`, en: `business ${id}` };
}
