import { app, BrowserWindow, dialog, ipcMain, Menu, Notification } from 'electron';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_NAMES, EVENT_IPC_CHANNEL, ipcChannel } from '../main/api/channelNames.js';
import { createHandlerTable } from '../main/handlerTable.js';
import { createApp, type GenbaApp } from '../main/app.js';
import { describeError } from '../main/errors.js';
import { createAppLog } from '../main/applog/appLog.js';
import { appMenuTemplate } from './appMenu.js';
import { registerAppScheme, serveRenderer } from './appProtocol.js';
import { APP_ORIGIN } from './rendererFiles.js';
import { createSafeStorageSecrets } from './safeStorageSecrets.js';
import { hardenApp } from './security.js';
import { quitAfterStop } from './quitAfterStop.js';
import { createTray } from './tray.js';
import { initialBounds, loadWindowState, trackWindowState } from './windowState.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = join(here, '../renderer');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
/** Reload and the developer tools: in `npm start` and unpackaged runs only. */
const development = !app.isPackaged;
const resources = app.isPackaged ? process.resourcesPath : join(here, '../../resources');

/** Only the app's own pages (app://genba/), plus the dev server and the developer tools in development. */
const isAllowedUrl = (url: string): boolean =>
  url.startsWith(`${APP_ORIGIN}/`) || (development && url.startsWith('devtools://')) || (devUrl !== undefined && url.startsWith(devUrl));

/** better-sqlite3 compiled for Electron's ABI by `npm start` (packaged builds are rebuilt in place). */
function nativeBinding(): string | undefined {
  const built = join(here, '../../.electron-native/better-sqlite3/build/Release/better_sqlite3.node');
  return !app.isPackaged && existsSync(built) ? built : undefined;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  hardenApp(isAllowedUrl, devUrl);
  let win: BrowserWindow | null = null;
  let core: GenbaApp | null = null;

  const openWindow = (): void => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      return;
    }
    const state = loadWindowState(core!.dataDir);
    win = new BrowserWindow({
      ...initialBounds(state),
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Genba',
      icon: join(resources, 'icon.png'),
      webPreferences: {
        preload: join(here, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        spellcheck: false,
        devTools: development,
      },
    });
    if (state?.maximized) win.maximize();
    trackWindowState(win, core!.dataDir);
    win.once('ready-to-show', () => win?.show());
    void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  };

  app.on('second-instance', openWindow);

  app
    .whenReady()
    .then(async () => {
      const binding = nativeBinding();
      const dataDir = app.getPath('userData');
      const log = createAppLog(dataDir);
      core = createApp({
        dataDir,
        ...(binding ? { nativeBinding: binding } : {}),
        secrets: createSafeStorageSecrets(dataDir, log),
        syncRunner: 'worker',
        awaitFirstLoad: false,
        firstScreenOnly: true,
        namesBeforeStart: true,
        saveFile: async ({ suggestedName, content }) => {
          const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
          const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          if (r.canceled || !r.filePath) return null;
          writeFileSync(r.filePath, content, { mode: 0o600 });
          return r.filePath;
        },
        pickFolder: async () => {
          const options = { properties: ['openDirectory' as const] };
          const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
          return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
        },
      });
      await core.start();
      serveRenderer(rendererRoot);
      const setMenu = (): void =>
        Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(core!.lang(), { development, mac: process.platform === 'darwin' })));
      setMenu();
      const handlers = createHandlerTable(core);
      for (const channel of CHANNEL_NAMES) {
        ipcMain.handle(ipcChannel(channel), (event, request: unknown) => {
          // Answer only our own page, never a frame that navigated elsewhere.
          if (!isAllowedUrl(event.senderFrame?.url ?? '')) {
            return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'forbidden' } };
          }
          return handlers[channel](request);
        });
      }
      const tray = createTray(
        { normal: join(resources, 'tray', 'tray.png'), alert: join(resources, 'tray', 'tray-alert.png') },
        () => core!.lang(),
        () => core!.alerts.openCount(),
        {
          open: openWindow,
          pauseAlerts: () => core!.pauseAlerts(60),
          quit: () => app.quit(),
        },
      );
      core.events.on((event) => {
        if (win && !win.isDestroyed()) win.webContents.send(EVENT_IPC_CHANNEL, event);
        if (event.type === 'settings-changed' || event.type === 'alerts-changed') tray.refresh();
        if (event.type === 'settings-changed') setMenu();
        // The core decided this alert deserves a notification (new, not snoozed, not paused).
        if (event.type === 'alert' && Notification.isSupported()) {
          tray.refresh();
          const n = new Notification({ title: 'Genba', body: event.title, icon: join(resources, 'icon.png') });
          n.on('click', () => {
            openWindow();
            win?.webContents.send(EVENT_IPC_CHANNEL, { type: 'open-alert', id: event.id });
          });
          n.show();
        }
      });
      openWindow();
      core.startBackgroundSync();
    })
    .catch((error: unknown) => {
      core?.log.error('start-up failed', describeError(error));
      console.error(describeError(error));
      app.exit(1);
    });

  // A tray app keeps running with its window closed; Quit in the tray menu ends it.
  app.on('window-all-closed', () => {});
  // Stopping kills a running sync worker (each batch commits with its watermark, so nothing is
  // lost) and waits for a log refresh or compaction in progress before the process exits.
  quitAfterStop(
    app,
    async () => core?.stop(),
    (error) => core?.log.error('stop before quit failed', describeError(error)),
  );
}
