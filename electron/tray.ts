import { Menu, Tray, nativeImage } from 'electron';
import { localize, type Lang, type Localized } from '../main/errors.js';
import { count } from '../main/api/englishCount.js';

export interface TrayActions {
  open(): void;
  pauseAlerts(): void;
  quit(): void;
}

const LABELS: Localized<{ open: string; pause: string; quit: string; tooltip: string; openAlerts: (n: number) => string }> = {
  ja: { open: '開く', pause: 'アラートを1時間停止', quit: '終了', tooltip: 'Genba', openAlerts: (n) => `未解決のアラート ${n}件` },
  en: { open: 'Open', pause: 'Pause alerts for 1 hour', quit: 'Quit', tooltip: 'Genba', openAlerts: (n) => count(n, 'open alert') },
};

/** The tray icon and its menu; `refresh` re-labels the menu and shows the open-alert count. */
export function createTray(
  icons: { normal: string; alert: string },
  lang: () => Lang,
  openAlerts: () => number,
  actions: TrayActions,
): { tray: Tray; refresh: () => void } {
  const tray = new Tray(nativeImage.createFromPath(icons.normal));
  const rebuild = (): void => {
    const l = localize(lang(), LABELS);
    const open = openAlerts();
    tray.setImage(nativeImage.createFromPath(open > 0 ? icons.alert : icons.normal));
    tray.setToolTip(open > 0 ? `${l.tooltip} — ${l.openAlerts(open)}` : l.tooltip);
    if (process.platform === 'darwin') tray.setTitle(open > 0 ? String(open) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: l.open, click: actions.open },
        { label: l.pause, click: actions.pauseAlerts },
        { type: 'separator' },
        { label: l.quit, click: actions.quit },
      ]),
    );
  };
  rebuild();
  tray.on('click', actions.open);
  return { tray, refresh: rebuild };
}
