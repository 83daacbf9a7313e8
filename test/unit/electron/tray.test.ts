import { beforeEach, describe, expect, it, vi } from 'vitest';

const tooltips: string[] = [];
vi.mock('electron', () => ({
  Tray: class {
    setImage(): void {}
    setToolTip(text: string): void {
      tooltips.push(text);
    }
    setTitle(): void {}
    setContextMenu(): void {}
    on(): void {}
  },
  Menu: { buildFromTemplate: (items: unknown[]) => items },
  nativeImage: { createFromPath: (path: string) => path },
}));

const { createTray } = await import('../../../electron/tray.js');
const actions = { open: () => {}, pauseAlerts: () => {}, quit: () => {} };
const icons = { normal: 'n.png', alert: 'a.png' };

describe('the tray', () => {
  beforeEach(() => {
    tooltips.length = 0;
  });

  it('counts the open alerts in the tooltip, one alert in the singular in English', () => {
    let open = 1;
    const { refresh } = createTray(
      icons,
      () => 'en',
      () => open,
      actions,
    );
    open = 2;
    refresh();
    expect(tooltips).toEqual(['Genba — 1 open alert', 'Genba — 2 open alerts']);
  });

  it('leaves the Japanese count as it is', () => {
    createTray(
      icons,
      () => 'ja',
      () => 1,
      actions,
    );
    expect(tooltips).toEqual(['Genba — 未解決のアラート 1件']);
  });
});
