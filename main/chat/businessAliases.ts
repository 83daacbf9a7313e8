import type { BusinessName } from '../api/types.js';

/**
 * Name → business id for every name in force (from the store: the manager's, or the data
 * source's), `<name>業務` and its English name (an English question reads "medical claims"), with the configured `placement.aliases` over them.
 */
export function businessAliases(names: readonly BusinessName[], configured: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of names) {
    if (b.name === null) continue;
    for (const n of [b.name, `${b.name}業務`, ...b.aliases, ...(b.nameEn ? [b.nameEn] : [])]) out[n] = b.id;
  }
  return { ...out, ...configured };
}
