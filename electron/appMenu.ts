import type { MenuItemConstructorOptions } from 'electron';
import { localize, type Lang, type Localized } from '../main/errors.js';

const LABELS: Localized<{ file: string; edit: string; view: string; window: string; develop: string }> = {
  ja: { file: 'ファイル', edit: '編集', view: '表示', window: 'ウインドウ', develop: '開発' },
  en: { file: 'File', edit: 'Edit', view: 'View', window: 'Window', develop: 'Develop' },
};

/**
 * The app's own menu, in place of Electron's default one (which offers Toggle Developer Tools
 * and Reload to anyone). What a manager needs: close and quit, the edit commands that copy and
 * paste need on macOS, zoom for a small or a far screen. Reload and the developer tools only
 * in development (`npm start`); packaged windows also have devTools off in their webPreferences.
 * Items are Electron roles, which the OS labels in its own language; the menus' names follow Genba's.
 */
export function appMenuTemplate(lang: Lang, o: { development: boolean; mac: boolean }): MenuItemConstructorOptions[] {
  const l = localize(lang, LABELS);
  const menu: MenuItemConstructorOptions[] = [];
  if (o.mac) menu.push({ role: 'appMenu' });
  menu.push({ label: l.file, submenu: [o.mac ? { role: 'close' } : { role: 'quit' }] });
  menu.push({
    label: l.edit,
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });
  menu.push({
    label: l.view,
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  });
  if (o.mac) menu.push({ label: l.window, role: 'windowMenu' });
  if (o.development) menu.push({ label: l.develop, submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] });
  return menu;
}
