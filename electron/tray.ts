import { Menu, Tray, nativeImage } from 'electron';
import type { Lang } from '../main/errors.js';

export interface TrayActions {
  open(): void;
  pauseAlerts(): void;
  quit(): void;
}

const LABELS: Record<Lang, { open: string; pause: string; quit: string; tooltip: string }> = {
  ja: { open: '開く', pause: 'アラートを1時間停止', quit: '終了', tooltip: 'Genba' },
  en: { open: 'Open', pause: 'Pause alerts for 1 hour', quit: 'Quit', tooltip: 'Genba' },
};

/** The tray icon and its menu; `refresh` re-labels the menu after a language change. */
export function createTray(iconPath: string, lang: () => Lang, actions: TrayActions): { tray: Tray; refresh: () => void } {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  const rebuild = (): void => {
    const l = LABELS[lang()];
    tray.setToolTip(l.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate([
      { label: l.open, click: actions.open },
      { label: l.pause, click: actions.pauseAlerts },
      { type: 'separator' },
      { label: l.quit, click: actions.quit },
    ]));
  };
  rebuild();
  tray.on('click', actions.open);
  return { tray, refresh: rebuild };
}
