// The build of Genba as one hash: every source file of the core and the libraries' versions. A result Genba keeps to give
// again (main/store/computedResults.ts) is keyed by it, so a changed program never gives a result an older one computed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SOURCES = ['main', 'package-lock.json'];

export function buildId(root = resolve('.')) {
  const h = createHash('sha256');
  const walk = (path) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else h.update(`\0${relative(root, path)}\0`).update(readFileSync(path));
  };
  for (const s of SOURCES) walk(join(root, s));
  return h.digest('hex').slice(0, 16);
}
