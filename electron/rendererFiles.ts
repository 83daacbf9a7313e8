import { readFile, realpath } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy.js';

/** Where the app's pages live: a privileged custom scheme, not file:// (Electron's security checklist, item 18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'genba';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The types the built renderer is made of; anything else is not served. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * A file of the built renderer for a request path, as a fetch Response: the whole of what the
 * app's protocol handler does, without Electron, so that the e2e tests serve the page with the
 * same code (plain Chromium cannot register a scheme). A path that leaves the folder (a link
 * followed included), is not a file, or has a type the page is not made of is a 404. Every answer carries the CSP.
 */
export async function rendererResponse(root: string, pathname: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  const notFound = (): Response => new Response('not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } });
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return notFound();
  }
  try {
    // Real paths: a link inside the folder that points out of it is outside too.
    const base = await realpath(root);
    const file = await realpath(resolve(join(base, path === '/' || path === '' ? 'index.html' : path)));
    const inside = relative(base, file);
    if (inside === '' || inside.startsWith('..') || inside.split(sep).includes('..')) return notFound();
    const type = TYPES[extname(file).toLowerCase()];
    if (!type) return notFound();
    return new Response(await readFile(file), { status: 200, headers: { ...headers, 'Content-Type': type } });
  } catch {
    return notFound();
  }
}
