import { afterAll, beforeAll } from 'vitest';
import { createApp, type AppOptions, type GenbaApp } from '../../main/app.js';
import { parseIsoInstant } from '../../main/config/clock.js';
import { copyDemoStore } from './demoStore.js';
import { openGenbaPage, type GenbaPage } from './genbaPage.js';
import { tempDir } from './tempDir.js';

/** The demo company's reference moment: the clock of every e2e test. */
export const DEMO_NOW = '2025-10-23T15:40+09:00';

export interface AppInChromium {
  app: GenbaApp;
  ui: GenbaPage;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A real core on a data folder holding the demo company's store (copied, see
 * copyDemoStore; `firstBuild` leaves the folder empty, for start() to build the demo
 * itself), prepared by `prepare` before start, and the built renderer in Chromium wired to it.
 */
export async function openAppInChromium(o: { firstBuild?: boolean; prepare?: (dataDir: string) => void; options?: AppOptions } = {}): Promise<AppInChromium> {
  const dir = tempDir();
  if (!o.firstBuild) await copyDemoStore(dir.path);
  o.prepare?.(dir.path);
  const app = createApp({ dataDir: dir.path, now: parseIsoInstant(DEMO_NOW), ...o.options });
  await app.start();
  const ui = await openGenbaPage(app);
  return {
    app,
    ui,
    dataDir: dir.path,
    close: async () => {
      await ui.close();
      await app.stop();
      dir.remove();
    },
  };
}

/**
 * The same for a whole describe block: opens before its tests, closes after them. The
 * returned fields are read when tests run.
 */
export function useAppInChromium(o: Parameters<typeof openAppInChromium>[0] = {}): {
  readonly app: GenbaApp;
  readonly ui: GenbaPage;
  readonly dataDir: string;
} {
  let env: AppInChromium | null = null;
  beforeAll(async () => {
    env = await openAppInChromium(o);
  }, 120_000);
  afterAll(() => env?.close());
  return {
    get app() {
      return env!.app;
    },
    get ui() {
      return env!.ui;
    },
    get dataDir() {
      return env!.dataDir;
    },
  };
}
