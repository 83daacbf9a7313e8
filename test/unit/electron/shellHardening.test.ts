import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/contentSecurityPolicy.js';

// No Electron binary here: the shell is checked as source and as the built bundles.
const source = (path: string): string => readFileSync(path, 'utf8');

describe('Electron shell hardening', () => {
  it('creates the window sandboxed, isolated and without Node in the page', () => {
    const main = source('electron/main.ts');
    for (const flag of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true', 'allowRunningInsecureContent: false']) {
      expect(main).toContain(flag);
    }
    expect(main).toContain('requestSingleInstanceLock()');
    expect(main).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
  });

  it('denies navigation, new windows, webviews, permissions, downloads and remote requests', () => {
    const security = source('electron/security.ts');
    expect(security).toContain('app.enableSandbox()');
    expect(security).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(security).toMatch(/'will-navigate'[\s\S]*preventDefault/);
    expect(security).toMatch(/'will-attach-webview'[\s\S]*preventDefault/);
    expect(security).toMatch(/setPermissionRequestHandler\([^)]*\) => callback\(false\)\)/);
    expect(security).toContain('setPermissionCheckHandler(() => false)');
    expect(security).toMatch(/onBeforeRequest[\s\S]*cancel: !isAllowedUrl/);
  });

  it('answers IPC only from its own page, loads only its own files, and opens nothing outside', () => {
    const main = source('electron/main.ts');
    // Every contract channel is registered in one loop that checks the sender first.
    expect(main).toMatch(
      /for \(const channel of CHANNEL_NAMES\)[\s\S]{0,200}ipcMain\.handle\(ipcChannel\(channel\)[\s\S]{0,200}isAllowedUrl\(event\.senderFrame/,
    );
    expect(main.match(/ipcMain\.(handle|on)\(/g)).toHaveLength(1);
    expect(main).toMatch(
      /const isAllowedUrl = \(url: string\): boolean =>\s*url\.startsWith\(`\$\{APP_ORIGIN\}\/`\) \|\| \(development && url\.startsWith\('devtools:\/\/'\)\)/,
    );
    // The dev server in `npm start`, else the app's own scheme: never a file:// page.
    expect(main.match(/loadURL\(/g)).toHaveLength(1);
    expect(main).toContain('loadURL(devUrl ?? `${APP_ORIGIN}/index.html`)');
    expect(main).not.toMatch(/loadFile\(|pathToFileURL/);
    for (const file of ['electron/main.ts', 'electron/security.ts', 'electron/tray.ts', 'electron/preload.ts']) {
      expect(source(file), file).not.toMatch(/openExternal|openPath|webviewTag:\s*true|enableRemoteModule|experimentalFeatures/);
    }
    expect(source('electron/security.ts')).toMatch(/'will-download', \(event\) => event\.preventDefault\(\)/);
    expect(source('electron/security.ts')).toMatch(/'will-redirect', \(event\) => event\.preventDefault\(\)/);
    // Files the manager exports are written by the main process after a native save dialog.
    expect(main).toMatch(/dialog\.showSaveDialog/);
  });

  it('has a CSP that allows no remote code, no inline scripts and no network', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
  });

  it('ships the CSP in the built page and a CommonJS preload that exposes only window.genba', () => {
    expect(existsSync('out/renderer/index.html'), 'run npm run build first').toBe(true);
    expect(source('out/renderer/index.html')).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    const preload = source('out/preload/index.cjs');
    expect(preload).toContain('require("electron")');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect([...preload.matchAll(/exposeInMainWorld\("(\w+)"/g)].map((m) => m[1])).toEqual(['genba']);
    expect(source('electron/preload.ts')).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('bundles the workers next to the code that starts them, in the app and in the CLI', () => {
    for (const [bundle, ext] of [
      ['out/main/index.js', 'js'],
      ['out/cli/cli.mjs', 'mjs'],
    ] as const) {
      const dir = bundle.slice(0, bundle.lastIndexOf('/'));
      // The code may sit in the entry or in a chunk of it (the CLI loads its commands lazily).
      const chunks = existsSync(`${dir}/chunks`) ? readdirSync(`${dir}/chunks`).map((f) => `${dir}/chunks/${f}`) : [];
      const code = [bundle, ...chunks].map((f) => source(f)).join('\n');
      for (const name of ['syncWorker', 'embeddingWorker']) {
        expect(existsSync(`${dir}/${name}.${ext}`), `${dir}/${name}.${ext}`).toBe(true);
        expect(code, bundle).toContain(`startWorker("${name}"`);
      }
      // startWorker looks for `<name>.js` / `<name>.mjs` beside the entry bundle (or the chunk's folder above).
      expect(code).toMatch(/\$\{name\}\.js`, `\$\{name\}\.mjs`/);
    }
  });
});
