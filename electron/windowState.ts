import { BrowserWindow, screen } from 'electron';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(640).max(10000),
  height: z.number().int().min(480).max(10000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof stateSchema>;

const DEFAULT = { width: 1280, height: 820 };

/** The last window bounds, if the file is valid and the window would still be on a screen. */
export function loadWindowState(dataDir: string): WindowState | null {
  try {
    const state = stateSchema.parse(JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')));
    const visible = screen
      .getAllDisplays()
      .some(({ workArea: a }) => state.x + 100 > a.x && state.y + 50 > a.y && state.x < a.x + a.width - 100 && state.y < a.y + a.height - 50);
    return visible ? state : { ...state, x: 0, y: 0 };
  } catch {
    return null; // first run or a damaged file: fall back to the default size
  }
}

export function initialBounds(state: WindowState | null): { width: number; height: number; x?: number; y?: number } {
  return state ? { x: state.x, y: state.y, width: state.width, height: state.height } : DEFAULT;
}

/** Saves bounds when the window moves or resizes (debounced) and when it closes. */
export function trackWindowState(win: BrowserWindow, dataDir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    const state: WindowState = { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
    const path = join(dataDir, 'window-state.json');
    writeFileSync(`${path}.tmp`, JSON.stringify(state), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
