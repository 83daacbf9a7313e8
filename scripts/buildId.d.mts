/** The build of Genba as one hash (buildId.mjs). */
export function buildId(root?: string): string;
