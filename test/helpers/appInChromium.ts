import { createApp, type AppOptions, type GenbaApp } from '../../main/app.js';
import { parseIsoInstant } from '../../main/config/clock.js';
import { openGenbaPage, type GenbaPage } from './genbaPage.js';
import { tempDir } from './tempDir.js';

/** The demo company's reference moment: the clock of every e2e test. */
export const DEMO_NOW = '2025-10-23T15:40+09:00';

export interface AppInChromium { app: GenbaApp; ui: GenbaPage; dataDir: string; close(): Promise<void> }

/**
 * A real core on a fresh data folder (prepared by `prepare` before start), and the built
 * renderer in Chromium wired to it.
 */
export async function openAppInChromium(o: { prepare?: (dataDir: string) => void; options?: AppOptions } = {}): Promise<AppInChromium> {
  const dir = tempDir();
  o.prepare?.(dir.path);
  const app = createApp({ dataDir: dir.path, now: parseIsoInstant(DEMO_NOW), ...o.options });
  await app.start();
  const ui = await openGenbaPage(app);
  return {
    app, ui, dataDir: dir.path,
    close: async () => {
      await ui.close();
      await app.stop();
      dir.remove();
    },
  };
}
