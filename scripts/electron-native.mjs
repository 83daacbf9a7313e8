// `npm start` runs the core inside Electron, whose Node ABI differs from the system Node
// that the tests and the CLI use. Rather than rebuilding node_modules in place (which
// would break `npm test`), build a second copy of better-sqlite3's binary for Electron
// under .electron-native/; electron/main.ts loads it through better-sqlite3's
// `nativeBinding` option. Needs internet once (Electron headers or a prebuilt binary).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';

const require = createRequire(import.meta.url);
const electron = require('electron/package.json').version;
const target = join('.electron-native', 'better-sqlite3');
const stamp = join(target, '.electron-version');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === electron) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electron} in ${target} …`);
rmSync(target, { recursive: true, force: true });
cpSync(join('node_modules', 'better-sqlite3'), target, {
  recursive: true,
  filter: (src) => !src.includes(`${sep}build${sep}`) && !src.endsWith(`${sep}build`),
});
execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'install'], {
  cwd: target,
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: electron,
    npm_config_disturl: 'https://electronjs.org/headers',
  },
});
writeFileSync(stamp, electron);
