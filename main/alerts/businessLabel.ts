import type { Localized } from '../api/localized.js';

/** A business as an alert names it: the name the overview shows, else its id said to be one (業務990001). */
export function businessLabel(names: Readonly<Record<string, string>>, id: string): Localized {
  const name = names[id];
  return name ? { ja: name, en: name } : { ja: `業務${id}`, en: `business ${id}` };
}
