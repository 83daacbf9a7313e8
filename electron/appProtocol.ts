import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME, rendererResponse } from './rendererFiles.js';

/**
 * Before the app is ready: the app's scheme is standard (relative URLs, an origin for 'self'
 * in the CSP) and secure, so the page needs none of the privileges file:// pages are granted
 * (the grantFileProtocolExtraPrivileges fuse is off in packaged builds).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Once ready: app://genba/… answers with the built renderer's files, nothing else. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    // WHATWG URLs give a custom scheme no origin ('null'): compare the host.
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    return rendererResponse(root, url.pathname);
  });
}
