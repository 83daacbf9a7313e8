// The system parts the tests use besides Node and npm packages: checked all at once before
// `npm test` runs anything, so a fresh machine learns everything it lacks, and the one
// command that installs it, in one message instead of one failing test at a time.
// `--packages` prints the missing Debian packages instead (scripts/test-fresh.sh installs them).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const japaneseFont = () => {
  try {
    return execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().length > 0;
  } catch {
    return false;
  }
};

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const parts = [
  {
    name: 'Chromium',
    why: `the end-to-end tests drive the app in it; looked for ${chromium}${process.env.CHROMIUM_PATH ? ' (CHROMIUM_PATH: point it at an installed Chromium, or install one)' : ''}`,
    ok: () => executable(chromium),
    debian: 'chromium',
    brew: 'brew install --cask chromium (then CHROMIUM_PATH=/Applications/Chromium.app/Contents/MacOS/Chromium)',
  },
  {
    name: 'MariaDB',
    why: 'the sync tests start a real server (mariadbd, mariadb-install-db)',
    ok: () => ['/usr/sbin/mariadbd', '/usr/bin/mariadbd'].some(executable),
    debian: 'mariadb-server',
    brew: 'brew install mariadb',
  },
  {
    name: 'ClickHouse',
    why: 'the log scale-out tests start a real server (clickhouse-server)',
    ok: () => ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server', '/usr/bin/clickhouse'].some(executable),
    debian: 'clickhouse-server',
    brew: 'brew install --cask clickhouse',
  },
  {
    name: 'a Japanese font',
    why: 'the screenshots show the UI as managers see it',
    ok: japaneseFont,
    debian: 'fonts-ipafont-gothic',
    brew: null,
  },
];

const missing = parts.filter((p) => !p.ok());
if (process.argv.includes('--packages')) {
  process.stdout.write(missing.map((p) => p.debian).join(' '));
  process.exit(0);
}
if (missing.length === 0) process.exit(0);

const sudo = typeof process.getuid === 'function' && process.getuid() === 0 ? '' : 'sudo ';
const lines = [
  `npm test: ${missing.length === 1 ? 'a system part is' : `${missing.length} system parts are`} missing, so no test was run:`,
  ...missing.map((p) => `  - ${p.name}: ${p.why}`),
  '',
  missing.length === 1 ? 'Install it with one command:' : 'Install them with one command:',
  existsSync('/usr/bin/apt-get') || process.platform === 'linux'
    ? `  ${sudo}apt-get install -y ${missing.map((p) => p.debian).join(' ')}`
    : `  ${missing
        .map((p) => p.brew)
        .filter(Boolean)
        .join(' && ')}`,
  '',
  'or run `npm run test:fresh`, which installs them (Debian/Ubuntu), installs the npm packages and runs the tests.',
  '',
];
process.stderr.write(lines.join('\n'));
process.exit(1);
