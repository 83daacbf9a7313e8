import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy.js';

/** The dev server's page needs its own scripts and the HMR socket; only in `npm start`. */
function devPolicy(devUrl: string): string {
  const origin = new URL(devUrl).origin;
  const ws = origin.replace(/^http/, 'ws');
  return `default-src 'none'; script-src 'self' 'unsafe-inline' ${origin}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src ${origin} ${ws}`;
}

/** Applies to every session and every web contents the app ever creates. */
export function hardenApp(isAllowedUrl: (url: string) => boolean, devUrl: string | undefined): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isAllowedUrl));
  void app.whenReady().then(() => {
    const s = session.defaultSession;
    s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    s.setPermissionCheckHandler(() => false);
    s.on('will-download', (event) => event.preventDefault());
    s.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [devUrl ? devPolicy(devUrl) : CONTENT_SECURITY_POLICY],
        },
      });
    });
    // No remote content, ever: only the app's own files (and the dev server in `npm start`).
    s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUrl(details.url) }));
  });
}

function hardenContents(contents: WebContents, isAllowedUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
