import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/appMenu.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/contentSecurityPolicy.js';
import { APP_ORIGIN, rendererResponse } from '../../../electron/rendererFiles.js';
import { tempDir } from '../../helpers/tempDir.js';

/** Every role and label of a menu template, submenus included. */
function items(menu: MenuItemConstructorOptions[]): string[] {
  return menu.flatMap((m) => [m.role ?? m.label ?? m.type ?? '?', ...(Array.isArray(m.submenu) ? items(m.submenu) : [])].map(String));
}

describe("the app's own menu", () => {
  it('has no developer tools and no reload outside development, on every platform and in both languages', () => {
    for (const lang of ['ja', 'en'] as const) {
      for (const mac of [true, false]) {
        const shipped = items(appMenuTemplate(lang, { development: false, mac }));
        expect(shipped.filter((r) => /devtools|reload/i.test(r))).toEqual([]);
        // What a manager needs: copy and paste (macOS has no shortcuts without the Edit menu), zoom, close or quit.
        expect(shipped).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'zoomIn', 'resetZoom', mac ? 'close' : 'quit']));
        expect(items(appMenuTemplate(lang, { development: true, mac }))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
      }
    }
    expect(appMenuTemplate('ja', { development: false, mac: false }).map((m) => m.label)).toEqual(['ファイル', '編集', '表示']);
    expect(appMenuTemplate('en', { development: false, mac: false }).map((m) => m.label)).toEqual(['File', 'Edit', 'View']);
  });

  it('the window turns DevTools off when packaged, and replaces the default menu', () => {
    const main = readFileSync('electron/main.ts', 'utf8');
    expect(main).toContain('const development = !app.isPackaged;');
    expect(main).toContain('devTools: development,');
    expect(main).toMatch(/Menu\.setApplicationMenu\(Menu\.buildFromTemplate\(appMenuTemplate\(/);
  });
});

describe('app://genba/: the renderer served by its own protocol', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const root = join(dir.path, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><p>Genba</p>');
  writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(join(dir.path, 'secret.txt'), 'not for the page');
  writeFileSync(join(root, 'notes.txt'), 'not a type the page is made of');
  symlinkSync(join(dir.path, 'secret.txt'), join(root, 'assets', 'link.js'));

  it('answers the page and its assets with their types and the CSP', async () => {
    expect(APP_ORIGIN).toBe('app://genba');
    for (const [path, type, body] of [
      ['/', 'text/html; charset=utf-8', '<!doctype html><p>Genba</p>'],
      ['/index.html', 'text/html; charset=utf-8', '<!doctype html><p>Genba</p>'],
      ['/assets/index-1.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ] as const) {
      const r = await rendererResponse(root, path);
      expect({ path, status: r.status, type: r.headers.get('content-type'), body: await r.text() }).toEqual({ path, status: 200, type, body });
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers 404 to anything outside the folder, missing, of another type, or malformed', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2E%2E%2F..%2Fsecret.txt',
      '/assets/link.js',
      '/notes.txt',
      '/missing.js',
      '/assets',
      '/%E0%A4%A',
    ]) {
      const r = await rendererResponse(root, path);
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
      expect(await r.text()).not.toContain('not for the page');
    }
  });
});
