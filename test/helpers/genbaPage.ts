import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHandlerTable, invokeChannel } from '../../main/handlerTable.js';
import type { GenbaEvent } from '../../main/api/types.js';
import type { GenbaApp } from '../../main/app.js';
import { rendererResponse } from '../../electron/rendererFiles.js';

export const RENDERER_INDEX = resolve('out/renderer/index.html');
export const TEST_RESULTS = resolve('test-results');
/** The window sizes a view is looked at in: the smallest laptop, the common one, a desktop. */
export const SCREEN_SIZES = [
  [1024, 640],
  [1280, 720],
  [1920, 1080],
] as const;

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH points elsewhere. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: apt-get install chromium, or set CHROMIUM_PATH`);
  return path;
}

export interface GenbaPage {
  page: Page;
  /** Console errors and uncaught exceptions (CSP violations included). */
  problems: string[];
  close(): Promise<void>;
}

/**
 * The built renderer served on 127.0.0.1 by the app protocol's own handler (rendererResponse):
 * plain Chromium cannot register app://, so its origin is http://127.0.0.1:port, but the files,
 * their types and the CSP header are what app://genba/ answers, and the page gets none of the
 * privileges of a file:// page.
 */
async function serveRenderer(): Promise<{ url: string; close: () => void }> {
  const server: Server = createServer((req, res) => {
    void rendererResponse(dirname(RENDERER_INDEX), new URL(req.url ?? '/', 'http://127.0.0.1').pathname).then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * Opens the built renderer in Chromium with `window.genba` wired to the real handler
 * table of `app`: the UI talks to the real core; only Electron's IPC transport differs.
 */
export async function openGenbaPage(app: GenbaApp, viewport = { width: 1440, height: 1000 }): Promise<GenbaPage> {
  if (!existsSync(RENDERER_INDEX)) throw new Error('out/renderer is missing: run npm run build first');
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const handlers = createHandlerTable(app);
  await context.exposeBinding('__genbaInvoke', (_source, channel: unknown, request: unknown) => invokeChannel(handlers, app, channel, request));
  // The same shape as the preload's bridge: invoke + event subscription, nothing else.
  await context.addInitScript(() => {
    const listeners = new Set<(event: unknown) => void>();
    const w = globalThis as unknown as Record<string, unknown>;
    w.__genbaEmit = (event: unknown) => listeners.forEach((l) => l(event));
    w.genba = {
      invoke: (channel: string, request: unknown) => (w.__genbaInvoke as (c: string, r: unknown) => Promise<unknown>)(channel, request),
      onEvent: (listener: (event: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const off = app.events.on((event: GenbaEvent) => {
    void page.evaluate((e) => (globalThis as unknown as { __genbaEmit: (e: unknown) => void }).__genbaEmit(e), event).catch(() => {});
  });
  const served = await serveRenderer();
  await page.goto(served.url);
  mkdirSync(TEST_RESULTS, { recursive: true });
  return {
    page,
    problems,
    close: async () => {
      off();
      await browser.close();
      served.close();
    },
  };
}
