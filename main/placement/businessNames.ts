/**
 * A business's name for people, so that no screen shows a bare code: the name in force in
 * the store (the manager's from Settings, or the data source's: the demo company's), else
 * the first name configured for its id in `placement.aliases` (which maps names to ids),
 * else nothing (the screen shows the id).
 */
export function businessNames(aliases: Record<string, string>, known: readonly { id: string; name: string }[] = []): Record<string, string> {
  const names: Record<string, string> = {};
  for (const b of known) names[b.id] = b.name;
  for (const [name, id] of Object.entries(aliases)) if (!(id in names) && name !== id && /^\d+$/.test(id)) names[id] = name;
  return names;
}
